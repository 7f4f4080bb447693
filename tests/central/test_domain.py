"""Domain commands through the service: races between desks, merges, hand-outs, notices."""

from __future__ import annotations

import threading
import uuid
from typing import Any

from sqlalchemy import func, select

from central.db.tables import AccountSecret, Notice
from desk.models.schema import Enterprise, Handout, InvitationCode
from tests.central.harness import Desk, Harness, enterprise
from tests.factories import account_form, participation_form, person_form


def walk_in(desk: Desk, name: str, ident: str, *, code: str | None = None) -> dict[str, Any]:
    """Account, enterprise and application of a walk-in; returns their ids and results."""
    acct, ent = str(uuid.uuid4()), str(uuid.uuid4())
    r1 = desk.run("create_account", {"account_id": acct, "account": account_form(ident)})
    r2 = desk.run(
        "register_enterprise",
        {"enterprise_id": ent, "account_id": acct, "enterprise": enterprise(name)},
    )
    r3 = desk.run(
        "apply_participation",
        {"enterprise_id": ent, "participation": participation_form("attendee", code)},
    )
    return {"account": acct, "enterprise": ent, "results": [r1, r2, r3]}


def decide(
    svc: Harness,
    reviewer: str,
    target: str,
    row_id: str,
    decision: str = "approve",
    reason: str = "",
) -> Any:
    return svc.http.post(
        f"{svc.url}/review/decide",
        headers=svc.session_headers(reviewer),
        json={"target": target, "id": row_id, "decision": decision, "reason": reason},
    )


def issue_code(svc: Harness, org: str) -> str:
    from central.services.operations import issue_codes

    with svc.db.write() as session:
        return issue_codes(session, host_org=svc.orgs[org], count=1)[0]


def test_two_desks_race_for_one_invitation_code(fair: Harness) -> None:
    code = issue_code(fair, "hostA")
    d1, d2 = fair.enroll("D1", operator="op1"), fair.enroll("D2", operator="op1")
    prepared = []
    for desk, name, ident in (
        (d1, "甲方竞争科技有限公司", "racea1"),
        (d2, "乙方竞争科技有限公司", "raceb1"),
    ):
        acct, ent = str(uuid.uuid4()), str(uuid.uuid4())
        desk.run("create_account", {"account_id": acct, "account": account_form(ident)})
        desk.run(
            "register_enterprise",
            {"enterprise_id": ent, "account_id": acct, "enterprise": enterprise(name)},
        )
        prepared.append(
            (
                desk,
                desk.command(
                    "apply_participation",
                    {"enterprise_id": ent, "participation": participation_form("attendee", code)},
                ),
            )
        )
    answers: list[Any] = []
    barrier = threading.Barrier(2)

    def send(desk: Desk, command: dict[str, Any]) -> None:
        barrier.wait()
        answers.append(desk.push([command]).json()["results"][0])

    threads = [threading.Thread(target=send, args=p) for p in prepared]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    statuses = sorted(a["status"] for a in answers)
    assert statuses == ["applied", "rejected"], answers
    loser = next(a for a in answers if a["status"] == "rejected")
    assert loser["code"] == "code_used" and loser["details"]["used_by_enterprise_id"]
    with fair.db.read() as session:
        row = session.scalar(select(InvitationCode).where(InvitationCode.code == code))
        assert row is not None and row.used_by_enterprise_id is not None


def test_same_enterprise_at_two_desks_is_merged(fair: Harness) -> None:
    d1, d2 = fair.enroll("D1", operator="op1"), fair.enroll("D2", operator="op1")
    first = walk_in(d1, "北京合并测试科技有限公司", "merge01")
    second_acct, second_ent = str(uuid.uuid4()), str(uuid.uuid4())
    d2.run("create_account", {"account_id": second_acct, "account": account_form("merge02")})
    result = d2.run(
        "register_enterprise",
        {
            "enterprise_id": second_ent,
            "account_id": second_acct,
            "enterprise": enterprise("北京合并测试科技有限公司 "),
        },
    )
    assert result["status"] == "merged"
    assert result["details"]["canonical_id"] == first["enterprise"]
    with fair.db.read() as session:
        alias = session.get(Enterprise, uuid.UUID(second_ent))
        assert alias is not None and str(alias.canonical_id) == first["enterprise"]


