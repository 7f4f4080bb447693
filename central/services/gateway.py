"""Notices to visitors (SMS or e-mail) go through a gateway adapter.

The default adapter queues them in the `notice` table in the same transaction as the change
that caused them, so a notice exists exactly when its change committed; a sender process (or
an SMS provider's adapter) delivers from there (`central.services.notices`). A secret a
notice carries (an account's first or reset password) is never in its bodies: they hold a
placeholder, and the secret is stored sealed beside them until the notice is sent. Bodies
are never logged.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Protocol

from sqlalchemy.orm import Session

from central.core.config import Settings
from central.db.tables import Notice, NoticeSecret
from central.services.notices import PLACEHOLDER, NoticeKey


@dataclass(frozen=True, slots=True)
class NoticeDraft:
    kind: str
    channel: str  # sms | email
    recipient: str
    subject_id: uuid.UUID | None
    body_zh: str
    body_en: str
    # Put where the bodies say `{secret}` only when the notice is sent.
    secret: str | None = None


class NoticeGateway(Protocol):
    def queue(self, session: Session, notice: NoticeDraft) -> None: ...


class TableGateway:
    """Writes notices to the `notice` table for a sender to deliver."""

    def __init__(self, key: NoticeKey | None = None) -> None:
        self._key = key

    def queue(self, session: Session, notice: NoticeDraft) -> None:
        notice_id = uuid.uuid4()
        if notice.secret is not None:
            if PLACEHOLDER not in notice.body_zh + notice.body_en:
                raise ValueError("a notice with a secret needs a placeholder for it")
            if self._key is None:  # the CLI's commands: the settings of this environment
                self._key = NoticeKey.from_settings(Settings())
            session.add(NoticeSecret(notice_id=notice_id, sealed=self._key.seal(notice.secret)))
        session.add(
            Notice(
                id=notice_id,
                kind=notice.kind,
                channel=notice.channel,
                recipient=notice.recipient,
                subject_id=notice.subject_id,
                body_zh=notice.body_zh,
                body_en=notice.body_en,
            )
        )


def contact_channel(mobile: str | None, email: str | None) -> tuple[str, str] | None:
    """SMS when there is a mobile number, else e-mail, else nothing to send to."""
    if mobile:
        return "sms", mobile
    if email:
        return "email", email
    return None
