"""An account's first password is never stored readable, and nothing of it stays once sent."""

from __future__ import annotations

import uuid
from pathlib import Path

import pytest
from sqlalchemy import select, text

from central.core.security import verify_password
from central.db.tables import AccountSecret, Notice, NoticeSecret
from central.services.notices import PLACEHOLDER, NoticeKey, NoticeKeyError, deliver_pending
from tests.central.harness import Harness
from tests.factories import account_form


def _database_bytes(svc: Harness) -> bytes:
    with svc.db.engine.connect() as conn:
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    path = Path(svc.db.engine.url.database or "")
    return b"".join(p.read_bytes() for p in path.parent.glob(path.name + "*"))


def test_first_password_is_sealed_until_sent_and_gone_after(sqlite_fair: Harness) -> None:
    svc = sqlite_fair
    desk = svc.enroll("D1", operator="op1")
    acct = str(uuid.uuid4())
    assert (
        desk.run("create_account", {"account_id": acct, "account": account_form("seal01")})[
            "status"
        ]
        == "applied"
    )
    with svc.db.read() as session:
        notice = session.scalars(select(Notice).where(Notice.kind == "account_password")).one()
        assert PLACEHOLDER in notice.body_zh and PLACEHOLDER in notice.body_en
        assert session.get(NoticeSecret, notice.id) is not None

    sent: list[str] = []
    key = NoticeKey.from_settings(svc.settings)
    assert deliver_pending(svc.db, key, lambda n: sent.append(n.body_en)) >= 1
    body = next(b for b in sent if "first password" in b)
    password = body.split("first password ")[1].split(".")[0]
    assert PLACEHOLDER not in body and len(password) >= 8
    with svc.db.read() as session:
        secret = session.get(AccountSecret, uuid.UUID(acct))
        assert secret is not None and verify_password(secret.password_hash, password)
        assert session.scalars(select(NoticeSecret)).all() == []
        assert session.scalars(select(Notice).where(Notice.sent_at.is_(None))).all() == []
        stored = session.execute(text("SELECT body_zh || body_en FROM notice")).scalars().all()
        assert not any(password in b for b in stored)
    assert password.encode() not in _database_bytes(svc)
    assert deliver_pending(svc.db, key, lambda n: sent.append(n.body_en)) == 0


def test_a_failed_send_keeps_the_notice_and_its_secret(sqlite_fair: Harness) -> None:
    svc = sqlite_fair
    desk = svc.enroll("D1", operator="op1")
    desk.run("create_account", {"account_id": str(uuid.uuid4()), "account": account_form("seal02")})

    def refuse(_notice: object) -> None:
        raise ConnectionError("the SMS provider is down")

    key = NoticeKey.from_settings(svc.settings)
    with pytest.raises(ConnectionError):
        deliver_pending(svc.db, key, refuse)
    with svc.db.read() as session:
        assert len(session.scalars(select(NoticeSecret)).all()) == 1
    with pytest.raises(NoticeKeyError):
        deliver_pending(svc.db, NoticeKey(NoticeKey.new()), lambda n: None)
