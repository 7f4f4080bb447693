"""Every allowed and refused transition of the review state machines."""

from __future__ import annotations

import itertools
import uuid

import pytest

from desk.models import review
from desk.models.commands.base import (
    ADMIN,
    COMMITTEE_REVIEWER,
    HOST_REVIEWER,
    HOST_USER,
    OPERATOR,
    CommandRefused,
)
from desk.models.schema import (
    APPROVED,
    BADGE_REQUEST_STATES,
    COLLECTED,
    PENDING,
    PRODUCED,
    REJECTED,
    REVIEW_STATES,
    UNDER_REVIEW,
    WAITING_ENTERPRISE,
    WITHDRAWN,
)

HOST = uuid.uuid4()
OTHER_HOST = uuid.uuid4()

# (role, reviewer's org) -> label
REVIEWERS = {
    "host_in_scope": review.Reviewer(HOST_REVIEWER, HOST),
    "host_out_of_scope": review.Reviewer(HOST_REVIEWER, OTHER_HOST),
    "committee": review.Reviewer(COMMITTEE_REVIEWER, None),
    "operator": review.Reviewer(OPERATOR, HOST),
    "admin": review.Reviewer(ADMIN, None),
    "host_user": review.Reviewer(HOST_USER, HOST),
}


def expected_two_stage(state: str, who: str, org_is_committee: bool) -> str | None:
    """The state an approval leads to, or None when it must be refused: written out from
    the rules page, independently of the code under test."""
    if who in ("operator", "admin", "host_user"):
        return None
    if state == PENDING:
        if who == "host_in_scope" or (who == "committee" and org_is_committee):
            return UNDER_REVIEW
        return None
    if state == UNDER_REVIEW and who == "committee":
        return APPROVED
    return None


@pytest.mark.parametrize("target", review.TWO_STAGE_TARGETS)
@pytest.mark.parametrize(
    "state,who,org_is_committee",
    list(
        itertools.product(
            sorted(set(REVIEW_STATES) | {WAITING_ENTERPRISE, PRODUCED}), REVIEWERS, (False, True)
        )
    ),
)
def test_two_stage_decisions(target: str, state: str, who: str, org_is_committee: bool) -> None:
    expected = expected_two_stage(state, who, org_is_committee)
    for decision in ("approve", "reject"):
        call = lambda d=decision: review.decide(  # noqa: E731
            target=target,
            state=state,
            decision=d,
            reviewer=REVIEWERS[who],
            reviewing_host_org_id=HOST,
            reviewing_org_is_committee=org_is_committee,
        )
        if expected is None:
            with pytest.raises(CommandRefused):
                call()
            continue
        verdict = call()
        if decision == "approve":
            assert verdict == review.Verdict(expected, None)
        else:
            assert verdict.state == REJECTED
            assert verdict.rejected_stage == (1 if state == PENDING else 2)


@pytest.mark.parametrize("target", review.ONE_STAGE_TARGETS)
@pytest.mark.parametrize("state", REVIEW_STATES)
@pytest.mark.parametrize("who", REVIEWERS)
def test_one_stage_decisions_are_the_committees(target: str, state: str, who: str) -> None:
    allowed = state == PENDING and who == "committee"
    kwargs = dict(
        target=target,
        state=state,
        reviewer=REVIEWERS[who],
        reviewing_host_org_id=HOST,
        reviewing_org_is_committee=False,
    )
    if not allowed:
        with pytest.raises(CommandRefused):
            review.decide(decision="approve", **kwargs)  # type: ignore[arg-type]
        return
    assert review.decide(decision="approve", **kwargs).state == APPROVED  # type: ignore[arg-type]
    assert review.decide(decision="reject", **kwargs).state == REJECTED  # type: ignore[arg-type]


def test_unknown_decision_is_refused() -> None:
    with pytest.raises(CommandRefused) as err:
        review.decide(
            target="enterprise",
            state=PENDING,
            decision="maybe",
            reviewer=REVIEWERS["committee"],
            reviewing_host_org_id=HOST,
            reviewing_org_is_committee=True,
        )
    assert err.value.code == "bad_decision"


@pytest.mark.parametrize("state", REVIEW_STATES)
def test_applicant_edit_only_while_pending_or_rejected(state: str) -> None:
    if state in (PENDING, REJECTED):
        assert review.applicant_change(target="enterprise", state=state, action="edit") == state
    else:
        with pytest.raises(CommandRefused):
            review.applicant_change(target="enterprise", state=state, action="edit")


@pytest.mark.parametrize("state", REVIEW_STATES)
def test_resubmit_only_after_rejection(state: str) -> None:
    if state == REJECTED:
        assert (
            review.applicant_change(target="enterprise", state=state, action="resubmit") == PENDING
        )
    else:
        with pytest.raises(CommandRefused):
            review.applicant_change(target="enterprise", state=state, action="resubmit")


UPDATE_REQUEST = {
    WAITING_ENTERPRISE: WAITING_ENTERPRISE,
    PENDING: PENDING,
    APPROVED: PENDING,  # an update of an approved request goes back to review
    UNDER_REVIEW: None,  # refused, the desk keeps it as a draft
    REJECTED: None,  # that is a resubmission
    PRODUCED: None,
    COLLECTED: None,
    WITHDRAWN: None,
}


@pytest.mark.parametrize("state", BADGE_REQUEST_STATES)
def test_update_badge_request(state: str) -> None:
    expected = UPDATE_REQUEST[state]
    if expected is None:
        with pytest.raises(CommandRefused) as err:
            review.applicant_change(target="badge_request", state=state, action="update_request")
        if state == UNDER_REVIEW:
            assert err.value.code == "under_review"
    else:
        assert (
            review.applicant_change(target="badge_request", state=state, action="update_request")
            == expected
        )


def test_badge_requests_are_not_edited_directly() -> None:
    with pytest.raises(CommandRefused):
        review.applicant_change(target="badge_request", state=PENDING, action="edit")


@pytest.mark.parametrize(
    "states,deletable",
    [
        ([], True),
        ([PENDING], True),
        ([WAITING_ENTERPRISE, REJECTED], True),
        ([UNDER_REVIEW], False),
        ([APPROVED], False),
        ([PRODUCED], False),
        ([REJECTED, COLLECTED], False),
    ],
)
def test_person_deletable(states: list[str], deletable: bool) -> None:
    assert review.person_deletable(states) is deletable
