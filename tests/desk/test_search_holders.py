"""Host organisations' staff and guests in the People search (no Qt): found by every key
kind like enterprise personnel, marked with their kind, masked in lists, shown on the card;
and the side tables follow their writes the way they follow people's."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from typing import Any

import pytest

from bench.desk_search import _with_defaults, build_replica
from desk.models.search import (
    find_scanned,
    install_search_index,
    pending_changes,
    refresh_search_index,
    search_people,
)
from desk.models.search_keys import person_keys, reversed_key
from desk.sync.replica import Replica, open_replica
from desk.sync.rows import CODECS
from desk.views.lookups import document_matches, matching_document, person_card

STAMP = "2026-09-01T08:00:00+00:00"
HOST_ORG = str(uuid.uuid4())
STAFF = {"id": str(uuid.uuid4()), "name": "司马承祯", "doc": "110105198003070519",
         "mobile": "+8613911112222", "code": "DSTAFF-000007"}
GUEST = {"id": str(uuid.uuid4()), "name": "Margarethe Lindqvist", "doc": "E12345678",
         "mobile": "+4670555123456", "code": "VGUEST-000042"}


def _synced(data: dict[str, Any]) -> dict[str, Any]:
    return {"version": 1, "created_at": STAMP, "updated_at": STAMP, "deleted": False, **data}


def _holder(entity: str, who: dict[str, str], doc_type: str,
            **extra: Any) -> tuple[Any, ...]:
    pinyin, initials = person_keys(who["name"])
    return _with_defaults(entity, _synced({
        "id": who["id"], "host_org_id": HOST_ORG, "name": who["name"], "name_pinyin": pinyin,
        "name_initials": initials, "gender": "female", "nationality": "mainland",
        "doc_type": doc_type, "doc_number": who["doc"], "doc_number_rev": reversed_key(who["doc"]),
        "mobile": who["mobile"], "mobile_rev": reversed_key(who["mobile"]),
        "review_state": "approved", **extra}))


def _badge(holder_kind: str, who: dict[str, str]) -> tuple[tuple[Any, ...], tuple[Any, ...]]:
    request_id = str(uuid.uuid4())
    request = _with_defaults("badge_request", _synced({
        "id": request_id, "holder_kind": holder_kind, "holder_id": who["id"],
        "host_org_id": HOST_ORG, "batch_id": request_id, "badge_type": "delegate",
        "status": "produced", "snapshot": {}, "requested_at": STAMP}))
    badge = _with_defaults("badge", _synced({
        "id": str(uuid.uuid4()), "request_id": request_id, "holder_id": who["id"],
        "code": who["code"], "revision_desk": "test", "revision_counter": 7,
        "status": "valid", "printed_at": STAMP}))
    return request, badge


@pytest.fixture(scope="module")
def fair(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Replica]:
    """A small fair of enterprise personnel, then a host organisation's staff member and
    guest written the way a pull writes them (raw upserts, the triggers noting them)."""
    path = tmp_path_factory.mktemp("holders") / "replica.sqlite3"
    build_replica(path, people=600, enterprises=60, seed=5)
    replica = open_replica(path)
    with replica.write() as session:
        conn = session.connection()
        CODECS["host_org"].upsert(conn, [_with_defaults("host_org", _synced({
            "id": HOST_ORG, "name": "北京市商务局", "review_state": "approved"}))])
        CODECS["host_staff"].upsert(conn, [_holder(
            "host_staff", STAFF, "resident_id", surname="司马", given_name="承祯",
            position="staff")])
        CODECS["guest"].upsert(conn, [_holder(
            "guest", GUEST, "passport", kind="vip", organisation="Stockholm Trade Council",
            nationality="foreign", country="SE")])
        for kind, who in (("host_staff", STAFF), ("guest", GUEST)):
            request, badge = _badge(kind, who)
            CODECS["badge_request"].upsert(conn, [request])
            CODECS["badge"].upsert(conn, [badge])
    yield replica
    replica.close()


def _kinds(replica: Replica, text: str) -> dict[str, tuple[str, str]]:
    """name -> (kind, key that found it) of the hits of `text`."""
    with replica.read() as session:
        return {h.name: (h.kind, h.matched) for h in search_people(session, text)}


def test_found_before_and_after_the_refresh(fair: Replica) -> None:
    with fair.read() as session:
        assert pending_changes(session.connection()) == 2  # noted by the triggers
    assert _kinds(fair, "承祯")[STAFF["name"]] == ("host_staff", "name")
    with fair.write() as session:
        assert refresh_search_index(session) == 2
    with fair.read() as session:
        assert pending_changes(session.connection()) == 0
        grams = session.connection().exec_driver_sql(
            "SELECT count(*) FROM search_staff_gram WHERE hid = ?",
            (uuid.UUID(STAFF["id"]).hex,)).scalar_one()
        assert grams == 7  # 4 characters and 3 pairs
    assert _kinds(fair, "承祯")[STAFF["name"]] == ("host_staff", "name")


@pytest.mark.parametrize(("who", "kind"), [(STAFF, "host_staff"), (GUEST, "guest")])
def test_every_key_kind_finds_them(fair: Replica, who: dict[str, str], kind: str) -> None:
    with fair.write() as session:
        refresh_search_index(session)
    pinyin, initials = person_keys(who["name"])
    name_part = who["name"][2:4] if kind == "host_staff" else "lindq"
    queries = {
        "name": name_part,
        "pinyin": pinyin[:7],
        "initials": initials,
        "document": who["doc"][-4:],
        "phone": who["mobile"][-4:],
        "badge": who["code"].replace("-", "")[:8],
    }
    for key, text in queries.items():
        found = _kinds(fair, text)
        assert who["name"] in found, (key, text)
        found_kind, _matched = found[who["name"]]
        assert found_kind == kind, (key, text)
    assert _kinds(fair, who["code"])[who["name"]] == (kind, "badge")
    with fair.read() as session:
        hit = next(h for h in search_people(session, who["doc"][-4:]) if h.name == who["name"])
        assert who["doc"] not in hit.doc_masked and hit.doc_masked.endswith(who["doc"][-4:])
        assert who["mobile"] not in hit.mobile_masked
        assert hit.badge_code == who["code"] and hit.request_status == "produced"
        assert find_scanned(session, who["code"]) == uuid.UUID(who["id"])
        assert find_scanned(session, who["code"].replace("-", "")) == uuid.UUID(who["id"])
        assert find_scanned(session, who["doc"]) == uuid.UUID(who["id"])


def test_the_card_shows_them_with_their_badge(fair: Replica) -> None:
    with fair.read() as session:
        card = person_card(session, uuid.UUID(GUEST["id"]))
        assert card is not None and card.kind == "guest"
        assert card.enterprise_name == "Stockholm Trade Council / 北京市商务局"
        assert card.badge is not None and card.badge.code == GUEST["code"]
        assert card.request is not None and card.request.status == "produced"
        assert GUEST["doc"] not in card.doc_masked and not card.form
        assert document_matches(session, card.id, "passport", GUEST["doc"])
        assert not document_matches(session, card.id, "passport", "E12345679")
        assert not document_matches(session, card.id, "resident_id", GUEST["doc"])
        assert matching_document(session, card.id, "passport", GUEST["doc"]) == GUEST["doc"]
        assert matching_document(session, card.id, "passport", "E12345679") is None
        staff = person_card(session, uuid.UUID(STAFF["id"]))
        assert staff is not None and staff.kind == "host_staff"
        assert staff.enterprise_name == "北京市商务局"


def test_a_surname_reaches_host_staff_in_name_order(fair: Replica) -> None:
    with fair.read() as session:
        name = session.connection().exec_driver_sql(
            "SELECT name FROM person WHERE name LIKE '司%' LIMIT 1").scalar()
        hits = search_people(session, "司")
    kinds = [h.kind for h in hits]
    assert "host_staff" in kinds  # a surname search reaches host staff too
    if name is not None:  # and ranks by position in the name, whoever the holder is
        assert all(h.name.startswith("司") for h in hits[:kinds.index("host_staff") + 1])


def test_deleted_and_renamed_holders(fair: Replica) -> None:
    with fair.write() as session:
        conn = session.connection()
        conn.exec_driver_sql("UPDATE host_staff SET name = '司马光' WHERE id = ?",
                             (uuid.UUID(STAFF["id"]).hex,))
    assert STAFF["name"] not in _kinds(fair, "承祯")
    assert _kinds(fair, "马光")["司马光"] == ("host_staff", "name")
    with fair.write() as session:
        refresh_search_index(session)
        session.connection().exec_driver_sql("UPDATE guest SET deleted = 1 WHERE id = ?",
                                             (uuid.UUID(GUEST["id"]).hex,))
    assert GUEST["name"] not in _kinds(fair, "lindq")
    with fair.read() as session:
        assert person_card(session, uuid.UUID(GUEST["id"])) is None
        assert find_scanned(session, GUEST["code"]) is None


def test_a_replica_from_before_indexes_its_staff_and_guests(tmp_path: Any) -> None:
    """A replica whose search tables predate host staff and guests: installing the index
    notes their rows, and the next refresh finds them."""
    replica = open_replica(tmp_path / "replica.sqlite3")
    try:
        with replica.write() as session:
            conn = session.connection()
            install_search_index(conn)
            conn.exec_driver_sql("DROP TABLE search_staff_gram")
            for trigger in ("ai", "ad", "au"):
                conn.exec_driver_sql(f"DROP TRIGGER search_host_staff_{trigger}")
            CODECS["host_org"].upsert(conn, [_with_defaults("host_org", _synced({
                "id": HOST_ORG, "name": "北京市商务局", "review_state": "approved"}))])
            CODECS["host_staff"].upsert(conn, [_holder(
                "host_staff", STAFF, "resident_id", surname="司马", given_name="承祯",
                position="staff")])
            refresh_search_index(session)
            assert pending_changes(conn) == 0  # written behind the index's back
        with replica.write() as session:
            install_search_index(session.connection())
            assert pending_changes(session.connection()) == 1
            refresh_search_index(session)
        assert _kinds(replica, "承祯")[STAFF["name"]] == ("host_staff", "name")
    finally:
        replica.close()
