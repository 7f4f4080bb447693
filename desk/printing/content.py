"""What a badge shows, read from the schema rows. No Qt here.

A badge shows the holder as the reviewers approved them: the name and photo of the badge
request's snapshot, not the person's current row (an edit after the request changes nothing
until the request is updated and approved again).
"""

from __future__ import annotations

import unicodedata
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sqlalchemy.orm import Session

from desk.models import refdata
from desk.models.badge_token import assemble_badge_token
from desk.models.schema import (
    Badge,
    BadgeRequest,
    Enterprise,
    Guest,
    HostOrg,
    HostStaff,
    Person,
    PersonFields,
)
from desk.models.search_keys import SURNAME_READINGS, person_name_syllables

# A photo by its SHA-256: the replica's photo store on the desk (None when it is not there).
PhotoSource = Callable[[str], bytes | None]

_NAME_SEPARATORS = "·•・."  # the middle dot of transcribed minority and foreign names


class BadgeDataError(LookupError):
    """The rows a badge needs are missing or incomplete."""

    def __init__(self, code: str, message_zh: str, message_en: str) -> None:
        super().__init__(f"{code}: {message_en}")
        self.code = code
        self.message_zh = message_zh
        self.message_en = message_en


@dataclass(frozen=True, slots=True)
class BadgeView:
    """Everything drawn on one badge."""

    badge_type: str  # exhibitor | delegate | buyer
    name: str  # as registered: Chinese characters, or the Latin name of a holder from abroad
    name_latin: str  # pinyin of a Chinese name; empty when `name` is Latin already
    organisation: str  # enterprise, host organisation or the guest's organisation
    type_zh: str
    type_en: str
    code: str
    payload: str  # the signed QR text
    photo: bytes | None = None  # JPEG or PNG


def has_han(text: str) -> bool:
    return any(unicodedata.name(ch, "").startswith("CJK UNIFIED IDEOGRAPH") for ch in text)


def _pinyin_word(syllables: list[str]) -> str:
    # Passport spelling: ü is written "yu" (吕 LYU, 女 NYU).
    return "".join(s.replace("v", "yu") for s in syllables if s.isascii() and s.isalpha())


def latin_name(name: str) -> str:
    """The Latin line of a Chinese name in passport order and case: `ZHANG Wei`,
    `OUYANG Xiaoming`; a name with a middle dot reads part by part: `Ayiguli Maimaiti`.
    Empty for a name that is not Chinese."""
    name = unicodedata.normalize("NFKC", name).strip()
    if not has_han(name):
        return ""
    parts = [p for p in "".join(" " if c in _NAME_SEPARATORS else c for c in name).split()]
    if len(parts) > 1:
        words = [_pinyin_word(person_name_syllables(p)) for p in parts]
        return " ".join(w.capitalize() for w in words if w)
    syllables = person_name_syllables(name)
    # A compound surname (欧阳) is read as one only before a given name, as search keys do.
    surname_len = 2 if len(name) > 2 and len(SURNAME_READINGS.get(name[:2], ())) == 2 else 1
    surname = _pinyin_word(syllables[:surname_len]).upper()
    given = _pinyin_word(syllables[surname_len:]).capitalize()
    return f"{surname} {given}".strip()


def _enterprise_name(session: Session, enterprise_id: uuid.UUID | None) -> str:
    enterprise = session.get(Enterprise, enterprise_id) if enterprise_id else None
    seen: set[uuid.UUID] = set()
    # A merged alias names the enterprise the service kept.
    while enterprise is not None and enterprise.canonical_id and enterprise.id not in seen:
        seen.add(enterprise.id)
        enterprise = session.get(Enterprise, enterprise.canonical_id) or enterprise
    return enterprise.name if enterprise is not None else ""


def _host_org_name(session: Session, host_org_id: uuid.UUID | None) -> str:
    org = session.get(HostOrg, host_org_id) if host_org_id else None
    return org.name if org is not None else ""


def _holder(session: Session, request: BadgeRequest) -> PersonFields | None:
    if request.holder_kind == "host_staff":
        return session.get(HostStaff, request.holder_id)
    if request.holder_kind == "guest":
        return session.get(Guest, request.holder_id)
    return session.get(Person, request.holder_id)


def _organisation(session: Session, request: BadgeRequest, holder: Any) -> str:
    if request.holder_kind == "person":
        enterprise_id = request.enterprise_id or getattr(holder, "enterprise_id", None)
        return _enterprise_name(session, enterprise_id)
    if request.holder_kind == "guest":
        snapshot = request.snapshot or {}
        own = str(snapshot.get("organisation") or getattr(holder, "organisation", "") or "")
        if own:
            return own
    return _host_org_name(session, request.host_org_id or getattr(holder, "host_org_id", None))


def view_for_request(
    session: Session,
    request: BadgeRequest,
    *,
    code: str,
    payload: str,
    photos: PhotoSource | None = None,
) -> BadgeView:
    """The badge of a request, with the code and signed payload of one revision."""
    holder = _holder(session, request)
    snapshot: dict[str, Any] = dict(request.snapshot or {})
    name = str(snapshot.get("name") or getattr(holder, "name", "") or "").strip()
    if not name:
        raise BadgeDataError("no_name", "缺少持证人姓名", "The badge holder has no name")
    photo_hash = snapshot.get("photo_sha256") or getattr(holder, "photo_sha256", None)
    photo = photos(str(photo_hash)) if photos is not None and photo_hash else None
    return BadgeView(
        badge_type=request.badge_type,
        name=name,
        name_latin=latin_name(name),
        organisation=_organisation(session, request, holder),
        type_zh=refdata.label("badge_types", request.badge_type, "zh"),
        type_en=refdata.label("badge_types", request.badge_type, "en"),
        code=code,
        payload=payload,
        photo=photo,
    )


def badge_view(
    session: Session, badge_id: uuid.UUID | str, *, photos: PhotoSource | None = None
) -> BadgeView:
    """The badge of a printed revision as stored (to print the same revision again, e.g. after
    a paper jam, or a PDF copy): its QR text is rebuilt from the row's signature."""
    row = session.get(Badge, badge_id if isinstance(badge_id, uuid.UUID) else uuid.UUID(badge_id))
    if row is None or row.deleted:
        raise BadgeDataError("not_found", "找不到该证件", "No such badge")
    if not row.signature or not row.signing_key_id:
        raise BadgeDataError("unsigned", "该证件没有签名", "This badge revision is not signed")
    request = session.get(BadgeRequest, row.request_id)
    if request is None:
        raise BadgeDataError("not_found", "找不到该制证申请", "No such badge request")
    payload = assemble_badge_token(
        badge_id=row.id,
        revision_desk=row.revision_desk,
        revision_counter=row.revision_counter,
        key_id=row.signing_key_id,
        signature=row.signature,
    )
    return view_for_request(session, request, code=row.code, payload=payload, photos=photos)
