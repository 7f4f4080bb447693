"""Walk-in, the people: add each person with a photo, then one batch badge request of one
badge type, confirmed once with the list of names."""

from __future__ import annotations

import uuid
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWizardPage,
)

from desk.models.rules import allowed_badge_types
from desk.sync.outbox import Recorded
from desk.views import icons, labels
from desk.views.errors import describe
from desk.views.lookups import EnterprisePage, MemberRow, people_of
from desk.views.person_dialog import PersonDialog
from desk.views.widgets import ChoiceBox, ErrorLine

if TYPE_CHECKING:
    from desk.views.walkin_wizard import WalkInWizard

OPEN_STATES = ("waiting_enterprise", "pending", "under_review", "approved", "produced",
               "collected")


class PeoplePage(QWizardPage):
    def __init__(self, wizard: WalkInWizard) -> None:
        super().__init__()
        self.w = wizard
        self.members: list[MemberRow] = []
        self.list = QListWidget()
        self.add_button = QPushButton(icons.icon("walk_in"), "")
        self.add_button.clicked.connect(self.add_person)
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.hint)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.add_button)

    def initializePage(self) -> None:  # noqa: N802 (Qt)
        self.reload()
        self.add_button.setFocus()

    def load_existing(self, _page: EnterprisePage) -> None:
        self.reload()

    def reload(self) -> None:
        enterprise_id = self.w.enterprise_id
        if enterprise_id is None:
            return
        replica = self.w.services.replica

        def op() -> list[MemberRow]:
            with replica.read() as session:
                return people_of(session, enterprise_id)

        self.w.services.tasks.run(op, success=self._show, owner=self)

    def _show(self, members: list[MemberRow]) -> None:
        self.members = members
        self.list.clear()
        for member in members:
            photo = "📷" if member.has_photo else self.tr("no photo")
            item = QListWidgetItem(f"{member.name}    {photo}    "
                                   f"{labels.request_status(member.status)}")
            item.setData(Qt.ItemDataRole.UserRole, member.id)
            self.list.addItem(item)
        self.w.batch_page.set_members(members)

    def add_person(self) -> None:
        dialog = PersonDialog(self.w.services, enterprise_id=self.w.enterprise_id, parent=self)
        if dialog.exec():
            self.reload()

    def retranslate(self) -> None:
        self.setTitle(self.tr("The people"))
        self.setSubTitle(self.tr("Add each person who needs a badge, with a photo."))
        self.hint.setText(self.tr("People can be added while the enterprise waits for its "
                                  "review."))
        self.add_button.setText(self.tr("Add person…"))


class BatchPage(QWizardPage):
    def __init__(self, wizard: WalkInWizard) -> None:
        super().__init__()
        self.w = wizard
        self.badge_type = ChoiceBox("badge_types")
        self.type_label = QLabel()
        self.list = QListWidget()
        self.send_button = QPushButton(icons.icon("send"), "")
        self.send_button.clicked.connect(self.send)
        self.error = ErrorLine()
        self.outcome = QLabel()
        self.outcome.setWordWrap(True)
        self.outcome.setStyleSheet("font-size: 15px;")
        layout = QVBoxLayout(self)
        layout.addWidget(self.type_label)
        layout.addWidget(self.badge_type)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.error)
        layout.addWidget(self.send_button)
        layout.addWidget(self.outcome)

    def initializePage(self) -> None:  # noqa: N802 (Qt)
        participation, exhibitor_type = self.w.participation()
        allowed = allowed_badge_types(participation=participation, exhibitor_type=exhibitor_type)
        self.badge_type.set_codes(allowed)
        self.send_button.setEnabled(bool(allowed))
        if not allowed:
            self.error.say(self.tr("This enterprise cannot request badges (online-only "
                                   "exhibitors get none)."))
        self.w.people_page.reload()

    def set_members(self, members: list[MemberRow]) -> None:
        self.list.clear()
        for member in members:
            if member.status in OPEN_STATES:
                continue  # already requested
            item = QListWidgetItem(member.name)
            item.setData(Qt.ItemDataRole.UserRole, (member.id, member.name))
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked)
            self.list.addItem(item)

    def chosen(self) -> list[tuple[uuid.UUID, str]]:
        return [self.list.item(r).data(Qt.ItemDataRole.UserRole) for r in range(self.list.count())
                if self.list.item(r).checkState() == Qt.CheckState.Checked]

    def send(self) -> None:
        people = self.chosen()
        if not people:
            self.error.say(self.tr("Choose at least one person."))
            return
        names = "\n".join(name for _id, name in people)
        question = self.tr("The request above will be sent for these %n people:", "",
                           len(people))
        if QMessageBox.question(self, self.tr("Send badge request"),
                                f"{question}\n\n{names}") != QMessageBox.StandardButton.Yes:
            return
        args: dict[str, Any] = {
            "batch_id": str(uuid.uuid4()),
            "badge_type": self.badge_type.code(),
            "items": [{"person_id": str(pid), "request_id": str(uuid.uuid4())}
                      for pid, _name in people],
        }
        self.send_button.setEnabled(False)
        self.error.say("")
        self.w.services.record("request_badges", args, success=self._sent,
                               failure=self._refused, owner=self)

    def _sent(self, recorded: Recorded) -> None:
        status = recorded.outcome.details.get("status")
        if status == "waiting_enterprise":
            text = self.tr("Sent. The badge requests wait for the enterprise's approval; they "
                           "enter review by themselves once it is approved.")
        else:
            text = self.tr("Sent. The badge requests are waiting for review.")
        self.outcome.setText(text)
        self.w.people_page.reload()

    def _refused(self, error: BaseException) -> None:
        self.send_button.setEnabled(True)
        language = self.w.language
        details = getattr(error, "details", None) or {}
        per_person = details.get("people") or {}
        lines = [describe(error, language)]
        by_id = {str(pid): name for pid, name in
                 (self.list.item(r).data(Qt.ItemDataRole.UserRole)
                  for r in range(self.list.count()))}
        for pid, problems in per_person.items():
            texts = "；".join((p.get("message_zh") if language.startswith("zh")
                              else p.get("message_en")) or "" for p in problems)
            lines.append(f"{by_id.get(pid, pid)}: {texts}")
        self.error.say("\n".join(line for line in lines if line))

    def retranslate(self) -> None:
        self.setTitle(self.tr("Badge request"))
        self.setSubTitle(self.tr("One badge type for the whole batch."))
        self.type_label.setText(self.tr("Badge type"))
        self.badge_type.set_language(self.w.language)
        self.send_button.setText(self.tr("Send badge request…"))
