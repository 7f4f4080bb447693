"""A host organisation's tools through the real service: the overview counts against a
seeded fair (expected counts computed with plain SQL here), its codes and who used them,
asking for more codes, registering its own staff and guests, and staying in scope."""

from __future__ import annotations

import uuid
from typing import Any

import pytest
from sqlalchemy import text

from central.services.seed import seed_demo
from desk.reviewing import Refused, ServiceSession
from tests.central.harness import Harness
from tests.factories import person_form
from tests.review.helpers import photo_bytes, token_of

PERSONNEL_SQL = """
SELECT e.participation, COUNT(*) FROM badge_request r
JOIN enterprise e ON e.id = r.enterprise_id
JOIN host_org h ON h.id = e.reviewing_host_org_id
WHERE h.name = :name AND e.canonical_id IS NULL AND NOT e.deleted AND NOT r.deleted
  AND r.holder_kind = 'person' AND r.status = 'pending'
GROUP BY e.participation"""
ENTERPRISE_SQL = """
SELECT e.participation, COUNT(*) FROM enterprise e
JOIN host_org h ON h.id = e.reviewing_host_org_id
WHERE h.name = :name AND e.canonical_id IS NULL AND NOT e.deleted
  AND e.review_state = 'pending'
GROUP BY e.participation"""
OWN_SQL = """
SELECT x.review_state, COUNT(*) FROM {table} x JOIN host_org h ON h.id = x.host_org_id
WHERE h.name = :name AND NOT x.deleted GROUP BY x.review_state"""
CODES_SQL = """
SELECT c.code, e.name FROM invitation_code c JOIN host_org h ON h.id = c.host_org_id
LEFT JOIN enterprise e ON e.id = c.used_by_enterprise_id
WHERE h.name = :name ORDER BY c.code"""


def seeded(svc: Harness) -> dict[str, str]:
    """A seeded demo fair, a host user of one approved and one pending organisation, and a
    committee reviewer. Returns the organisations' names and ids."""
    # 91 enterprises: with a multiple of 6 the seed's request states line up with its
    # enterprise states and no approved enterprise has a pending request.
    # No seeded staff or guests: the tests count the ones they add themselves.
    seed_demo(svc.db, svc.settings, host_orgs=5, enterprises=91, people=300, seed=7,
              holders_per_org=0)
    with svc.db.read() as session:
        rows = session.execute(text(
            "SELECT id, name, review_state FROM host_org WHERE NOT is_committee ORDER BY name"
        )).all()
        # The approved organisation with the most waiting for it, so the counts mean much.
        def waiting(name: str) -> tuple[int, int]:
            counts = [sum(n for _p, n in session.execute(text(sql), {"name": name}))
                      for sql in (ENTERPRISE_SQL, PERSONNEL_SQL)]
            return min(counts), sum(counts)

        approved = max((r for r in rows if r.review_state == "approved"),
                       key=lambda r: waiting(r.name))
    pending = next(r for r in rows if r.review_state == "pending")
    svc.user("host_ok", "host_user", host_org=str(approved.id))
    svc.user("host_new", "host_user", host_org=str(pending.id))
    svc.user("rev_c", "committee_reviewer")
    return {"name": approved.name, "id": str(uuid.UUID(str(approved.id))),
            "pending_id": str(uuid.UUID(str(pending.id)))}


def client(svc: Harness, username: str) -> ServiceSession:
    return ServiceSession(svc.url, session_token=token_of(svc, username))


def staff(seq: int) -> dict[str, Any]:
    form = person_form(seq=40 + seq)
    return {"surname": "刘", "given_name": "洋伟静"[seq % 3], "gender": form["gender"],
            "nationality": "mainland", "doc_type": "resident_id",
            "doc_number": form["doc_number"], "mobile": "13600136000",
            "email": "liu@example.cn", "position": "staff"}


def guest(seq: int, kind: str) -> dict[str, Any]:
    form = person_form(seq=60 + seq, male=False)
    return {"kind": kind, "name": ["陈静", "周敏", "吴芳"][seq % 3], "gender": "female",
            "nationality": "mainland", "doc_type": "resident_id", "doc_number": form["doc_number"],
            "mobile": "13600136001", "email": "", "organisation": "某研究院", "position": "研究员"}


