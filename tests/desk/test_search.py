"""The desk's search over a replica (no Qt): every key finds its person, the side tables
follow every kind of write, and lists never carry a whole document number."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from typing import Any

import pytest

from bench.desk_search import _with_defaults, build_replica
from desk.models.search import (
    find_scanned,
    near_duplicates,
    pending_changes,
    refresh_search_index,
    search_enterprises,
    search_people,
)
from desk.models.search_keys import person_keys, reversed_key
from desk.sync.replica import Replica, open_replica
from desk.sync.rows import CODECS


@pytest.fixture(scope="module")
def fair(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Replica, dict[str, Any]]]:
    path = tmp_path_factory.mktemp("search") / "replica.sqlite3"
    built = build_replica(path, people=3000, enterprises=400, seed=3)
    replica = open_replica(path)
    yield replica, built["facts"]
    replica.close()


def person_row(name: str, doc: str, mobile: str, enterprise_id: str) -> tuple[Any, ...]:
    pinyin, initials = person_keys(name)
    return _with_defaults("person", {
        "id": str(uuid.uuid4()), "version": 1, "created_at": "2026-09-01T08:00:00+00:00",
        "updated_at": "2026-09-01T08:00:00+00:00", "deleted": False, "name": name,
        "name_pinyin": pinyin, "name_initials": initials, "gender": "male",
        "doc_type": "resident_id", "doc_number": doc, "doc_number_rev": reversed_key(doc),
        "birthday": "1985-06-15", "mobile": mobile, "mobile_rev": reversed_key(mobile),
        "enterprise_id": enterprise_id})


def test_every_key_finds_the_person(fair: tuple[Replica, dict[str, Any]]) -> None:
    replica, facts = fair
    with replica.read() as session:
        name, doc, mobile, code = (facts["names"][3], facts["docs"][3], facts["mobiles"][3],
                                   facts["codes"][0])
        assert all(name[0] in h.name for h in search_people(session, name[0]))
        assert any(h.name == name for h in search_people(session, name))
        initials = facts["initials"][3]
        assert all(h.matched in ("initials", "pinyin", "name")
                   for h in search_people(session, initials[:2]))
        by_tail = search_people(session, doc[-6:])
        assert any(h.doc_masked.endswith(doc[-4:]) for h in by_tail)
        assert all(doc not in h.doc_masked for h in by_tail)  # never the whole number
        assert any(h.mobile_masked.endswith(mobile[-4:])
                   for h in search_people(session, mobile[-4:]))
        by_code = search_people(session, code)
        assert by_code and by_code[0].badge_code == code
        assert find_scanned(session, code) == by_code[0].id
        assert search_people(session, "") == []


def test_side_tables_follow_writes(fair: tuple[Replica, dict[str, Any]]) -> None:
    replica, _facts = fair
    with replica.read() as session:
        enterprise_id = session.connection().exec_driver_sql(
            "SELECT id FROM enterprise LIMIT 1").scalar_one()
    row = person_row("单雄信", "11010519491231002X", "+8613800138000", enterprise_id)
    with replica.write() as session:  # a pulled row, written the way a pull writes it
        CODECS["person"].upsert(session.connection(), [row])
    with replica.read() as session:
        # Found before any refresh (rows noted as changed are looked at directly)...
        assert [h.name for h in search_people(session, "雄信")] == ["单雄信"]
        assert any(h.name == "单雄信" for h in search_people(session, "sxx"))  # 单 read Shan
        assert search_people(session, "shanx")
        assert pending_changes(session.connection()) == 1
    with replica.write() as session:
        refresh_search_index(session)
    with replica.read() as session:
        assert pending_changes(session.connection()) == 0
        assert [h.name for h in search_people(session, "雄信")] == ["单雄信"]
    with replica.write() as session:  # renamed, then gone
        session.connection().exec_driver_sql("UPDATE person SET name = '单雄义' WHERE id = ?",
                                             (row[CODECS["person"].columns.index("id")],))
    with replica.read() as session:
        assert search_people(session, "雄信") == []
        assert [h.name for h in search_people(session, "雄义")] == ["单雄义"]
    with replica.write() as session:
        session.connection().exec_driver_sql("DELETE FROM person WHERE name = '单雄义'")
        refresh_search_index(session)
    with replica.read() as session:
        assert search_people(session, "雄义") == []


def test_enterprises_and_near_duplicates(fair: tuple[Replica, dict[str, Any]]) -> None:
    replica, _facts = fair
    with replica.read() as session:
        name = session.connection().exec_driver_sql(
            "SELECT name FROM enterprise ORDER BY name LIMIT 1").scalar_one()
        assert any(h.name == name for h in search_enterprises(session, name[2:8]))
        same = near_duplicates(session, f" {name} ")
        assert same and same[0].reason == "same_name"
        # Same sound, other characters (华信 / 华鑫), legal form aside: a similar name.
        if "华信" in name:
            assert near_duplicates(session, name.replace("华信", "华鑫"))


def test_search_is_fast_enough_here(fair: tuple[Replica, dict[str, Any]]) -> None:
    """A guard, not the benchmark (bench/desk_search.py measures 100,000 people)."""
    import time

    replica, facts = fair
    with replica.read() as session:
        started = time.perf_counter()
        for text in ("王", "李娜", "zw", facts["docs"][1][-4:], facts["mobiles"][1][-4:]):
            search_people(session, text)
        assert time.perf_counter() - started < 0.5


