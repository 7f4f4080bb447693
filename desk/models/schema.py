"""The tables the desk's replica and the central service share.

Every synced row has a UUID key made where it is created and a `version` from the service's
global counter (0 on a desk until the service has stored it). Service-only tables (users,
secrets, sync bookkeeping) live in `central/`, desk-only ones (outbox, attention) in
`desk/sync/`; both use this `Base` so their foreign keys resolve.

Uniqueness that two desks can race for (enterprise names, invitation codes) is enforced by
the service's own indexes, not here: a replica must be able to hold a pulled row beside a
local one that the service will later merge.
"""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    CheckConstraint,
    Date,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    Uuid,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from desk.models.coltypes import UtcDateTime, utc_now

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)
    type_annotation_map = {
        uuid.UUID: Uuid(),
        datetime: UtcDateTime(),
        dict[str, Any]: JSON(),
        list[Any]: JSON(),
    }


class Synced:
    """Columns of every row that travels between desks and the service."""

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    version: Mapped[int] = mapped_column(BigInteger, default=0, index=True)
    created_at: Mapped[datetime] = mapped_column(default=utc_now)
    updated_at: Mapped[datetime] = mapped_column(default=utc_now, onupdate=utc_now)
    deleted: Mapped[bool] = mapped_column(Boolean, default=False)


# Review states of applications (enterprises, badge requests, host records).
PENDING = "pending"  # 待审核: waiting for stage one (or the committee, for one-stage reviews)
UNDER_REVIEW = "under_review"  # 审核中: stage one approved, waiting for the committee
APPROVED = "approved"
REJECTED = "rejected"
REVIEW_STATES = (PENDING, UNDER_REVIEW, APPROVED, REJECTED)

# Badge request states beyond the review states.
WAITING_ENTERPRISE = "waiting_enterprise"  # 等待企业审核
PRODUCED = "produced"  # 制证完成
COLLECTED = "collected"  # 已领取
WITHDRAWN = "withdrawn"
BADGE_REQUEST_STATES = (WAITING_ENTERPRISE, *REVIEW_STATES, PRODUCED, COLLECTED, WITHDRAWN)


class HostOrg(Synced, Base):
    """A host organisation (承办机构) or delegation; `is_committee` marks the committee's office."""

    __tablename__ = "host_org"

    name: Mapped[str] = mapped_column(String(200))
    name_en: Mapped[str] = mapped_column(String(200), default="")
    is_committee: Mapped[bool] = mapped_column(Boolean, default=False)
    field: Mapped[str] = mapped_column(String(100), default="")
    industry_category: Mapped[str] = mapped_column(String(100), default="")
    licence_sha256: Mapped[str | None] = mapped_column(String(64))
    uscc: Mapped[str | None] = mapped_column(String(18))
    address: Mapped[str] = mapped_column(String(300), default="")
    postcode: Mapped[str] = mapped_column(String(6), default="")
    phone: Mapped[str] = mapped_column(String(32), default="")
    website: Mapped[str] = mapped_column(String(300), default="")
    review_state: Mapped[str] = mapped_column(String(20), default=PENDING)
    review_reason: Mapped[str] = mapped_column(Text, default="")


class InvitationCode(Synced, Base):
    """A single-use code a host organisation gives one enterprise; it decides who reviews it."""

    __tablename__ = "invitation_code"

    code: Mapped[str] = mapped_column(String(16), index=True)
    host_org_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("host_org.id"), index=True)
    used_by_enterprise_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, index=True)
    used_at: Mapped[datetime | None]
    used_at_desk_id: Mapped[uuid.UUID | None]


