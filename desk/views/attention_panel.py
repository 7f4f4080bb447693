"""The Attention tab: what the service refused and what reviewers rejected, with the reason
in the operator's language and a way to fix it and send it again (the entries are kept)."""

from __future__ import annotations

import json
import uuid

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy import select
from sqlalchemy.orm import Session

from desk.models.schema import BadgeRequest, Enterprise, Person
from desk.sync import attention, outbox
from desk.sync.attention import Item
from desk.views import icons
from desk.views.lookups import EnterprisePage, PersonCard, enterprise_page, person_card
from desk.views.services import DeskServices

# Refused commands that have a form to fix them in.
PERSON_COMMANDS = ("add_person", "edit_person")
ENTERPRISE_COMMANDS = ("register_enterprise", "apply_participation", "update_enterprise")
# Argument keys never shown in the kept-entries view (personal numbers stay masked).
HIDDEN_KEYS = ("doc_number", "mobile", "contact_mobile", "contact_phone", "email",
               "contact_email", "password")


def subject_of(session: Session, item: Item) -> str:
    """Whom an item is about, in a few words: the enterprise or the person's name."""
    args = item.args or {}
    entity_id = item.entity_id or args.get("enterprise_id") or args.get("person_id")
    person = args.get("person") if isinstance(args.get("person"), dict) else None
    enterprise = args.get("enterprise") if isinstance(args.get("enterprise"), dict) else None
    if person and person.get("name"):
        return str(person["name"])
    if enterprise and enterprise.get("name"):
        return str(enterprise["name"])
    try:
        key = uuid.UUID(str(entity_id))
    except ValueError:
        return ""
    if item.entity == "badge_request":
        request = session.get(BadgeRequest, key)
        holder = session.get(Person, request.holder_id) if request else None
        return holder.name if holder else ""
    row = session.get(Enterprise, key) or session.get(Person, key)
    return row.name if row is not None else ""


def kept_entries(args: dict[str, object] | None) -> str:
    """The command's kept arguments, readable, with personal numbers left out."""

    def scrub(value: object) -> object:
        if isinstance(value, dict):
            return {k: ("…" if k in HIDDEN_KEYS and v else scrub(v)) for k, v in value.items()}
        if isinstance(value, list):
            return [scrub(v) for v in value]
        return value

    return json.dumps(scrub(args or {}), ensure_ascii=False, indent=1)


