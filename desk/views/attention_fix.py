"""Fixing what came back: the kept entries of a refused command in its own form, to correct
and send again; an enterprise or a badge request the reviewers rejected, to correct and
resubmit. Nothing the operator typed is lost on the way."""

from __future__ import annotations

import uuid
from typing import Any

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QScrollArea,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desk.models.rules import check_enterprise, check_participation
from desk.sync import outbox
from desk.sync.attention import Item
from desk.views.errors import describe
from desk.views.person_dialog import PersonDialog, refusal_errors
from desk.views.services import DeskServices
from desk.views.walkin_application import ParticipationFields
from desk.views.walkin_enterprise import EnterpriseFields


class ResendPersonDialog(PersonDialog):
    """A refused `add_person` / `edit_person`, its entries in the person form; saving sends
    the corrected command again and closes the item."""

    def __init__(self, services: DeskServices, item: Item, parent: QWidget | None = None) -> None:
        args = dict(item.args or {})
        values = dict(args.get("person") or {})
        values["photo_sha256"] = args.get("photo_sha256")
        super().__init__(services, enterprise_id=_uuid(args.get("enterprise_id")),
                         person_id=_uuid(args.get("person_id")), values=values, parent=parent)
        self.item = item
        self.editing = item.command_name == "edit_person"
        self.retranslate()
        errors = refusal_errors(_as_refusal(item))
        if errors:
            self.fields.show_errors(errors)

    def submit(self, name: str, args: dict[str, Any]) -> None:
        kept = dict(self.item.args or {})
        kept.update(args)
        if self.item.command_name == "add_person":
            kept["enterprise_id"] = (self.item.args or {}).get("enterprise_id")
            kept.setdefault("photo_sha256", self.photo.sha256)
        replica, operator_id, item_id = self.services.replica, self.services.operator_id, \
            self.item.id
        self.services.tasks.run(
            lambda: outbox.resend(replica, item_id, operator_id=operator_id, args=kept),
            pool="write", success=self._resent, failure=self._refused, owner=self)

    def _resent(self, recorded: outbox.Recorded) -> None:
        self.services.data_changed.emit()
        self._saved(recorded)


class EnterpriseFixDialog(QDialog):
    """The enterprise's information and application in two tabs. For a refused command the
    corrected command is sent again; for a review rejection the enterprise is updated and
    resubmitted to review."""

    def __init__(self, services: DeskServices, item: Item, *, enterprise: dict[str, Any],
                 participation: dict[str, Any], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.item = item
        language = services.language
        self.reason = QLabel(item.message(language))
        self.reason.setWordWrap(True)
        self.reason.setStyleSheet("color: #b71c1c; font-weight: bold;")
        self.enterprise = EnterpriseFields(language)
        self.enterprise.set_values(enterprise)
        self.participation = ParticipationFields(language)
        self.participation.set_values(participation)
        self.tabs = QTabWidget()
        for widget, title in ((self.enterprise, self.tr("Enterprise")),
                              (self.participation, self.tr("Application"))):
            scroll = QScrollArea()
            scroll.setWidgetResizable(True)
            scroll.setWidget(widget)
            self.tabs.addTab(scroll, title)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Send again"))
        self.buttons.accepted.connect(self.send)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.reason)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.buttons)
        self.setWindowTitle(self.tr("Fix and send again"))
        self.resize(760, 720)
        errors = refusal_errors(_as_refusal(item)) if item.kind == "command_rejected" else []
        for error in errors:
            form = (self.participation.form if error.field in self.participation.form.errors
                    else self.enterprise.form)
            form.show_errors([error], language)

    def send(self) -> None:
        language = self.services.language
        enterprise = check_enterprise(self.enterprise.values())
        participation = check_participation(self.participation.values())
        bad_e = self.enterprise.form.show_errors(enterprise.errors, language)
        bad_p = self.participation.form.show_errors(participation.errors, language)
        if bad_e or bad_p:
            self.tabs.setCurrentIndex(0 if bad_e else 1)
            return
        item = self.item
        args = dict(item.args or {})
        replica, operator_id = self.services.replica, self.services.operator_id
        self.buttons.setEnabled(False)

        def op() -> None:
            if item.kind == "command_rejected":
                if item.command_name == "register_enterprise":
                    args["enterprise"] = self.enterprise.values()
                else:
                    args["participation"] = self.participation.values()
                outbox.resend(replica, item.id, operator_id=operator_id, args=args)
                return
            enterprise_id = item.entity_id
            outbox.record(replica, "update_enterprise", {
                "enterprise_id": enterprise_id, "enterprise": self.enterprise.values(),
                "participation": self.participation.values()}, operator_id=operator_id)
            outbox.record(replica, "resubmit_enterprise", {"enterprise_id": enterprise_id},
                          operator_id=operator_id)
            outbox.resolve_item(replica, item.id, "resubmitted")

        def failed(error: BaseException) -> None:
            self.buttons.setEnabled(True)
            errors = refusal_errors(error)
            self.reason.setText(describe(error, language) or str(error))
            for error_ in errors:
                form = (self.participation.form if error_.field in self.participation.form.errors
                        else self.enterprise.form)
                form.show_errors([error_], language)

        def sent(_none: None) -> None:
            self.services.data_changed.emit()
            self.accept()

        self.services.tasks.run(op, pool="write", success=sent, failure=failed, owner=self)


def _uuid(value: Any) -> uuid.UUID | None:
    try:
        return uuid.UUID(str(value)) if value else None
    except ValueError:
        return None


def _as_refusal(item: Item) -> Any:
    from desk.models.commands import CommandRefused

    return CommandRefused(item.code or "refused", item.message_zh, item.message_en,
                          field=item.field, details=item.details)