def register_people(svc: Harness, org_id: str) -> dict[str, list[str]]:
    """Three staff and three guests (one a VIP) with real one-inch photos; the committee
    approves one staff member and rejects one guest."""
    ids: dict[str, list[str]] = {"staff": [], "guest": []}
    with client(svc, "host_ok") as host:
        photo = host.put_blob(photo_bytes("one-inch"), "one-inch")
        for n in range(3):
            ids["staff"].append(str(uuid.uuid4()))
            host.command("add_host_staff", {"staff_id": ids["staff"][-1], "host_org_id": org_id,
                                            "staff": staff(n), "photo_sha256": photo})
            ids["guest"].append(str(uuid.uuid4()))
            host.command("add_guest", {"guest_id": ids["guest"][-1], "host_org_id": org_id,
                                       "guest": guest(n, "vip" if n == 0 else "guest"),
                                       "photo_sha256": photo})
    with client(svc, "rev_c") as committee:
        assert committee.decide("host_staff", ids["staff"][0], "approve") == "approved"
        assert committee.decide("guest", ids["guest"][1], "reject", "照片不符合要求") == "rejected"
    return ids


def test_overview_counts_match_the_seeded_fair(svc: Harness) -> None:
    org = seeded(svc)
    register_people(svc, org["id"])
    with client(svc, "host_ok") as host:
        overview = host.host("overview")
    def counts(sql: str) -> dict[str, int]:
        with svc.db.read() as session:
            return {k: int(n) for k, n in session.execute(text(sql), {"name": org["name"]})}

    enterprises, personnel = counts(ENTERPRISE_SQL), counts(PERSONNEL_SQL)
    own = {table: counts(OWN_SQL.format(table=table)) for table in ("host_staff", "guest")}
    for participation in ("exhibitor", "attendee"):
        assert overview["enterprises"][participation]["pending"] == enterprises.get(
            participation, 0)
        assert overview["personnel"][participation]["pending"] == personnel.get(
            participation, 0)
    assert sum(enterprises.values()) > 0 and sum(personnel.values()) > 0  # a real check
    for key, table in (("staff", "host_staff"), ("guests", "guest")):
        states = own[table]
        assert overview[key] == {
            "added": sum(states.values()), "under_review": states.get("pending", 0),
            "approved": states.get("approved", 0), "rejected": states.get("rejected", 0),
            **({"vip": 1} if key == "guests" else {})}
    assert overview["staff"] == {"added": 3, "under_review": 2, "approved": 1, "rejected": 0}
    assert overview["host_org"]["id"] == org["id"]


def test_codes_say_who_used_them_and_more_can_be_asked_for(svc: Harness) -> None:
    from central.services.operations import issue_codes

    org = seeded(svc)
    with svc.db.write() as session:
        fresh = issue_codes(session, host_org=org["id"], count=2)
    with client(svc, "host_ok") as host:
        codes = host.host("codes")["codes"]
        host.request_codes(30)
        assert host.host("code-requests")["requests"][0]["count"] == 30
    with svc.db.read() as session:
        rows = session.execute(text(CODES_SQL), {"name": org["name"]}).all()
    expected = {str(code): name for code, name in rows}
    assert {c["code"]: c["enterprise_name"] for c in codes} == expected
    assert all(c["used"] == (c["enterprise_name"] is not None) for c in codes)
    assert any(c["used"] for c in codes)
    assert [c["code"] for c in codes if not c["used"]] == sorted(fresh)  # unused come first
    with client(svc, "rev_c") as committee:
        asked = committee.host("code-requests")["requests"]
    assert [(r["host_org_id"], r["count"]) for r in asked] == [(org["id"], 30)]


def test_host_users_stay_in_their_own_organisation(svc: Harness) -> None:
    org = seeded(svc)
    with client(svc, "host_ok") as host:
        with pytest.raises(Refused) as refused:
            host._json("GET", "/host/overview", params={"host_org_id": org["pending_id"]})
        assert refused.value.status == 403
    with client(svc, "host_new") as newcomer:
        # The record comes first: nothing else until the committee approves it.
        with pytest.raises(Refused) as refused:
            newcomer.request_codes(5)
        assert refused.value.code == "host_org_not_approved"
        with pytest.raises(Refused) as refused:
            newcomer.command("add_host_staff", {
                "staff_id": str(uuid.uuid4()), "host_org_id": org["pending_id"],
                "staff": staff(1), "photo_sha256": "0" * 64})
        assert refused.value.code == "host_org_not_approved"
        scan = newcomer.put_blob(photo_bytes("licence"), "licence")
        newcomer.command("update_host_org", {"host_org_id": org["pending_id"], "record": {
            "name": "测试承办机构", "name_en": "Test Host", "field": "服务贸易",
            "industry_category": "商务服务", "licence_sha256": scan, "uscc": "n/a",
            "address": "北京市朝阳区", "postcode": "100020", "phone": "010-58103199",
            "website": ""}})
        assert newcomer.host("org")["licence_sha256"] == scan
    with client(svc, "rev_c") as committee:
        with pytest.raises(Refused) as refused:
            committee.host("overview")  # the committee names the organisation it looks at
        assert refused.value.code == "host_org_required"
