"""`seed-demo`: a realistic demo fair, written straight to the database.

Every review state is present (enterprises and badge requests), codes used and unused, some
badges printed and handed out. Each approved host organisation has its own staff and guests in
every state its overview counts. Portraits are drawn placeholders marked DEMO, stored as demo
blobs; no real photo is ever passed off as one.
"""

from __future__ import annotations

import random
import uuid
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from central.core.config import Settings
from central.db.engine import Database
from central.db.tables import Blob, User
from central.services import accounts, demo_data
from central.services.blobs import DirectoryStore, sha256_of
from desk.models import refdata
from desk.models.coltypes import utc_now
from desk.models.commands.admin import new_invitation_code
from desk.models.commands.decisions import delegate_request
from desk.models.commands.people import identity_columns
from desk.models.rules import check_guest, check_host_staff, enterprise_name_key
from desk.models.schema import (
    APPROVED,
    COLLECTED,
    PENDING,
    PRODUCED,
    REJECTED,
    UNDER_REVIEW,
    WAITING_ENTERPRISE,
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
from desk.models.search_keys import organisation_keys, person_keys, reversed_key

ENTERPRISE_STATES = (PENDING, UNDER_REVIEW, APPROVED, APPROVED, APPROVED, REJECTED)
REQUEST_STATES = (PENDING, UNDER_REVIEW, APPROVED, PRODUCED, COLLECTED, REJECTED)
# A host organisation's staff and guests, cycled per organisation: the committee's decision
# on the record and what became of the delegate badge request its approval creates. Pending
# and rejected records have no request (the overview counts them as under review, rejected).
HOLDER_PLAN: tuple[tuple[str, str | None], ...] = (
    (PENDING, None),
    (APPROVED, APPROVED),
    (APPROVED, PRODUCED),
    (APPROVED, COLLECTED),
    (REJECTED, None),
)
HOLDER_REJECTIONS = ("照片背景不符合要求", "证件号码与姓名不一致", "职务信息不完整")
ONE_INCH_SIZE = (295, 413)
ONE_INCH_BACKGROUNDS = ((255, 255, 255), (67, 142, 219))  # white and ID-photo blue
DEMO_DESK = "DEMO"
DEMO_USERS = (
    ("demo_operator", "operator"),
    ("demo_host_reviewer", "host_reviewer"),
    ("demo_committee", "committee_reviewer"),
    ("demo_admin", "admin"),
)


@dataclass
class SeedReport:
    counts: dict[str, int] = field(default_factory=dict)
    users: list[tuple[str, str, str]] = field(default_factory=list)


def seed_demo(
    db: Database,
    settings: Settings,
    *,
    host_orgs: int,
    enterprises: int,
    people: int,
    seed: int = 2026,
    holders_per_org: int = 5,
) -> SeedReport:
    """`holders_per_org` staff members and as many guests for each approved host organisation."""
    rng = random.Random(seed)
    report = SeedReport()
    store = DirectoryStore(settings.blob_dir)
    portraits = [_store_portrait(store, demo_data.demo_portrait(f"#{i + 1}")) for i in range(6)]
    # Staff and guests upload one-inch photos, which the service keeps apart from badge photos.
    one_inch = [
        _store_portrait(
            store,
            demo_data.demo_portrait(
                f"one-inch #{i + 1}", ONE_INCH_BACKGROUNDS[i % 2], size=ONE_INCH_SIZE
            ),
        )
        for i in range(4)
    ]
    now = utc_now()
    sector = [s.code for s in refdata.service_sectors()]
    themes = [s.code for s in refdata.thematic_exhibitions()]
    with db.write() as session:
        _add_blobs(session, store, portraits, "badge")
        _add_blobs(session, store, one_inch, "one-inch")
        committee = accounts.committee_office(session)
        if committee is None:
            committee = HostOrg(
                name="组委会现场登记办公室",
                name_en="Committee on-site office",
                is_committee=True,
                review_state=APPROVED,
            )
            session.add(committee)
        orgs = []
        for i in range(host_orgs):
            name = demo_data.HOST_ORGS[i % len(demo_data.HOST_ORGS)] + ("" if i < 12 else f"{i}")
            orgs.append(
                HostOrg(
                    name=name,
                    review_state=APPROVED if i % 5 else PENDING,
                    phone="010-5810" + f"{3000 + i}",
                )
            )
        session.add_all(orgs)
        session.flush()
        codes: list[InvitationCode] = []
        for org in orgs:
            for _ in range(8):
                codes.append(InvitationCode(code=new_invitation_code(), host_org_id=org.id))
        session.add_all(codes)
        session.flush()
        unused = list(codes)
        rng.shuffle(unused)
        firms: list[Enterprise] = []
        for i in range(enterprises):
            foreign = i % 4 == 3
            name = (
                f"{rng.choice(demo_data.FOREIGN_ORG)} Ltd. {i}"
                if foreign
                else demo_data.chinese_org(rng, i)
            )
            pinyin, initials = organisation_keys(name)
            exhibitor = i % 3 == 0
            code: InvitationCode | None = (
                unused.pop() if (exhibitor or i % 3 == 1) and unused else None
            )
            ent = Enterprise(
                name=name,
                name_key=enterprise_name_key(name),
                name_pinyin=pinyin,
                name_initials=initials,
                nature="enterprise",
                region="abroad" if foreign else "mainland",
                province=None if foreign else "110000",
                country=rng.choice(demo_data.FOREIGN_COUNTRIES) if foreign else None,
                uscc=None if foreign else demo_data.uscc(rng),
                industry=rng.choice(sector),
                interested_sectors=[rng.choice(themes)],
                company_type="foreign" if foreign else "domestic",
                introduction="演示企业，名称与信息均为虚构，仅用于展示登记台的功能。" * 2,
                participation="exhibitor" if exhibitor else "attendee",
                exhibitor_type=("onsite" if i % 2 else "online") if exhibitor else None,
                attendee_type=None if exhibitor else ("invited" if code else "uninvited"),
                invitation_code_id=code.id if code else None,
                reviewing_host_org_id=code.host_org_id if code else committee.id,
                contact_name=demo_data.chinese_name(rng),
                contact_position="经理",
                contact_phone=demo_data.mobile(rng),
                contact_email=f"contact{i}@example.com",
                purposes=["partners"],
                applied_at=now - timedelta(days=rng.randrange(1, 40)),
                review_state=ENTERPRISE_STATES[i % len(ENTERPRISE_STATES)],
            )
            if ent.review_state == REJECTED:
                ent.review_reason, ent.rejected_stage = "营业执照信息与企业名称不一致", 1
            if exhibitor:
                ent.exhibit_content, ent.exhibit_needs = "数字服务解决方案展示", "标准展位一个"
            session.add(ent)
            session.flush()
            if code is not None:
                code.used_by_enterprise_id, code.used_at = ent.id, ent.applied_at
            session.add(
                Account(
                    enterprise_id=ent.id,
                    identifier=f"demo{i:04d}",
                    admin_username="admin01",
                    registration_region="abroad" if foreign else "mainland",
                    contact_mobile=None if foreign else ent.contact_phone,
                    contact_email=ent.contact_email if foreign else None,
                    consent_terms_version="2026-1",
                    consent_at=now,
                )
            )
            firms.append(ent)
        counts = _people(session, rng, firms, people, portraits)
        # After the people, from the same generator: the rest of the fair stays as it was.
        approved_orgs = [org for org in orgs if org.review_state == APPROVED]
        counts |= _host_holders(session, rng, approved_orgs, holders_per_org, one_inch)
        for username, role in DEMO_USERS:
            password = f"Demo-{role.split('_')[0]}-2026"
            if session.scalar(select(User).where(User.username == username)):
                report.users.append((username, role, "(exists, unchanged)"))
                continue
            accounts.create_user(
                session,
                username=username,
                role=role,
                password=password,
                host_org=str(orgs[0].id) if role == "host_reviewer" and orgs else None,
            )
            report.users.append((username, role, password))
    report.counts = {
        "host organisations": len(orgs),
        "invitation codes": len(codes),
        "codes used": len(codes) - len(unused),
        "enterprises": len(firms),
        **counts,
    }
    return report


def _store_portrait(store: DirectoryStore, data: bytes) -> str:
    sha = sha256_of(data)
    store.write(sha, data)
    return sha


def _add_blobs(session: Session, store: DirectoryStore, shas: list[str], kind: str) -> None:
    """Demo blobs accepted as `kind` without the photo checks: they are drawn, not taken."""
    for sha in shas:
        if session.get(Blob, sha) is None:
            session.add(
                Blob(
                    sha256=sha,
                    kind=kind,
                    size=len(store.read(sha) or b""),
                    ok=True,
                    failures=[],
                    demo=True,
                )
            )


def _people(
    session: Session, rng: random.Random, firms: list[Enterprise], count: int, portraits: list[str]
) -> dict[str, int]:
    now = utc_now()
    made = {"people": 0, "badge requests": 0, "badges printed": 0, "hand-outs": 0}
    if not firms:
        return made
    for n in range(count):
        ent = firms[n % len(firms)]
        born = demo_data.birthday(rng)
        male = rng.random() < 0.5
        if ent.region == "abroad":
            name, nationality, doc_type = demo_data.foreign_name(rng), "abroad", "passport"
            doc, country = demo_data.passport_number(rng), ent.country
        elif n % 17 == 5:
            name, nationality, doc_type = demo_data.chinese_name(rng), "hk", "hk_mo_permit"
            doc, country = demo_data.hk_permit(rng), None
        else:
            name, nationality, doc_type = demo_data.chinese_name(rng), "mainland", "resident_id"
            doc, country = demo_data.resident_id(rng, born, male), None
        phone = demo_data.mobile(rng)
        pinyin, initials = person_keys(name)
        person = Person(
            id=uuid.uuid4(),
            enterprise_id=ent.id,
            name=name,
            name_pinyin=pinyin,
            name_initials=initials,
            gender="male" if male else "female",
            nationality=nationality,
            country=country,
            doc_type=doc_type,
            doc_number=doc,
            doc_number_rev=reversed_key(doc),
            birthday=born,
            mobile=phone,
            mobile_rev=reversed_key(phone),
            email=f"p{n}@example.com",
            photo_sha256=rng.choice(portraits),
            duty=rng.choice(("business_rep", "consultant", "other")),
            position=rng.choice(("senior", "middle", "junior")),
        )
        session.add(person)
        made["people"] += 1
        if ent.exhibitor_type == "online" or n % 7 == 6:
            continue  # online-only exhibitors get no badges; some people have not asked yet
        if ent.review_state != APPROVED:
            status = REJECTED if ent.review_state == REJECTED else WAITING_ENTERPRISE
        else:
            status = REQUEST_STATES[n % len(REQUEST_STATES)]
        badge_type = (
            "exhibitor" if ent.participation == "exhibitor" else rng.choice(("delegate", "buyer"))
        )
        request = BadgeRequest(
            id=uuid.uuid4(),
            holder_kind="person",
            holder_id=person.id,
            enterprise_id=ent.id,
            batch_id=uuid.uuid4(),
            badge_type=badge_type,
            status=status,
            snapshot={"name": name, "doc_type": doc_type, "photo_sha256": person.photo_sha256},
            review_reason="照片背景不符合要求" if status == REJECTED else "",
            rejected_stage=2 if status == REJECTED else None,
            requested_at=now,
        )
        session.add(request)
        made["badge requests"] += 1
        if status in (PRODUCED, COLLECTED):
            session.flush()
            badge = Badge(
                id=uuid.uuid4(),
                request_id=request.id,
                holder_id=person.id,
                code=f"D{n:07d}",
                revision_desk="DEMO",
                revision_counter=n + 1,
                printed_at=now,
            )
            session.add(badge)
            made["badges printed"] += 1
            if status == COLLECTED:
                session.flush()
                session.add(
                    Handout(
                        badge_id=badge.id,
                        recipient="holder",
                        document_checked=doc_type,
                        handed_at=now,
                    )
                )
                made["hand-outs"] += 1
    return made


def _identity(rng: random.Random, nationality: str) -> dict[str, Any]:
    """The identity fields of a host staff or guest form, without the names."""
    male = rng.random() < 0.5
    values: dict[str, Any] = {"nationality": nationality, "gender": "male" if male else "female"}
    if nationality == "abroad":
        values |= {
            "country": rng.choice(demo_data.FOREIGN_COUNTRIES),
            "doc_type": "passport",
            "doc_number": demo_data.passport_number(rng),
        }
    elif nationality == "hk":
        values |= {"doc_type": "hk_mo_permit", "doc_number": demo_data.hk_permit(rng)}
    else:
        born = demo_data.birthday(rng)
        values |= {"doc_type": "resident_id", "doc_number": demo_data.resident_id(rng, born, male)}
    return values | {"mobile": demo_data.mobile(rng)}


def _nationality(org: HostOrg, k: int) -> str:
    """A delegation's people come from abroad; elsewhere a few do, and now and then from HK."""
    if org.name.endswith("代表团") or k % 4 == 3:
        return "abroad"
    return "hk" if k % 5 == 4 else "mainland"


def _staff_form(rng: random.Random, org: HostOrg, k: int) -> dict[str, Any]:
    nationality = _nationality(org, k)
    if nationality == "abroad":
        given, surname = demo_data.foreign_name_parts(rng)
    else:
        surname, given = demo_data.chinese_name_parts(rng)
    return {
        "surname": surname,
        "given_name": given,
        **_identity(rng, nationality),
        "email": f"staff{k}@example.com",
        "position": rng.choice(("staff", "staff", "middle", "senior")),
    }


def _guest_form(rng: random.Random, org: HostOrg, k: int) -> dict[str, Any]:
    nationality = _nationality(org, k + 1)  # guests lean foreign a little more than staff
    foreign = nationality == "abroad"
    return {
        "kind": "vip" if k == 0 else "guest",
        "name": demo_data.foreign_name(rng) if foreign else demo_data.chinese_name(rng),
        **_identity(rng, nationality),
        "email": f"guest{k}@example.com",
        "organisation": rng.choice(demo_data.FOREIGN_ORG if foreign else demo_data.GUEST_ORGS),
        "position": rng.choice(
            demo_data.FOREIGN_GUEST_POSITIONS if foreign else demo_data.GUEST_POSITIONS
        ),
    }


@dataclass
class _BadgeDesk:
    """The demo desk's badge counter and what the host holders' part of the seed made."""

    counter: int
    now: datetime
    # Holders and requests, badges, hand-outs: inserted in that order (see `_host_holders`).
    stages: tuple[list[Any], list[Any], list[Any]] = field(default_factory=lambda: ([], [], []))
    made: dict[str, int] = field(
        default_factory=lambda: {
            "host staff": 0,
            "guests": 0,
            "host staff/guest badge requests": 0,
            "host staff/guest badges printed": 0,
            "host staff/guest hand-outs": 0,
        }
    )

    def issue(self, kind: str, holder: HostStaff | Guest, status: str) -> None:
        """The request the committee's approval creates, then a print and a hand-out."""
        request = delegate_request(kind, holder, status, self.now)
        self.stages[0].append(request)
        self.made["host staff/guest badge requests"] += 1
        if status == APPROVED:
            return
        self.counter += 1
        badge = Badge(
            id=uuid.uuid4(),
            request_id=request.id,
            holder_id=holder.id,
            code=f"D{self.counter:07d}",
            revision_desk=DEMO_DESK,
            revision_counter=self.counter,
            printed_at=self.now,
        )
        self.stages[1].append(badge)
        self.made["host staff/guest badges printed"] += 1
        if status == COLLECTED:
            self.stages[2].append(
                Handout(
                    badge_id=badge.id,
                    recipient="holder",
                    document_checked=holder.doc_type,
                    handed_at=self.now,
                )
            )
            self.made["host staff/guest hand-outs"] += 1


def _host_holders(
    session: Session,
    rng: random.Random,
    orgs: list[HostOrg],
    per_org: int,
    photos: list[str],
) -> dict[str, int]:
    """Staff and guests of approved organisations (the commands refuse others), checked by
    the same rules as `add_host_staff` / `add_guest`, in every state of `HOLDER_PLAN`."""
    printed = session.scalar(
        select(func.max(Badge.revision_counter)).where(Badge.revision_desk == DEMO_DESK)
    )
    desk = _BadgeDesk(counter=int(printed or 0), now=utc_now())
    for i, org in enumerate(orgs):
        for k in range(per_org):
            # Shifted per organisation, so each shows its own mix even with few people.
            state, status = HOLDER_PLAN[(i + k) % len(HOLDER_PLAN)]
            for kind in ("host_staff", "guest"):
                holder = _holder(rng, kind, org, k, rng.choice(photos))
                holder.review_state = state
                if state == REJECTED:
                    holder.review_reason = HOLDER_REJECTIONS[(i + k) % len(HOLDER_REJECTIONS)]
                desk.stages[0].append(holder)
                desk.made["host staff" if kind == "host_staff" else "guests"] += 1
                if status is not None:
                    desk.issue(kind, holder, status)
    # No ORM relationships tie these tables, so the flush does not order the inserts by
    # foreign key: one flush per stage does, three in all.
    for rows in desk.stages:
        session.add_all(rows)
        session.flush()
    return desk.made


def _holder(rng: random.Random, kind: str, org: HostOrg, k: int, photo: str) -> HostStaff | Guest:
    if kind == "host_staff":
        values = check_host_staff(_staff_form(rng, org, k)).values_or_raise()
        return HostStaff(
            id=uuid.uuid4(), host_org_id=org.id, photo_sha256=photo, **identity_columns(values)
        )
    values = check_guest(_guest_form(rng, org, k)).values_or_raise()
    return Guest(
        id=uuid.uuid4(), host_org_id=org.id, photo_sha256=photo, **identity_columns(values)
    )
