"""The review state machines.

Two kinds of change are kept apart, as the fair's rules ask:
- decisions (approve, reject with a reason), made only by reviewers, online, in scope:
  `decide` below;
- applicant changes (edit while pending, resubmit after a rejection, update a badge request),
  made by the enterprise or a desk operator for it: `applicant_change` below.
Neither function touches the database: they answer the next state or refuse.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from desk.models.commands.base import COMMITTEE_REVIEWER, HOST_REVIEWER, CommandRefused
from desk.models.schema import (
    APPROVED,
    COLLECTED,
    PENDING,
    PRODUCED,
    REJECTED,
    UNDER_REVIEW,
    WAITING_ENTERPRISE,
    WITHDRAWN,
)

Decision = Literal["approve", "reject"]
DECISIONS: tuple[Decision, ...] = ("approve", "reject")

# What is reviewed in two stages (host organisation, then committee) and what by the
# committee alone.
TWO_STAGE_TARGETS = ("enterprise", "badge_request")
ONE_STAGE_TARGETS = ("host_staff", "guest", "host_org")
TARGETS = TWO_STAGE_TARGETS + ONE_STAGE_TARGETS


@dataclass(frozen=True, slots=True)
class Reviewer:
    """A reviewer as a decision sees them."""

    role: str
    host_org_id: object | None


@dataclass(frozen=True, slots=True)
class Verdict:
    state: str
    rejected_stage: int | None


def _not_reviewable(state: str) -> CommandRefused:
    return CommandRefused(
        "not_reviewable",
        f"当前状态（{state}）无需审核",
        f"Nothing to decide in this state ({state})",
        field="review_state",
    )


def _out_of_scope() -> CommandRefused:
    return CommandRefused("out_of_scope", "不在您的审核范围内", "This is outside your review scope")


def decide(
    *,
    target: str,
    state: str,
    decision: str,
    reviewer: Reviewer,
    reviewing_host_org_id: object | None,
    reviewing_org_is_committee: bool,
) -> Verdict:
    """The state after a reviewer's decision, or a refusal.

    Stage one is the host organisation whose code the enterprise used (for an uninvited
    walk-in, the desk's): its reviewers, or the committee's when that organisation is the
    committee's own office. Stage two and the one-stage reviews belong to the committee.
    """
    if decision not in DECISIONS:
        raise CommandRefused(
            "bad_decision", "审核结论只能是通过或驳回", "A decision is approve or reject"
        )
    if reviewer.role not in (HOST_REVIEWER, COMMITTEE_REVIEWER):
        raise CommandRefused(
            "not_a_reviewer", "只有审核员可以作出审核决定", "Only reviewers make review decisions"
        )
    if target in ONE_STAGE_TARGETS:
        if state != PENDING:
            raise _not_reviewable(state)
        if reviewer.role != COMMITTEE_REVIEWER:
            raise _out_of_scope()
        return Verdict(APPROVED, None) if decision == "approve" else Verdict(REJECTED, 1)
    if target not in TWO_STAGE_TARGETS:
        raise CommandRefused("unknown_target", "未知的审核对象", "Unknown review target")
    if state == PENDING:
        in_scope = (
            reviewer.role == HOST_REVIEWER and reviewer.host_org_id == reviewing_host_org_id
        ) or (reviewer.role == COMMITTEE_REVIEWER and reviewing_org_is_committee)
        if not in_scope:
            raise _out_of_scope()
        return Verdict(UNDER_REVIEW, None) if decision == "approve" else Verdict(REJECTED, 1)
    if state == UNDER_REVIEW:
        if reviewer.role != COMMITTEE_REVIEWER:
            raise _out_of_scope()
        return Verdict(APPROVED, None) if decision == "approve" else Verdict(REJECTED, 2)
    raise _not_reviewable(state)


# Applicant changes ----------------------------------------------------------------------

ApplicantAction = Literal["edit", "resubmit", "update_request", "withdraw"]

# Application states (enterprises, host records) in which the applicant may edit.
EDITABLE_STATES = frozenset({PENDING, REJECTED})


def applicant_change(*, target: str, state: str, action: ApplicantAction) -> str:
    """The state after an applicant's change, or a refusal. Never a decision."""
    if action == "edit":
        if target == "badge_request":
            raise CommandRefused(
                "bad_action", "制证申请请使用“更新制证申请”", "Use “update badge request”"
            )
        if state in EDITABLE_STATES:
            return state
        raise _locked(state)
    if action == "resubmit":
        if state == REJECTED:
            return PENDING
        raise CommandRefused(
            "not_rejected",
            "只有被驳回的申请可以重新提交",
            "Only a rejected application can be resubmitted",
            field="review_state",
        )
    if action == "update_request":
        if target != "badge_request":
            raise CommandRefused("bad_action", "操作无效", "Not a badge request")
        if state in (PENDING, APPROVED):
            return PENDING
        if state == WAITING_ENTERPRISE:
            return WAITING_ENTERPRISE
        if state == UNDER_REVIEW:
            raise CommandRefused(
                "under_review",
                "制证申请审核中，不能更新；修改已保存为草稿",
                "The badge request is under review and cannot be updated; your change is kept"
                " as a draft",
                field="status",
            )
        raise _locked(state)
    if action == "withdraw":
        if target == "badge_request" and state in (WAITING_ENTERPRISE, PENDING, REJECTED):
            return WITHDRAWN
        raise _locked(state)
    raise CommandRefused("bad_action", "操作无效", "Unknown change")


def _locked(state: str) -> CommandRefused:
    if state == UNDER_REVIEW:
        return CommandRefused(
            "under_review", "审核中，不能修改", "Under review: no changes now", field="review_state"
        )
    if state in (APPROVED, PRODUCED, COLLECTED):
        return CommandRefused(
            "already_approved",
            "已审核通过，不能修改",
            "Already approved: no changes",
            field="review_state",
        )
    return CommandRefused(
        "not_editable", f"当前状态（{state}）不能修改", f"No changes in this state ({state})"
    )


def person_deletable(request_states: list[str]) -> bool:
    """A person may be deleted while none of their badge requests is past pending."""
    return not any(s in (UNDER_REVIEW, APPROVED, PRODUCED, COLLECTED) for s in request_states)
