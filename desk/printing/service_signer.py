"""A `BadgeSigner` that asks the service to sign while the desk is online and signs with the
desk's own key otherwise. No Qt here.

A badge signed by the service stays verifiable when the desk is later revoked or replaced,
so the service's key is preferred; but a print never waits on the network for long: when
the link is down (or the service does not answer within a few seconds), the desk's key
signs and the badge is just as valid at the gate.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable

from desk.models.badge_token import Revision, parse_badge
from desk.printing.jobs import BadgeSigner
from desk.reviewing import ServiceSession
from desk.sync.errors import SyncError

log = logging.getLogger(__name__)

SIGN_TIMEOUT_S = 4.0


class ServiceSigner:
    """Signs through `POST /badges/sign` with the desk's token; falls back to `fallback`.

    `online` says whether the desk's link is up (the sync engine's view); when it answers
    False the service is not even tried. `last_signed_by` tells the caller which key signed.
    """

    def __init__(
        self,
        service_url: str,
        desk_token: str,
        fallback: BadgeSigner,
        *,
        online: Callable[[], bool] | None = None,
        timeout_s: float = SIGN_TIMEOUT_S,
    ) -> None:
        self.fallback = fallback
        self.online = online
        self.last_signed_by = ""
        self._session = ServiceSession(service_url, desk_token=desk_token,
                                       read_timeout_s=timeout_s)

    def close(self) -> None:
        self._session.close()

    def sign(self, *, badge_id: uuid.UUID, revision: Revision) -> str:
        if self.online is None or self.online():
            try:
                payload = self._from_service(badge_id, revision)
            except (SyncError, ValueError) as error:
                code = getattr(error, "code", type(error).__name__)
                log.info("service signing unavailable (%s): signing with the desk's key", code)
            else:
                self.last_signed_by = "service"
                return payload
        self.last_signed_by = "desk"
        return self.fallback.sign(badge_id=badge_id, revision=revision)

    def _from_service(self, badge_id: uuid.UUID, revision: Revision) -> str:
        answer = self._session.sign_revision(str(badge_id), revision.desk, revision.counter)
        payload = str(answer.get("payload") or "")
        token = parse_badge(payload)
        # The token must name exactly what we asked for: a mix-up would print another badge's
        # identity.
        if token.badge_id != badge_id or token.revision.normalized() != revision.normalized():
            raise ValueError("the service signed a different revision")
        if token.signed_by != "service":
            raise ValueError("the service answered with a key that is not its own")
        return payload
