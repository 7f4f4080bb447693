"""`seed-demo`'s host staff and guests: present, in every state the host overview counts,
with valid documents and drawn one-inch placeholders, and counted by the overview as the
tables say."""

from __future__ import annotations

import uuid
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import text

from central.core.config import Settings
from central.db.engine import Database
from central.services import host_tools
from central.services.seed import SeedReport, seed_demo
from desk.models.rules import check_document
from tests.central.conftest import database_url

HOLDER_TABLES = {"host_staff": "host_staff", "guest": "guest"}


class Seeded:
    def __init__(self, db: Database, report: SeedReport) -> None:
        self.db, self.report = db, report

    def rows(self, sql: str, **params: Any) -> list[Any]:
        with self.db.read() as session:
            return list(session.execute(text(sql), params).all())


def _seed(url: str, blobs: Path, seed: int = 2026) -> Seeded:
    settings = Settings(db=url, blob_dir=blobs)
    db = Database.from_url(url, settings)
    report = seed_demo(db, settings, host_orgs=6, enterprises=60, people=120, seed=seed)
    return Seeded(db, report)


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def seeded(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Seeded]:
    # Seeded once per backend: the tests below only read.
    tmp = tmp_path_factory.mktemp(f"seed_{request.param}")
    fair = _seed(database_url(request.param, request, tmp), tmp / "blobs")
    yield fair
    fair.db.dispose()


def _orgs(fair: Seeded) -> list[Any]:
    return fair.rows("SELECT id, name, review_state FROM host_org WHERE NOT is_committee")


def test_every_approved_org_has_staff_and_guests(seeded: Seeded) -> None:
    orgs = _orgs(seeded)
    assert {o.review_state for o in orgs} == {"approved", "pending"}  # both kinds are seeded
    for table in HOLDER_TABLES.values():
        per_org = dict(
            seeded.rows(f"SELECT host_org_id, COUNT(*) FROM {table} GROUP BY host_org_id")
        )
        for org in orgs:
            n = per_org.get(org.id, 0)
            # A pending organisation cannot add anyone yet (`host_org_not_approved`).
            assert (n >= 3) if org.review_state == "approved" else (n == 0), (table, org.name)


def test_every_state_appears_for_staff_and_guests(seeded: Seeded) -> None:
    for kind, table in HOLDER_TABLES.items():
        holders = seeded.rows(
            f"SELECT h.id, h.review_state, h.review_reason, h.nationality, r.status, r.badge_type"
            f" FROM {table} h LEFT JOIN badge_request r"
            f" ON r.holder_id = h.id AND r.holder_kind = :kind",
            kind=kind,
        )
        assert len({h.id for h in holders}) == len(holders)  # at most one request each
        states = Counter((h.review_state, h.status) for h in holders)
        assert set(states) == {
            ("pending", None),  # added, waiting for the committee
            ("approved", "approved"),
            ("approved", "produced"),
            ("approved", "collected"),
            ("rejected", None),
        }, kind
        assert all(h.review_reason for h in holders if h.review_state == "rejected")
        assert {h.badge_type for h in holders if h.status} == {"delegate"}
        assert {"mainland", "abroad"} <= {h.nationality for h in holders}


def test_printed_and_handed_out_badges_belong_to_their_requests(seeded: Seeded) -> None:
    rows = seeded.rows(
        "SELECT r.status, COUNT(DISTINCT b.id) AS badges, COUNT(DISTINCT o.id) AS handouts,"
        " COUNT(DISTINCT r.id) AS requests FROM badge_request r"
        " LEFT JOIN badge b ON b.request_id = r.id AND b.holder_id = r.holder_id"
        " LEFT JOIN handout o ON o.badge_id = b.id"
        " WHERE r.holder_kind IN ('host_staff', 'guest') GROUP BY r.status"
    )
    by_status = {r.status: r for r in rows}
    assert by_status["approved"].badges == 0
    for status in ("produced", "collected"):
        assert by_status[status].badges == by_status[status].requests > 0
    assert by_status["produced"].handouts == 0
    assert by_status["collected"].handouts == by_status["collected"].requests
    counts = seeded.report.counts
    assert counts["host staff/guest badge requests"] == sum(r.requests for r in rows)
    assert counts["host staff/guest hand-outs"] == by_status["collected"].handouts


