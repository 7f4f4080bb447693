"""Accounts and roles: enrollment, sign-in, throttling, expiry, and who may run what."""

from __future__ import annotations

import uuid
from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import select, update

from central.db.tables import AuditLog, UserSession
from central.services import accounts
from desk.models.coltypes import utc_now
from desk.models.commands import COMMANDS, OPERATOR, QUEUEABLE
from tests.central.harness import Harness

ROLES = ("operator", "host_reviewer", "committee_reviewer", "host_user", "admin")
USER_OF_ROLE = {
    "operator": "op1",
    "host_reviewer": "rev_a",
    "committee_reviewer": "rev_c",
    "host_user": "host_a",
    "admin": "admin1",
}


def test_enrollment_code_is_single_use(fair: Harness) -> None:
    with fair.db.write() as session:
        _desk, code = accounts.new_enrollment(session, fair.settings, name="ONCE")
    first = fair.http.post(f"{fair.url}/auth/enroll", json={"code": code.lower()})
    assert first.status_code == 200 and first.json()["token"].startswith("fdd_")
    second = fair.http.post(f"{fair.url}/auth/enroll", json={"code": code})
    assert second.status_code == 401
    bad_key = fair.http.post(f"{fair.url}/auth/enroll", json={"code": "x", "public_key": "!!"})
    assert bad_key.status_code in (401, 422)


def test_operator_login_needs_an_allowed_desk(fair: Harness) -> None:
    desk = fair.enroll("D1", operator="op1")
    assert fair.login("op1").status_code == 403
    answer = fair.login("op1", desk)
    assert answer.status_code == 200
    body = answer.json()
    assert body["user"]["role"] == "operator" and body["user"]["id"] == fair.users["op1"]["id"]
    assert "hash" not in answer.text
    assert fair.login("op_b", desk).status_code == 403  # another host organisation's operator
    assert fair.login("op1", desk, password="wrong-pass1").status_code == 401


def test_login_is_throttled_per_account(fair: Harness) -> None:
    for _ in range(fair.settings.login_max_failures_account):
        assert fair.login("admin1", password="wrong-pass1").status_code == 401
    assert fair.login("admin1").status_code == 429  # even the right password, for a while
    assert fair.login("rev_c").status_code == 200  # other accounts are not locked out


def test_sessions_expire_and_end(fair: Harness) -> None:
    headers = fair.session_headers("admin1")
    assert fair.http.get(f"{fair.url}/auth/me", headers=headers).status_code == 200
    with fair.db.write() as session:
        session.execute(update(UserSession).values(expires_at=utc_now() - timedelta(seconds=1)))
    assert fair.http.get(f"{fair.url}/auth/me", headers=headers).status_code == 401
    headers = fair.session_headers("admin1")
    assert fair.http.post(f"{fair.url}/auth/logout", headers=headers).status_code == 200
    assert fair.http.get(f"{fair.url}/auth/me", headers=headers).status_code == 401
    tampered = {"Authorization": headers["Authorization"][:-3] + "abc"}
    assert fair.http.get(f"{fair.url}/auth/me", headers=tampered).status_code == 401


def _refused(status: int, body: dict[str, Any]) -> bool:
    return status == 403 or body.get("code") in (
        "not_allowed",
        "operator_not_allowed",
        "not_queueable",
    )


@pytest.mark.parametrize("role", ROLES)
def test_authorisation_matrix(fair: Harness, role: str) -> None:
    """Every command as every role: allowed ones get past authorisation (and may then fail
    on their empty arguments), the others are refused."""
    desk = fair.enroll("D1", operator="op1")
    headers = fair.session_headers(USER_OF_ROLE[role], desk if role == OPERATOR else None)
    for name, spec in COMMANDS.items():
        if role == OPERATOR:
            result = desk.run(name, {})
            status, body = 200, result
            expected = name in QUEUEABLE and OPERATOR in spec.roles
        elif spec.kind == "decision":
            answer = fair.http.post(
                f"{fair.url}/review/decide",
                headers=headers,
                json={"target": "host_org", "id": str(uuid.uuid4()), "decision": "approve"},
            )
            status, body = answer.status_code, answer.json()
            expected = role in spec.roles
        else:
            answer = fair.http.post(
                f"{fair.url}/commands", headers=headers, json={"name": name, "args": {}}
            )
            status, body = answer.status_code, answer.json()
            expected = role in spec.roles
        assert _refused(status, body) != expected, (role, name, status, body)
    # Admin endpoints are for administrators only.
    desks = fair.http.get(f"{fair.url}/admin/desks", headers=headers)
    assert (desks.status_code == 200) == (role == "admin")


def test_host_reviewer_decides_only_in_scope(fair: Harness) -> None:
    from tests.central.test_domain import decide, issue_code, walk_in

    desk = fair.enroll("D1", operator="op1")
    code = issue_code(fair, "hostA")
    w = walk_in(desk, "受邀范围测试有限公司", "inscope1", code=code)
    assert [r["status"] for r in w["results"]] == ["applied"] * 3
    queue_b = fair.http.get(
        f"{fair.url}/review/queue?kind=enterprise&stage=1", headers=fair.session_headers("rev_b")
    ).json()["items"]
    assert queue_b == []
    assert decide(fair, "rev_b", "enterprise", w["enterprise"]).status_code == 403
    queue_a = fair.http.get(
        f"{fair.url}/review/queue?kind=enterprise&stage=1", headers=fair.session_headers("rev_a")
    ).json()["items"]
    assert [i["enterprise"]["id"] for i in queue_a] == [w["enterprise"]]
    assert (
        decide(fair, "rev_a", "enterprise", w["enterprise"]).json()["details"]["state"]
        == "under_review"
    )
    # Stage two belongs to the committee.
    assert decide(fair, "rev_a", "enterprise", w["enterprise"]).status_code == 403
    assert decide(fair, "rev_c", "enterprise", w["enterprise"]).status_code == 200


def test_state_changes_are_audited(fair: Harness) -> None:
    desk = fair.enroll("D1", operator="op1")
    from tests.factories import account_form

    desk.run(
        "create_account", {"account_id": str(uuid.uuid4()), "account": account_form("audit01")}
    )
    with fair.db.read() as session:
        actions = set(session.scalars(select(AuditLog.action)))
    assert {"desk:enroll", "push:create_account"} <= actions
    entries = fair.http.get(f"{fair.url}/admin/audit", headers=fair.session_headers("admin1"))
    assert entries.status_code == 200 and entries.json()["entries"]
