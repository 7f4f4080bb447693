"""Adding or editing a person: the person's fields and the photo step. Every failing field
shows its message at once; nothing is recorded until all pass."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QGroupBox,
    QMessageBox,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from desk.models.commands import CommandRefused
from desk.models.rules import RuleError, check_person
from desk.sync.outbox import Recorded
from desk.views.errors import describe
from desk.views.lookups import PersonCard
from desk.views.person_form import PersonFields
from desk.views.photo_step import PhotoStep
from desk.views.services import DeskServices

translate = QCoreApplication.translate


def refusal_errors(error: BaseException) -> list[RuleError]:
    """A command refused here already, as field errors (one per failing field)."""
    if not isinstance(error, CommandRefused):
        return []
    problems = error.details.get("errors") if isinstance(error.details, dict) else None
    if problems:
        return [RuleError(p.get("field", ""), p.get("code", ""), p.get("message_zh", ""),
                          p.get("message_en", "")) for p in problems]
    return [RuleError(error.field or "", error.code, error.message_zh, error.message_en)]


class PersonDialog(QDialog):
    """Accepted once the person is recorded. `person_id` is the new or edited person.

    For a new person give `enterprise_id`; for an edit give `values` and `person_id`.
    """

    def __init__(self, services: DeskServices, *, enterprise_id: uuid.UUID | None = None,
                 person_id: uuid.UUID | None = None, values: dict[str, Any] | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.enterprise_id = enterprise_id
        self.editing = person_id is not None
        self.person_id = person_id or uuid.uuid4()
        self.original_photo = (values or {}).get("photo_sha256")
        self.fields = PersonFields(services.language)
        self.photo = PhotoStep(services)
        self.photo_box = QGroupBox()
        box = QVBoxLayout(self.photo_box)
        box.addWidget(self.photo)
        inner = QWidget()
        column = QVBoxLayout(inner)
        column.addWidget(self.fields)
        column.addWidget(self.photo_box)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(inner)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(scroll)
        layout.addWidget(self.buttons)
        self.resize(620, 760)
        if values:
            self.fields.set_values(values)
            self.photo.set_existing(self.original_photo)
        self.recorded: Recorded | None = None
        self.retranslate()
        self.fields.nationality.setFocus()

    def save(self) -> None:
        values = self.fields.values()
        result = check_person(values)
        if not result.ok:
            self.fields.show_errors(result.errors, result.warnings)
            return
        self.fields.show_errors([], result.warnings)
        photo = self.photo.sha256
        if self.editing:
            args: dict[str, Any] = {"person_id": str(self.person_id), "person": values}
            if photo and photo != self.original_photo:
                args["photo_sha256"] = photo
            name = "edit_person"
        else:
            args = {"person_id": str(self.person_id), "enterprise_id": str(self.enterprise_id),
                    "person": values, "photo_sha256": photo}
            name = "add_person"
        self.buttons.setEnabled(False)
        self.submit(name, args)

    def submit(self, name: str, args: dict[str, Any]) -> None:
        """Record the checked person; a subclass may send it another way (a resend)."""
        self.services.record(name, args, success=self._saved, failure=self._refused,
                             owner=self)

    def _saved(self, recorded: Recorded) -> None:  # also the success of a subclass's submit
        self.recorded = recorded
        self.accept()

    def _refused(self, error: BaseException) -> None:
        self.buttons.setEnabled(True)
        errors = refusal_errors(error)
        if errors:
            self.fields.show_errors(errors)
        else:
            QMessageBox.warning(self, self.windowTitle(),
                                describe(error, self.services.language) or str(error))

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Edit person") if self.editing else self.tr("Add person"))
        self.photo_box.setTitle(self.tr("Badge photo"))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)


def edit_person(parent: QWidget, services: DeskServices, card: PersonCard,
                done: Callable[[], None]) -> None:
    """Edit a person from their card; then offer to send the new data to reviewers, as an
    edit alone does not change what they see."""
    dialog = PersonDialog(services, person_id=card.id, values=card.form, parent=parent)
    if not dialog.exec():
        return
    request = card.request
    follow = None
    if request is not None and request.status in ("pending", "approved"):
        follow = "update_badge_request"
    elif request is not None and request.status == "rejected":
        follow = "resubmit_badge_request"
    if follow is not None and request is not None:
        ask = QMessageBox.question(
            parent, translate("PersonDialog", "Badge request"),
            translate("PersonDialog", "Send the new data to the reviewers "
                                       "(the badge request goes back to review)?"))
        if ask == QMessageBox.StandardButton.Yes:
            services.record(follow, {"request_id": str(request.id)}, success=lambda _r: done(),
                            owner=parent)
            return
    done()
