"""Badge requests (applicant changes), printing and hand-out (desk commands)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from desk.models import review
from desk.models.commands.base import CommandRefused, Context, Outcome
from desk.models.commands.lookup import (
    as_uuid,
    canonical_enterprise,
    live,
    require,
    require_new,
    require_photo,
)
from desk.models.commands.people import person_form, snapshot_of
from desk.models.rules import RuleError, check_badge_type, check_document, check_person
from desk.models.schema import (
    APPROVED,
    COLLECTED,
    PENDING,
    PRODUCED,
    REJECTED,
    WAITING_ENTERPRISE,
    WITHDRAWN,
    Badge,
    BadgeRequest,
    Enterprise,
    Handout,
    Person,
)

MAX_BATCH = 200
CLOSED_REQUEST_STATES = (REJECTED, WITHDRAWN)


def _entry_state(enterprise: Enterprise) -> str:
    """A request enters review at once for an approved enterprise, else it waits for it."""
    return PENDING if enterprise.review_state == APPROVED else WAITING_ENTERPRISE


def _holder_problems(ctx: Context, person: Person) -> list[RuleError]:
    problems = list(check_person(person_form(person)).errors)
    try:
        require_photo(ctx, person.photo_sha256, "badge")
    except CommandRefused as refusal:
        problems.append(
            RuleError("photo_sha256", refusal.code, refusal.message_zh, refusal.message_en)
        )
    return problems


def request_badges(
    session: Session,
    ctx: Context,
    *,
    batch_id: str,
    badge_type: str,
    items: list[dict[str, Any]],
) -> Outcome:
    """A batch badge request: several people of one enterprise, one badge type.

    Every person needs complete fields and a photo that passed the checks; every problem of
    every person is reported at once and nothing is requested until all pass.
    """
    if not isinstance(items, list) or not items:
        raise CommandRefused(
            "empty_batch", "请至少选择一人", "Choose at least one person", field="items"
        )
    if len(items) > MAX_BATCH:
        raise CommandRefused(
            "batch_too_large",
            f"每批最多 {MAX_BATCH} 人",
            f"At most {MAX_BATCH} people in one batch",
            field="items",
        )
    batch = as_uuid(batch_id, "batch_id")
    people = [require(session, Person, item.get("person_id"), "person_id") for item in items]
    enterprise_ids = {p.enterprise_id for p in people}
    if len(enterprise_ids) != 1:
        raise CommandRefused(
            "mixed_enterprises",
            "一批申请只能属于同一企业",
            "One batch is for one enterprise",
            field="items",
        )
    enterprise = canonical_enterprise(session, enterprise_ids.pop())
    if enterprise.participation is None:
        raise CommandRefused(
            "not_applied",
            "企业尚未提交参展/参会申请",
            "The enterprise has not applied to take part yet",
            field="enterprise_id",
        )
    wrong_type = check_badge_type(
        participation=enterprise.participation,
        exhibitor_type=enterprise.exhibitor_type,
        badge_type=badge_type,
        holder="personnel",
    )
    if wrong_type is not None:
        raise CommandRefused(
            wrong_type.code, wrong_type.message_zh, wrong_type.message_en, field="badge_type"
        )
    per_person: dict[str, list[dict[str, str]]] = {}
    for person in people:
        problems = _holder_problems(ctx, person)
        open_request = session.scalar(
            live(BadgeRequest)
            .where(
                BadgeRequest.holder_id == person.id,
                BadgeRequest.status.not_in(CLOSED_REQUEST_STATES),
            )
            .limit(1)
        )
        if open_request is not None:
            problems.append(
                RuleError(
                    "person_id",
                    "already_requested",
                    "已有制证申请",
                    "A badge request exists already",
                )
            )
        if problems:
            per_person[str(person.id)] = [p.as_dict() for p in problems]
    if per_person:
        names = "、".join(p.name for p in people if str(p.id) in per_person)
        names_en = ", ".join(p.name for p in people if str(p.id) in per_person)
        raise CommandRefused(
            "people_incomplete",
            f"以下人员信息不完整或照片不合格：{names}",
            f"These people's data or photos are incomplete: {names_en}",
            field="items",
            details={"people": per_person},
        )
    state = _entry_state(enterprise)
    for item, person in zip(items, people, strict=True):
        request_id = require_new(session, BadgeRequest, item.get("request_id"), "request_id")
        session.add(
            BadgeRequest(
                id=request_id,
                holder_kind="person",
                holder_id=person.id,
                enterprise_id=enterprise.id,
                batch_id=batch,
                badge_type=badge_type,
                status=state,
                snapshot=snapshot_of(person),
                requested_at=ctx.now,
            )
        )
    return Outcome(details={"status": state})


def _person_request(session: Session, request_id: str) -> tuple[BadgeRequest, Person]:
    request = require(session, BadgeRequest, request_id, "request_id")
    if request.holder_kind != "person":
        raise CommandRefused("bad_action", "操作无效", "Not an enterprise person's request")
    return request, require(session, Person, request.holder_id, "person_id")


def _refresh_snapshot(ctx: Context, request: BadgeRequest, person: Person) -> None:
    problems = _holder_problems(ctx, person)
    if problems:
        raise CommandRefused.from_errors(problems)
    request.snapshot = snapshot_of(person)
    request.review_reason = ""
    request.rejected_stage = None


def update_badge_request(session: Session, ctx: Context, *, request_id: str) -> Outcome:
    """Send the person's current data (更新制证申请). Approved goes back to pending; under
    review is refused (the desk keeps the change as a draft)."""
    request, person = _person_request(session, request_id)
    new_state = review.applicant_change(
        target="badge_request", state=request.status, action="update_request"
    )
    _refresh_snapshot(ctx, request, person)
    request.status = new_state
    return Outcome(details={"status": new_state})


def resubmit_badge_request(session: Session, ctx: Context, *, request_id: str) -> Outcome:
    """After a rejection: the current data goes back to review (or waits for the enterprise)."""
    request, person = _person_request(session, request_id)
    review.applicant_change(target="badge_request", state=request.status, action="resubmit")
    _refresh_snapshot(ctx, request, person)
    request.status = _entry_state(canonical_enterprise(session, request.enterprise_id))
    return Outcome(details={"status": request.status})


def record_badge_printed(
    session: Session,
    ctx: Context,
    *,
    badge_id: str,
    request_id: str,
    code: str,
    revision_desk: str,
    revision_counter: int,
    reprint_reason: str = "",
    signature: str = "",
    signing_key_id: str = "",
) -> Outcome:
    """A badge revision was printed. A reprint needs a reason and voids the previous one."""
    request = require(session, BadgeRequest, request_id, "request_id")
    if request.status not in (APPROVED, PRODUCED, COLLECTED):
        raise CommandRefused(
            "not_approved",
            "制证申请尚未审核通过，不能打印",
            "The badge request is not approved yet",
        )
    new_id = require_new(session, Badge, badge_id, "badge_id")
    if not isinstance(revision_counter, int) or revision_counter < 1:
        raise CommandRefused(
            "bad_revision", "版本号无效", "Bad revision counter", field="revision_counter"
        )
    clash = session.scalar(
        select(Badge).where(
            Badge.revision_desk == str(revision_desk), Badge.revision_counter == revision_counter
        )
    )
    if clash is not None:
        raise CommandRefused(
            "revision_used",
            "该证件版本号已被使用",
            "This badge revision exists already",
            field="revision_counter",
        )
    previous = list(
        session.scalars(live(Badge).where(Badge.request_id == request.id, Badge.status == "valid"))
    )
    reason = str(reprint_reason or "").strip()
    if previous and not reason:
        raise CommandRefused(
            "reprint_needs_reason",
            "补打证件须填写原因",
            "A reprint needs a reason",
            field="reprint_reason",
        )
    for old in previous:
        old.status = "void"
        old.void_reason = reason
    session.add(
        Badge(
            id=new_id,
            request_id=request.id,
            holder_id=request.holder_id,
            code=str(code),
            revision_desk=str(revision_desk),
            revision_counter=revision_counter,
            reprint_reason=reason,
            printed_at=ctx.now,
            printed_by=ctx.actor.user_id,
            printed_at_desk_id=ctx.actor.desk_id,
            signature=str(signature),
            signing_key_id=str(signing_key_id),
        )
    )
    request.status = PRODUCED
    return Outcome()


def _collector(collector: dict[str, Any] | None) -> dict[str, str]:
    collector = collector or {}
    name = str(collector.get("name") or "").strip()
    doc_kind = str(collector.get("doc_kind") or "")
    number = str(collector.get("doc_number") or "")
    errors: list[RuleError] = []
    if not name:
        errors.append(
            RuleError(
                "collector.name", "required", "请填写领取人姓名", "Enter the collector's name"
            )
        )
    check = check_document(doc_kind, number) if doc_kind else None
    if check is None:
        errors.append(
            RuleError(
                "collector.doc_kind",
                "required",
                "请选择领取人证件类型",
                "Choose the collector's document type",
            )
        )
    elif not check.ok:
        errors.append(
            RuleError(
                "collector.doc_number",
                check.code or "invalid",
                check.message_zh or "",
                check.message_en or "",
            )
        )
    if errors:
        raise CommandRefused.from_errors(errors)
    assert check is not None and check.normalized is not None
    return {
        "collector_name": name,
        "collector_doc_type": doc_kind,
        "collector_doc_number": check.normalized,
    }


def hand_out_badges(
    session: Session,
    ctx: Context,
    *,
    items: list[dict[str, Any]],
    recipient: str,
    document_checked: str,
    collector: dict[str, Any] | None = None,
) -> Outcome:
    """Record hand-outs after an identity check: one badge to its holder, or a batch to the
    enterprise's contact person or named collector. A badge handed out before is still
    recorded (two offline desks), flagged, and counted once."""
    if recipient not in ("holder", "collector"):
        raise CommandRefused(
            "bad_recipient", "领取人类型无效", "Recipient is holder or collector", field="recipient"
        )
    if not document_checked:
        raise CommandRefused(
            "document_not_checked",
            "请先核验证件",
            "Check the document first",
            field="document_checked",
        )
    if not isinstance(items, list) or not items or len(items) > MAX_BATCH:
        raise CommandRefused("bad_items", "证件列表无效", "Bad list of badges", field="items")
    if recipient == "holder" and len(items) != 1:
        raise CommandRefused(
            "bad_items", "本人领取一次一张", "A holder collects one badge", field="items"
        )
    who = _collector(collector) if recipient == "collector" else {}
    flagged: list[str] = []
    for item in items:
        badge = require(session, Badge, item.get("badge_id"), "badge_id")
        if badge.status != "valid":
            raise CommandRefused(
                "badge_void",
                "该证件已作废，请发放新证件",
                "This badge revision is void: hand out the new one",
                field="badge_id",
            )
        earlier = session.scalar(
            select(func.count())
            .select_from(Handout)
            .where(Handout.badge_id == badge.id, Handout.deleted.is_(False))
        )
        handout_id = require_new(session, Handout, item.get("handout_id"), "handout_id")
        session.add(
            Handout(
                id=handout_id,
                badge_id=badge.id,
                recipient=recipient,
                document_checked=str(document_checked),
                operator_id=ctx.actor.user_id,
                desk_id=ctx.actor.desk_id,
                handed_at=ctx.now,
                flagged=bool(earlier),
                flag_reason="handed_out_before" if earlier else "",
                **who,
            )
        )
        if earlier:
            flagged.append(str(badge.id))
        request = session.get(BadgeRequest, badge.request_id)
        if request is not None:
            request.status = COLLECTED
    return Outcome(details={"flagged": flagged} if flagged else {})
