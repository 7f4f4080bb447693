"""`seed-demo`: a realistic demo fair, written straight to the database.

Every review state is present (enterprises and badge requests), codes used and unused, some
badges printed and handed out. Portraits are drawn placeholders marked DEMO, stored as demo
blobs; no real photo is ever passed off as one.
"""

from __future__ import annotations

import random
import uuid
from dataclasses import dataclass, field
from datetime import timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from central.core.config import Settings
from central.db.engine import Database
from central.db.tables import Blob, User
from central.services import accounts, demo_data
from central.services.blobs import DirectoryStore, sha256_of
from desk.models import refdata
from desk.models.coltypes import utc_now
from desk.models.commands.admin import new_invitation_code
from desk.models.rules import enterprise_name_key
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
    Handout,
    HostOrg,
    InvitationCode,
    Person,
)
from desk.models.search_keys import organisation_keys, person_keys, reversed_key

ENTERPRISE_STATES = (PENDING, UNDER_REVIEW, APPROVED, APPROVED, APPROVED, REJECTED)
REQUEST_STATES = (PENDING, UNDER_REVIEW, APPROVED, PRODUCED, COLLECTED, REJECTED)
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
) -> SeedReport:
    rng = random.Random(seed)
    report = SeedReport()
    store = DirectoryStore(settings.blob_dir)
    portraits = []
    for i in range(6):
        data = demo_data.demo_portrait(f"#{i + 1}")
        sha = sha256_of(data)
        store.write(sha, data)
        portraits.append(sha)
    now = utc_now()
    sector = [s.code for s in refdata.service_sectors()]
    themes = [s.code for s in refdata.thematic_exhibitions()]
    with db.write() as session:
        for sha in portraits:
            if session.get(Blob, sha) is None:
                session.add(
                    Blob(
                        sha256=sha,
                        kind="badge",
                        size=len(store.read(sha) or b""),
                        ok=True,
                        failures=[],
                        demo=True,
                    )
                )
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
