"""Notices to visitors (SMS or e-mail) go through a gateway adapter.

The default adapter queues them in the `notice` table in the same transaction as the change
that caused them, so a notice exists exactly when its change committed; a sender process (or
an SMS provider's adapter) delivers from there. Bodies are never logged: an account notice
carries a password.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Protocol

from sqlalchemy.orm import Session

from central.db.tables import Notice


@dataclass(frozen=True, slots=True)
class NoticeDraft:
    kind: str
    channel: str  # sms | email
    recipient: str
    subject_id: uuid.UUID | None
    body_zh: str
    body_en: str


class NoticeGateway(Protocol):
    def queue(self, session: Session, notice: NoticeDraft) -> None: ...


class TableGateway:
    """Writes notices to the `notice` table for a sender to deliver."""

    def queue(self, session: Session, notice: NoticeDraft) -> None:
        session.add(
            Notice(
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