def test_documents_are_valid_and_photos_drawn_one_inch_placeholders(seeded: Seeded) -> None:
    for kind, table in HOLDER_TABLES.items():
        holders = seeded.rows(
            f"SELECT h.name, h.doc_type, h.doc_number, b.kind, b.demo FROM {table} h"
            " LEFT JOIN blob b ON b.sha256 = h.photo_sha256"
        )
        assert (
            len(holders) == seeded.report.counts["host staff" if kind == "host_staff" else "guests"]
        )
        for h in holders:
            check = check_document(h.doc_type, h.doc_number)
            assert check.ok, (h.name, h.doc_type, h.doc_number, check.code)
            assert (h.kind, bool(h.demo)) == ("one-inch", True), h.name


def _own_counts(fair: Seeded, table: str, org_id: Any) -> dict[str, int]:
    states = dict(
        fair.rows(
            f"SELECT review_state, COUNT(*) FROM {table}"
            " WHERE host_org_id = :org AND NOT deleted GROUP BY review_state",
            org=org_id,
        )
    )
    return {
        "added": sum(states.values()),
        "under_review": states.get("pending", 0),  # undecided, as the organisation sees it
        "approved": states.get("approved", 0),
        "rejected": states.get("rejected", 0),
    }


def _personnel(fair: Seeded, org_id: Any) -> dict[str, dict[str, int]]:
    """Enterprise personnel's requests only: host staff and guests are counted apart."""
    out = {p: dict.fromkeys(host_tools.PERSONNEL_STATES, 0) for p in host_tools.PARTICIPATIONS}
    for participation, status, n in fair.rows(
        "SELECT e.participation, r.status, COUNT(*) FROM badge_request r"
        " JOIN enterprise e ON e.id = r.enterprise_id"
        " WHERE e.reviewing_host_org_id = :org AND e.canonical_id IS NULL AND NOT e.deleted"
        " AND NOT r.deleted AND r.holder_kind = 'person' GROUP BY e.participation, r.status",
        org=org_id,
    ):
        if status in out[participation]:
            out[participation][status] = n
    return out


def test_overview_counts_match_the_tables(seeded: Seeded) -> None:
    for org in _orgs(seeded):
        org_id = uuid.UUID(str(org.id))
        with seeded.db.read() as session:
            overview = host_tools.overview(session, org_id)
        staff, guests = (_own_counts(seeded, t, org.id) for t in ("host_staff", "guest"))
        [(vip,)] = seeded.rows(
            "SELECT COUNT(*) FROM guest WHERE host_org_id = :org AND NOT deleted AND kind = 'vip'",
            org=org.id,
        )
        assert overview["staff"] == staff, org.name
        assert overview["guests"] == {**guests, "vip": vip}, org.name
        assert overview["personnel"] == _personnel(seeded, org.id), org.name
        if org.review_state == "approved":
            assert all(staff[k] and guests[k] for k in staff), (org.name, staff, guests)
            assert vip > 0


def test_the_seed_is_deterministic(request: pytest.FixtureRequest, tmp_path: Path) -> None:
    """The same seed gives the same staff and guests (ids and codes are fresh uuids)."""

    def holders(seed: int, where: str) -> list[tuple[Any, ...]]:
        (tmp_path / where).mkdir()
        fair = _seed(
            database_url("sqlite", request, tmp_path / where), tmp_path / where / "b", seed
        )
        try:
            return sorted(
                tuple(row)
                for table in HOLDER_TABLES.values()
                for row in fair.rows(
                    f"SELECT h.name, h.doc_number, h.review_state, r.status FROM {table} h"
                    " LEFT JOIN badge_request r ON r.holder_id = h.id"
                )
            )
        finally:
            fair.db.dispose()

    first = holders(7, "a")
    assert first == holders(7, "b")
    assert first != holders(8, "c")
