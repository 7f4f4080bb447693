"""Review decisions through the real service, with the reviewer's own session, in both
stages; and refusals when a reviewer reaches outside their scope."""

from __future__ import annotations

import uuid

import pytest

from desk.models.schema import BadgeRequest, Enterprise
from desk.reviewing import Refused, ServiceSession, approve_in_one_sitting
from tests.central.harness import Harness
from tests.review.helpers import issue_code, token_of, walk_in


def session_of(svc: Harness, username: str) -> ServiceSession:
    return ServiceSession(svc.url, session_token=token_of(svc, username))


def states(svc: Harness, enterprise_id: str) -> tuple[str | None, list[str]]:
    with svc.db.read() as session:
        ent = session.get(Enterprise, uuid.UUID(enterprise_id))
        assert ent is not None
        requests = session.query(BadgeRequest).filter(
            BadgeRequest.enterprise_id == ent.id).order_by(BadgeRequest.id).all()
        return ent.review_state, [r.status for r in requests]


def test_walk_in_decided_in_one_sitting_by_the_committee(fair: Harness) -> None:
    desk = fair.enroll("D1", "committee", operator="op1")
    w = walk_in(desk, "一次审完科技有限公司", "sitting01", people=3)
    assert states(fair, w["enterprise"]) == ("pending", ["waiting_enterprise"] * 3)
    with session_of(fair, "rev_c") as client:
        queued = client.queue("enterprise", stage=1)
        item = next(i for i in queued if i["enterprise"]["id"] == w["enterprise"])
        waiting = [r["id"] for r in item["badge_requests"]]
        assert sorted(waiting) == sorted(w["requests"])
        result = approve_in_one_sitting(client, enterprise_id=w["enterprise"],
                                        request_ids=waiting, committee=True)
    assert not result.refused
    assert states(fair, w["enterprise"]) == ("approved", ["approved"] * 3)
    assert result.decided == 4


def test_invited_enterprise_goes_through_both_stages(fair: Harness) -> None:
    desk = fair.enroll("D1", "committee", operator="op1")
    code = issue_code(fair, "hostA")
    w = walk_in(desk, "邀请两阶段服务有限公司", "stages01", people=1, code=code)
    with session_of(fair, "rev_a") as host, session_of(fair, "rev_c") as committee:
        # Stage one belongs to the organisation whose code was used: not the committee.
        with pytest.raises(Refused) as refused:
            committee.decide("enterprise", w["enterprise"], "approve")
        assert refused.value.code == "out_of_scope" and refused.value.status == 403
        assert host.decide("enterprise", w["enterprise"], "approve") == "under_review"
        # Stage two is the committee's alone.
        with pytest.raises(Refused) as refused:
            host.decide("enterprise", w["enterprise"], "approve")
        assert refused.value.code == "out_of_scope"
        assert w["enterprise"] not in [i["enterprise"]["id"] for i in host.queue("enterprise")]
        assert committee.decide("enterprise", w["enterprise"], "approve") == "approved"
        # The waiting request entered review by itself, at stage one again.
        request = w["requests"][0]
        assert [i["badge_request"]["id"] for i in host.queue("badge_request")] == [request]
        assert host.decide("badge_request", request, "approve") == "under_review"
        assert committee.decide("badge_request", request, "approve") == "approved"
    assert states(fair, w["enterprise"]) == ("approved", ["approved"])


def test_reviewers_out_of_scope_are_refused(fair: Harness) -> None:
    desk = fair.enroll("D1", "committee", operator="op1")
    w = walk_in(desk, "范围之外咨询有限公司", "scope01", code=issue_code(fair, "hostA"))
    with session_of(fair, "rev_b") as other_host:
        assert other_host.queue("enterprise") == []
        with pytest.raises(Refused) as refused:
            other_host.decide("enterprise", w["enterprise"], "approve")
        assert (refused.value.code, refused.value.status) == ("out_of_scope", 403)
        with pytest.raises(Refused) as refused:
            other_host.decide("enterprise", w["enterprise"], "reject", "非本机构邀请")
        assert refused.value.code == "out_of_scope"
    operator = ServiceSession(fair.url, session_token=token_of(fair, "op1", desk))
    with operator, pytest.raises(Refused) as refused:
        operator.decide("enterprise", w["enterprise"], "approve")
    assert refused.value.status == 403
    assert states(fair, w["enterprise"])[0] == "pending"


def test_rejection_keeps_its_reason_and_stage(fair: Harness) -> None:
    desk = fair.enroll("D1", "committee", operator="op1")
    w = walk_in(desk, "驳回原因测试有限公司", "reject01", code=issue_code(fair, "hostA"))
    with session_of(fair, "rev_a") as host, session_of(fair, "rev_c") as committee:
        with pytest.raises(Refused) as refused:
            host.decide("enterprise", w["enterprise"], "reject", "")
        assert refused.value.code == "reason_required"
        host.decide("enterprise", w["enterprise"], "approve")
        reason = "营业执照不清晰 / Business licence unclear"
        assert committee.decide("enterprise", w["enterprise"], "reject", reason) == "rejected"
    with fair.db.read() as session:
        ent = session.get(Enterprise, uuid.UUID(w["enterprise"]))
        assert ent is not None
        assert (ent.review_state, ent.review_reason, ent.rejected_stage) == (
            "rejected", reason, 2)


def test_host_organisation_needs_the_committee_and_names_come_with_the_queue(
    fair: Harness,
) -> None:
    with session_of(fair, "rev_a") as host:
        assert host.queue("host_org") == []  # one-stage reviews are the committee's
    with session_of(fair, "rev_c") as committee:
        orgs = [i["host_org"]["id"] for i in committee.queue("host_org")]
        assert fair.orgs["hostA"] in orgs
        names = committee.names(host_org_ids=[fair.orgs["hostA"]])
        assert names["host_orgs"][fair.orgs["hostA"]]["name"] == "hostA承办机构"
        assert committee.decide("host_org", fair.orgs["hostA"], "approve") == "approved"
        assert fair.orgs["hostA"] not in [i["host_org"]["id"]
                                          for i in committee.queue("host_org")]
