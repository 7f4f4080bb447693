"""The host organisation's own record, with its business licence scan. The committee reviews
it before the organisation may use anything else; an edit after a rejection goes back to
review."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from desk.models.rules import check_host_org
from desk.views import icons, labels
from desk.views.host_photo import HostPhotoPicker
from desk.views.review_models import state_text
from desk.views.tasks import TaskManager
from desk.views.widgets import FieldForm

FIELDS = ("name", "name_en", "field", "industry_category", "uscc", "address", "postcode",
          "phone", "website")


class HostRecordPanel(QWidget):
    """Signals:
    save_requested(dict, object): the checked record, and the new licence scan's bytes (or
        None to keep the stored scan).
    """

    save_requested = Signal(dict, object)

    def __init__(self, tasks: TaskManager, language: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.language = language
        self.record: dict[str, Any] = {}
        self.state = QLabel()
        self.state.setWordWrap(True)
        self.form = FieldForm()
        self.edits: dict[str, QLineEdit] = {}
        for name in FIELDS:
            self.edits[name] = QLineEdit()
            self.form.add(name, self.edits[name])
        self.licence = HostPhotoPicker("licence", tasks, language)
        self.form.add("licence_sha256", self.licence)
        self.save_button = QPushButton(icons.icon("send"), "")
        self.save_button.clicked.connect(self.save)
        layout = QVBoxLayout(self)
        layout.addWidget(self.state)
        layout.addWidget(self.form)
        layout.addWidget(self.save_button)
        layout.addStretch(1)
        self.retranslate()

    def show_record(self, record: dict[str, Any]) -> None:
        self.record = record
        for name, edit in self.edits.items():
            edit.setText(str(record.get(name) or ""))
        if record.get("licence_sha256") and self.licence.data is None:
            self.licence.report.setText(self.tr("A licence scan is on file."))
        state = str(record.get("review_state") or "")
        editable = state in ("pending", "rejected") or bool(record.get("is_committee"))
        for edit in self.edits.values():
            edit.setReadOnly(not editable)
        self.licence.setEnabled(editable)
        self.save_button.setEnabled(editable)
        self.retranslate()

    def save(self) -> None:
        values: dict[str, Any] = {name: edit.text() for name, edit in self.edits.items()}
        values["licence_sha256"] = self.record.get("licence_sha256") or ""
        if self.licence.data is not None:
            import hashlib

            values["licence_sha256"] = hashlib.sha256(self.licence.data).hexdigest()
        result = check_host_org(values)
        if result.errors:
            self.form.show_errors(result.errors, self.language)
            return
        self.form.clear_errors()
        self.save_requested.emit(values, self.licence.data)

    def say(self, text: str, *, error: bool = False) -> None:
        self.form.general.say(text, warning=not error)

    def retranslate(self) -> None:
        words = {
            "name": self.tr("Name"), "name_en": self.tr("English name"),
            "field": self.tr("Field"), "industry_category": self.tr("Industry category"),
            "uscc": self.tr("Credit code (or n/a)"), "address": self.tr("Address"),
            "postcode": self.tr("Postcode"), "phone": self.tr("Phone"),
            "website": self.tr("Website"), "licence_sha256": self.tr("Business licence"),
        }
        for name, label in self.form.labels.items():
            label.setText(words.get(name, name))
        self.save_button.setText(self.tr("Send for the committee's review"))
        state = str(self.record.get("review_state") or "")
        reason = str(self.record.get("review_reason") or "")
        text = self.tr("Review by the committee: %1").replace("%1", state_text(state))
        if state == "rejected" and reason:
            text += " — " + self.tr("reason: %1").replace("%1", reason)
        if state == "approved":
            text += " " + self.tr("(no more changes)")
        self.state.setText(text if state else "")
        colour = labels.STATE_COLOURS.get(state, "#37474f")
        self.state.setStyleSheet(f"color: {QColor(colour).name()}; font-weight: bold;")

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
