"""Valid forms and document numbers for tests, computed here independently of the rules."""

from __future__ import annotations

import random
from datetime import date
from typing import Any

USCC_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)


def id_check(first17: str) -> str:
    total = sum(int(d) * w for d, w in zip(first17, ID_WEIGHTS, strict=True))
    r = (12 - total % 11) % 11
    return "X" if r == 10 else str(r)


def resident_id(birthday: date, male: bool, area: str = "110105", seq: int = 12) -> str:
    seq_digits = f"{seq:02d}{1 if male else 2}"
    body = f"{area}{birthday:%Y%m%d}{seq_digits}"
    return body + id_check(body)


def uscc(rng: random.Random | None = None) -> str:
    rng = rng or random.Random(1)
    org_weights = (3, 7, 9, 10, 5, 8, 4, 2)
    org8 = "".join(rng.choice("0123456789") for _ in range(8))
    c = 11 - sum(int(d) * w for d, w in zip(org8, org_weights, strict=True)) % 11
    org9 = org8 + ("X" if c == 10 else "0" if c == 11 else str(c))
    body = "91" + "110105" + org9
    total = sum(USCC_ALPHABET.index(ch) * pow(3, i, 31) for i, ch in enumerate(body))
    return body + USCC_ALPHABET[(31 - total % 31) % 31]


INTRO = (
    "本公司专注于为全球客户提供专业的信息技术咨询、软件开发与系统集成服务，"
    "业务覆盖金融、教育与医疗等多个行业领域。"
)


def account_form(identifier: str = "bjkj01", **over: Any) -> dict[str, Any]:
    form = {
        "identifier": identifier,
        "admin_username": "admin01",
        "registration_region": "mainland",
        "contact_mobile": "13800138000",
        "contact_email": "",
        "display_name": "",
        "consent_terms_version": "2026-1",
        "consent_agreed": True,
    }
    form.update(over)
    return form


def enterprise_form(
    name: str = "北京示例科技有限公司", code: str | None = None, **over: Any
) -> dict[str, Any]:
    form = {
        "name": name,
        "nature": "enterprise",
        "region": "mainland",
        "province": "110000",
        "country": None,
        "uscc": code or uscc(),
        "industry": "business",
        "interested_sectors": ["finance"],
        "company_type": "domestic",
        "fortune500": False,
        "fortune500_company": None,
        "website": "https://example.cn",
        "introduction": INTRO,
    }
    form.update(over)
    return form


def participation_form(
    kind: str = "attendee", code: str | None = None, **over: Any
) -> dict[str, Any]:
    form: dict[str, Any] = {
        "participation": kind,
        "contact_name": "王芳",
        "contact_position": "经理",
        "contact_phone": "13900139000",
        "contact_email": "wang@example.cn",
        "purposes": ["partners"],
    }
    if kind == "exhibitor":
        form.update(
            exhibitor_type="onsite",
            invitation_code=code,
            exhibit_content="云计算服务",
            exhibit_needs="一个标准展位",
        )
    else:
        form.update(attendee_type="invited" if code else "uninvited", invitation_code=code)
    form.update(over)
    return form


def person_form(
    name: str = "张伟", seq: int = 12, male: bool = True, **over: Any
) -> dict[str, Any]:
    birthday = date(1985, 6, 15)
    form = {
        "nationality": "mainland",
        "country": None,
        "name": name,
        "gender": "male" if male else "female",
        "doc_type": "resident_id",
        "doc_number": resident_id(birthday, male, seq=seq),
        "birthday": birthday.isoformat(),
        "mobile": "13700137000",
        "email": "",
        "duty": "business_rep",
        "position": "middle",
    }
    form.update(over)
    return form
