"""Handing out a badge: the document in hand is checked against the registered one (type,
and the number typed or scanned), then `hand_out_badges` is recorded. A collector for the
enterprise gives a name and a document of their own instead."""

from __future__ import annotations

import uuid
from collections.abc import Mapping

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from desk.models.rules import RuleError, check_document
from desk.views.errors import describe
from desk.views.lookups import PersonCard, document_matches
from desk.views.scanner import SCAN_PROPERTY
from desk.views.services import DeskServices
from desk.views.widgets import ChoiceBox, FieldForm


class HandOutDialog(QDialog):
    """Check the document in hand, then hand out. Accepted once the hand-out is recorded."""

    def __init__(self, services: DeskServices, card: PersonCard,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.card = card
        self.setMinimumWidth(480)
        self.who = QLabel()
        self.who.setStyleSheet("font-size: 16px;")
        self.holder = QRadioButton()
        self.collector = QRadioButton()
        self.holder.setChecked(True)
        group = QButtonGroup(self)
        group.addButton(self.holder)
        group.addButton(self.collector)
        self.form = FieldForm()
        self.collector_name = QLineEdit()
        self.doc_type = ChoiceBox("doc_types")
        self.doc_type.set_code(card.doc_type)
        self.doc_number = QLineEdit()
        self.doc_number.setProperty(SCAN_PROPERTY, True)
        self.form.add("collector.name", self.collector_name)
        self.form.add("doc_type", self.doc_type, aliases=("collector.doc_kind",))
        self.form.add("doc_number", self.doc_number, aliases=("collector.doc_number", "items",
                                                             "badge_id"))
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.hand_out)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.who)
        layout.addWidget(self.holder)
        layout.addWidget(self.collector)
        layout.addWidget(self.form)
        layout.addWidget(self.buttons)
        self.holder.toggled.connect(self._mode)
        self.retranslate()
        self._mode()
        self.doc_number.setFocus()

    def _mode(self) -> None:
        self.form.set_row_visible("collector.name", self.collector.isChecked())
        self.form.clear_errors()
        if self.collector.isChecked():
            self.collector_name.setFocus()
        else:
            self.doc_type.set_code(self.card.doc_type)
            self.doc_number.setFocus()

    def hand_out(self) -> None:
        card, badge = self.card, self.card.badge
        if badge is None:
            return
        language = self.services.language
        doc_type = self.doc_type.code() or ""
        typed = self.doc_number.text()
        items = [{"badge_id": str(badge.id), "handout_id": str(uuid.uuid4())}]
        if self.collector.isChecked():
            args = {"items": items, "recipient": "collector", "document_checked": doc_type,
                    "collector": {"name": self.collector_name.text(), "doc_kind": doc_type,
                                  "doc_number": typed}}
            self._record(args)
            return
        errors: list[RuleError] = []
        if doc_type != card.doc_type:
            errors.append(RuleError("doc_type", "wrong_document",
                                    "出示的证件类型与登记的不一致",
                                    "This is not the type of document registered"))
        check = check_document(doc_type, typed)
        if not check.ok:
            errors.append(check.error_for("doc_number") or RuleError(
                "doc_number", "invalid", "证件号码不正确", "The document number is wrong"))
        if errors:
            self.form.show_errors(errors, language)
            return
        replica = self.services.replica

        def op() -> bool:
            with replica.read() as session:
                return document_matches(session, card.id, doc_type, typed)

        def checked(same: bool) -> None:
            if not same:
                self.form.show_errors([RuleError(
                    "doc_number", "document_mismatch",
                    "证件号码与登记的不一致：请核对证件，不要发放",
                    "The number differs from the registered one: check the document, do not "
                    "hand out")], language)
                return
            self._record({"items": items, "recipient": "holder", "document_checked": doc_type})

        self.services.tasks.run(op, success=checked, owner=self)

    def _record(self, args: Mapping[str, object]) -> None:
        self.buttons.setEnabled(False)

        def refused(error: BaseException) -> None:
            self.buttons.setEnabled(True)
            details = getattr(error, "details", None) or {}
            problems = [RuleError(p.get("field", ""), p.get("code", ""), p.get("message_zh", ""),
                                  p.get("message_en", "")) for p in details.get("errors", [])]
            if problems:
                self.form.show_errors(problems, self.services.language)
            else:
                self.form.general.say(describe(error, self.services.language) or str(error))

        self.services.record("hand_out_badges", args, success=lambda _r: self.accept(),
                             failure=refused, owner=self)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Hand out badge"))
        badge = self.card.badge
        self.who.setText(self.tr("%1 — badge %2").replace("%1", self.card.name).replace(
            "%2", badge.code if badge else ""))
        self.holder.setText(self.tr("To the holder (check the document in hand)"))
        self.collector.setText(self.tr("To a collector for the enterprise"))
        self.form.labels["collector.name"].setText(self.tr("Collector's name"))
        self.form.labels["doc_type"].setText(self.tr("Document type"))
        self.form.labels["doc_number"].setText(self.tr("Document number (type or scan)"))
        self.doc_type.set_language(self.services.language)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Hand out"))
        self.doc_number.setPlaceholderText(self.tr("The number on the document in hand"))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
