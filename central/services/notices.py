"""Secrets in waiting notices, and delivering notices through a provider.

A notice that must carry a secret (an enterprise account's first or reset password) is
stored with a `{secret}` placeholder in its bodies; the secret itself sits beside it in
`notice_secret`, sealed with the service's notice key (Fernet: AES-128-CBC with an HMAC).
The key is not in the database, so a copy of the database, a backup or a stray dump shows
no password. The sender opens the secret only to hand the text to the SMS or e-mail
provider, then marks the notice sent and deletes the sealed secret in the same transaction:
after delivery nothing that could give the password back remains. Rendered bodies are never
logged.
"""

from __future__ import annotations

import logging
import os
import threading
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from cryptography.fernet import Fernet, InvalidToken
from sqlalchemy import select

from central.core.config import Settings
from central.db.engine import Database
from central.db.tables import Notice, NoticeSecret
from desk.models.coltypes import utc_now

log = logging.getLogger(__name__)

PLACEHOLDER = "{secret}"
KEY_FILE = "notice.key"


class NoticeKeyError(RuntimeError):
    """The notice key is missing or is not the one the secret was sealed with."""


class NoticeKey:
    """Seals and opens notice secrets."""

    def __init__(self, key: str | bytes) -> None:
        try:
            self._fernet = Fernet(key)
        except (ValueError, TypeError):
            raise NoticeKeyError("the notice key is not a Fernet key") from None

    @staticmethod
    def new() -> str:
        """A new key, for `FAIRDESK_NOTICE_KEY`."""
        return Fernet.generate_key().decode()

    @classmethod
    def from_settings(cls, settings: Settings) -> NoticeKey:
        """`settings.notice_key`, else the key file beside the blob folder (made once)."""
        if settings.notice_key:
            return cls(settings.notice_key)
        return cls(_key_file(Path(settings.blob_dir).parent / KEY_FILE))

    def seal(self, secret: str) -> str:
        return self._fernet.encrypt(secret.encode()).decode()

    def open(self, sealed: str) -> str:
        try:
            return self._fernet.decrypt(sealed.encode()).decode()
        except InvalidToken:
            raise NoticeKeyError("this secret was sealed with another notice key") from None


_file_lock = threading.Lock()


def _key_file(path: Path) -> bytes:
    with _file_lock:
        if not path.exists():
            path.parent.mkdir(parents=True, exist_ok=True)
            try:  # exclusive create: two processes starting at once agree on one key
                fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            except FileExistsError:
                pass
            else:
                with os.fdopen(fd, "wb") as handle:
                    handle.write(Fernet.generate_key())
        return path.read_bytes().strip()


@dataclass(frozen=True, slots=True)
class OutgoingNotice:
    """What a provider is given: the bodies with the secret in place."""

    id: uuid.UUID
    kind: str
    channel: str
    recipient: str
    body_zh: str
    body_en: str


Send = Callable[[OutgoingNotice], None]


def deliver_pending(db: Database, key: NoticeKey, send: Send, *, limit: int = 100) -> int:
    """Hand waiting notices to `send`, one transaction each; returns how many were sent.

    A notice whose sending fails stays waiting, with its secret, for the next run.
    """
    sent = 0
    for _ in range(limit):
        with db.write() as session:
            query = select(Notice).where(Notice.sent_at.is_(None)).order_by(Notice.queued_at)
            if db.is_postgres:  # several senders take different notices
                query = query.with_for_update(skip_locked=True)
            notice = session.scalars(query.limit(1)).first()
            if notice is None:
                break
            secret_row = session.get(NoticeSecret, notice.id)
            secret = key.open(secret_row.sealed) if secret_row is not None else None
            send(_outgoing(notice, secret))
            notice.sent_at = utc_now()
            if secret_row is not None:
                session.delete(secret_row)
        sent += 1
    return sent


def _outgoing(notice: Notice, secret: str | None) -> OutgoingNotice:
    def fill(body: str) -> str:
        return body.replace(PLACEHOLDER, secret) if secret is not None else body

    return OutgoingNotice(
        id=notice.id,
        kind=notice.kind,
        channel=notice.channel,
        recipient=notice.recipient,
        body_zh=fill(notice.body_zh),
        body_en=fill(notice.body_en),
    )
