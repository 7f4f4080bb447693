"""The People tab (badge pick-up): search as you type over the whole fair (enterprise
personnel, host organisations' staff and guests), the list of matches, and the card of the
selected holder with the pick-up actions."""

from __future__ import annotations

import uuid

from PySide6.QtCore import QEvent, QItemSelectionModel, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desk.models.search import find_scanned
from desk.views import icons
from desk.views.handout_dialog import HandOutDialog
from desk.views.lookups import PersonCard
from desk.views.people_model import PeopleModel
from desk.views.person_card import PersonCardView
from desk.views.scanner import SCAN_PROPERTY
from desk.views.services import DeskServices


class SearchBox(QLineEdit):
    """The search field; Down moves into the list so the keyboard alone picks a person.

    Signals:
        down_pressed(): the operator pressed Down (or Enter) to go to the list.
    """

    down_pressed = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt)
        if event.key() == Qt.Key.Key_Down:
            self.down_pressed.emit()
            return
        super().keyPressEvent(event)


class PeoplePanel(QWidget):
    """Signals:
    person_shown(object): the card now shows this person id (or None).
    notice(str): something done worth a line in the status bar ("handed out to ...").
    """

    person_shown = Signal(object)
    notice = Signal(str)

    def __init__(self, services: DeskServices, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.search = SearchBox()
        self.search.setProperty(SCAN_PROPERTY, True)
        self.search.setClearButtonEnabled(True)
        self.search.addAction(icons.icon("search"), QLineEdit.ActionPosition.LeadingPosition)
        self.search.setStyleSheet("font-size: 18px; padding: 6px;")
        self.count = QLabel()
        self.model = PeopleModel(services.replica, services.tasks, lambda: services.language,
                                 self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setStretchLastSection(True)
        for column, width in enumerate((110, 210, 230, 130, 170)):
            self.table.setColumnWidth(column, width)
        self.card = PersonCardView(services)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        left = QWidget()
        left_column = QVBoxLayout(left)
        left_column.setContentsMargins(0, 0, 0, 0)
        row = QHBoxLayout()
        row.addWidget(self.search, 1)
        left_column.addLayout(row)
        left_column.addWidget(self.count)
        left_column.addWidget(self.table, 1)
        splitter.addWidget(left)
        splitter.addWidget(self.card)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setSizes([700, 520])
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)
        self.splitter = splitter

        self.search.textChanged.connect(self.model.search)
        self.search.down_pressed.connect(self._to_list)
        self.search.returnPressed.connect(self._to_list)
        self.model.results_arrived.connect(self._arrived)
        self.table.selectionModel().currentRowChanged.connect(self._current)
        self.table.activated.connect(lambda _index: self.next_step())
        self.card.handout_requested.connect(self.hand_out)
        self.card.edit_requested.connect(self.edit)
        services.data_changed.connect(self.model.refresh)
        self._pending_focus: uuid.UUID | None = None
        self.retranslate()
        QTimer.singleShot(0, self.search.setFocus)

    # -- searching ----------------------------------------------------------------------

    def focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    def _arrived(self, text: str, count: int) -> None:
        if not text.strip():
            self.count.setText("")
        elif count == 0:
            self.count.setText(self.tr("Nobody found for “%1”.").replace("%1", text))
        else:
            self.count.setText(self.tr("%n match(es)", "", count) if count < 50
                               else self.tr("50 or more matches: type more to narrow"))
        wanted = self._pending_focus
        row = self.model.row_of(wanted) if wanted is not None else (0 if count else -1)
        if row >= 0 and (wanted is not None or not self.table.selectionModel().hasSelection()):
            self._pending_focus = None
            self.table.selectionModel().setCurrentIndex(
                self.model.index(row, 0), QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows)
        elif count == 0 and wanted is None:
            self.card.show_person(None)

    def _current(self, current: object, _previous: object) -> None:
        index = current
        person_id = self.model.data(index, Qt.ItemDataRole.UserRole)  # type: ignore[arg-type]
        self.card.show_person(person_id)
        self.person_shown.emit(person_id)

    def _to_list(self) -> None:
        if self.model.rowCount():
            self.table.setFocus()
            if not self.table.selectionModel().hasSelection():
                self.table.selectRow(0)

    def show_person(self, person_id: uuid.UUID, text: str) -> None:
        """Show `person_id` (found by a scan of `text`): in the list and on the card."""
        self._pending_focus = person_id
        self.card.show_person(person_id)
        self.search.blockSignals(True)
        self.search.setText(text)
        self.search.blockSignals(False)
        self.model.search(text)

    def take_scan(self, code: str) -> None:
        """A scanner read a badge code or document number somewhere in the window."""
        replica = self.services.replica

        def op() -> uuid.UUID | None:
            with replica.read() as session:
                return find_scanned(session, code)

        def found(person_id: uuid.UUID | None) -> None:
            if person_id is None:
                self.search.setText(code)
                return
            self.show_person(person_id, code)

        self.services.tasks.run(op, success=found, owner=self)

    # -- actions ------------------------------------------------------------------------

    def next_step(self) -> None:
        """Enter on a person: the next thing the pick-up needs (hand out, else print)."""
        if self.card.handout_button.isEnabled():
            self.hand_out_current()
        elif self.card.print_button.isEnabled():
            self.print_current()

    def print_current(self) -> None:
        self.card.print_badge()

    def reprint_current(self) -> None:
        self.card.reprint_badge()

    def hand_out_current(self) -> None:
        if self.card.card is not None and self.card.handout_button.isEnabled():
            self.hand_out(self.card.card)

    def edit_current(self) -> None:
        if self.card.card is not None:
            self.edit(self.card.card)

    def hand_out(self, card: PersonCard) -> None:
        dialog = HandOutDialog(self.services, card, self)
        if dialog.exec():
            self.card.reload()
            # A line in the status bar, not a box to click away: the next visitor is waiting.
            self.notice.emit(self.tr("Badge handed out to %1.").replace("%1", card.name))
            self.focus_search()

    def edit(self, card: PersonCard) -> None:
        if card.kind != "person":
            # Their host organisation keeps their data, through its own tools online.
            self.notice.emit(self.tr("%1 is registered by a host organisation: it edits "
                                     "their data.").replace("%1", card.name))
            return
        from desk.views.person_dialog import edit_person

        edit_person(self, self.services, card, done=self.card.reload)

    def retranslate(self) -> None:
        self.search.setPlaceholderText(self.tr(
            "Name, pinyin (e.g. zw), document or phone tail, badge code — or scan"))
        self.search.setToolTip(self.tr("Ctrl+F or F2 to come back here"))
        self.model.retranslate()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
