"""The Enterprises tab: find an enterprise (name, pinyin initials, credit code, account
identifier), see its application and people, and start a walk-in from here."""

from __future__ import annotations

import uuid
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
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desk.models.search import EnterpriseHit, search_enterprises, tune_connection
from desk.views import icons, labels
from desk.views.lookups import EnterprisePage, enterprise_page
from desk.views.people_model import LatestOnly
from desk.views.services import DeskServices

Index = QModelIndex | QPersistentModelIndex


class EnterpriseModel(QAbstractTableModel):
    """Columns: 0 name; 1 credit code; 2 account identifier; 3 participation;
    4 review state; 5 number of people."""

    def __init__(self, services: DeskServices, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.hits: list[EnterpriseHit] = []
        self.text = ""
        self.runner = LatestOnly(services.tasks, self)
        self.runner.answered.connect(self._answered)

    def search(self, text: str) -> None:
        self.text = text
        replica = self.services.replica

        def op() -> list[EnterpriseHit]:
            with replica.read() as session:
                tune_connection(session.connection())
                return search_enterprises(session, text, limit=100)

        self.runner.ask(op)

    def _answered(self, _generation: int, hits: Any) -> None:
        self.beginResetModel()
        self.hits = list(hits or [])
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.hits)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else 6

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not 0 <= index.row() < len(self.hits):
            return None
        hit = self.hits[index.row()]
        if role == Qt.ItemDataRole.UserRole:
            return hit.id
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        language = self.services.language
        return (hit.name, hit.uscc or "", hit.identifier or "",
                labels.choice("participations", hit.participation, language),
                labels.review_state(hit.review_state), str(hit.people))[index.column()]

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role != Qt.ItemDataRole.DisplayRole or orientation != Qt.Orientation.Horizontal:
            return None
        return (self.tr("Name"), self.tr("Credit code"), self.tr("Identifier"),
                self.tr("Takes part as"), self.tr("Review"), self.tr("People"))[section]