class AttentionPanel(QWidget):
    """Signals:
    count_changed(int): how many items are open (the tab shows it).
    """

    count_changed = Signal(int)

    def __init__(self, services: DeskServices, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.items: list[Item] = []
        self.subjects: dict[int, str] = {}
        self.count = 0
        self.list = QListWidget()
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setStyleSheet("font-size: 15px; color: #b71c1c;")
        self.entries_title = QLabel()
        self.entries = QPlainTextEdit()
        self.entries.setReadOnly(True)
        self.fix_button = QPushButton(icons.icon("edit"), "")
        self.resend_button = QPushButton(icons.icon("send"), "")
        self.done_button = QPushButton(icons.icon("ok"), "")
        self.fix_button.clicked.connect(self.fix)
        self.resend_button.clicked.connect(self.resend)
        self.done_button.clicked.connect(self.done)
        detail = QWidget()
        column = QVBoxLayout(detail)
        column.addWidget(self.message)
        column.addWidget(self.entries_title)
        column.addWidget(self.entries, 1)
        row = QHBoxLayout()
        for button in (self.fix_button, self.resend_button, self.done_button):
            row.addWidget(button)
        column.addLayout(row)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.list)
        splitter.addWidget(detail)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([420, 860])
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)
        self.list.currentRowChanged.connect(self._show)
        services.data_changed.connect(self.reload)
        services.sync_finished.connect(lambda _result: self.reload())
        services.language_changed.connect(lambda _language: self._fill())
        self.retranslate()
        self.reload()

    def reload(self) -> None:
        replica = self.services.replica

        def op() -> tuple[list[Item], dict[int, str]]:
            with replica.read() as session:
                items = attention.open_items(session)
                return items, {item.id: subject_of(session, item) for item in items}

        self.services.tasks.run(op, success=self._arrived, owner=self)

    def _arrived(self, found: tuple[list[Item], dict[int, str]]) -> None:
        items, self.subjects = found
        current = self.current()
        self.items = items
        self._fill()
        if current is not None:
            for row, item in enumerate(items):
                if item.id == current.id:
                    self.list.setCurrentRow(row)
        if self.count != len(items):
            self.count = len(items)
            self.count_changed.emit(self.count)

    def _fill(self) -> None:
        language = self.services.language
        self.list.blockSignals(True)
        self.list.clear()
        for item in self.items:
            stamp = item.created_at.astimezone().strftime("%m-%d %H:%M")
            subject = self.subjects.get(item.id, "")
            self.list.addItem(QListWidgetItem(icons.icon("attention", "#b71c1c"),
                                              f"{stamp}  {subject}\n{item.message(language)}"))
        self.list.blockSignals(False)
        if self.items and self.list.currentRow() < 0:
            self.list.setCurrentRow(0)
        self._show(self.list.currentRow())

    def current(self) -> Item | None:
        row = self.list.currentRow()
        return self.items[row] if 0 <= row < len(self.items) else None

    def _show(self, _row: int) -> None:
        item = self.current()
        language = self.services.language
        self.fix_button.setEnabled(item is not None and self._fixable(item))
        self.resend_button.setEnabled(item is not None and item.kind == "command_rejected")
        self.done_button.setEnabled(item is not None)
        if item is None:
            self.message.setText(self.tr("Nothing needs attention."))
            self.entries.clear()
            return
        subject = self.subjects.get(item.id, "")
        self.message.setText(f"{subject}: {item.message(language)}" if subject
                             else item.message(language))
        if item.args:
            self.entries.setPlainText(kept_entries(item.args))
        else:
            stage = item.details.get("stage")
            self.entries.setPlainText(self.tr("Rejected at stage %1 of the review. Fix the data "
                                              "and send it again.").replace("%1", str(stage or 1)))

    @staticmethod
    def _fixable(item: Item) -> bool:
        if item.kind == "command_rejected":
            return item.command_name in PERSON_COMMANDS + ENTERPRISE_COMMANDS
        return item.kind == "review_rejected" and item.entity in ("enterprise", "badge_request")

    # -- actions ------------------------------------------------------------------------

    def fix(self) -> None:
        from desk.views.attention_fix import ResendPersonDialog

        item = self.current()
        if item is None:
            return
        if item.kind == "command_rejected" and item.command_name in PERSON_COMMANDS:
            if ResendPersonDialog(self.services, item, self).exec():
                self.reload()
            return
        if item.kind == "command_rejected":
            args = item.args or {}
            enterprise_id = args.get("enterprise_id")
            self._with_enterprise(item, str(enterprise_id) if enterprise_id else None)
            return
        if item.entity == "enterprise":
            self._with_enterprise(item, item.entity_id)
        elif item.entity == "badge_request":
            self._fix_request(item)

    def _with_enterprise(self, item: Item, enterprise_id: str | None) -> None:
        replica = self.services.replica

        def op() -> EnterprisePage | None:
            if not enterprise_id:
                return None
            with replica.read() as session:
                return enterprise_page(session, uuid.UUID(enterprise_id))

        def open_dialog(page: EnterprisePage | None) -> None:
            from desk.views.attention_fix import EnterpriseFixDialog

            args = item.args or {}
            enterprise = dict(page.form) if page else {}
            participation = dict(page.participation_form) if page else {}
            enterprise.update(args.get("enterprise") or {})
            participation.update(args.get("participation") or {})
            dialog = EnterpriseFixDialog(self.services, item, enterprise=enterprise,
                                         participation=participation, parent=self)
            if dialog.exec():
                self.reload()

        self.services.tasks.run(op, success=open_dialog, owner=self)

    def _fix_request(self, item: Item) -> None:
        replica = self.services.replica
        request_id = uuid.UUID(str(item.entity_id))

        def op() -> PersonCard | None:
            with replica.read() as session:
                request = session.scalar(select(BadgeRequest).where(BadgeRequest.id == request_id))
                return person_card(session, request.holder_id) if request else None

        def open_dialog(card: PersonCard | None) -> None:
            from desk.views.person_dialog import PersonDialog

            if card is None:
                return
            dialog = PersonDialog(self.services, person_id=card.id, values=card.form, parent=self)
            if not dialog.exec():
                return
            self.services.record("resubmit_badge_request", {"request_id": str(request_id)},
                                 success=lambda _r: self._resolve(item, "resubmitted"),
                                 owner=self)

        self.services.tasks.run(op, success=open_dialog, owner=self)

    def resend(self) -> None:
        item = self.current()
        if item is None:
            return
        replica, operator_id = self.services.replica, self.services.operator_id
        self.services.tasks.run(lambda: outbox.resend(replica, item.id, operator_id=operator_id),
                                pool="write", success=lambda _r: self._changed(), owner=self)

    def done(self) -> None:
        item = self.current()
        if item is not None:
            self._resolve(item, "done")

    def _resolve(self, item: Item, resolution: str) -> None:
        replica = self.services.replica
        self.services.tasks.run(lambda: outbox.resolve_item(replica, item.id, resolution),
                                pool="write", success=lambda _n: self._changed(), owner=self)

    def _changed(self) -> None:
        self.services.data_changed.emit()

    def retranslate(self) -> None:
        self.entries_title.setText(self.tr("What was entered (kept)"))
        self.fix_button.setText(self.tr("Fix and send again…"))
        self.resend_button.setText(self.tr("Send again unchanged"))
        self.done_button.setText(self.tr("Done"))
        self._fill()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
