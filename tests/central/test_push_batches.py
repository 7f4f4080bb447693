"""A batch is applied in one pass without savepoints when it can be, and again command by
command when a command fails after writing: either way each command gets its own answer."""

from __future__ import annotations

import sqlite3
import threading
import time
import uuid
from typing import Any

from sqlalchemy import func, select

from desk.models.schema import Person
from tests.central.harness import Desk, Harness
from tests.central.test_domain import walk_in
from tests.factories import person_form


def _add(desk: Desk, enterprise_id: str, seq: int, **over: Any) -> dict[str, Any]:
    return desk.command(
        "add_person",
        {
            "person_id": str(uuid.uuid4()),
            "enterprise_id": enterprise_id,
            "person": person_form(seq=seq, **over),
        },
    )


def _people(svc: Harness, enterprise_id: str) -> int:
    with svc.db.read() as session:
        return int(
            session.scalar(
                select(func.count()).where(Person.enterprise_id == uuid.UUID(enterprise_id))
            )
            or 0
        )


def test_a_refused_command_leaves_its_neighbours_applied(fair: Harness) -> None:
    desk = fair.enroll("D1", operator="op1")
    ent = walk_in(desk, "批次测试服务有限公司", "batch01")["enterprise"]
    batch = [
        _add(desk, ent, 1),
        _add(desk, ent, 2, doc_number="123"),  # refused by a rule before anything is written
        _add(desk, ent, 3),
        _add(desk, ent, 1),  # the first one's document again: refused after its insert
        _add(desk, ent, 4),
    ]
    answer = desk.push(batch)
    assert answer.status_code == 200, answer.text
    results = answer.json()["results"]
    assert [r["status"] for r in results] == [
        "applied",
        "rejected",
        "applied",
        "rejected",
        "applied",
    ]
    assert results[1]["code"] == "invalid"
    assert results[3]["code"] == "duplicate_person"
    assert answer.json()["last_command_id"] == batch[-1]["id"]
    assert _people(fair, ent) == 3
    again = desk.push(batch).json()["results"]  # a replay answers from the stored results
    assert again == results
    assert _people(fair, ent) == 3


def test_a_used_person_id_is_refused_in_a_later_batch(fair: Harness) -> None:
    desk = fair.enroll("D1", operator="op1")
    ent = walk_in(desk, "编号测试服务有限公司", "batch02")["enterprise"]
    first = _add(desk, ent, 1)
    assert desk.push([first]).json()["results"][0]["status"] == "applied"
    reused = desk.command("add_person", {**first["args"], "person": person_form(seq=2)})
    result = desk.push([reused, _add(desk, ent, 3)]).json()["results"]
    assert [(r["status"], r["code"]) for r in result] == [
        ("rejected", "duplicate_id"),
        ("applied", None),
    ]


def test_two_desks_adding_one_visitor_store_one(pg_svc: Harness) -> None:
    pg_svc.standard_fair()
    d1, d2 = pg_svc.enroll("D1", operator="op1"), pg_svc.enroll("D2", operator="op1")
    ent = walk_in(d1, "并发人员测试服务有限公司", "batch03")["enterprise"]
    answers: dict[str, dict[str, Any]] = {}

    def add(desk: Desk) -> None:
        answers[desk.name] = desk.push([_add(desk, ent, 7)]).json()["results"][0]

    threads = [threading.Thread(target=add, args=(d,)) for d in (d1, d2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    statuses = sorted((r["status"], r["code"]) for r in answers.values())
    assert statuses == [("applied", None), ("rejected", "duplicate_person")]
    assert _people(pg_svc, ent) == 1


def test_a_pull_answers_while_another_writer_holds_the_database(sqlite_fair: Harness) -> None:
    """Pull bookkeeping is written after the answer and skipped when the write lock is busy:
    a pull never fails or waits because SQLite's one writer is queued behind pushes."""
    desk = sqlite_fair.enroll("D1", operator="op1")
    path = sqlite_fair.db.engine.url.database
    assert path is not None
    holder = sqlite3.connect(path, timeout=0, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        started = time.monotonic()
        page = desk.pull(0)  # this desk's first pull: its bookkeeping is due
        assert time.monotonic() - started < 3
        assert page["changes"] and page["has_more"] is False
    finally:
        holder.execute("ROLLBACK")
        holder.close()
