"""The status bar, always in view: link state, commands waiting, age of the last good sync,
operator and desk, and, when the service refuses this desk's version, that the desk must be
updated, from where, and that its waiting commands are kept. Read from the replica once a
second, off the UI thread."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, Qt, QTimer, Signal
from PySide6.QtWidgets import QLabel, QStatusBar, QWidget

from desk.sync.status import desk_status
from desk.views import icons, labels
from desk.views.services import DeskServices

translate = QCoreApplication.translate

ICON_PX = 14


def age_text(seconds: float | None) -> str:
    if seconds is None:
        return translate("DeskStatusBar", "never")
    if seconds < 60:
        text = translate("DeskStatusBar", "%1 s ago")
        return text.replace("%1", str(int(seconds)))
    if seconds < 3600:
        text = translate("DeskStatusBar", "%1 min ago")
        return text.replace("%1", str(int(seconds // 60)))
    text = translate("DeskStatusBar", "%1 h ago")
    return text.replace("%1", str(int(seconds // 3600)))


class DeskStatusBar(QStatusBar):
    """Signals:
    status_read(dict): the facts just read (`desk_status`); the banner and tabs use them.
    """

    status_read = Signal(dict)

    def __init__(self, services: DeskServices, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.facts: dict[str, Any] = {}
        self._reading = False
        self.link_icon = QLabel()
        self.link = QLabel()
        self.waiting = QLabel()
        self.synced = QLabel()
        self.operator = QLabel()
        self.desk = QLabel()
        # Left of the permanent widgets, taking the room they leave; selectable, so the
        # installer's address can be copied; plain text, whatever the service's answer held.
        self.update_notice = QLabel()
        self.update_notice.setObjectName("updateNotice")
        self.update_notice.setTextFormat(Qt.TextFormat.PlainText)
        self.update_notice.setStyleSheet(
            "QLabel#updateNotice { color: #b71c1c; font-weight: bold; }")
        self.update_notice.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.update_notice.hide()
        self.addWidget(self.update_notice, 1)
        for widget in (self.link_icon, self.link, self.waiting, self.synced, self.operator,
                       self.desk):
            self.addPermanentWidget(widget)
        self.timer = QTimer(self)
        self.timer.setInterval(1000)
        self.timer.timeout.connect(self.read)
        self.timer.start()
        services.sync_finished.connect(lambda _r: self.read())
        services.data_changed.connect(self.read)
        services.operator_changed.connect(self._show)
        self.read()

    def read(self) -> None:
        if self._reading:
            return
        self._reading = True
        engine = self.services.engine
        replica = self.services.replica

        def done(facts: dict[str, Any]) -> None:
            self._reading = False
            self.facts = facts
            self._show()
            self.status_read.emit(facts)

        def failed(_error: BaseException) -> None:
            self._reading = False

        self.services.tasks.run(lambda: desk_status(replica, engine.link if engine else None),
                                success=done, failure=failed, owner=self)

    def _show(self) -> None:
        facts = self.facts
        state = str(facts.get("link_state") or "offline")
        online = state == "online"
        self.link_icon.setPixmap(icons.icon("online" if online else "offline",
                                            "#2e7d32" if online else "#b71c1c")
                                 .pixmap(ICON_PX, ICON_PX))
        self.link.setText(labels.link_state(state))
        self.waiting.setText(self.tr("%1 waiting to send").replace(
            "%1", str(facts.get("waiting", 0))))
        last = facts.get("last_success_at")
        age = None
        if last:
            age = (datetime.now(UTC) - datetime.fromisoformat(last)).total_seconds()
        self.synced.setText(self.tr("last sync %1").replace("%1", age_text(age)))
        operator = self.services.operator
        who = operator.display_name or operator.username if operator else self.tr("nobody")
        mode = "" if operator is None or operator.online else self.tr(" (signed in offline)")
        self.operator.setText(self.tr("Operator: %1").replace("%1", who) + mode)
        self.desk.setText(self.tr("Desk: %1").replace("%1", str(facts.get("desk_name") or "—")))
        self._show_update(facts.get("update_required"), int(facts.get("waiting") or 0))

    def _show_update(self, update: dict[str, Any] | None, waiting: int) -> None:
        if not update:
            self.update_notice.hide()
            return
        minimum = update.get("min_desk_version")
        url = update.get("installer_url")
        need = (self.tr("This desk must be updated to version %1 or later.").replace("%1", minimum)
                if minimum else self.tr("This desk must be updated."))
        where = (self.tr("Installer: %1.").replace("%1", url) if url
                 else self.tr("Ask fair IT for the installer."))
        parts = [need, where]
        if waiting:
            parts.append(self.tr("The %1 commands waiting here are kept and sent after the "
                                 "update.").replace("%1", str(waiting)))
        text = " ".join(parts)
        self.update_notice.setText(text)
        self.update_notice.setToolTip(text)
        self.update_notice.show()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt)
        if event.type() == QEvent.Type.LanguageChange:
            self._show()
        super().changeEvent(event)
