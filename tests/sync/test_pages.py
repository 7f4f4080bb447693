"""P5: a pull page applies whole or not at all, with the desk killed mid-pull."""

from __future__ import annotations

import random
import subprocess
import sys
import time
from pathlib import Path

from sqlalchemy import func, select, text

from desk.models.schema import ENTITIES
from desk.sync.replica import open_replica, sync_state
from tests.sync.bulk import fair_rows, fill
from tests.sync.checks import assert_converged, raw_connect
from tests.sync.harness import REPO, Desk, Fair

TABLES = {name: cls.__table__ for name, cls in ENTITIES.items()}  # type: ignore[attr-defined]


def _service_rows_upto(fair: Fair, cursor: int) -> int:
    total = 0
    with fair.service.db().read() as session:
        for table in TABLES.values():
            total += int(
                session.scalar(
                    select(func.count()).select_from(table).where(table.c.version <= cursor)
                )
                or 0
            )
    return total


def _cursor(path: Path) -> int:
    conn = raw_connect(path)
    try:
        return int(conn.execute("SELECT cursor FROM sync_state").fetchone()[0])
    finally:
        conn.close()


def _replica_state(path: Path) -> tuple[int, int, int]:
    """(cursor, rows, highest version) of a replica on disk."""
    replica = open_replica(path)
    try:
        with replica.read() as session:
            cursor = sync_state(session).cursor
            rows = top = 0
            for table in TABLES.values():
                rows += int(session.scalar(select(func.count()).select_from(table)) or 0)
                top = max(
                    top,
                    int(
                        session.execute(
                            text(f'SELECT coalesce(max(version), 0) FROM "{table.name}"')
                        ).scalar_one()
                    ),
                )
        return cursor, rows, top
    finally:
        replica.close()


def test_p5_page_applies_whole_or_not_at_all(fair: Fair, desks: object, tmp_path: Path) -> None:
    fill(fair.service.db(), fair_rows(enterprises=2_000, people=30_000, badge_requests=8_000))
    make = desks  # type: ignore[assignment]
    desk: Desk = make("p5", url=fair.service.url)  # type: ignore[operator]
    path = desk.replica.path
    rng = random.Random(5)
    between = 0
    for _attempt in range(8):
        proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "tests.sync.desk_proc",
                "pull",
                str(path),
                fair.service.url,
                desk.operator.username,
            ],
            cwd=REPO,
        )
        # Wait until the child has written a page, then kill it at a random moment after.
        before = _cursor(path)
        deadline = time.monotonic() + 60
        while _cursor(path) == before and proc.poll() is None and time.monotonic() < deadline:
            time.sleep(0.01)
        time.sleep(rng.uniform(0.0, 0.6))
        proc.kill()
        proc.wait()
        cursor, rows, top = _replica_state(path)
        # Before or after each page, never between: every row up to the cursor, none beyond.
        assert top <= cursor
        assert rows == _service_rows_upto(fair, cursor)
        if 0 < cursor and proc.returncode != 0:
            between += 1
        if rows >= 40_000:
            break
    assert between >= 1, "no kill landed during the pull"
    assert desk.engine.sync_once().ok
    assert_converged(fair.service, [desk])