def test_account_password_is_generated_hashed_and_sent(fair: Harness) -> None:
    desk = fair.enroll("D1", operator="op1")
    acct = str(uuid.uuid4())
    desk.run("create_account", {"account_id": acct, "account": account_form("secret01")})
    with fair.db.read() as session:
        secret = session.get(AccountSecret, uuid.UUID(acct))
        assert secret is not None and secret.password_hash.startswith("$argon2id$")
        notice = session.scalar(select(Notice).where(Notice.kind == "account_password"))
        assert notice is not None and notice.channel == "sms"
    changes, _ = desk.pull_all()
    account = next(c for c in changes if c["entity"] == "account")
    assert not any("password" in key for key in account["data"])


def badge_ready(svc: Harness, desk: Desk) -> dict[str, str]:
    """A walk-in approved at both stages with one person's badge printed."""
    w = walk_in(desk, "发证测试服务有限公司", "badge01")
    person, request, badge = str(uuid.uuid4()), str(uuid.uuid4()), str(uuid.uuid4())
    r = desk.run(
        "add_person",
        {
            "person_id": person,
            "enterprise_id": w["enterprise"],
            "person": person_form(),
            "photo_sha256": svc.accepted_photo(),
        },
    )
    assert r["status"] == "applied", r
    r = desk.run(
        "request_badges",
        {
            "batch_id": str(uuid.uuid4()),
            "badge_type": "delegate",
            "items": [{"request_id": request, "person_id": person}],
        },
    )
    assert r["status"] == "applied", r
    queue = svc.http.get(
        f"{svc.url}/review/queue?kind=enterprise", headers=svc.session_headers("rev_c")
    ).json()["items"]
    item = next(i for i in queue if i["enterprise"]["id"] == w["enterprise"])
    assert [b["id"] for b in item["badge_requests"]] == [request]
    for _stage in (1, 2):
        assert decide(svc, "rev_c", "enterprise", w["enterprise"]).status_code == 200
    for _stage in (1, 2):
        answer = decide(svc, "rev_c", "badge_request", request)
        assert answer.status_code == 200, answer.text
    r = desk.run(
        "record_badge_printed",
        {
            "badge_id": badge,
            "request_id": request,
            "code": "B000001",
            "revision_desk": desk.name,
            "revision_counter": 1,
        },
    )
    assert r["status"] == "applied", r
    return {"person": person, "request": request, "badge": badge}


def test_badge_handed_out_twice_is_kept_flagged_and_counted_once(fair: Harness) -> None:
    d1, d2 = fair.enroll("D1", operator="op1"), fair.enroll("D2", operator="op1")
    ids = badge_ready(fair, d1)
    with fair.db.read() as session:
        notice = session.scalar(select(Notice).where(Notice.kind == "badge_collectable"))
        assert notice is not None and notice.subject_id == uuid.UUID(ids["request"])
    results = []
    for desk in (d1, d2):  # both desks were offline; their hand-outs arrive one after the other
        results.append(
            desk.run(
                "hand_out_badges",
                {
                    "items": [{"badge_id": ids["badge"], "handout_id": str(uuid.uuid4())}],
                    "recipient": "holder",
                    "document_checked": "resident_id",
                },
            )
        )
    assert [r["status"] for r in results] == ["applied", "applied"]
    assert results[1]["details"]["flagged"] == [ids["badge"]]
    with fair.db.read() as session:
        rows = list(session.scalars(select(Handout)))
        assert len(rows) == 2 and sorted(r.flagged for r in rows) == [False, True]
        counted = session.scalar(select(func.count(func.distinct(Handout.badge_id))))
        assert counted == 1


def test_reviewer_out_of_scope_is_refused(fair: Harness) -> None:
    desk = fair.enroll("D1", operator="op1")
    w = walk_in(desk, "范围测试咨询有限公司", "scope01")  # reviewed first by the committee office
    answer = decide(fair, "rev_a", "enterprise", w["enterprise"])
    assert answer.status_code == 403 and answer.json()["error"] == "out_of_scope"
    operator = fair.session_headers("op1", desk)
    answer = fair.http.post(
        f"{fair.url}/review/decide",
        headers=operator,
        json={"target": "enterprise", "id": w["enterprise"], "decision": "approve"},
    )
    assert answer.status_code == 403
    queue = fair.http.get(
        f"{fair.url}/review/queue?kind=enterprise", headers=fair.session_headers("rev_a")
    ).json()["items"]
    assert queue == []
    answer = decide(fair, "rev_c", "enterprise", w["enterprise"], "reject")
    assert answer.status_code == 409 and answer.json()["error"] == "reason_required"
