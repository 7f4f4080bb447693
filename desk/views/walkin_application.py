"""Walk-in, the application: attendee without invitation by default; an invitation code
when the visitor has one, and always for an exhibitor. Once it passes, the account, the
enterprise and the application are recorded, in that order."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import (
    QLineEdit,
    QPlainTextEdit,
    QScrollArea,
    QVBoxLayout,
    QWidget,
    QWizardPage,
)

from desk.models.rules import RuleError, check_participation
from desk.views.errors import describe
from desk.views.person_dialog import refusal_errors
from desk.views.widgets import ChoiceBox, ChoiceChecks, FieldForm

if TYPE_CHECKING:
    from desk.views.walkin_wizard import WalkInWizard


class ParticipationFields(QWidget):
    """The application form; `values()` is what `check_participation` reads."""

    def __init__(self, language: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.language = language
        self.form = FieldForm()
        self.participation = ChoiceBox("participations")
        self.participation.set_code("attendee")
        self.attendee_type = ChoiceBox("attendee_types")
        self.attendee_type.set_code("uninvited")
        self.exhibitor_type = ChoiceBox("exhibitor_types")
        self.exhibitor_type.set_code("onsite")
        self.code = QLineEdit()
        self.contact_name = QLineEdit()
        self.contact_position = QLineEdit()
        self.contact_phone = QLineEdit()
        self.contact_email = QLineEdit()
        self.purposes = ChoiceChecks("purposes")
        self.exhibit_content = QPlainTextEdit()
        self.exhibit_needs = QPlainTextEdit()
        for box in (self.exhibit_content, self.exhibit_needs):
            box.setFixedHeight(60)
            box.setTabChangesFocus(True)
        for name, widget in (("participation", self.participation),
                             ("attendee_type", self.attendee_type),
                             ("exhibitor_type", self.exhibitor_type),
                             ("invitation_code", self.code),
                             ("contact_name", self.contact_name),
                             ("contact_position", self.contact_position),
                             ("contact_phone", self.contact_phone),
                             ("contact_email", self.contact_email),
                             ("purposes", self.purposes),
                             ("exhibit_content", self.exhibit_content),
                             ("exhibit_needs", self.exhibit_needs)):
            self.form.add(name, widget)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.form)
        self.participation.currentIndexChanged.connect(self._kind)
        self.attendee_type.currentIndexChanged.connect(self._kind)
        self.code.textEdited.connect(self._code_typed)
        self.retranslate()
        self._kind()

    def _code_typed(self, text: str) -> None:
        # A visitor with a code is an invited attendee: switch for them.
        if text.strip() and self.participation.code() == "attendee":
            self.attendee_type.set_code("invited")

    def _kind(self) -> None:
        exhibitor = self.participation.code() == "exhibitor"
        self.form.set_row_visible("attendee_type", not exhibitor)
        self.form.set_row_visible("exhibitor_type", exhibitor)
        self.form.set_row_visible("exhibit_content", exhibitor)
        self.form.set_row_visible("exhibit_needs", exhibitor)
        needs_code = exhibitor or self.attendee_type.code() == "invited"
        self.form.set_row_visible("invitation_code", needs_code)

    def values(self) -> dict[str, Any]:
        exhibitor = self.participation.code() == "exhibitor"
        invited = exhibitor or self.attendee_type.code() == "invited"
        return {
            "participation": self.participation.code(),
            "attendee_type": None if exhibitor else self.attendee_type.code(),
            "exhibitor_type": self.exhibitor_type.code() if exhibitor else None,
            "invitation_code": self.code.text() if invited else None,
            "contact_name": self.contact_name.text(),
            "contact_position": self.contact_position.text(),
            "contact_phone": self.contact_phone.text(),
            "contact_email": self.contact_email.text(),
            "purposes": self.purposes.codes(),
            "exhibit_content": self.exhibit_content.toPlainText() if exhibitor else "",
            "exhibit_needs": self.exhibit_needs.toPlainText() if exhibitor else "",
        }

    def set_values(self, values: dict[str, Any]) -> None:
        self.participation.set_code(values.get("participation") or "attendee")
        self.attendee_type.set_code(values.get("attendee_type") or "uninvited")
        self.exhibitor_type.set_code(values.get("exhibitor_type") or "onsite")
        self.code.setText(values.get("invitation_code") or "")
        for name in ("contact_name", "contact_position", "contact_phone", "contact_email"):
            getattr(self, name).setText(values.get(name) or "")
        self.purposes.set_codes(values.get("purposes") or [])
        self.exhibit_content.setPlainText(values.get("exhibit_content") or "")
        self.exhibit_needs.setPlainText(values.get("exhibit_needs") or "")
        self._kind()

    def retranslate(self) -> None:
        labels = {"participation": self.tr("Takes part as"),
                  "attendee_type": self.tr("Attendee type"),
                  "exhibitor_type": self.tr("Exhibitor type"),
                  "invitation_code": self.tr("Invitation code"),
                  "contact_name": self.tr("Contact person"),
                  "contact_position": self.tr("Contact's position"),
                  "contact_phone": self.tr("Contact's phone"),
                  "contact_email": self.tr("Contact's e-mail"),
                  "purposes": self.tr("Purposes"),
                  "exhibit_content": self.tr("What is exhibited"),
                  "exhibit_needs": self.tr("Exhibition needs")}
        for name, text in labels.items():
            self.form.labels[name].setText(text)
        for box in (self.participation, self.attendee_type, self.exhibitor_type):
            box.set_language(self.language)
        self.purposes.set_language(self.language)
        self.code.setPlaceholderText(self.tr("From the host organisation that invited them"))


class ApplicationPage(QWizardPage):
    def __init__(self, wizard: WalkInWizard) -> None:
        super().__init__()
        self.w = wizard
        self.fields = ParticipationFields(wizard.language)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.fields)
        layout = QVBoxLayout(self)
        layout.addWidget(scroll)
        self._done = False

    def values(self) -> dict[str, Any]:
        return self.fields.values()

    def validatePage(self) -> bool:  # noqa: N802 (Qt)
        if self._done:
            return True
        result = check_participation(self.values())
        if self.fields.form.show_errors(result.errors, self.w.language, result.warnings):
            return False
        w = self.w
        commands: list[tuple[str, dict[str, Any]]] = []
        if w.is_new:
            commands.append(("create_account", {"account_id": str(w.account_id),
                                                "account": w.account_page.values()}))
            commands.append(("register_enterprise", {"enterprise_id": str(w.enterprise_id),
                                                     "account_id": str(w.account_id),
                                                     "enterprise": w.enterprise_page.values()}))
        commands.append(("apply_participation", {"enterprise_id": str(w.enterprise_id),
                                                 "participation": self.values()}))
        todo = [(name, args) for name, args in commands if name not in w.recorded]
        self.setEnabled(False)
        self._record(todo)
        return False  # moves on by itself once recorded

    def _record(self, todo: list[tuple[str, dict[str, Any]]]) -> None:
        if not todo:
            self.setEnabled(True)
            self._done = True
            self.w.next()
            return
        name, args = todo[0]

        def recorded(_result: object) -> None:
            self.w.recorded.add(name)
            self._record(todo[1:])

        self.w.services.record(name, args, success=recorded,
                               failure=lambda error: self._refused(name, error), owner=self)

    def _refused(self, name: str, error: BaseException) -> None:
        self.setEnabled(True)
        errors = refusal_errors(error) or [RuleError("", "refused", describe(error, "zh_CN"),
                                                     describe(error, "en"))]
        if name == "create_account":
            self.w.back()
            self.w.back()
            self.w.account_page.form.show_errors(errors, self.w.language)
        elif name == "register_enterprise":
            self.w.back()
            self.w.enterprise_page.fields.form.show_errors(errors, self.w.language)
        else:
            self.fields.form.show_errors(errors, self.w.language)

    def retranslate(self) -> None:
        self.setTitle(self.tr("The application"))
        self.setSubTitle(self.tr("An attendee without invitation by default. Exhibitors and "
                                 "invited attendees give their invitation code."))
        self.fields.language = self.w.language
        self.fields.retranslate()