class Enterprise(Synced, Base):
    """An enterprise or institution, with its participation and its review state.

    `canonical_id` is set when the service found the same enterprise registered earlier:
    this row is then an alias and commands naming it act on the canonical one.
    """

    __tablename__ = "enterprise"

    canonical_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, index=True)
    name: Mapped[str] = mapped_column(String(200))
    name_key: Mapped[str] = mapped_column(String(200), index=True)
    name_pinyin: Mapped[str] = mapped_column(String(800), default="", index=True)
    name_initials: Mapped[str] = mapped_column(String(200), default="", index=True)
    nature: Mapped[str] = mapped_column(String(20))
    region: Mapped[str] = mapped_column(String(10))
    province: Mapped[str | None] = mapped_column(String(6))
    country: Mapped[str | None] = mapped_column(String(2))
    uscc: Mapped[str | None] = mapped_column(String(18), index=True)
    industry: Mapped[str] = mapped_column(String(40))
    interested_sectors: Mapped[list[Any]] = mapped_column(default=list)
    company_type: Mapped[str] = mapped_column(String(10))
    fortune500: Mapped[bool] = mapped_column(Boolean, default=False)
    fortune500_company: Mapped[str | None] = mapped_column(String(200))
    website: Mapped[str] = mapped_column(String(300), default="")
    introduction: Mapped[str] = mapped_column(Text, default="")

    # Participation (参展/参会): empty until the enterprise applies.
    participation: Mapped[str | None] = mapped_column(String(10))
    exhibitor_type: Mapped[str | None] = mapped_column(String(10))
    attendee_type: Mapped[str | None] = mapped_column(String(10))
    invitation_code_id: Mapped[uuid.UUID | None] = mapped_column(Uuid)
    reviewing_host_org_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, index=True)
    contact_name: Mapped[str] = mapped_column(String(100), default="")
    contact_position: Mapped[str] = mapped_column(String(100), default="")
    contact_phone: Mapped[str] = mapped_column(String(32), default="")
    contact_email: Mapped[str] = mapped_column(String(254), default="")
    purposes: Mapped[list[Any]] = mapped_column(default=list)
    exhibit_content: Mapped[str] = mapped_column(Text, default="")
    exhibit_needs: Mapped[str] = mapped_column(Text, default="")
    applied_at: Mapped[datetime | None]
    review_state: Mapped[str | None] = mapped_column(String(20), index=True)
    review_reason: Mapped[str] = mapped_column(Text, default="")
    rejected_stage: Mapped[int | None] = mapped_column(Integer)
    registered_at_desk_id: Mapped[uuid.UUID | None]


class Account(Synced, Base):
    """An enterprise's account. Its password hash never leaves the service."""

    __tablename__ = "account"

    enterprise_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, index=True)
    identifier: Mapped[str] = mapped_column(String(20), index=True)
    admin_username: Mapped[str] = mapped_column(String(20))
    display_name: Mapped[str] = mapped_column(String(100), default="")
    registration_region: Mapped[str] = mapped_column(String(10))
    contact_mobile: Mapped[str | None] = mapped_column(String(20))
    contact_email: Mapped[str | None] = mapped_column(String(254))
    consent_terms_version: Mapped[str] = mapped_column(String(40))
    consent_at: Mapped[datetime]
    consent_operator_id: Mapped[uuid.UUID | None]


class PersonFields:
    """Identity columns shared by enterprise personnel, host staff and guests, with the
    search keys computed where the row is written (pinyin, reversed tails for suffix search)."""

    name: Mapped[str] = mapped_column(String(100))
    name_pinyin: Mapped[str] = mapped_column(String(400), default="", index=True)
    name_initials: Mapped[str] = mapped_column(String(100), default="", index=True)
    gender: Mapped[str] = mapped_column(String(6))
    nationality: Mapped[str] = mapped_column(String(10), default="mainland")
    country: Mapped[str | None] = mapped_column(String(2))
    doc_type: Mapped[str] = mapped_column(String(24))
    doc_number: Mapped[str] = mapped_column(String(40), index=True)
    doc_number_rev: Mapped[str] = mapped_column(String(40), default="", index=True)
    birthday: Mapped[date | None] = mapped_column(Date)
    mobile: Mapped[str | None] = mapped_column(String(20))
    mobile_rev: Mapped[str] = mapped_column(String(20), default="", index=True)
    email: Mapped[str | None] = mapped_column(String(254))
    photo_sha256: Mapped[str | None] = mapped_column(String(64))


class Person(PersonFields, Synced, Base):
    """Enterprise personnel (企业人员)."""

    __tablename__ = "person"

    enterprise_id: Mapped[uuid.UUID] = mapped_column(Uuid, index=True)
    duty: Mapped[str] = mapped_column(String(20), default="other")
    position: Mapped[str] = mapped_column(String(20), default="junior")
    username: Mapped[str | None] = mapped_column(String(20))
    display_name: Mapped[str] = mapped_column(String(100), default="")


class HostStaff(PersonFields, Synced, Base):
    """A host organisation's own staff (机构人员); reviewed by the committee alone."""

    __tablename__ = "host_staff"

    host_org_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("host_org.id"), index=True)
    surname: Mapped[str] = mapped_column(String(50))
    given_name: Mapped[str] = mapped_column(String(50))
    position: Mapped[str] = mapped_column(String(20))
    review_state: Mapped[str] = mapped_column(String(20), default=PENDING)
    review_reason: Mapped[str] = mapped_column(Text, default="")


class Guest(PersonFields, Synced, Base):
    """A host organisation's guest or VIP (普通嘉宾 / 贵宾); reviewed by the committee alone."""

    __tablename__ = "guest"

    host_org_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("host_org.id"), index=True)
    kind: Mapped[str] = mapped_column(String(5), default="guest")
    organisation: Mapped[str] = mapped_column(String(200), default="")
    position: Mapped[str] = mapped_column(String(100), default="")
    review_state: Mapped[str] = mapped_column(String(20), default=PENDING)
    review_reason: Mapped[str] = mapped_column(Text, default="")