class EnterprisesPanel(QWidget):
    """Signals:
    person_chosen(object, str): the operator opened a person of this enterprise (id, name).
    """

    person_chosen = Signal(object, str)

    def __init__(self, services: DeskServices, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.page: EnterprisePage | None = None
        self.search = QLineEdit()
        self.search.setClearButtonEnabled(True)
        self.search.addAction(icons.icon("search"), QLineEdit.ActionPosition.LeadingPosition)
        self.model = EnterpriseModel(services, self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setColumnWidth(0, 260)
        self.table.setColumnWidth(1, 170)
        self.walk_in_button = QPushButton(icons.icon("walk_in"), "")
        self.walk_in_button.clicked.connect(self.walk_in)
        self.help_button = QPushButton(icons.icon("key"), "")
        self.help_button.clicked.connect(self.account_help)
        self.detail = QFrame()
        self.detail.setFrameShape(QFrame.Shape.StyledPanel)
        self.title = QLabel()
        self.title.setStyleSheet("font-size: 18px; font-weight: bold;")
        self.title.setWordWrap(True)
        self.facts = QFormLayout()
        self.captions: dict[str, QLabel] = {}
        self.values: dict[str, QLabel] = {}
        for key in ("state", "participation", "identifier", "contact"):
            self.captions[key], self.values[key] = QLabel(), QLabel()
            self.values[key].setWordWrap(True)
            self.facts.addRow(self.captions[key], self.values[key])
        self.people = QListWidget()
        self.people.itemActivated.connect(self._person_activated)
        self.add_people_button = QPushButton(icons.icon("people"), "")
        self.add_people_button.clicked.connect(self.add_people)
        self.add_people_button.setEnabled(False)
        self.batch_handout_button = QPushButton(icons.icon("hand_out"), "")
        self.batch_handout_button.clicked.connect(self.hand_out_batch)
        self.batch_handout_button.setEnabled(False)
        column = QVBoxLayout(self.detail)
        column.addWidget(self.title)
        column.addLayout(self.facts)
        column.addWidget(self.people, 1)
        column.addWidget(self.add_people_button)
        column.addWidget(self.batch_handout_button)
        left = QWidget()
        left_column = QVBoxLayout(left)
        left_column.setContentsMargins(0, 0, 0, 0)
        row = QHBoxLayout()
        row.addWidget(self.search, 1)
        row.addWidget(self.walk_in_button)
        row.addWidget(self.help_button)
        left_column.addLayout(row)
        left_column.addWidget(self.table, 1)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(left)
        splitter.addWidget(self.detail)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)
        self.search.textChanged.connect(self.model.search)
        self.table.selectionModel().currentRowChanged.connect(
            lambda current, _previous: self.show_enterprise(
                self.model.data(current, Qt.ItemDataRole.UserRole)))
        services.data_changed.connect(self._reload)
        self.retranslate()

    def show_enterprise(self, enterprise_id: uuid.UUID | None) -> None:
        if enterprise_id is None:
            self.page = None
            self._fill()
            return
        replica = self.services.replica

        def op() -> EnterprisePage | None:
            with replica.read() as session:
                return enterprise_page(session, enterprise_id)

        self.services.tasks.run(op, success=self._arrived, owner=self)

    def _arrived(self, page: EnterprisePage | None) -> None:
        self.page = page
        self._fill()

    def _reload(self) -> None:
        if self.model.text:
            self.model.search(self.model.text)
        if self.page is not None:
            self.show_enterprise(self.page.id)

    def _fill(self) -> None:
        page = self.page
        language = self.services.language
        self.people.clear()
        self.add_people_button.setEnabled(page is not None)
        self.batch_handout_button.setEnabled(page is not None)
        if page is None:
            self.title.setText(self.tr("Find an enterprise, or register a walk-in (F3)."))
            for value in self.values.values():
                value.clear()
            return
        self.title.setText(page.name)
        state = labels.review_state(page.review_state)
        if page.review_state == "rejected" and page.review_reason:
            state += f" — {page.review_reason}"
        self.values["state"].setText(state)
        kind = labels.choice("participations", page.participation, language)
        sub = labels.choice("attendee_types", page.attendee_type, language) or labels.choice(
            "exhibitor_types", page.exhibitor_type, language)
        self.values["participation"].setText(f"{kind} {sub}".strip())
        self.values["identifier"].setText(page.identifier or "")
        self.values["contact"].setText(page.contact_name)
        for person_id, name, status in page.people:
            item = QListWidgetItem(f"{name}    {labels.request_status(status)}")
            item.setData(Qt.ItemDataRole.UserRole, (person_id, name))
            self.people.addItem(item)

    def _person_activated(self, item: QListWidgetItem) -> None:
        person_id, name = item.data(Qt.ItemDataRole.UserRole)
        self.person_chosen.emit(person_id, name)

    # -- flows --------------------------------------------------------------------------

    def walk_in(self) -> None:
        from desk.views.walkin_wizard import WalkInWizard

        wizard = WalkInWizard(self.services, self, name=self.search.text().strip())
        wizard.finished.connect(lambda _code: self._after_wizard(wizard))
        self.services.open_dialogs.append(wizard)
        wizard.open()

    def add_people(self) -> None:
        if self.page is None:
            return
        from desk.views.walkin_wizard import WalkInWizard

        wizard = WalkInWizard(self.services, self, enterprise=self.page)
        wizard.finished.connect(lambda _code: self._after_wizard(wizard))
        self.services.open_dialogs.append(wizard)
        wizard.open()

    def hand_out_batch(self) -> None:
        """The enterprise's printed badges to its contact person or a named collector."""
        if self.page is None:
            return
        from desk.views.batch_handout import BatchHandOutDialog

        dialog = BatchHandOutDialog(self.services, self.page.id, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.services.open_dialogs.append(dialog)
        dialog.finished.connect(lambda _code: self.services.open_dialogs.remove(dialog))
        dialog.open()

    def _after_wizard(self, wizard: QWidget) -> None:
        if wizard in self.services.open_dialogs:
            self.services.open_dialogs.remove(wizard)
        enterprise_id = getattr(wizard, "enterprise_id", None)
        if enterprise_id is not None:
            self.show_enterprise(enterprise_id)

    def account_help(self) -> None:
        from desk.views.account_help import AccountHelpDialog

        AccountHelpDialog(self.services, self).exec()

    def retranslate(self) -> None:
        self.search.setPlaceholderText(self.tr("Enterprise name, pinyin initials, credit code "
                                               "or account identifier"))
        self.walk_in_button.setText(self.tr("Walk-in (F3)"))
        self.help_button.setText(self.tr("Account help"))
        self.add_people_button.setText(self.tr("Add people and request badges"))
        self.batch_handout_button.setText(self.tr("Hand out badges to collector… "
                                                  "(Ctrl+Shift+H)"))
        # After the text: a button's setText replaces its shortcut with the text's mnemonic.
        self.batch_handout_button.setShortcut(QKeySequence("Ctrl+Shift+H"))
        captions = {"state": self.tr("Review"), "participation": self.tr("Takes part as"),
                    "identifier": self.tr("Account identifier"),
                    "contact": self.tr("Contact person")}
        for key, text in captions.items():
            self.captions[key].setText(text)
        self.model.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, 5)
        self._fill()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
