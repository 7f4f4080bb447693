"""The sync protocol over real HTTP: order, replays, gaps, refusals, results, versions."""

from __future__ import annotations

import uuid

from sqlalchemy import func, select

from desk.models.schema import Account
from tests.central.harness import Harness
from tests.factories import account_form


def _account(identifier: str) -> dict[str, object]:
    return {"account_id": str(uuid.uuid4()), "account": account_form(identifier)}


def _count_accounts(svc: Harness) -> int:
    with svc.db.read() as session:
        return int(session.scalar(select(func.count()).select_from(Account)) or 0)


def test_health_and_openapi(svc: Harness) -> None:
    health = svc.http.get(f"{svc.url}/healthz").json()
    assert health["status"] == "ok" and health["db"] in ("sqlite", "postgresql")
    paths = svc.http.get(f"{svc.url}/openapi.json").json()["paths"]
    assert {"/sync/push", "/sync/pull", "/blobs/{sha256}", "/review/decide"} <= set(paths)


def test_replayed_push_runs_each_command_once(fair: Harness) -> None:
    desk = fair.enroll("D1", operator="op1")
    commands = [desk.command("create_account", _account(f"acct{i:02d}")) for i in range(3)]
    first = desk.push(commands).json()
    assert first["last_command_id"] == 3
    assert [r["status"] for r in first["results"]] == ["applied"] * 3
    again = desk.push(commands).json()  # the response was lost: the desk sends it all again
    assert again["results"] == first["results"]
    assert _count_accounts(fair) == 3


def test_gap_stops_the_batch(fair: Harness) -> None:
    desk = fair.enroll("D1", operator="op1")
    c5 = desk.command("create_account", _account("gapfive"), cid=1)
    c7 = desk.command("create_account", _account("gapseven"), cid=3)
    answer = desk.push([c5, c7]).json()
    assert answer["last_command_id"] == 1
    assert [r["id"] for r in answer["results"]] == [1]
    assert answer["stopped"]["code"] == "gap"
    assert _count_accounts(fair) == 1


def test_refusal_is_permanent_and_advances(fair: Harness) -> None:
    desk = fair.enroll("D1", operator="op1")
    bad = desk.command(
        "create_account", {"account_id": str(uuid.uuid4()), "account": account_form("x")}
    )  # identifier too short
    good = desk.command("create_account", _account("goodone"))
    answer = desk.push([bad, good]).json()
    assert [r["status"] for r in answer["results"]] == ["rejected", "applied"]
    assert answer["results"][0]["code"] == "invalid" and answer["results"][0]["message_zh"]
    assert answer["last_command_id"] == 2


def test_temporary_failure_stops_without_advancing(fair: Harness) -> None:
    desk = fair.enroll("D1", operator="op1")
    desk.run(
        "create_account",
        {"account_id": (acct := str(uuid.uuid4())), "account": account_form("tempfail")},
    )
    from tests.central.harness import enterprise
    from tests.factories import person_form

    ent = str(uuid.uuid4())
    registered = desk.run(
        "register_enterprise",
        {
            "enterprise_id": ent,
            "account_id": acct,
            "enterprise": enterprise("临时失败测试有限公司"),
        },
    )
    assert registered["status"] == "applied", registered
    missing_photo = "ab" * 32
    cmd = desk.command(
        "add_person",
        {
            "person_id": str(uuid.uuid4()),
            "enterprise_id": ent,
            "person": person_form(),
            "photo_sha256": missing_photo,
        },
    )
    answer = desk.push([cmd]).json()
    assert answer["results"] == [] and answer["stopped"]["code"] == "photo_not_uploaded"
    assert answer["last_command_id"] == 2
    # The photo arrives; the same command now applies.
    fair.db.write_session().close()
    from central.db.tables import Blob

    with fair.db.write() as session:
        session.add(Blob(sha256=missing_photo, kind="badge", size=60000, ok=True, failures=[]))
    assert desk.push([cmd]).json()["results"][0]["status"] == "applied"


