"""Read-only lookups the panels run off the UI thread (no Qt here): a badge holder's card
(enterprise personnel, host staff or guest), an enterprise's page, the badge request list.
Document numbers leave here masked, except where a check needs the real one
(`document_matches`), which answers yes or no only."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from desk.models.commands.people import person_form
from desk.models.rules import check_document, mask_document, mask_phone
from desk.models.schema import (
    Account,
    Badge,
    BadgeRequest,
    Enterprise,
    Guest,
    Handout,
    HostOrg,
    HostStaff,
    InvitationCode,
    Person,
)


@dataclass(frozen=True)
class RequestRow:
    id: uuid.UUID
    badge_type: str
    status: str
    review_reason: str
    requested_at: datetime


@dataclass(frozen=True)
class BadgeRow:
    id: uuid.UUID
    request_id: uuid.UUID
    code: str
    status: str
    printed_at: datetime
    reprint_reason: str
    handed_out: bool


@dataclass(frozen=True)
class HistoryLine:
    at: datetime
    kind: str  # requested | printed | handed_out | voided
    detail: str


@dataclass
class PersonCard:
    """What the card shows. `form` is the person's stored form (for editing) and stays in
    memory only while the card is open; lists never hold it."""

    id: uuid.UUID
    name: str
    gender: str
    nationality: str
    doc_type: str
    doc_masked: str
    mobile_masked: str
    photo_sha256: str | None
    enterprise_id: uuid.UUID
    enterprise_name: str
    enterprise_state: str | None
    participation: str | None
    exhibitor_type: str | None
    request: RequestRow | None
    badge: BadgeRow | None
    history: list[HistoryLine] = field(default_factory=list)
    form: dict[str, Any] = field(default_factory=dict)
    # person | host_staff | guest. For host staff and guests the "enterprise" is the host
    # organisation (a guest's own organisation in the name); they are edited by it, online.
    kind: str = "person"


def _holder(session: Session, holder_id: uuid.UUID) -> Person | HostStaff | Guest | None:
    """The badge holder with that id, whichever kind (enterprise personnel first)."""
    row = (session.get(Person, holder_id) or session.get(HostStaff, holder_id)
           or session.get(Guest, holder_id))
    return None if row is None or row.deleted else row


def person_card(session: Session, person_id: uuid.UUID) -> PersonCard | None:
    holder = _holder(session, person_id)
    if holder is None:
        return None
    if not isinstance(holder, Person):
        return _host_member_card(session, holder)
    person = holder
    enterprise = session.get(Enterprise, person.enterprise_id)
    badge_part = _badge_part(session, person.id)
    return PersonCard(
        id=person.id, name=person.name, gender=person.gender, nationality=person.nationality,
        doc_type=person.doc_type, doc_masked=mask_document(person.doc_number),
        mobile_masked=mask_phone(person.mobile), photo_sha256=person.photo_sha256,
        enterprise_id=person.enterprise_id,
        enterprise_name=enterprise.name if enterprise else "",
        enterprise_state=enterprise.review_state if enterprise else None,
        participation=enterprise.participation if enterprise else None,
        exhibitor_type=enterprise.exhibitor_type if enterprise else None,
        **badge_part,
        form={**person_form(person), "photo_sha256": person.photo_sha256},
    )


def _host_member_card(session: Session, member: HostStaff | Guest) -> PersonCard:
    org = session.get(HostOrg, member.host_org_id)
    org_name = org.name if org else ""
    own = member.organisation if isinstance(member, Guest) else ""
    return PersonCard(
        id=member.id, name=member.name, gender=member.gender, nationality=member.nationality,
        doc_type=member.doc_type, doc_masked=mask_document(member.doc_number),
        mobile_masked=mask_phone(member.mobile), photo_sha256=member.photo_sha256,
        enterprise_id=member.host_org_id,
        enterprise_name=f"{own} / {org_name}" if own and org_name else own or org_name,
        enterprise_state=member.review_state, participation=None, exhibitor_type=None,
        **_badge_part(session, member.id),
        kind="guest" if isinstance(member, Guest) else "host_staff",
    )


def _badge_part(session: Session, holder_id: uuid.UUID) -> dict[str, Any]:
    """The latest badge request, the valid badge and the history of one holder."""
    requests = list(session.scalars(
        select(BadgeRequest).where(BadgeRequest.holder_id == holder_id,
                                   BadgeRequest.deleted.is_(False))
        .order_by(BadgeRequest.requested_at)))
    badges = list(session.scalars(
        select(Badge).where(Badge.holder_id == holder_id, Badge.deleted.is_(False))
        .order_by(Badge.printed_at)))
    handouts = list(session.scalars(
        select(Handout).where(Handout.badge_id.in_([b.id for b in badges]),
                              Handout.deleted.is_(False)).order_by(Handout.handed_at)
    )) if badges else []
    handed = {h.badge_id for h in handouts}
    history = [HistoryLine(r.requested_at, "requested", r.badge_type) for r in requests]
    for badge in badges:
        history.append(HistoryLine(badge.printed_at, "printed", badge.code))
    for handout in handouts:
        history.append(HistoryLine(handout.handed_at, "handed_out",
                                   handout.collector_name or handout.recipient))
    history.sort(key=lambda line: line.at)
    request = requests[-1] if requests else None
    valid = [b for b in badges if b.status == "valid"]
    current = valid[-1] if valid else None
    return {
        "request": RequestRow(request.id, request.badge_type, request.status,
                              request.review_reason, request.requested_at) if request else None,
        "badge": BadgeRow(current.id, current.request_id, current.code, current.status,
                          current.printed_at, current.reprint_reason, current.id in handed)
        if current else None,
        "history": history,
    }


def same_document(doc_type: str, registered: str, typed: str) -> bool:
    """Whether the document in hand is the registered one: travel permits match on their
    lifetime part (renewals add digits), everything else whole."""
    check = check_document(doc_type, typed)
    value = (check.normalized or "").upper()
    registered = registered.upper()
    if not value:
        return False
    if doc_type == "hk_mo_permit":
        return value[:9] == registered[:9]
    if doc_type == "tw_permit":
        return value[:8] == registered[:8]
    return value == registered


def document_matches(session: Session, person_id: uuid.UUID, doc_type: str, typed: str) -> bool:
    return matching_document(session, person_id, doc_type, typed) is not None


def matching_document(session: Session, holder_id: uuid.UUID, doc_type: str,
                      typed: str) -> str | None:
    """The holder's whole registered number when the document in hand is that one (any kind
    of holder), else None."""
    holder = _holder(session, holder_id)
    if holder is None or holder.doc_type != doc_type:
        return None
    return holder.doc_number if same_document(doc_type, holder.doc_number, typed) else None


@dataclass(frozen=True)
class EnterprisePage:
    id: uuid.UUID
    name: str
    uscc: str | None
    region: str
    participation: str | None
    attendee_type: str | None
    exhibitor_type: str | None
    review_state: str | None
    review_reason: str
    identifier: str | None
    admin_username: str | None
    contact_name: str
    people: list[tuple[uuid.UUID, str, str | None]]  # id, name, badge request status
    form: dict[str, Any]
    participation_form: dict[str, Any]


def canonical_enterprise(session: Session, enterprise_id: uuid.UUID) -> Enterprise | None:
    """The enterprise, or the one it was merged into (a duplicate registered at two desks)."""
    row = session.get(Enterprise, enterprise_id)
    if row is None or row.deleted:
        return None
    while row.canonical_id is not None:
        canonical = session.get(Enterprise, row.canonical_id)
        if canonical is None:
            break
        row = canonical
    return row


def enterprise_page(session: Session, enterprise_id: uuid.UUID) -> EnterprisePage | None:
    row = canonical_enterprise(session, enterprise_id)
    if row is None:
        return None
    account = session.scalar(select(Account).where(Account.enterprise_id == row.id,
                                                   Account.deleted.is_(False)).limit(1))
    latest = (select(BadgeRequest.status).where(BadgeRequest.holder_id == Person.id,
                                                BadgeRequest.deleted.is_(False))
              .order_by(BadgeRequest.requested_at.desc()).limit(1).scalar_subquery())
    people = [(r[0], r[1], r[2]) for r in session.execute(
        select(Person.id, Person.name, latest).where(Person.enterprise_id == row.id,
                                                     Person.deleted.is_(False))
        .order_by(Person.created_at))]
    form = {k: getattr(row, k) for k in (
        "name", "nature", "region", "province", "country", "uscc", "industry",
        "interested_sectors", "company_type", "fortune500", "fortune500_company", "website",
        "introduction")}
    participation = {k: getattr(row, k) for k in (
        "participation", "exhibitor_type", "attendee_type", "contact_name", "contact_position",
        "contact_phone", "contact_email", "purposes", "exhibit_content", "exhibit_needs")}
    code = session.get(InvitationCode, row.invitation_code_id) if row.invitation_code_id else None
    participation["invitation_code"] = code.code if code is not None else None
    return EnterprisePage(
        row.id, row.name, row.uscc, row.region, row.participation, row.attendee_type,
        row.exhibitor_type, row.review_state, row.review_reason,
        account.identifier if account else None, account.admin_username if account else None,
        row.contact_name, people, form, participation)


@dataclass(frozen=True)
class RequestListRow:
    id: uuid.UUID
    holder_id: uuid.UUID
    name: str
    enterprise: str
    badge_type: str
    status: str
    requested_at: datetime
    code: str | None


def badge_requests(session: Session, status: str | None, offset: int,
                   limit: int) -> list[RequestListRow]:
    """Badge requests, newest first, optionally of one status; a page at a time."""
    code = (select(Badge.code).where(Badge.request_id == BadgeRequest.id, Badge.status == "valid")
            .limit(1).scalar_subquery())
    query = (select(BadgeRequest.id, BadgeRequest.holder_id, Person.name,
                    func.coalesce(Enterprise.name, ""), BadgeRequest.badge_type,
                    BadgeRequest.status, BadgeRequest.requested_at, code)
             .join(Person, Person.id == BadgeRequest.holder_id)
             .outerjoin(Enterprise, Enterprise.id == BadgeRequest.enterprise_id)
             .where(BadgeRequest.deleted.is_(False)))
    if status:
        query = query.where(BadgeRequest.status == status)
    rows = session.execute(query.order_by(BadgeRequest.requested_at.desc())
                           .offset(offset).limit(limit))
    return [RequestListRow(*row) for row in rows]


def count_requests(session: Session) -> dict[str, int]:
    rows = session.execute(select(BadgeRequest.status, func.count())
                           .where(BadgeRequest.deleted.is_(False))
                           .group_by(BadgeRequest.status))
    return {status: int(n) for status, n in rows}


@dataclass(frozen=True)
class MemberRow:
    id: uuid.UUID
    name: str
    has_photo: bool
    status: str | None  # the latest badge request's


def people_of(session: Session, enterprise_id: uuid.UUID) -> list[MemberRow]:
    """An enterprise's people, oldest first, with their photo and badge request state."""
    latest = (select(BadgeRequest.status).where(BadgeRequest.holder_id == Person.id,
                                                BadgeRequest.deleted.is_(False))
              .order_by(BadgeRequest.requested_at.desc()).limit(1).scalar_subquery())
    rows = session.execute(select(Person.id, Person.name, Person.photo_sha256, latest)
                           .where(Person.enterprise_id == enterprise_id,
                                  Person.deleted.is_(False)).order_by(Person.created_at))
    return [MemberRow(r[0], r[1], bool(r[2]), r[3]) for r in rows]
