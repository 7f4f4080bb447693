"""Enrolling the desk (service address and one-time code) and signing an operator in:
online when the service answers, otherwise against the verifier kept from an online sign-in."""

from __future__ import annotations

from urllib.parse import urlsplit

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from desk.sync import enrollment, operators
from desk.sync.client import Client
from desk.sync.errors import Offline, SyncError
from desk.sync.operators import Operator
from desk.views.errors import describe
from desk.views.services import DeskServices
from desk.views.widgets import ErrorLine, FieldForm


class EnrollDialog(QDialog):
    """Accepted once the desk holds its device token."""

    def __init__(self, services: DeskServices, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.form = FieldForm()
        self.setMinimumWidth(520)
        self.url = QLineEdit(services.settings.service_url)
        self.url.setPlaceholderText("http://192.168.1.10:8700")
        self.code = QLineEdit()
        self.form.add("url", self.url)
        self.form.add("code", self.code)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.enroll)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.form)
        layout.addWidget(self.buttons)
        self.retranslate()

    def enroll(self) -> None:
        url, code = self.url.text().strip(), self.code.text().strip()
        if not url or not code:
            self.form.general.say(self.tr("Enter the service address and the code."))
            return
        address = urlsplit(url)
        if address.scheme not in ("http", "https") or not address.hostname:
            self.form.general.say(self.tr(
                "The service address starts with http:// or https:// and names the service's "
                "computer, like http://192.168.1.10:8700."))
            return
        self.buttons.setEnabled(False)
        self.form.general.say(self.tr("Checking the address and the code…"))
        replica = self.services.replica

        def failed(error: BaseException) -> None:
            self.buttons.setEnabled(True)
            self.form.general.say(self._problem(error, url))

        self.services.tasks.run(lambda: enrollment.enroll(replica, url, code), pool="net",
                                success=lambda _e: self.accept(), failure=failed, owner=self)

    def _problem(self, error: BaseException, url: str) -> str:
        """What is wrong, said for enrollment: nothing is kept for later here, so the
        general "the desk keeps working offline" would mislead."""
        # An answer without the service's JSON shape comes from some other web server.
        foreign = isinstance(error, SyncError) and (
            error.code == "garbled_answer" or error.code.startswith("http_"))
        if foreign:
            return self.tr("%1 answered, but it is not the fair's registration service: check "
                           "the address (and its port) with fair IT.").replace("%1", url)
        if isinstance(error, Offline):
            return self.tr("No answer from %1. Check the address, the network cable or Wi-Fi, "
                           "and that the service is running; then try again. Nothing was "
                           "changed on this desk.").replace("%1", url)
        return describe(error, self.services.language) or str(error)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Enroll this desk"))
        self.intro.setText(self.tr("Fair IT gives each desk a one-time enrollment code."))
        self.form.labels["url"].setText(self.tr("Service address"))
        self.form.labels["code"].setText(self.tr("Enrollment code"))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)


class LoginDialog(QDialog):
    """Accepted with `operator` set. Works offline for an operator who signed in online here
    before; says so, as review decisions need an online sign-in."""

    def __init__(self, services: DeskServices, parent: QWidget | None = None,
                 username: str = "") -> None:
        super().__init__(parent)
        self.services = services
        self.operator: Operator | None = None
        self.form = FieldForm()
        self.username = QLineEdit(username)
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.form.add("username", self.username)
        self.form.add("password", self.password)
        self.state = ErrorLine()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.sign_in)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.form)
        layout.addWidget(self.state)
        layout.addWidget(self.buttons)
        self.retranslate()
        (self.password if username else self.username).setFocus()

    def sign_in(self) -> None:
        username, password = self.username.text().strip(), self.password.text()
        if not username or not password:
            self.form.general.say(self.tr("Enter your username and password."))
            return
        self.buttons.setEnabled(False)
        self.state.say(self.tr("Signing in…"), warning=True)
        replica = self.services.replica
        identity = replica.identity()

        def op() -> Operator:
            if not identity.service_url:
                return operators.offline_login(replica, username, password)
            with Client(identity.service_url, token=identity.token,
                        clock=replica.clock) as client:
                return operators.login(replica, client, username, password)

        def failed(error: BaseException) -> None:
            self.buttons.setEnabled(True)
            self.state.say("")
            self.form.general.say(describe(error, self.services.language) or str(error))
            self.password.selectAll()
            self.password.setFocus()

        self.services.tasks.run(op, pool="net", success=self._signed_in, failure=failed,
                                owner=self)

    def _signed_in(self, operator: Operator) -> None:
        self.operator = operator
        self.accept()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Sign in — Fair Desk"))
        self.form.labels["username"].setText(self.tr("Username"))
        self.form.labels["password"].setText(self.tr("Password"))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