def test_pull_returns_changes_in_version_order_with_results(fair: Harness) -> None:
    desk = fair.enroll("D1", operator="op1")
    for i in range(5):
        desk.run("create_account", _account(f"pull{i:02d}"))
    changes, last = desk.pull_all(0, limit=3)
    versions = [c["version"] for c in changes]
    assert versions == sorted(versions) and len(set(versions)) == len(versions)
    accounts = [c for c in changes if c["entity"] == "account"]
    assert len(accounts) == 5 and all(isinstance(c["data"]["id"], str) for c in accounts)
    assert all("T" in c["data"]["created_at"] for c in accounts)
    assert last["last_command_id"] == 5
    # A result whose push answer was lost arrives with the pull from the desk's cursor.
    before = last["cursor"]
    lost = desk.command("create_account", _account("lostanswer"))
    desk.push([lost])
    page = desk.pull(before)
    assert [r["id"] for r in page["results"]] == [lost["id"]]


def test_cursor_ahead_of_service_resets(fair: Harness) -> None:
    desk = fair.enroll("D1", operator="op1")
    assert desk.pull(10**9).get("reset") is True


def test_old_protocol_is_refused_clearly(fair: Harness) -> None:
    desk = fair.enroll("D1", operator="op1")
    body = {"protocol": 0, "schema": 1, "client_id": desk.client_id, "commands": []}
    answer = fair.http.post(f"{fair.url}/sync/push", json=body, headers=desk.headers())
    assert answer.status_code == 409
    assert answer.json()["error"] == "version_not_supported"
    assert answer.json()["min"] == 1 and answer.json()["max"] == 1


def test_revoked_desk_is_refused(fair: Harness) -> None:
    desk = fair.enroll("D1", operator="op1")
    assert desk.push([]).status_code == 200
    with fair.db.write() as session:
        from central.services.accounts import revoke_desk

        revoke_desk(session, "D1", wipe=True)
    answer = desk.push([desk.command("create_account", _account("revoked1"))])
    assert answer.status_code == 403 and answer.json()["wipe"] is True
    bad = fair.http.post(
        f"{fair.url}/sync/pull",
        json={"protocol": 1, "cursor": 0},
        headers={"Authorization": "Bearer fdd_nope.nope"},
    )
    assert bad.status_code == 401


def test_decisions_are_never_accepted_through_push(fair: Harness) -> None:
    desk = fair.enroll("D1", operator="op1")
    result = desk.run(
        "review_decide",
        {"target": "host_org", "id": fair.orgs["hostA"], "decision": "approve", "reason": ""},
    )
    assert result["status"] == "rejected" and result["code"] == "not_queueable"


def test_unknown_or_inactive_operator_is_refused(fair: Harness) -> None:
    desk = fair.enroll("D1", operator="op1")
    assert (
        desk.run("create_account", _account("noop01"), operator_id=str(uuid.uuid4()))["code"]
        == "operator_not_allowed"
    )
    # An operator of another host organisation may not work at this desk.
    assert (
        desk.run("create_account", _account("noop02"), operator_id=fair.users["op_b"]["id"])["code"]
        == "operator_not_allowed"
    )
    assert (
        desk.run("create_account", _account("noop03"), operator_id=fair.users["rev_c"]["id"])[
            "code"
        ]
        == "operator_not_allowed"
    )


def test_replica_of_another_desk_is_refused(fair: Harness) -> None:
    d1 = fair.enroll("D1", operator="op1")
    d2 = fair.enroll("D2", operator="op1")
    d1.run("create_account", _account("owner01"))
    d2.client_id = d1.client_id
    assert d2.push([]).status_code == 403


def test_replacement_desk_sends_the_old_outbox(fair: Harness) -> None:
    old = fair.enroll("OLD", operator="op1")
    old.run("create_account", _account("replace1"))
    new = fair.enroll("NEW", operator="op1")
    with fair.db.write() as session:
        from central.services.accounts import replace_desk

        replace_desk(session, "OLD", "NEW")
    new.client_id, new.next_id = old.client_id, old.next_id
    assert new.run("create_account", _account("replace2"))["status"] == "applied"
    assert old.push([]).status_code == 403
