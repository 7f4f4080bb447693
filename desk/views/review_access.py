"""The signed-in person's own online session, shared by the Review tab and the host tools.

Review decisions and host tools talk to the service directly with the person's session
(never the offline queue), so these screens need two things the rest of the desk does not:
a live link, and an online sign-in. This object knows both, signs in again when the session
was opened offline or has expired, and runs calls on the network pool.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any, TypeVar

from PySide6.QtCore import QObject, QTimer, Signal

from desk.reviewing import Refused, ServiceSession, SessionExpired
from desk.sync.errors import Offline, RateLimited, ServerError, SyncError
from desk.views.services import DeskServices

log = logging.getLogger(__name__)
T = TypeVar("T")

LINK_CHECK_MS = 2000


class OnlineAccess(QObject):
    """Signals:
    state_changed(): the link went up or down, or the person signed in or out online.
    """

    state_changed = Signal()

    def __init__(self, services: DeskServices, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.service_url: str | None = None
        self.desk_token: str | None = None
        self._client: ServiceSession | None = None
        self._unreachable = False
        self._last: tuple[bool, bool] | None = None
        self._timer = QTimer(self)
        self._timer.setInterval(LINK_CHECK_MS)
        self._timer.timeout.connect(self._check)
        self._timer.start()
        services.sync_finished.connect(self._cycle)
        services.operator_changed.connect(self._operator_changed)
        replica = services.replica
        services.tasks.run(replica.identity, pool="read", success=self._identity, owner=self)

    # -- state ---------------------------------------------------------------------------

    def _identity(self, identity: Any) -> None:
        self.service_url = identity.service_url
        self.desk_token = identity.token
        self._operator_changed()

    def _operator_changed(self) -> None:
        if self._client is not None:
            self._client.close()
            self._client = None
        operator = self.services.operator
        if self.service_url and operator is not None and operator.session_token:
            self._client = ServiceSession(self.service_url, session_token=operator.session_token,
                                          desk_token=self.desk_token)
        self._check(force=True)

    @property
    def online(self) -> bool:
        """Whether the service is in reach: the sync engine's link, and our own last call."""
        engine = self.services.engine
        if engine is not None and not engine.link.online:
            return False
        return bool(self.service_url) and not self._unreachable

    @property
    def signed_in(self) -> bool:
        return self._client is not None and bool(self._client.session_token)

    @property
    def username(self) -> str:
        operator = self.services.operator
        return operator.username if operator is not None else ""

    @property
    def role(self) -> str:
        operator = self.services.operator
        return operator.role if operator is not None else ""

    def _cycle(self, result: Any) -> None:
        if getattr(result, "ok", False):
            self._unreachable = False  # the sync engine just reached the service
        self._check()

    def _check(self, force: bool = False) -> None:
        now = (self.online, self.signed_in)
        if force or now != self._last:
            self._last = now
            self.state_changed.emit()

    # -- calls ---------------------------------------------------------------------------

    def sign_in(self, password: str, *, success: Callable[[], None],
                failure: Callable[[BaseException], None], owner: QObject | None = None) -> None:
        """Open an online session for the signed-in person (after an offline sign-in, or when
        the session expired)."""
        if not self.service_url:
            failure(Offline("not_enrolled", "This desk has no service address"))
            return
        client = ServiceSession(self.service_url, desk_token=self.desk_token)
        username = self.username

        def done(_user: Any) -> None:
            if self._client is not None:
                self._client.close()
            self._client = client
            self._unreachable = False
            self._check(force=True)
            success()

        def failed(error: BaseException) -> None:
            client.close()
            self._note(error)
            failure(error)

        self.services.tasks.run(lambda: client.login(username, password), pool="net",
                                success=done, failure=failed, owner=owner)

    def run(
        self,
        op: Callable[[ServiceSession], T],
        *,
        success: Callable[[T], None],
        failure: Callable[[BaseException], None],
        owner: QObject | None = None,
    ) -> None:
        """`op(session)` on the network pool; the link and session state follow its outcome."""
        client = self._client
        if client is None:
            failure(SessionExpired("login_required", "Sign in online first"))
            return

        def done(result: T) -> None:
            if self._unreachable:
                self._unreachable = False
                self._check()
            success(result)

        def failed(error: BaseException) -> None:
            self._note(error)
            failure(error)

        self.services.tasks.run(lambda: op(client), pool="net", success=done, failure=failed,
                                owner=owner)

    def _note(self, error: BaseException) -> None:
        if isinstance(error, Offline | ServerError):
            self._unreachable = True
        elif isinstance(error, SessionExpired) and self._client is not None:
            self._client.session_token = None
        elif not isinstance(error, Refused | RateLimited | SyncError):
            log.warning("an online call failed: %s", type(error).__name__)
        self._check()

    def retry_link(self) -> None:
        """Forget our own failed call: the next call tries the service again."""
        self._unreachable = False
        self._check()

    def close(self) -> None:
        if self._client is not None:
            self._client.close()
            self._client = None
