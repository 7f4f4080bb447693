"""A push's versions and stored results come from one step at the end of its transaction:
its rows get consecutive versions, its results the highest one, and what is stored is what
was answered, replayed and pulled."""

from __future__ import annotations

import threading
import time
import uuid
from datetime import UTC, datetime, timedelta

from sqlalchemy import func, select

from central.api.routes import sync as sync_routes
from central.db.tables import AuditLog, CommandResult, Desk
from desk.models.schema import Person
from tests.central.harness import Harness
from tests.central.test_domain import walk_in
from tests.factories import person_form


def _stored(svc: Harness, client_id: str) -> dict[int, CommandResult]:
    with svc.db.read() as session:
        query = select(CommandResult).where(CommandResult.client_id == uuid.UUID(client_id))
        return {r.id: r for r in session.scalars(query)}


def test_a_batch_stamps_its_rows_then_its_results_with_the_top_version(fair: Harness) -> None:
    desk = fair.enroll("D1", operator="op1")
    ent = walk_in(desk, "版本测试服务有限公司", "vers01")["enterprise"]
    people = [str(uuid.uuid4()) for _ in range(5)]
    batch = []
    for n, pid in enumerate(people):
        form = person_form(seq=20 + n)
        if n == 2:
            form["doc_number"] = "123"  # refused by a rule, its neighbours applied
        args = {"person_id": pid, "enterprise_id": ent, "person": form}
        batch.append(desk.command("add_person", args))
    del people[2]
    answer = desk.push(batch).json()
    assert [r["status"] for r in answer["results"]] == ["applied"] * 2 + ["rejected"] + [
        "applied"
    ] * 2
    rejection = answer["results"][2]
    assert rejection["message_zh"] and rejection["message_en"] and rejection["details"]
    top = answer["version"]

    with fair.db.read() as session:
        ids = [uuid.UUID(p) for p in people]
        versions = sorted(session.scalars(select(Person.version).where(Person.id.in_(ids))))
        audit = session.scalars(select(AuditLog.outcome).where(AuditLog.action.like("push:%")))
        outcomes = list(audit)
    assert versions == list(range(top - 4, top)), (versions, top)
    assert outcomes.count("rejected") == 1 and outcomes.count("applied") >= 4

    stored = _stored(fair, desk.client_id)
    for result in answer["results"]:
        row = stored[result["id"]]
        assert row.version == top
        assert (row.status, row.code, row.message_zh, row.message_en, row.field) == (
            result["status"],
            result["code"],
            result["message_zh"],
            result["message_en"],
            result["field"],
        )
        assert (row.details or {}) == result["details"]
        assert row.occurred_at is not None and row.occurred_at.tzinfo is not None
        assert abs((row.occurred_at - datetime.now(UTC)).total_seconds()) < 600
        assert row.operator_id == uuid.UUID(desk.operator_id or "")

    # The same answers again: for a replay, and for a pull whose push answer was lost.
    assert desk.push(batch).json()["results"] == answer["results"]
    page = desk.pull(top - 1)
    assert page["results"] == answer["results"]


def test_a_batch_refused_whole_still_gets_a_version_for_its_results(fair: Harness) -> None:
    desk = fair.enroll("D1", operator="op1")
    before = desk.pull(0)["cursor"]
    command = desk.command("create_account", {"account_id": "not-a-uuid", "account": {}})
    answer = desk.push([command]).json()
    assert answer["results"][0]["status"] == "rejected"
    assert answer["version"] == before + 1
    assert _stored(fair, desk.client_id)[command["id"]].version == before + 1
    assert desk.pull(before)["results"] == answer["results"]


def _desk_row(svc: Harness, desk_id: str) -> Desk:
    with svc.db.read() as session:
        row = session.get(Desk, uuid.UUID(desk_id))
        assert row is not None
        session.expunge(row)
        return row


def test_a_push_records_what_the_desk_reported_and_audits_each_command(fair: Harness) -> None:
    desk = fair.enroll("D1", operator="op1")
    skewed = (datetime.now(UTC) + timedelta(seconds=90)).isoformat()
    report = {"outbox_waiting": 7, "outbox_rejected": 2, "app_version": "1.4.2"}
    command = desk.command("create_account", {"account_id": "not-a-uuid", "account": {}})
    started = datetime.now(UTC)
    assert desk.push([command], desk_time=skewed, **report).status_code == 200

    row = _desk_row(fair, desk.id)
    assert (row.outbox_waiting, row.outbox_rejected, row.app_version) == (7, 2, "1.4.2")
    assert row.clock_skew_s is not None and 80 < row.clock_skew_s < 100
    assert row.last_push_at is not None and row.last_push_at >= started - timedelta(seconds=1)
    with fair.db.read() as session:
        audited = session.execute(
            select(AuditLog.action, AuditLog.outcome, AuditLog.desk_id).where(
                AuditLog.action.like("push:%")
            )
        ).all()
    assert audited == [("push:create_account", "rejected", uuid.UUID(desk.id))]

    # A replay stores nothing new, yet still records the desk's report.
    assert desk.push([command], outbox_waiting=0, outbox_rejected=3).status_code == 200
    row = _desk_row(fair, desk.id)
    assert (row.outbox_waiting, row.outbox_rejected, row.app_version) == (0, 3, "1.4.2")
    with fair.db.read() as session:
        count = session.scalar(
            select(func.count()).select_from(AuditLog).where(AuditLog.action.like("push:%"))
        )
    assert count == 1


def test_a_pull_records_the_version_the_desk_reached(fair: Harness) -> None:
    desk = fair.enroll("D1", operator="op1")
    page = desk.pull(0, outbox_waiting=4)
    deadline = time.monotonic() + 5
    row = _desk_row(fair, desk.id)
    while row.pulled_version is None and time.monotonic() < deadline:  # written after answering
        time.sleep(0.05)
        row = _desk_row(fair, desk.id)
    assert row.pulled_version == page["cursor"]
    assert row.outbox_waiting == 4 and row.last_pull_at is not None


def test_a_pulls_bookkeeping_gives_way_to_a_push_holding_the_desk(pg_svc: Harness) -> None:
    pg_svc.standard_fair()
    desk = pg_svc.enroll("D1", operator="op1")
    state = pg_svc.service.app.state.fairdesk
    desk_id = uuid.UUID(desk.id)
    stats = {"pulled_version": 5, "outbox_waiting": 1}
    marking = threading.Thread(target=sync_routes._mark_pull, args=(state, desk_id, stats))
    with pg_svc.db.write() as holder:  # as a push does: the desk row locked until its commit
        holder.execute(select(Desk.id).where(Desk.id == desk_id).with_for_update())
        marking.start()
        marking.join(timeout=5)
        gave_way = not marking.is_alive()
    marking.join()
    assert gave_way  # returned while the row was still locked
    assert _desk_row(pg_svc, desk.id).pulled_version is None  # skipped, not waited for

    sync_routes._mark_pull(state, desk_id, {"pulled_version": 5, "outbox_waiting": 1})
    assert _desk_row(pg_svc, desk.id).pulled_version == 5
