"""Handing an enterprise's printed badges in one batch to its contact person or a named
collector: choose the badges, record who collects them and the document they showed, confirm
once, and `hand_out_badges` is recorded as one command (offline too, through the outbox)."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desk.models.commands import CommandRefused
from desk.models.rules import RuleError, check_document, mask_document
from desk.sync.outbox import Recorded
from desk.views import labels
from desk.views.batch_handout_rows import (
    HANDED_OUT,
    PRINT_FIRST,
    READY,
    BatchPage,
    BatchRow,
    batch_page,
)
from desk.views.errors import describe
from desk.views.printing_hook import print_badge
from desk.views.scanner import SCAN_PROPERTY
from desk.views.services import DeskServices
from desk.views.widgets import ChoiceBox, FieldForm

Index = QModelIndex | QPersistentModelIndex
GREY = QColor("#9e9e9e")
CHOOSE, CONFIRM, RESULT = range(3)


class BadgeChoiceModel(QAbstractTableModel):
    """Columns: 0 the holder's name, with the check box of the badge; 1 badge type;
    2 document number, masked; 3 where the badge stands (printed with its code, print first,
    handed out and to whom, or the request's state). Rows not ready to hand out are grey."""

    def __init__(self, language: Callable[[], str], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.language = language
        self.rows: list[BatchRow] = []
        self.checked: set[uuid.UUID] = set()  # person ids

    def set_rows(self, rows: list[BatchRow]) -> None:
        """New rows; a person seen before keeps the operator's tick, a new one is ticked."""
        known = {row.person_id for row in self.rows}
        self.beginResetModel()
        self.checked = {row.person_id for row in rows if row.checkable
                        and (row.person_id in self.checked or row.person_id not in known)}
        self.rows = list(rows)
        self.endResetModel()

    def ticked(self, state: str) -> list[BatchRow]:
        return [row for row in self.rows if row.state == state and row.person_id in self.checked]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else 4

    def flags(self, index: Index) -> Qt.ItemFlag:
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.column() == 0 and self.rows[index.row()].checkable:
            flags |= Qt.ItemFlag.ItemIsUserCheckable
        return flags

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not 0 <= index.row() < len(self.rows):
            return None
        row = self.rows[index.row()]
        if role == Qt.ItemDataRole.CheckStateRole and index.column() == 0 and row.checkable:
            return (Qt.CheckState.Checked if row.person_id in self.checked
                    else Qt.CheckState.Unchecked)
        if role == Qt.ItemDataRole.ForegroundRole and row.state != READY:
            return GREY
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        kind = labels.choice("badge_types", row.badge_type, self.language())
        return (row.name, kind, row.doc_masked, self._standing(row))[index.column()]

    def _standing(self, row: BatchRow) -> str:
        if row.state == READY:
            return self.tr("Printed — %1").replace("%1", row.badge_code)
        if row.state == PRINT_FIRST:
            return self.tr("Not printed: print first")
        if row.state == HANDED_OUT:
            if row.handed_to:
                return self.tr("Handed out to %1").replace("%1", row.handed_to)
            return self.tr("Handed out to the holder")
        return labels.request_status(row.request_status)

    def setData(self, index: Index, value: Any,  # noqa: N802
                role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.CheckStateRole or not self.rows[index.row()].checkable:
            return False
        person = self.rows[index.row()].person_id
        if Qt.CheckState(value) == Qt.CheckState.Checked:
            self.checked.add(person)
        else:
            self.checked.discard(person)
        self.dataChanged.emit(index, index, [role])
        return True

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role != Qt.ItemDataRole.DisplayRole or orientation != Qt.Orientation.Horizontal:
            return None
        return (self.tr("Name"), self.tr("Badge type"), self.tr("Document"),
                self.tr("Badge"))[section]


class BatchHandOutDialog(QDialog):
    """Choose the badges and the collector, confirm, record. Accepted once recorded, unless
    some badges turn out handed out before: then it says which, and closes on Close.

    Signals:
        handed_out(int): the hand-out was recorded; carries the number of badges.
    """

    handed_out = Signal(int)

    def __init__(self, services: DeskServices, enterprise_id: uuid.UUID,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.enterprise_id = enterprise_id
        self.page: BatchPage | None = None
        self.print_queue: list[uuid.UUID] = []
        self.setMinimumSize(860, 560)
        self.stack = QStackedWidget()
        self.stack.addWidget(self._choose_page())
        self.stack.addWidget(self._confirm_page())
        self.stack.addWidget(self._result_page())
        layout = QVBoxLayout(self)
        layout.addWidget(self.stack)
        self.model.modelReset.connect(self._update_print_button)
        self.model.dataChanged.connect(self._update_print_button)
        services.data_changed.connect(self._data_changed)
        self.retranslate()
        self._show(CHOOSE)
        self.load()

    # -- building -----------------------------------------------------------------------

    def _choose_page(self) -> QWidget:
        self.heading = QLabel()
        self.heading.setStyleSheet("font-size: 16px; font-weight: bold;")
        self.model = BadgeChoiceModel(lambda: self.services.language, self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        for section in range(3):
            header.setSectionResizeMode(section, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.print_button = QPushButton()
        self.print_button.clicked.connect(self.print_unprinted)
        self.print_note = QLabel()
        self.print_note.setWordWrap(True)
        self.print_note.setStyleSheet("color: #616161;")
        self.to_contact, self.to_other = QRadioButton(), QRadioButton()
        group = QButtonGroup(self)
        group.addButton(self.to_contact)
        group.addButton(self.to_other)
        self.to_contact.setChecked(True)
        self.to_contact.toggled.connect(self._collector_mode)
        radios = QWidget()
        radio_row = QVBoxLayout(radios)
        radio_row.setContentsMargins(0, 0, 0, 0)
        radio_row.addWidget(self.to_contact)
        radio_row.addWidget(self.to_other)
        self.collector_name = QLineEdit()
        self.doc_kind = ChoiceBox("doc_types")
        self.doc_number = QLineEdit()
        self.doc_number.setProperty(SCAN_PROPERTY, True)
        self.form = FieldForm()
        self.form.add("items", self.table, aliases=("badge_id", "handout_id"))
        print_row = QHBoxLayout()
        print_row.addWidget(self.print_button)
        print_row.addWidget(self.print_note, 1)
        self.form.layout_form.addRow(print_row)
        self.collector_caption = QLabel()
        self.form.layout_form.addRow(self.collector_caption, radios)
        self.form.add("collector.name", self.collector_name)
        self.form.add("collector.doc_kind", self.doc_kind, aliases=("recipient",))
        self.form.add("collector.doc_number", self.doc_number,
                      aliases=("document_checked",))
        self.review_button = QPushButton()
        self.review_button.clicked.connect(self.review)
        self.cancel_button = QPushButton()
        self.cancel_button.clicked.connect(self.reject)
        page = QWidget()
        column = QVBoxLayout(page)
        column.addWidget(self.heading)
        column.addWidget(self.form, 1)
        column.addLayout(self._button_row(self.cancel_button, self.review_button))
        return page

    def _confirm_page(self) -> QWidget:
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setStyleSheet("font-size: 16px;")
        self.summary.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.back_button, self.confirm_button = QPushButton(), QPushButton()
        self.back_button.clicked.connect(lambda: self._show(CHOOSE))
        self.confirm_button.clicked.connect(self.confirm)
        page = QWidget()
        column = QVBoxLayout(page)
        column.addWidget(self.summary, 1)
        column.addLayout(self._button_row(self.back_button, self.confirm_button))
        return page

    def _result_page(self) -> QWidget:
        self.result_label = QLabel()
        self.result_label.setWordWrap(True)
        self.result_label.setStyleSheet("font-size: 16px; color: #8d6e00;")
        self.result_label.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.close_button = QPushButton()
        self.close_button.clicked.connect(self.accept)
        page = QWidget()
        column = QVBoxLayout(page)
        column.addWidget(self.result_label, 1)
        column.addLayout(self._button_row(self.close_button))
        return page

    @staticmethod
    def _button_row(*buttons: QPushButton) -> QHBoxLayout:
        row = QHBoxLayout()
        row.addStretch(1)
        for button in buttons:
            row.addWidget(button)
        return row

    def _show(self, page: int) -> None:
        self.stack.setCurrentIndex(page)
        default = {CHOOSE: self.review_button, CONFIRM: self.confirm_button,
                   RESULT: self.close_button}[page]
        for button in (self.review_button, self.confirm_button, self.close_button):
            button.setDefault(button is default)
        default.setFocus()

    # -- data ---------------------------------------------------------------------------

    def load(self) -> None:
        replica, enterprise_id = self.services.replica, self.enterprise_id

        def op() -> BatchPage | None:
            with replica.read() as session:
                return batch_page(session, enterprise_id)

        self.services.tasks.run(op, success=self._arrived, owner=self)

    def _arrived(self, page: BatchPage | None) -> None:
        first = self.page is None
        self.page = page
        self.model.set_rows(page.rows if page else [])
        self.heading.setText(page.enterprise_name if page else "")
        has_contact = bool(page and page.contact_name)
        self.to_contact.setEnabled(has_contact)
        if not has_contact:
            self.to_other.setChecked(True)  # toggles: the name field opens for typing
        elif self.to_contact.isChecked():
            self.collector_name.setText(page.contact_name if page else "")
        if first:
            self._collector_mode()
        self.retranslate()

    def _data_changed(self) -> None:
        # What the operator is confirming stays as shown: the command flags any surprise.
        if self.isVisible() and self.stack.currentIndex() == CHOOSE:
            self.load()

    def _collector_mode(self) -> None:
        contact = self.to_contact.isChecked()
        self.collector_name.setReadOnly(contact)
        if contact:
            self.collector_name.setText(self.page.contact_name if self.page else "")
            self.doc_number.setFocus()
        elif self.page is not None and self.collector_name.text() == self.page.contact_name:
            self.collector_name.clear()
            self.collector_name.setFocus()

    # -- printing -----------------------------------------------------------------------

    def _update_print_button(self) -> None:
        self.print_button.setEnabled(bool(self.model.ticked(PRINT_FIRST)))

    def print_unprinted(self) -> None:
        """The ticked unprinted badges through the desk's print dialog, one after another;
        a cancelled print leaves the rest for the next press."""
        self.print_queue = [row.request_id for row in self.model.ticked(PRINT_FIRST)
                            if row.request_id is not None]
        self._print_next()

    def _print_next(self) -> None:
        if self.print_queue:
            print_badge(self, self.services, self.print_queue.pop(0), done=self._print_next)

    # -- hand-out -----------------------------------------------------------------------

    def _problems(self) -> list[RuleError]:
        """Every reason not to hand out yet, each under its field."""
        problems: list[RuleError] = []
        if not self.model.ticked(READY):
            text = self.tr("Tick at least one printed badge")
            problems.append(RuleError("items", "empty", text, text))
        if not self.collector_name.text().strip():
            text = self.tr("Enter the collector's name")
            problems.append(RuleError("collector.name", "required", text, text))
        kind = self.doc_kind.code()
        if kind is None:
            text = self.tr("Choose the type of the document shown")
            problems.append(RuleError("collector.doc_kind", "required", text, text))
        else:
            check = check_document(kind, self.doc_number.text())
            problem = check.error_for("collector.doc_number")
            if problem is not None:
                problems.append(problem)
        return problems

    def review(self) -> None:
        problems = self._problems()
        if problems:
            self.form.show_errors(problems, self.services.language)
            return
        self.form.clear_errors()
        chosen = self.model.ticked(READY)
        separator = "、" if self.services.chinese else ", "
        kind = labels.choice("doc_types", self.doc_kind.code(), self.services.language)
        text = (self.tr("Hand out %1 badges to %2 (%3 %4):")
                .replace("%1", str(len(chosen)))
                .replace("%2", self.collector_name.text().strip())
                .replace("%3", kind)
                .replace("%4", mask_document(self.doc_number.text().strip())))
        text += "\n\n" + separator.join(row.name for row in chosen)
        unprinted = self.model.ticked(PRINT_FIRST)
        if unprinted:
            text += "\n\n" + self.tr("Not printed, so not handed out: %1").replace(
                "%1", separator.join(row.name for row in unprinted))
        self.summary.setText(text)
        self._show(CONFIRM)

    def command_args(self) -> dict[str, Any]:
        kind = self.doc_kind.code() or ""
        return {
            "items": [{"badge_id": str(row.badge_id), "handout_id": str(uuid.uuid4())}
                      for row in self.model.ticked(READY)],
            "recipient": "collector",
            "document_checked": kind,
            "collector": {"name": self.collector_name.text().strip(), "doc_kind": kind,
                          "doc_number": self.doc_number.text()},
        }

    def confirm(self) -> None:
        args = self.command_args()
        self.confirm_button.setEnabled(False)
        self.back_button.setEnabled(False)
        count = len(args["items"])

        def recorded(answer: Recorded) -> None:
            self.handed_out.emit(count)
            flagged = {str(badge) for badge in answer.outcome.details.get("flagged", [])}
            if not flagged:
                self.accept()
                return
            names = [row.name for row in self.model.rows if str(row.badge_id) in flagged]
            separator = "、" if self.services.chinese else ", "
            self.result_label.setText(self.tr(
                "Recorded. These badges had been handed out before, at another desk: %1. "
                "The hand-out is flagged for the fair office.").replace(
                "%1", separator.join(names)))
            self._show(RESULT)

        self.services.record("hand_out_badges", args, success=recorded,
                             failure=self._refused, owner=self)

    def _refused(self, error: BaseException) -> None:
        self.confirm_button.setEnabled(True)
        self.back_button.setEnabled(True)
        self._show(CHOOSE)
        details = getattr(error, "details", None) or {}
        problems = [RuleError(p.get("field", ""), p.get("code", ""), p.get("message_zh", ""),
                              p.get("message_en", "")) for p in details.get("errors", [])]
        if not problems and isinstance(error, CommandRefused) and error.field in self.form.errors:
            problems = [RuleError(error.field, error.code, error.message_zh, error.message_en)]
        if problems:
            self.form.show_errors(problems, self.services.language)
        else:
            self.form.general.say(describe(error, self.services.language) or str(error))
        self.load()

    # -- language -----------------------------------------------------------------------

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Hand out badges to a collector"))
        contact = self.page.contact_name if self.page else ""
        self.to_contact.setText(self.tr("The contact person: %1").replace("%1", contact)
                                if contact else self.tr("The contact person (none registered)"))
        self.to_other.setText(self.tr("Another named collector"))
        self.collector_caption.setText(self.tr("Collected by"))
        self.form.labels["items"].setText(self.tr("Badges"))
        self.form.labels["collector.name"].setText(self.tr("Collector's name"))
        self.form.labels["collector.doc_kind"].setText(self.tr("Document type"))
        self.form.labels["collector.doc_number"].setText(
            self.tr("Document number (type or scan)"))
        self.doc_number.setPlaceholderText(self.tr("The number on the document in hand"))
        self.doc_kind.set_language(self.services.language)
        self.print_button.setText(self.tr("Print the ticked unprinted badges"))
        self.print_note.setText(self.tr("Grey rows cannot be handed out yet. Each badge "
                                        "opens the print dialog in turn."))
        self.review_button.setText(self.tr("Hand out…"))
        self.cancel_button.setText(self.tr("Cancel"))
        self.back_button.setText(self.tr("Back"))
        self.confirm_button.setText(self.tr("Confirm hand-out"))
        self.close_button.setText(self.tr("Close"))
        self.model.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, 3)
        if self.model.rows:
            self.model.dataChanged.emit(self.model.index(0, 0),
                                        self.model.index(len(self.model.rows) - 1, 3))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
