"""The walk-in: find the enterprise or register it (account, consent, information,
application), add its people with their photos, and send one batch badge request.

The account, enterprise and application are checked page by page and recorded together
only once all three pass; people are recorded one by one as each passes; the batch request
is confirmed once with the list of names."""

from __future__ import annotations

import uuid
from typing import Any

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QRadioButton,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from desk.models.search import NearDuplicate, near_duplicates, search_enterprises
from desk.views.lookups import EnterprisePage, enterprise_page
from desk.views.people_model import LatestOnly
from desk.views.services import DeskServices
from desk.views.widgets import ErrorLine

FIND, ACCOUNT, ENTERPRISE, APPLICATION, PEOPLE, BATCH = range(6)


class FindPage(QWizardPage):
    """Find the enterprise by name or credit code, with a near-duplicate warning while
    typing; choose it, or register a new one."""

    def __init__(self, wizard: WalkInWizard, name: str) -> None:
        super().__init__()
        self.w = wizard
        self.query = QLineEdit(name)
        self.results = QListWidget()
        self.warning = ErrorLine()
        self.use_existing = QRadioButton()
        self.register_new = QRadioButton()
        self.register_new.setChecked(True)
        group = QButtonGroup(self)
        group.addButton(self.use_existing)
        group.addButton(self.register_new)
        self.duplicates: list[NearDuplicate] = []
        self.runner = LatestOnly(wizard.services.tasks, self)
        self.runner.answered.connect(self._answered)
        layout = QVBoxLayout(self)
        layout.addWidget(self.query)
        layout.addWidget(self.warning)
        layout.addWidget(self.results, 1)
        layout.addWidget(self.use_existing)
        layout.addWidget(self.register_new)
        self.query.textChanged.connect(self._search)
        self.query.textChanged.connect(lambda _text: self.completeChanged.emit())
        self.results.currentItemChanged.connect(self._picked)
        self.use_existing.toggled.connect(lambda _on: self.completeChanged.emit())
        self.results.currentItemChanged.connect(lambda *_items: self.completeChanged.emit())
        self._search(name)

    def _search(self, text: str) -> None:
        replica = self.w.services.replica

        def op() -> tuple[list[Any], list[NearDuplicate]]:
            with replica.read() as session:
                found = search_enterprises(session, text, limit=30) if text.strip() else []
                uscc = text.strip().upper() if len(text.strip()) == 18 else None
                return found, near_duplicates(session, text, uscc)

        self.runner.ask(op)

    def _answered(self, _generation: int, result: Any) -> None:
        found, duplicates = result
        self.results.clear()
        for hit in found:
            item = QListWidgetItem(f"{hit.name}    {hit.uscc or ''}")
            item.setData(Qt.ItemDataRole.UserRole, hit.id)
            self.results.addItem(item)
        self.duplicates = duplicates
        if duplicates:
            names = "、".join(d.name for d in duplicates)
            same = any(d.reason in ("same_name", "same_uscc") for d in duplicates)
            text = (self.tr("Already registered: %1. Choose it below instead of registering "
                            "it again.") if same else
                    self.tr("Similar names are registered: %1. Check it is not one of them."))
            self.warning.say(text.replace("%1", names), warning=not same)
        else:
            self.warning.say("")

    def _picked(self, item: QListWidgetItem | None, _old: object) -> None:
        if item is not None:
            self.use_existing.setChecked(True)

    def selected(self) -> uuid.UUID | None:
        item = self.results.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item is not None else None

    def isComplete(self) -> bool:  # noqa: N802 (Qt)
        if self.use_existing.isChecked():
            return self.selected() is not None
        return bool(self.query.text().strip())

    def validatePage(self) -> bool:  # noqa: N802 (Qt)
        if self.use_existing.isChecked():
            chosen = self.selected()
            if chosen is None:
                return False
            if self.w.enterprise is not None and self.w.enterprise.id == chosen:
                return True
            self.w.load_enterprise(chosen)
            return False  # the wizard moves on once the enterprise is read
        if any(d.reason in ("same_name", "same_uscc") for d in self.duplicates):
            return False
        self.w.new_enterprise(self.query.text().strip())
        return True

    def nextId(self) -> int:  # noqa: N802 (Qt)
        return self.w.after_find()

    def retranslate(self) -> None:
        self.setTitle(self.tr("Find the enterprise"))
        self.setSubTitle(self.tr("Type the name or the credit code. If it is registered, "
                                 "choose it; otherwise register it."))
        self.query.setPlaceholderText(self.tr("Enterprise name or unified social credit code"))
        self.use_existing.setText(self.tr("Use the enterprise chosen above"))
        self.register_new.setText(self.tr("Register a new enterprise with this name"))


