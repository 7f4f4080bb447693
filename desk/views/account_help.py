"""Account help for a visitor who forgot the enterprise identifier or the password: after
checking the visitor is the enterprise's contact person or one of its registered people,
show the identifier and the admin username, and offer a password reset by SMS."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy import select
from sqlalchemy.orm import Session

from desk.models.rules import check_phone, normalize_text
from desk.models.schema import Account, Enterprise, Person
from desk.models.search import EnterpriseHit, search_enterprises
from desk.sync import outbox
from desk.views import icons
from desk.views.errors import describe, show_error
from desk.views.lookups import same_document
from desk.views.people_model import LatestOnly
from desk.views.services import DeskServices
from desk.views.widgets import ChoiceBox, ErrorLine, FieldForm

HELP_LINE = "+86-10-58103199"


@dataclass(frozen=True)
class Revealed:
    """What a visitor who passed the check may be told, and what the check was (ids only)."""

    identifier: str
    admin_username: str
    account_id: uuid.UUID
    verified_as: str  # contact_person | registered_person
    person_id: uuid.UUID | None = None

    def reset_args(self) -> dict[str, str]:
        """The arguments of `reset_account_password` for this check."""
        args = {"account_id": str(self.account_id), "verified_as": self.verified_as}
        if self.person_id is not None:
            args["person_id"] = str(self.person_id)
        return args


def verify_visitor(session: Session, enterprise_id: uuid.UUID, *, contact: bool, name: str,
                   phone: str, doc_type: str, doc_number: str) -> Revealed | None:
    """The account's identifier and username when the visitor is the contact person (name
    and phone) or a registered person (name and document); None otherwise."""
    enterprise = session.get(Enterprise, enterprise_id)
    account = session.scalar(select(Account).where(Account.enterprise_id == enterprise_id,
                                                   Account.deleted.is_(False)).limit(1))
    if enterprise is None or account is None:
        return None
    name = normalize_text(name)
    if contact:
        typed = check_phone(phone).normalized
        ok = (name == normalize_text(enterprise.contact_name) and typed is not None
              and typed in (check_phone(enterprise.contact_phone).normalized,
                            account.contact_mobile))
        return (Revealed(account.identifier, account.admin_username, account.id,
                         "contact_person") if ok else None)
    people = session.scalars(select(Person).where(Person.enterprise_id == enterprise_id,
                                                  Person.deleted.is_(False),
                                                  Person.doc_type == doc_type))
    match = next((p for p in people if normalize_text(p.name) == name
                  and same_document(doc_type, p.doc_number, doc_number)), None)
    if match is None:
        return None
    return Revealed(account.identifier, account.admin_username, account.id,
                    "registered_person", match.id)


class AccountHelpDialog(QDialog):
    def __init__(self, services: DeskServices, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.enterprise_id: uuid.UUID | None = None
        self.revealed: Revealed | None = None
        self.search = QLineEdit()
        self.results = QListWidget()
        self.results.setMaximumHeight(130)
        self.as_contact = QRadioButton()
        self.as_person = QRadioButton()
        self.as_contact.setChecked(True)
        group = QButtonGroup(self)
        group.addButton(self.as_contact)
        group.addButton(self.as_person)
        self.form = FieldForm()
        self.name = QLineEdit()
        self.phone = QLineEdit()
        self.doc_type = ChoiceBox("doc_types")
        self.doc_number = QLineEdit()
        for key, widget in (("name", self.name), ("phone", self.phone),
                            ("doc_type", self.doc_type), ("doc_number", self.doc_number)):
            self.form.add(key, widget)
        self.check_button = QPushButton(icons.icon("ok"), "")
        self.check_button.clicked.connect(self.check)
        self.answer = QLabel()
        self.answer.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.answer.setStyleSheet("font-size: 16px;")
        self.error = ErrorLine()
        self.reset_button = QPushButton(icons.icon("key"), "")
        self.reset_button.setEnabled(False)
        self.reset_button.clicked.connect(self.reset_password)
        self.reset_note = QLabel()
        self.reset_note.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        for part in (self.search, self.results, self.as_contact, self.as_person, self.form,
                     self.check_button, self.error, self.answer, self.reset_button,
                     self.reset_note, buttons):
            layout.addWidget(part)
        layout.insertStretch(layout.count() - 1, 1)
        self.runner = LatestOnly(services.tasks, self)
        self.runner.answered.connect(self._found)
        self.search.textChanged.connect(self._search)
        self.results.currentItemChanged.connect(self._chosen)
        self.as_contact.toggled.connect(self._mode)
        self.resize(560, 640)
        self.retranslate()
        self._mode()

    def _search(self, text: str) -> None:
        replica = self.services.replica

        def op() -> list[EnterpriseHit]:
            with replica.read() as session:
                return search_enterprises(session, text, limit=20)

        self.runner.ask(op)

    def _found(self, _generation: int, hits: list[EnterpriseHit]) -> None:
        self.results.clear()
        for hit in hits or []:
            item = QListWidgetItem(hit.name)
            item.setData(Qt.ItemDataRole.UserRole, hit.id)
            self.results.addItem(item)

    def _chosen(self, item: QListWidgetItem | None, _old: object) -> None:
        self.enterprise_id = item.data(Qt.ItemDataRole.UserRole) if item else None
        self._forget()

    def _forget(self) -> None:
        """No check holds any more: nothing shown, no reset possible."""
        self.revealed = None
        self.answer.clear()
        self.reset_note.clear()
        self.reset_button.setEnabled(False)

    def _mode(self) -> None:
        contact = self.as_contact.isChecked()
        self.form.set_row_visible("phone", contact)
        self.form.set_row_visible("doc_type", not contact)
        self.form.set_row_visible("doc_number", not contact)

    def check(self) -> None:
        enterprise_id = self.enterprise_id
        if enterprise_id is None:
            self.error.say(self.tr("Choose the enterprise first."))
            return
        replica = self.services.replica
        contact = self.as_contact.isChecked()
        values = (self.name.text(), self.phone.text(), self.doc_type.code() or "",
                  self.doc_number.text())

        def op() -> Revealed | None:
            with replica.read() as session:
                return verify_visitor(session, enterprise_id, contact=contact, name=values[0],
                                      phone=values[1], doc_type=values[2], doc_number=values[3])

        self.services.tasks.run(op, success=self._checked, owner=self)

    def _checked(self, revealed: Revealed | None) -> None:
        self._forget()
        if revealed is None:
            self.error.say(self.tr("The details do not match the enterprise's records: nothing "
                                   "is shown."))
            return
        self.revealed = revealed
        self.error.say("")
        self.answer.setText(self.tr("Identifier: %1    Admin username: %2")
                            .replace("%1", revealed.identifier)
                            .replace("%2", revealed.admin_username))
        self.reset_button.setEnabled(True)

    def reset_password(self) -> None:
        """Queue the reset: the service sends it when it gets it (at once when online)."""
        if self.revealed is None:
            return
        self.reset_button.setEnabled(False)  # one reset per check
        self.services.record("reset_account_password", self.revealed.reset_args(),
                             success=self._reset_recorded, failure=self._reset_refused,
                             owner=self)

    def _reset_recorded(self, recorded: outbox.Recorded) -> None:
        self.error.say("")
        self.reset_note.setText(self.tr("A new password will be sent by SMS to %1.")
                                .replace("%1", str(recorded.outcome.details.get("sms_to", ""))))

    def _reset_refused(self, error: BaseException) -> None:
        text = describe(error, self.services.language)
        if not text:
            show_error(self, error, self.services.language)
            return
        self.error.say(text + " " + self.tr("The visitor can call the fair's help line %1.")
                       .replace("%1", HELP_LINE))

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Account help"))
        self.search.setPlaceholderText(self.tr("Enterprise name or credit code"))
        self.as_contact.setText(self.tr("The visitor is the contact person"))
        self.as_person.setText(self.tr("The visitor is a registered person of the enterprise"))
        self.form.labels["name"].setText(self.tr("Visitor's name"))
        self.form.labels["phone"].setText(self.tr("Contact phone"))
        self.form.labels["doc_type"].setText(self.tr("Document type"))
        self.form.labels["doc_number"].setText(self.tr("Document number"))
        self.doc_type.set_language(self.services.language)
        self.check_button.setText(self.tr("Check identity"))
        self.reset_button.setText(self.tr("Send a password reset by SMS"))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
