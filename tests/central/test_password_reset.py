"""A password reset asked for at a desk, through a real service on loopback: a new password
whose hash replaces the old one, sealed into a waiting SMS to the account's mobile, an audit
row naming who asked and the check by ids; refused, changing nothing, without a mobile."""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import select

from central.core.security import verify_password
from central.db.tables import AccountSecret, AuditLog, Notice, NoticeSecret
from central.services.notices import PLACEHOLDER, NoticeKey, deliver_pending
from tests.central.harness import Desk, Harness, enterprise
from tests.factories import account_form, person_form

FIRST_PASSWORD = "FirstPass1"
MOBILE = "+8613800138000"  # the factories' 13800138000, as the service stores it


def _registered(desk: Desk, ident: str, **account: Any) -> tuple[str, str, list[dict[str, Any]]]:
    """An account with a known first password and its enterprise, pushed in one batch."""
    acct, ent = str(uuid.uuid4()), str(uuid.uuid4())
    form = account_form(ident, password=FIRST_PASSWORD, **account)
    answer = desk.push(
        [
            desk.command("create_account", {"account_id": acct, "account": form}),
            desk.command(
                "register_enterprise",
                {
                    "enterprise_id": ent,
                    "account_id": acct,
                    "enterprise": enterprise(f"{ident}示例公司"),
                },
            ),
        ]
    )
    assert answer.status_code == 200, answer.text
    return acct, ent, answer.json()["results"]


def _reset_notices(svc: Harness) -> list[Notice]:
    with svc.db.read() as session:
        rows = list(session.scalars(select(Notice).where(Notice.kind == "password_reset")))
        session.expunge_all()
        return rows


def _resets_audited(svc: Harness) -> list[AuditLog]:
    with svc.db.read() as session:
        query = select(AuditLog).where(AuditLog.action == "account_password_reset")
        rows = list(session.scalars(query))
        session.expunge_all()
        return rows


def test_contact_person_reset_seals_a_new_password_into_an_sms(fair: Harness) -> None:
    desk = fair.enroll("D1", operator="op1")
    acct, ent, results = _registered(desk, "reset01")
    assert [r["status"] for r in results] == ["applied", "applied"]

    result = desk.run(
        "reset_account_password", {"account_id": acct, "verified_as": "contact_person"}
    )
    assert result["status"] == "applied", result
    assert result["details"] == {"sms_to": "138****8000"}

    (notice,) = _reset_notices(fair)
    assert (notice.channel, notice.recipient, str(notice.subject_id)) == ("sms", MOBILE, acct)
    assert PLACEHOLDER in notice.body_zh and PLACEHOLDER in notice.body_en
    key = NoticeKey.from_settings(fair.settings)
    with fair.db.read() as session:
        sealed = session.get(NoticeSecret, notice.id)
        assert sealed is not None
        password = key.open(sealed.sealed)
        stored = session.get(AccountSecret, uuid.UUID(acct))
        assert stored is not None and stored.password_hash.startswith("$argon2id$")
        assert verify_password(stored.password_hash, password)
        assert not verify_password(stored.password_hash, FIRST_PASSWORD)
    assert password != FIRST_PASSWORD and len(password) >= 8
    assert password not in notice.body_zh + notice.body_en

    (row,) = _resets_audited(fair)
    assert str(row.user_id) == fair.users["op1"]["id"] and str(row.desk_id) == desk.id
    assert row.role == "operator"
    assert row.target == f"account_id={acct} contact_person={ent}"

    # The sender hands the SMS over with the password in place, and keeps nothing of it.
    sent: list[str] = []
    deliver_pending(fair.db, key, lambda n: sent.append(n.body_zh) if n.kind == "password_reset"
                    else None)
    assert len(sent) == 1 and password in sent[0]
    with fair.db.read() as session:
        assert session.get(NoticeSecret, notice.id) is None


def test_registered_person_reset_in_the_same_batch_as_the_registration(fair: Harness) -> None:
    """A desk that was offline sends the registration and the reset together."""
    desk = fair.enroll("D1", operator="op1")
    acct, ent, person = str(uuid.uuid4()), str(uuid.uuid4()), str(uuid.uuid4())
    answer = desk.push(
        [
            desk.command(
                "create_account",
                {"account_id": acct, "account": account_form("reset02", password=FIRST_PASSWORD)},
            ),
            desk.command(
                "register_enterprise",
                {"enterprise_id": ent, "account_id": acct, "enterprise": enterprise("重置二公司")},
            ),
            desk.command(
                "add_person",
                {
                    "person_id": person,
                    "enterprise_id": ent,
                    "person": person_form(seq=21),
                    "photo_sha256": fair.accepted_photo("reset02"),
                },
            ),
            desk.command(
                "reset_account_password",
                {"account_id": acct, "verified_as": "registered_person", "person_id": person},
            ),
        ]
    )
    assert answer.status_code == 200, answer.text
    assert [r["status"] for r in answer.json()["results"]] == ["applied"] * 4
    (notice,) = _reset_notices(fair)
    with fair.db.read() as session:
        sealed = session.get(NoticeSecret, notice.id)
        stored = session.get(AccountSecret, uuid.UUID(acct))
        assert sealed is not None and stored is not None
        password = NoticeKey.from_settings(fair.settings).open(sealed.sealed)
        assert verify_password(stored.password_hash, password)
    (row,) = _resets_audited(fair)
    assert row.target == f"account_id={acct} registered_person={person}"


def test_no_mobile_is_refused_and_changes_nothing(fair: Harness) -> None:
    desk = fair.enroll("D1", operator="op1")
    acct, _ent, _ = _registered(
        desk, "reset03", registration_region="hk", contact_mobile="", contact_email="a@b.hk"
    )
    with fair.db.read() as session:
        before = session.get(AccountSecret, uuid.UUID(acct))
        assert before is not None
        hash_before = before.password_hash
    result = desk.run(
        "reset_account_password", {"account_id": acct, "verified_as": "contact_person"}
    )
    assert result["status"] == "rejected" and result["code"] == "no_mobile"
    assert result["message_zh"] and result["message_en"]
    assert _reset_notices(fair) == [] and _resets_audited(fair) == []
    with fair.db.read() as session:
        after = session.get(AccountSecret, uuid.UUID(acct))
        assert after is not None and after.password_hash == hash_before
        assert verify_password(after.password_hash, FIRST_PASSWORD)


def test_a_check_against_someone_else_is_refused_by_the_service(fair: Harness) -> None:
    desk = fair.enroll("D1", operator="op1")
    acct, _ent, _ = _registered(desk, "reset04")
    result = desk.run(
        "reset_account_password",
        {"account_id": acct, "verified_as": "registered_person", "person_id": str(uuid.uuid4())},
    )
    assert result["status"] == "rejected" and result["code"] == "not_verified"
    assert _reset_notices(fair) == [] and _resets_audited(fair) == []