class WalkInWizard(QWizard):
    """The walk-in flow. `enterprise_id` is set once the enterprise is known (chosen or
    recorded); `people` holds the people added during this walk-in."""

    def __init__(self, services: DeskServices, parent: QWidget | None = None, *,
                 name: str = "", enterprise: EnterprisePage | None = None) -> None:
        super().__init__(parent)
        from desk.views.walkin_account import AccountPage
        from desk.views.walkin_application import ApplicationPage
        from desk.views.walkin_enterprise import EnterpriseInfoPage
        from desk.views.walkin_people import BatchPage, PeoplePage

        self.services = services
        self.enterprise_id: uuid.UUID | None = None
        self.enterprise: EnterprisePage | None = None
        self.account_id = uuid.uuid4()
        self.new_id = uuid.uuid4()  # the id a newly registered enterprise gets
        self.is_new = False
        self.recorded: set[str] = set()  # commands of this walk-in already recorded
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnLastPage, False)
        self.resize(860, 720)
        self.find_page = FindPage(self, name)
        self.account_page = AccountPage(self)
        self.enterprise_page = EnterpriseInfoPage(self)
        self.application_page = ApplicationPage(self)
        self.people_page = PeoplePage(self)
        self.batch_page = BatchPage(self)
        for page_id, page in ((FIND, self.find_page), (ACCOUNT, self.account_page),
                              (ENTERPRISE, self.enterprise_page),
                              (APPLICATION, self.application_page),
                              (PEOPLE, self.people_page), (BATCH, self.batch_page)):
            self.setPage(page_id, page)
        self.retranslate()
        if enterprise is not None:
            self._use(enterprise)
            self.setStartId(APPLICATION if enterprise.participation is None else PEOPLE)

    @property
    def language(self) -> str:
        return self.services.language

    def new_enterprise(self, name: str) -> None:
        self.is_new = True
        self.enterprise = None
        self.enterprise_id = self.new_id
        self.account_page.propose(name)
        self.enterprise_page.set_name(name)

    def load_enterprise(self, enterprise_id: uuid.UUID) -> None:
        replica = self.services.replica

        def op() -> EnterprisePage | None:
            with replica.read() as session:
                return enterprise_page(session, enterprise_id)

        def arrived(page: EnterprisePage | None) -> None:
            if page is None:
                return
            self._use(page)
            if self.currentId() == FIND:
                self.next()  # the find page now validates: on to the application or people

        self.services.tasks.run(op, success=arrived, owner=self)

    def _use(self, page: EnterprisePage) -> None:
        self.is_new = False
        self.enterprise = page
        self.enterprise_id = page.id
        self.people_page.load_existing(page)

    def after_find(self) -> int:
        if self.enterprise is not None and not self.is_new:
            return APPLICATION if self.enterprise.participation is None else PEOPLE
        return ACCOUNT

    def participation(self) -> tuple[str | None, str | None]:
        values = self.application_page.values()
        if self.enterprise is not None and self.enterprise.participation is not None:
            return self.enterprise.participation, self.enterprise.exhibitor_type
        return values.get("participation"), values.get("exhibitor_type")

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Walk-in registration"))
        for page in (self.find_page, self.account_page, self.enterprise_page,
                     self.application_page, self.people_page, self.batch_page):
            page.retranslate()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
