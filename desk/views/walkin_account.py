"""Walk-in, the enterprise's account: the visitor's consent to the registration terms, the
identifier (proposed from the name's pinyin initials), the admin username and the contact
that receives the generated password by SMS (or e-mail from abroad)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QCheckBox, QLabel, QLineEdit, QVBoxLayout, QWizardPage

from desk.models.rules import check_account, suggest_identifier
from desk.views.widgets import ChoiceBox, FieldForm

if TYPE_CHECKING:
    from desk.views.walkin_wizard import WalkInWizard

TERMS_VERSION = "2026-1"


class AccountPage(QWizardPage):
    def __init__(self, wizard: WalkInWizard) -> None:
        super().__init__()
        self.w = wizard
        self.form = FieldForm()
        self.consent = QCheckBox()
        self.identifier = QLineEdit()
        self.admin_username = QLineEdit("admin")
        self.region = ChoiceBox("regions")
        self.mobile = QLineEdit()
        self.email = QLineEdit()
        self.form.add("consent_agreed", self.consent, aliases=("consent_terms_version",))
        self.form.add("identifier", self.identifier)
        self.form.add("admin_username", self.admin_username)
        self.form.add("registration_region", self.region)
        self.form.add("contact_mobile", self.mobile)
        self.form.add("contact_email", self.email)
        self.sms_note = QLabel()
        self.sms_note.setWordWrap(True)
        self.sms_note.setStyleSheet("color: #455a64;")
        layout = QVBoxLayout(self)
        layout.addWidget(self.form)
        layout.addWidget(self.sms_note)
        layout.addStretch(1)
        self.region.currentIndexChanged.connect(self._region)
        self._region()

    def propose(self, name: str) -> None:
        """Propose an identifier from the name's pinyin initials (the operator may change)."""
        if not self.identifier.isModified():
            self.identifier.setText(suggest_identifier(name) if name else "")

    def _region(self) -> None:
        mainland = self.region.code() == "mainland"
        self.form.set_row_visible("contact_mobile", mainland)
        self.form.set_row_visible("contact_email", not mainland)

    def values(self) -> dict[str, Any]:
        mainland = self.region.code() == "mainland"
        return {
            "identifier": self.identifier.text(),
            "admin_username": self.admin_username.text(),
            "registration_region": self.region.code(),
            "contact_mobile": self.mobile.text() if mainland else None,
            "contact_email": None if mainland else self.email.text(),
            "display_name": "",
            "consent_terms_version": TERMS_VERSION,
            "consent_agreed": self.consent.isChecked(),
        }

    def validatePage(self) -> bool:  # noqa: N802 (Qt)
        result = check_account(self.values())
        return self.form.show_errors(result.errors, self.w.language, result.warnings) == 0

    def retranslate(self) -> None:
        self.setTitle(self.tr("The enterprise's account"))
        self.setSubTitle(self.tr("Read the registration terms and privacy notice (version "
                                 "%1) to the visitor; tick only when they agree.")
                         .replace("%1", TERMS_VERSION))
        self.consent.setText(self.tr("The visitor agrees to the registration terms and "
                                     "privacy notice"))
        labels = {"consent_agreed": self.tr("Consent"),
                  "identifier": self.tr("Enterprise identifier"),
                  "admin_username": self.tr("Admin username"),
                  "registration_region": self.tr("Registered from"),
                  "contact_mobile": self.tr("Mobile (mainland)"),
                  "contact_email": self.tr("E-mail")}
        for name, text in labels.items():
            self.form.labels[name].setText(text)
        self.region.set_language(self.w.language)
        self.identifier.setToolTip(self.tr("Proposed from the pinyin initials of the name; "
                                           "4-20 letters, digits, _ or -"))
        self.sms_note.setText(self.tr("A generated password will be sent by SMS to this "
                                      "mobile (by e-mail from abroad). The desk never sees it."))
