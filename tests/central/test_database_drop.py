"""The database dropping every connection (a restart, a failover) costs a desk at most one
retried request: nothing is lost or applied twice, and the service recovers by itself."""

from __future__ import annotations

import uuid

import psycopg
from sqlalchemy import func, select
from sqlalchemy.engine import make_url

from desk.models.schema import Person
from tests.central.harness import Harness
from tests.central.test_domain import walk_in
from tests.factories import person_form


def _drop_connections(svc: Harness) -> int:
    url = make_url(svc.settings.db)
    dsn = f"host={url.host} port={url.port} user={url.username} dbname={url.database}"
    with psycopg.connect(dsn, autocommit=True) as conn:
        rows = conn.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
            " WHERE datname = current_database() AND pid <> pg_backend_pid()"
        ).fetchall()
    return len(rows)


def test_pushes_and_pulls_recover_after_the_database_drops_its_connections(
    pg_svc: Harness,
) -> None:
    pg_svc.standard_fair()
    desk = pg_svc.enroll("D1", operator="op1")
    ent = walk_in(desk, "断线恢复服务有限公司", "drop01")["enterprise"]
    desk.pull(0)
    assert _drop_connections(pg_svc) >= 1

    args = {"person_id": str(uuid.uuid4()), "enterprise_id": ent, "person": person_form(seq=41)}
    batch = [desk.command("add_person", args)]
    statuses = []
    for _attempt in range(3):  # as a desk does: the same command again after a 503
        answer = desk.push(batch)
        statuses.append(answer.status_code)
        if answer.status_code == 200:
            break
        assert answer.status_code == 503, answer.text
        assert answer.json()["error"]
    assert statuses[-1] == 200 and len(statuses) <= 2, statuses
    assert answer.json()["results"][0]["status"] == "applied"

    assert desk.push(batch).json()["results"][0]["status"] == "applied"  # a replay
    with pg_svc.db.read() as session:
        assert session.scalar(select(func.count()).select_from(Person)) == 1
    _drop_connections(pg_svc)
    body = {"protocol": 1, "schema": 1, "client_id": desk.client_id, "cursor": 0, "limit": 1000}
    statuses = []
    for _attempt in range(3):
        answer = pg_svc.http.post(f"{pg_svc.url}/sync/pull", json=body, headers=desk.headers())
        statuses.append(answer.status_code)
        if answer.status_code == 200:
            break
    assert statuses[-1] == 200 and len(statuses) <= 2, statuses
    assert any(c["entity"] == "person" for c in answer.json()["changes"])
