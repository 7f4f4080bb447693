"""Registering a host organisation's own staff member or guest, with a one-inch photo.

The form is checked with the same rules as the service before anything is sent; the photo
is uploaded with the host user's session, then the command runs online (the committee
reviews the person, and an approved one gets a delegate badge)."""

from __future__ import annotations

import uuid
from typing import Any

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLineEdit, QVBoxLayout, QWidget

from desk.models.rules import check_guest, check_host_staff
from desk.reviewing import Refused, ServiceSession
from desk.views.errors import describe
from desk.views.host_photo import HostPhotoPicker
from desk.views.review_access import OnlineAccess
from desk.views.widgets import ChoiceBox, FieldForm


class HostPersonDialog(QDialog):
    """Accepted once the service stored the person. `kind` is "staff" or "guest"."""

    def __init__(self, access: OnlineAccess, host_org_id: str, kind: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.access = access
        self.host_org_id = host_org_id
        self.kind = kind
        self.language = access.services.language
        self.form = FieldForm()
        self.widgets: dict[str, Any] = {}
        if kind == "guest":
            self._choice("kind", "guest_kinds")
            self._text("name")
        else:
            self._text("surname")
            self._text("given_name")
        self._choice("gender", "genders")
        self._choice("nationality", "nationalities")
        self._choice("country", "foreign_countries", blank=True)
        self._choice("doc_type", "doc_types")
        self._text("doc_number")
        self._text("mobile")
        self._text("email")
        if kind == "guest":
            self._text("organisation")
            self._text("position")
        else:
            self._choice("position", "staff_positions")
        self.widgets["nationality"].currentIndexChanged.connect(self._nationality)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                        | QDialogButtonBox.StandardButton.Cancel)
        save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        save_button.setEnabled(False)
        self.photo = HostPhotoPicker("one-inch", access.services.tasks, self.language)
        self.photo.checked.connect(save_button.setEnabled)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.form)
        layout.addWidget(self.photo)
        layout.addWidget(self.buttons)
        self.retranslate()
        self._nationality()

    def _text(self, name: str) -> None:
        field = QLineEdit()
        self.widgets[name] = field
        self.form.add(name, field)

    def _choice(self, name: str, list_name: str, blank: bool = False) -> None:
        box = ChoiceBox(list_name, blank=blank)
        box.set_language(self.language)
        self.widgets[name] = box
        self.form.add(name, box)

    def _nationality(self) -> None:
        self.form.set_row_visible("country", self.widgets["nationality"].code() == "abroad")

    def values(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for name, widget in self.widgets.items():
            out[name] = widget.code() if isinstance(widget, ChoiceBox) else widget.text()
        return out

    def save(self) -> None:
        values = self.values()
        result = (check_guest if self.kind == "guest" else check_host_staff)(values)
        if result.errors:
            self.form.show_errors(result.errors, self.language)
            return
        if self.photo.data is None:
            self.form.general.say(self.tr("Import a one-inch photo that passes the checks."))
            return
        self.form.clear_errors()
        self.buttons.setEnabled(False)
        photo, org, kind = self.photo.data, self.host_org_id, self.kind

        def op(client: ServiceSession) -> None:
            sha = client.put_blob(photo, "one-inch")
            new_id = str(uuid.uuid4())
            if kind == "guest":
                client.command("add_guest", {"guest_id": new_id, "host_org_id": org,
                                             "guest": values, "photo_sha256": sha})
            else:
                client.command("add_host_staff", {"staff_id": new_id, "host_org_id": org,
                                                  "staff": values, "photo_sha256": sha})

        def failed(error: BaseException) -> None:
            self.buttons.setEnabled(True)
            words = (error.words(self.language) if isinstance(error, Refused)
                     else describe(error, self.language) or type(error).__name__)
            self.form.general.say(words)

        self.access.run(op, success=lambda _r: self.accept(), failure=failed, owner=self)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Add a guest") if self.kind == "guest"
                            else self.tr("Add a staff member"))
        labels = {
            "kind": self.tr("Guest or VIP"), "name": self.tr("Name"),
            "surname": self.tr("Surname"), "given_name": self.tr("Given name"),
            "gender": self.tr("Gender"), "nationality": self.tr("Nationality"),
            "country": self.tr("Country"), "doc_type": self.tr("Document type"),
            "doc_number": self.tr("Document number"), "mobile": self.tr("Mobile"),
            "email": self.tr("E-mail"), "organisation": self.tr("Organisation"),
            "position": self.tr("Position"),
        }
        for name, label in self.form.labels.items():
            label.setText(labels.get(name, name))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
