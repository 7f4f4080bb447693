"""Identity documents and the unified social credit code: formats, check digits, contents.

Formats and worked examples are in the design page on document numbers. We do not use
`stdnum.cn.ric` (it ties the county code to the birth year, refuses residence permits and
accepts future birth dates) nor `stdnum.cn.uscc` alone (it refuses codes starting with a
letter and full-width input).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from typing import Any

from desk.models import refdata
from desk.models.rules import contact, mrz
from desk.models.rules.checkdigits import USCC_ALPHABET, gb11714_check, mod11_2_check, uscc_check
from desk.models.rules.doccheck import (
    DOC_NAMES,
    DocumentCheck,
    Gender,
    bad_length,
    common_failure,
    invalid,
    valid,
)
from desk.models.rules.normalize import normalize_document

# The kinds `check_document` and `fairdesk check-document` accept.
DOCUMENT_KINDS: tuple[str, ...] = (
    "resident-id",
    "residence-permit",
    "hk-macao-permit",
    "taiwan-permit",
    "foreign-permanent-id",
    "passport-mrz",
    "uscc",
    "mobile",
    "email",
)

# A person's `doc_type` -> the kind that checks its number.
DOC_TYPE_KINDS: dict[str, str] = {
    "resident_id": "resident-id",
    "residence_permit": "residence-permit",
    "hk_mo_permit": "hk-macao-permit",
    "tw_permit": "taiwan-permit",
    "passport": "passport",
    "foreign_permanent_id": "foreign-permanent-id",
}

# Address codes of residence permits -> the region of their holders.
PERMIT_REGIONS: dict[str, str] = {"810000": "hk", "820000": "mo", "830000": "tw"}

_MOD11_SHAPE = re.compile(r"[0-9]{17}[0-9X]")
_EARLIEST_BIRTH = date(1900, 1, 1)


def _prepare(kind: str, value: object) -> tuple[str, DocumentCheck | None]:
    """The normalised value, or the failure when there is nothing to check."""
    if value is None:
        return "", common_failure(kind, None, "required")
    if not isinstance(value, str):
        return "", common_failure(kind, None, "bad_type")
    number = normalize_document(value)
    if not number:
        return "", common_failure(kind, None, "required")
    return number, None


def _birth_date(kind: str, number: str, digits: str, today: date) -> date | DocumentCheck:
    try:
        born = date(int(digits[:4]), int(digits[4:6]), int(digits[6:8]))
    except ValueError:
        return common_failure(kind, number, "bad_date")
    if born > today:
        return common_failure(kind, number, "future_date")
    if born < _EARLIEST_BIRTH:
        return common_failure(kind, number, "too_early")
    return born


def _mod11_number(kind: str, number: str) -> DocumentCheck | None:
    """Shape and check digit shared by the resident id, residence permit and new FPR card."""
    if len(number) != 18:
        return bad_length(kind, number, "18")
    if not _MOD11_SHAPE.fullmatch(number):
        bad = set(number) - set("0123456789X")
        return common_failure(kind, number, "bad_characters" if bad else "bad_format")
    if mod11_2_check(number[:17]) != number[17]:
        return common_failure(kind, number, "bad_check_digit")
    return None


def _gender(digit: str) -> Gender:
    return "male" if int(digit) % 2 else "female"


def _wrong_type(kind: str, number: str, zh: str, en: str) -> DocumentCheck:
    return invalid(kind, number, "wrong_document_type", zh, en)


def check_resident_id(value: object, *, today: date | None = None) -> DocumentCheck:
    """Mainland resident identity card (GB 11643-1999), 18 characters."""
    kind = "resident-id"
    number, failure = _prepare(kind, value)
    if failure:
        return failure
    if len(number) == 15 and number.isdigit():
        return invalid(
            kind,
            number,
            "first_generation_id",
            "15位第一代身份证已于2013年停用，请使用18位第二代身份证",
            "15-digit first-generation ID cards were withdrawn in 2013; use the 18-character card",
        )
    failure = _mod11_number(kind, number)
    if failure:
        return failure
    if number[:6] in PERMIT_REGIONS:
        return _wrong_type(
            kind,
            number,
            "这是港澳台居民居住证号码，请把证件类型改为居住证",
            "This is a residence permit number; choose the residence permit as document type",
        )
    if number[0] == "9" and refdata.province(number[1:3] + "0000") is not None:
        return _wrong_type(
            kind,
            number,
            "这是外国人永久居留身份证号码，不是居民身份证",
            "This is a foreign permanent residence ID number, not a resident ID",
        )
    division = refdata.province(number[:2] + "0000")
    if division is None or not division.mainland:
        zh, en = DOC_NAMES[kind]
        return invalid(
            kind,
            number,
            "unknown_region",
            f"{zh}前两位不是有效的省份代码",
            f"{en} does not start with a valid province code",
        )
    born = _birth_date(kind, number, number[6:14], today or date.today())
    if isinstance(born, DocumentCheck):
        return born
    fields = {"address_code": number[:6], "province": division.code, "sequence": number[14:17]}
    return valid(kind, number, birthday=born, gender=_gender(number[16]), fields=fields)


def check_residence_permit(value: object, *, today: date | None = None) -> DocumentCheck:
    """Residence permit of Hong Kong, Macao and Taiwan residents: 810000/820000/830000."""
    kind = "residence-permit"
    number, failure = _prepare(kind, value)
    if failure:
        return failure
    failure = _mod11_number(kind, number)
    if failure:
        return failure
    region = PERMIT_REGIONS.get(number[:6])
    if region is None:
        division = refdata.province(number[:2] + "0000")
        if division is not None and division.mainland:
            return _wrong_type(
                kind,
                number,
                "这是居民身份证号码，请把证件类型改为居民身份证",
                "This is a resident ID number; choose the resident ID card as document type",
            )
        return invalid(
            kind,
            number,
            "unknown_region",
            "居住证号码应以810000（香港）、820000（澳门）或830000（台湾）开头",
            "A residence permit number starts with 810000 (HK), 820000 (Macao) or 830000 (Taiwan)",
        )
    born = _birth_date(kind, number, number[6:14], today or date.today())
    if isinstance(born, DocumentCheck):
        return born
    fields = {"address_code": number[:6], "region": region, "sequence": number[14:17]}
    return valid(kind, number, birthday=born, gender=_gender(number[16]), fields=fields)


_HK_MO = re.compile(r"([HM])([0-9]{8})([0-9]{2})?")
_HK_MO_FOREIGN = re.compile(r"([HM])A[0-9]{7}")


def check_hk_macao_permit(value: object, *, today: date | None = None) -> DocumentCheck:
    """Home Return Permit: H/M + 8 digits (+ 2-digit renewal count), or HA/MA + 7 digits."""
    kind = "hk-macao-permit"
    number, failure = _prepare(kind, value)
    if failure:
        return failure
    fields: dict[str, Any]
    if match := _HK_MO.fullmatch(number):
        fields = {"chinese_national": True, "renewal_count": match.group(3)}
    elif _HK_MO_FOREIGN.fullmatch(number):
        fields = {"chinese_national": False, "renewal_count": None}
    else:
        return invalid(
            kind,
            number,
            "bad_format",
            "回乡证号码应为H或M加8位数字（旧证另加2位换证次数），或HA/MA加7位数字",
            "A Home Return Permit number is H or M and 8 digits (old cards add 2), or HA/MA and 7",
        )
    region = "hk" if number[0] == "H" else "mo"
    # A renewed card keeps the first 9 characters: people are matched on those.
    fields |= {"region": region, "match_key": number[:9]}
    return valid(kind, number, fields=fields)


_TAIWAN = re.compile(r"([0-9]{8})([0-9]{2})?(?:\(([A-Z0-9])\))?")


def check_taiwan_permit(value: object, *, today: date | None = None) -> DocumentCheck:
    """Taiwan Compatriot Permit: the 8-digit lifetime number; old suffixes are dropped."""
    kind = "taiwan-permit"
    number, failure = _prepare(kind, value)
    if failure:
        return failure
    match = _TAIWAN.fullmatch(number)
    if match is None or (match.group(3) and not match.group(2)):
        return invalid(
            kind,
            number,
            "bad_format",
            "台胞证号码应为8位数字（旧证如 1234567801(B) 也可）",
            "A Taiwan Compatriot Permit number has 8 digits (old ones like 1234567801(B) too)",
        )
    lifetime = match.group(1)
    fields = {"issue_count": match.group(2), "authority": match.group(3)}
    warnings = ["legacy_suffix_dropped"] if lifetime != number else []
    return valid(kind, lifetime, fields=fields, warnings=warnings)


_FPR_OLD = re.compile(r"([A-Z]{3})[0-9]{12}")


def check_foreign_permanent_id(value: object, *, today: date | None = None) -> DocumentCheck:
    """Foreign permanent residence ID: the 2023 card (18, leading 9) or the old one (15)."""
    kind = "foreign-permanent-id"
    number, failure = _prepare(kind, value)
    if failure:
        return failure
    if len(number) == 15:
        match = _FPR_OLD.fullmatch(number)
        if match is None:
            return invalid(
                kind,
                number,
                "bad_format",
                "旧版永久居留身份证号码应为3个字母加12位数字",
                "An old permanent residence ID number is 3 letters and 12 digits",
            )
        nation = refdata.country(match.group(1))
        if nation is None:
            return invalid(
                kind,
                number,
                "unknown_country",
                "永久居留身份证号码前3个字母不是有效的国家代码",
                "The first 3 letters of the permanent residence ID are not a country code",
            )
        return valid(kind, number, fields={"format": "old", "nationality": nation.alpha2})
    failure = _mod11_number(kind, number)
    if failure:
        return failure
    if number[0] != "9":
        return invalid(
            kind,
            number,
            "bad_format",
            "新版永久居留身份证号码以9开头",
            "A permanent residence ID number of the 2023 card starts with 9",
        )
    born = _birth_date(kind, number, number[6:14], today or date.today())
    if isinstance(born, DocumentCheck):
        return born
    # Positions of the issuing province and nationality come from secondary sources: an
    # unknown value is worth a look, not a refusal.
    warnings = []
    issuing = refdata.province(number[1:3] + "0000")
    if issuing is None:
        warnings.append("unknown_issuing_province")
    nation = refdata.country(number[3:6])
    if nation is None:
        warnings.append("unknown_nationality_code")
    fields = {
        "format": "2023",
        "province": issuing.code if issuing else None,
        "nationality": nation.alpha2 if nation else None,
        "nationality_numeric": number[3:6],
    }
    return valid(
        kind, number, birthday=born, gender=_gender(number[16]), fields=fields, warnings=warnings
    )


_PASSPORT = re.compile(r"[A-Z0-9]{1,9}")


def check_passport_number(value: object, *, today: date | None = None) -> DocumentCheck:
    """A passport number as typed: 1-9 of A-Z0-9. The MRZ check digit is the real check."""
    kind = "passport"
    number, failure = _prepare(kind, value)
    if failure:
        return failure
    if len(number) > 9:
        return invalid(
            kind,
            number,
            "too_long",
            "护照号码最多9个字符",
            "A passport number has at most 9 characters",
        )
    if not _PASSPORT.fullmatch(number):
        return common_failure(kind, number, "bad_characters")
    return valid(kind, number)


def check_uscc(value: object, *, today: date | None = None) -> DocumentCheck:
    """Unified social credit code (GB 32100-2015): 18 characters with a MOD 31 check."""
    kind = "uscc"
    code, failure = _prepare(kind, value)
    if failure:
        return failure
    if len(code) != 18:
        return bad_length(kind, code, "18")
    if set(code) - set(USCC_ALPHABET):
        if set(code) & set("IOSVZ"):
            return invalid(
                kind,
                code,
                "bad_characters",
                "统一社会信用代码不使用字母I、O、S、V、Z，请核对（可能是数字1、0、5、2）",
                "The code never uses the letters I, O, S, V, Z; check for 1, 0, 5 and 2",
            )
        return common_failure(kind, code, "bad_characters")
    if not code[2:8].isdigit():
        return invalid(
            kind,
            code,
            "bad_format",
            "统一社会信用代码第3-8位应为行政区划代码（数字）",
            "Positions 3-8 of the code are a division code and must be digits",
        )
    if uscc_check(code[:17]) != code[17]:
        return common_failure(kind, code, "bad_check_digit")
    warnings = []
    if gb11714_check(code[8:16]) != code[16]:
        warnings.append("bad_organisation_code")
    category = refdata.uscc_categories().get((code[0], code[1]))
    if category is None:
        warnings.append("unknown_entity_type")
    fields = {
        "registration_department": code[0],
        "entity_type": code[1],
        "division_code": code[2:8],
        "organisation_code": code[8:17],
        "category_zh": "·".join(category) if category else None,
    }
    return valid(kind, code, fields=fields, warnings=warnings)


def _check_mobile(value: object, *, today: date | None = None) -> DocumentCheck:
    return contact.check_mobile(value)


def _check_email(value: object, *, today: date | None = None) -> DocumentCheck:
    return contact.check_email(value)


def _check_mrz(value: object, *, today: date | None = None) -> DocumentCheck:
    return mrz.check_passport_mrz(value, today=today)


_CHECKERS: dict[str, Callable[..., DocumentCheck]] = {
    "resident-id": check_resident_id,
    "residence-permit": check_residence_permit,
    "hk-macao-permit": check_hk_macao_permit,
    "taiwan-permit": check_taiwan_permit,
    "foreign-permanent-id": check_foreign_permanent_id,
    "passport-mrz": _check_mrz,
    "uscc": check_uscc,
    "mobile": _check_mobile,
    "email": _check_email,
    "passport": check_passport_number,
}


def check_document(kind: str, value: object, *, today: date | None = None) -> DocumentCheck:
    """Check one value of a `DOCUMENT_KINDS` kind, or of a person's `doc_type` code
    ("resident_id", "passport" ...: callers often hold those).

    Never raises: bad input, and a kind nobody knows, give a failed check.
    """
    kind = DOC_TYPE_KINDS.get(kind, kind)
    checker = _CHECKERS.get(kind)
    if checker is None:
        return invalid(
            kind,
            None,
            "unknown_kind",
            "不支持的证件类型",
            "This document type is not supported",
        )
    return checker(value, today=today)


def check_doc_number(doc_type: str, value: object, *, today: date | None = None) -> DocumentCheck:
    """Check a person's document number by the form's `doc_type` code."""
    return check_document(doc_type, value, today=today)