HOLDER_KINDS = ("person", "host_staff", "guest")


class BadgeRequest(Synced, Base):
    """A badge request (制证申请) for one holder; `snapshot` is what reviewers see.

    Editing the holder later does not touch the snapshot: only an explicit update does.
    """

    __tablename__ = "badge_request"
    __table_args__ = (
        CheckConstraint("holder_kind IN ('person', 'host_staff', 'guest')", name="holder_kind"),
    )

    holder_kind: Mapped[str] = mapped_column(String(10), default="person")
    holder_id: Mapped[uuid.UUID] = mapped_column(Uuid, index=True)
    enterprise_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, index=True)
    host_org_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, index=True)
    batch_id: Mapped[uuid.UUID] = mapped_column(Uuid, index=True)
    badge_type: Mapped[str] = mapped_column(String(10))
    status: Mapped[str] = mapped_column(String(20), index=True)
    snapshot: Mapped[dict[str, Any]] = mapped_column(default=dict)
    review_reason: Mapped[str] = mapped_column(Text, default="")
    rejected_stage: Mapped[int | None] = mapped_column(Integer)
    requested_at: Mapped[datetime] = mapped_column(default=utc_now)


class Badge(Synced, Base):
    """A printed badge revision. A revision is (desk, counter), so offline desks never clash;
    a reprint voids the previous revision."""

    __tablename__ = "badge"

    request_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("badge_request.id"), index=True)
    holder_id: Mapped[uuid.UUID] = mapped_column(Uuid, index=True)
    code: Mapped[str] = mapped_column(String(24), index=True)
    revision_desk: Mapped[str] = mapped_column(String(40))
    revision_counter: Mapped[int] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(String(10), default="valid")
    void_reason: Mapped[str] = mapped_column(Text, default="")
    reprint_reason: Mapped[str] = mapped_column(Text, default="")
    printed_at: Mapped[datetime] = mapped_column(default=utc_now)
    printed_by: Mapped[uuid.UUID | None]
    printed_at_desk_id: Mapped[uuid.UUID | None]
    signature: Mapped[str] = mapped_column(Text, default="")
    signing_key_id: Mapped[str] = mapped_column(String(80), default="")


class Handout(Synced, Base):
    """One hand-out of a badge. A second hand-out of the same badge is stored and flagged."""

    __tablename__ = "handout"

    badge_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("badge.id"), index=True)
    recipient: Mapped[str] = mapped_column(String(10))  # holder | collector
    collector_name: Mapped[str] = mapped_column(String(100), default="")
    collector_doc_type: Mapped[str] = mapped_column(String(24), default="")
    collector_doc_number: Mapped[str] = mapped_column(String(40), default="")
    document_checked: Mapped[str] = mapped_column(String(24))
    operator_id: Mapped[uuid.UUID | None]
    desk_id: Mapped[uuid.UUID | None]
    handed_at: Mapped[datetime] = mapped_column(default=utc_now)
    flagged: Mapped[bool] = mapped_column(Boolean, default=False)
    flag_reason: Mapped[str] = mapped_column(Text, default="")


class RegistrationWindow(Synced, Base):
    """When applications of one participation type are accepted (set by the organiser)."""

    __tablename__ = "registration_window"

    participation_type: Mapped[str] = mapped_column(String(20), index=True)
    opens_at: Mapped[datetime]
    closes_at: Mapped[datetime]


class RefItem(Synced, Base):
    """Reference data the service owns: thematic exhibitions, the Fortune Global 500 list..."""

    __tablename__ = "ref_item"
    __table_args__ = (Index("ix_ref_item_kind_code", "kind", "code"),)

    kind: Mapped[str] = mapped_column(String(30))
    code: Mapped[str] = mapped_column(String(200))
    name_zh: Mapped[str] = mapped_column(String(200), default="")
    name_en: Mapped[str] = mapped_column(String(200), default="")
    sort_order: Mapped[int] = mapped_column(Integer, default=0)
    active: Mapped[bool] = mapped_column(Boolean, default=True)


# Every synced table by the entity name the sync protocol uses.
ENTITIES: dict[str, type[Synced]] = {
    "host_org": HostOrg,
    "invitation_code": InvitationCode,
    "enterprise": Enterprise,
    "account": Account,
    "person": Person,
    "host_staff": HostStaff,
    "guest": Guest,
    "badge_request": BadgeRequest,
    "badge": Badge,
    "handout": Handout,
    "registration_window": RegistrationWindow,
    "ref_item": RefItem,
}
