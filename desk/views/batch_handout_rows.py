"""What the batch hand-out shows of an enterprise (no Qt here): each person's latest badge
request and its valid printed revision, whether that was handed out, and the contact person.
Document numbers leave here masked."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from desk.models.rules import mask_document
from desk.models.schema import (
    APPROVED,
    COLLECTED,
    PRODUCED,
    Badge,
    BadgeRequest,
    Handout,
    Person,
)
from desk.views.lookups import canonical_enterprise

# What can be done with a person's badge in a batch hand-out.
READY = "ready"  # printed, valid, not handed out
PRINT_FIRST = "print_first"  # approved, no valid printed revision yet
HANDED_OUT = "handed_out"
NOT_READY = "not_ready"  # no request, or not approved (yet)

PRINTABLE = (APPROVED, PRODUCED, COLLECTED)


@dataclass(frozen=True)
class BatchRow:
    person_id: uuid.UUID
    name: str
    doc_masked: str
    badge_type: str | None
    request_id: uuid.UUID | None
    request_status: str | None
    badge_id: uuid.UUID | None
    badge_code: str
    state: str
    handed_to: str = ""  # the collector's name, or "" when the holder collected it
    handed_at: datetime | None = None

    @property
    def checkable(self) -> bool:
        return self.state in (READY, PRINT_FIRST)


@dataclass(frozen=True)
class BatchPage:
    enterprise_id: uuid.UUID
    enterprise_name: str
    contact_name: str
    rows: list[BatchRow]


def _row(session: Session, person: Person) -> BatchRow:
    request = session.scalar(
        select(BadgeRequest)
        .where(BadgeRequest.holder_id == person.id, BadgeRequest.deleted.is_(False))
        .order_by(BadgeRequest.requested_at.desc())
        .limit(1)
    )
    badge = None if request is None else session.scalar(
        select(Badge)
        .where(Badge.request_id == request.id, Badge.status == "valid",
               Badge.deleted.is_(False))
        .order_by(Badge.printed_at.desc())
        .limit(1)
    )
    handout = None if badge is None else session.scalar(
        select(Handout)
        .where(Handout.badge_id == badge.id, Handout.deleted.is_(False))
        .order_by(Handout.handed_at)
        .limit(1)
    )
    if handout is not None:
        state = HANDED_OUT
    elif badge is not None:
        state = READY
    elif request is not None and request.status in PRINTABLE:
        state = PRINT_FIRST
    else:
        state = NOT_READY
    return BatchRow(
        person_id=person.id,
        name=person.name,
        doc_masked=mask_document(person.doc_number),
        badge_type=request.badge_type if request else None,
        request_id=request.id if request else None,
        request_status=request.status if request else None,
        badge_id=badge.id if badge else None,
        badge_code=badge.code if badge else "",
        state=state,
        handed_to=handout.collector_name if handout else "",
        handed_at=handout.handed_at if handout else None,
    )


def batch_page(session: Session, enterprise_id: uuid.UUID) -> BatchPage | None:
    """The enterprise (its canonical record) and its people, oldest first."""
    enterprise = canonical_enterprise(session, enterprise_id)
    if enterprise is None:
        return None
    people = session.scalars(
        select(Person)
        .where(Person.enterprise_id == enterprise.id, Person.deleted.is_(False))
        .order_by(Person.created_at)
    )
    return BatchPage(enterprise.id, enterprise.name, enterprise.contact_name or "",
                     [_row(session, person) for person in people])
