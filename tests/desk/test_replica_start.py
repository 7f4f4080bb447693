"""Opening a replica at start-up: Alembic runs only when a schema history is behind (the
stored revisions are compared with the heads read from the revision files), and searching
needs neither Alembic nor pypinyin, whose imports are most of a desk's start."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from alembic import command
from alembic.script import ScriptDirectory
from sqlalchemy import inspect

from central.db.migrate import CENTRAL_MIGRATIONS, CENTRAL_VERSION_TABLE
from desk.models.migrate import (
    SHARED_MIGRATIONS,
    SHARED_VERSION_TABLE,
    alembic_config,
    at_head,
    head_revisions,
    stored_revisions,
    upgrade_if_behind,
)
from desk.models.search import install_search_index
from desk.sync import cipher
from desk.sync.replica import DESK_MIGRATIONS, DESK_VERSION_TABLE, open_replica

ROOT = Path(__file__).resolve().parents[2]
HISTORIES = [(SHARED_MIGRATIONS, SHARED_VERSION_TABLE), (DESK_MIGRATIONS, DESK_VERSION_TABLE),
             (CENTRAL_MIGRATIONS, CENTRAL_VERSION_TABLE)]

# Run in a fresh interpreter: what a desk's start imports, and what it finds.
CHILD = """
import json, sys
from pathlib import Path
from desk.models.search import search_people, install_search_index
from desk.sync.replica import open_replica
replica = open_replica(Path(sys.argv[1]), key=bytes.fromhex(sys.argv[2]))
with replica.read() as session:
    hits = {q: len(search_people(session, q)) for q in ("单", "sxx", "shanxiong", "0027")}
replica.close()
print(json.dumps({"alembic": "alembic" in sys.modules, "pypinyin": "pypinyin" in sys.modules,
                  "hits": hits}))
"""


@pytest.mark.parametrize(("location", "table"), HISTORIES)
def test_heads_read_from_the_files_are_alembics(location: Path, table: str) -> None:
    script = ScriptDirectory.from_config(alembic_config(location, table))
    assert head_revisions(location) == frozenset(script.get_heads())


def test_a_replica_at_its_heads_opens_without_alembic_or_pypinyin(tmp_path: Path) -> None:
    path = tmp_path / "replica.sqlite3"
    replica = open_replica(path)
    key = cipher.known_key(path)
    assert key is not None
    with replica.write() as session:
        conn = session.connection()
        install_search_index(conn)
        conn.exec_driver_sql(
            "INSERT INTO person (id, version, created_at, updated_at, deleted, name, "
            "name_pinyin, name_initials, gender, nationality, doc_type, doc_number, "
            "doc_number_rev, mobile_rev, enterprise_id, duty, position, display_name) VALUES "
            "(?, 1, '2026-09-01', '2026-09-01', 0, '单雄信', 'shanxiongxin', 'sxx', 'male', "
            "'mainland', 'resident_id', '110105194912310027', '720013219491501011', '', ?, "
            "'other', 'junior', '')", (uuid.uuid4().hex, uuid.uuid4().hex))
    replica.close()
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = subprocess.run([sys.executable, "-c", CHILD, str(path), key.hex()], cwd=ROOT,
                          env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    facts = json.loads(done.stdout.strip().splitlines()[-1])
    # Found by character, initials, pinyin and document tail, all from stored keys.
    assert facts["hits"] == {"单": 1, "sxx": 1, "shanxiong": 1, "0027": 1}
    assert facts == {**facts, "alembic": False, "pypinyin": False}


def test_a_replica_behind_its_head_is_migrated(tmp_path: Path) -> None:
    path = tmp_path / "replica.sqlite3"
    replica = open_replica(path)
    with replica.write() as session:  # as a desk of the previous release left it
        config = alembic_config(DESK_MIGRATIONS, DESK_VERSION_TABLE)
        config.attributes["connection"] = session.connection()
        command.downgrade(config, "0001")
        assert stored_revisions(session.connection(), DESK_VERSION_TABLE) == {"0001"}
        assert not at_head(session.connection(), DESK_MIGRATIONS, DESK_VERSION_TABLE)
    replica.close()

    replica = open_replica(path)  # the new release opens it
    try:
        with replica.write() as session:
            conn = session.connection()
            assert stored_revisions(conn, DESK_VERSION_TABLE) == head_revisions(DESK_MIGRATIONS)
            columns = {c["name"] for c in inspect(conn).get_columns("sync_state")}
            assert {"wipe_ordered_at", "exported_seq"} <= columns
            # At the heads now: nothing runs again.
            assert not upgrade_if_behind(conn, DESK_MIGRATIONS, DESK_VERSION_TABLE)
            assert not upgrade_if_behind(conn, SHARED_MIGRATIONS, SHARED_VERSION_TABLE)
    finally:
        replica.close()


def test_a_new_replica_runs_both_histories(tmp_path: Path) -> None:
    from sqlalchemy import create_engine

    engine = create_engine(f"sqlite:///{tmp_path / 'plain.sqlite3'}")
    try:
        with engine.begin() as conn:
            assert stored_revisions(conn, SHARED_VERSION_TABLE) == frozenset()
            assert upgrade_if_behind(conn, SHARED_MIGRATIONS, SHARED_VERSION_TABLE)
            assert upgrade_if_behind(conn, DESK_MIGRATIONS, DESK_VERSION_TABLE)
            assert at_head(conn, SHARED_MIGRATIONS, SHARED_VERSION_TABLE)
            assert at_head(conn, DESK_MIGRATIONS, DESK_VERSION_TABLE)
            assert "person" in inspect(conn).get_table_names()
    finally:
        engine.dispose()


def test_revision_files_alembic_must_read_are_left_to_it(tmp_path: Path) -> None:
    versions = tmp_path / "versions"
    versions.mkdir()
    (versions / "0001_a.py").write_text('revision = "0001"\ndown_revision = None\n', "utf-8")
    (versions / "0002_b.py").write_text(
        'revision: str = "0002"\ndown_revision: str | None = "0001"\n', "utf-8")
    assert head_revisions(tmp_path) == {"0002"}
    (versions / "0003_c.py").write_text('revision = make_id()\ndown_revision = "0002"\n',
                                        "utf-8")
    assert head_revisions(tmp_path) is None  # not a plain value: Alembic decides
