"""Locking the window after the counter was left idle (a public counter): the operator's
password opens it again, checked against the verifier kept here, so it works offline."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desk.settings import LOCK_MINUTES_MAX, LOCK_MINUTES_MIN
from desk.sync import operators
from desk.views import icons
from desk.views.services import DeskServices
from desk.views.widgets import ErrorLine

ACTIVITY = (QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress, QEvent.Type.Wheel)


class IdleWatcher(QObject):
    """Install on the application; `idle` fires after `minutes` without a key or a click.

    The minutes are held within the setting's bounds: at a public counter the window always
    locks, whatever it is given.

    Signals:
        idle(): nobody touched the desk for the set time.
    """

    idle = Signal()

    def __init__(self, minutes: int, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self.idle.emit)
        self.set_minutes(minutes)

    def set_minutes(self, minutes: int) -> None:
        self.minutes = max(LOCK_MINUTES_MIN, min(LOCK_MINUTES_MAX, minutes))
        self.timer.start(self.minutes * 60_000)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt)
        if event.type() in ACTIVITY:
            self.timer.start(self.minutes * 60_000)
        return False


class LockScreen(QDialog):
    """Covers the window until the signed-in operator's password is typed. Another operator
    may sign in instead (the window then works for them).

    Signals:
        switch_requested(): the operator asked to sign in as someone else.
    """

    switch_requested = Signal()

    def __init__(self, services: DeskServices, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.FramelessWindowHint | Qt.WindowType.Dialog)
        self.services = services
        self.setModal(True)
        self.setStyleSheet("LockScreen { background: #263238; } QLabel { color: white; }")
        self.icon = QLabel(alignment=Qt.AlignmentFlag.AlignCenter)
        self.icon.setPixmap(icons.icon("lock", "white").pixmap(64, 64))
        self.title = QLabel(alignment=Qt.AlignmentFlag.AlignCenter)
        self.title.setStyleSheet("font-size: 22px;")
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setMaximumWidth(320)
        self.password.returnPressed.connect(self.unlock)
        self.error = ErrorLine()
        self.error.setStyleSheet("color: #ffab91;")
        self.unlock_button = QPushButton()
        self.unlock_button.clicked.connect(self.unlock)
        self.switch_button = QPushButton()
        self.switch_button.clicked.connect(self._switch)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.password)
        row.addWidget(self.unlock_button)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        layout.addWidget(self.icon)
        layout.addWidget(self.title)
        layout.addLayout(row)
        layout.addWidget(self.error, 0, Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(self.switch_button, 0, Qt.AlignmentFlag.AlignCenter)
        layout.addStretch(1)
        self.retranslate()

    def cover(self, window: QWidget) -> None:
        self.setGeometry(window.geometry())
        self.password.clear()
        self.error.say("")
        self.show()
        self.raise_()
        self.password.setFocus()

    def unlock(self) -> None:
        operator = self.services.operator
        if operator is None:
            self.accept()
            return
        password = self.password.text()
        replica = self.services.replica

        def failed(_error: BaseException) -> None:
            self.error.say(self.tr("Wrong password."))
            self.password.selectAll()

        self.services.tasks.run(
            lambda: operators.offline_login(replica, operator.username, password),
            success=lambda _op: self.accept(), failure=failed, owner=self)

    def _switch(self) -> None:
        self.switch_requested.emit()

    def keyPressEvent(self, event: object) -> None:  # noqa: N802 (Qt)
        # Escape must not open the window.
        from PySide6.QtGui import QKeyEvent

        if isinstance(event, QKeyEvent) and event.key() == Qt.Key.Key_Escape:
            return
        super().keyPressEvent(event)  # type: ignore[arg-type]

    def retranslate(self) -> None:
        operator = self.services.operator
        who = (operator.display_name or operator.username) if operator else ""
        self.title.setText(self.tr("Locked — %1, type your password to go on").replace(
            "%1", who))
        self.unlock_button.setText(self.tr("Unlock"))
        self.switch_button.setText(self.tr("Sign in as someone else"))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
