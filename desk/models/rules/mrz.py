"""ICAO 9303 TD3 machine-readable zone of a passport: two lines of 44 characters.

Scanners that type the MRZ send CR, CRLF or no separator at all, lower case with Caps Lock
on, and full-width `＜` when a Chinese input method is active: `clean_mrz` undoes all that.
The check digits are the validation; passport numbers themselves have no common pattern.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date

from desk.models.rules.checkdigits import icao_check
from desk.models.rules.doccheck import DocumentCheck, Gender, invalid, valid

LINE_LENGTH = 44
_LINE_BREAKS = re.compile(r"\r\n|\r|\n")
_NOT_MRZ = re.compile(r"[^A-Z0-9<]")

# Line 2 fields covered by a check digit: name, value slice, check-digit index.
_CHECKED_FIELDS = (
    ("number", slice(0, 9), 9),
    ("birthday", slice(13, 19), 19),
    ("expiry", slice(21, 27), 27),
    ("personal_number", slice(28, 42), 42),
)
_PART_NAMES = {
    "number": ("护照号码", "passport number"),
    "birthday": ("出生日期", "birth date"),
    "expiry": ("有效期", "expiry date"),
    "personal_number": ("个人号码", "personal number"),
    "composite": ("整行", "whole line"),
}


class MrzError(ValueError):
    """The MRZ cannot be read: a stable code and, for check digits, the failing part."""

    def __init__(self, code: str, part: str | None = None) -> None:
        super().__init__(code if part is None else f"{code}: {part}")
        self.code = code
        self.part = part


@dataclass(frozen=True, slots=True)
class Td3:
    """What a passport's MRZ says. Names are None when only line 2 was read."""

    line1: str | None
    line2: str
    number: str
    nationality: str
    birthday: date
    expiry: date
    sex: str  # "M", "F" or "X" (unspecified)
    personal_number: str
    issuing_state: str | None
    surname: str | None
    given_names: str | None


def clean_mrz(text: str) -> list[str]:
    """The MRZ lines as scanned: NFKC, upper case, split, only `A-Z0-9<` kept."""
    upper = unicodedata.normalize("NFKC", text).upper()
    lines = [_NOT_MRZ.sub("", line) for line in _LINE_BREAKS.split(upper)]
    lines = [line for line in lines if line]
    if len(lines) == 1 and len(lines[0]) == 2 * LINE_LENGTH:
        return [lines[0][:LINE_LENGTH], lines[0][LINE_LENGTH:]]
    return lines


def _digit_ok(value: str, check: str) -> bool:
    # A personal number left empty may carry `<` as its check digit (ICAO 9303 part 4).
    if check == "<":
        return set(value) <= {"<"}
    return check.isdigit() and icao_check(value) == check


def _yymmdd(text: str, *, not_after: date | None) -> date:
    """A six-digit MRZ date; the century is the latest one not after `not_after`, or 20xx."""
    if not text.isdigit():
        raise MrzError("bad_date")
    year, month, day = int(text[:2]), int(text[2:4]), int(text[4:6])
    try:
        if not_after is None:
            return date(2000 + year, month, day)
        candidate = date(2000 + year, month, day)
        return candidate if candidate <= not_after else date(1900 + year, month, day)
    except ValueError:
        raise MrzError("bad_date") from None


def _names(line1: str) -> tuple[str, str]:
    surname, _, given = line1[5:].partition("<<")
    return (
        " ".join(surname.replace("<", " ").split()),
        " ".join(given.replace("<", " ").split()),
    )


def parse_td3(lines: list[str], *, today: date | None = None) -> Td3:
    """Parse cleaned lines (two, or line 2 alone) and verify every check digit."""
    if len(lines) not in (1, 2) or any(len(line) != LINE_LENGTH for line in lines):
        raise MrzError("bad_length")
    line1 = lines[0] if len(lines) == 2 else None
    line2 = lines[-1]
    if line1 is not None and line1[0] != "P":
        raise MrzError("not_a_passport")
    for part, value, check_at in _CHECKED_FIELDS:
        if not _digit_ok(line2[value], line2[check_at]):
            raise MrzError("bad_check_digit", part)
    if not _digit_ok(line2[0:10] + line2[13:20] + line2[21:43], line2[43]):
        raise MrzError("bad_check_digit", "composite")
    number = line2[0:9].replace("<", "")
    if not number:
        raise MrzError("bad_format")
    surname, given_names = _names(line1) if line1 else (None, None)
    return Td3(
        line1=line1,
        line2=line2,
        number=number,
        nationality=line2[10:13].replace("<", ""),
        birthday=_yymmdd(line2[13:19], not_after=today or date.today()),
        expiry=_yymmdd(line2[21:27], not_after=None),
        sex=line2[20] if line2[20] in "MF" else "X",
        personal_number=line2[28:42].replace("<", ""),
        issuing_state=line1[2:5].replace("<", "") if line1 else None,
        surname=surname,
        given_names=given_names,
    )


def _failure(error: MrzError, cleaned: str | None, count: int) -> DocumentCheck:
    kind = "passport-mrz"
    if error.code == "bad_check_digit" and error.part:
        zh, en = _PART_NAMES[error.part]
        return invalid(
            kind,
            cleaned,
            error.code,
            f"护照机读码中{zh}的校验位不正确，请重新扫描",
            f"The check digit of the {en} in the MRZ is wrong; scan again",
            fields={"failed_part": error.part},
        )
    texts = {
        "bad_length": (
            f"护照机读码应为2行、每行44个字符（读到{count}个字符）",
            f"A passport MRZ has 2 lines of 44 characters ({count} characters read)",
        ),
        "not_a_passport": (
            "这不是护照的机读码（第一行应以P开头）",
            "This is not a passport MRZ (line 1 starts with P)",
        ),
        "bad_date": ("护照机读码中的日期无效", "A date in the MRZ is not a real date"),
        "bad_format": ("护照机读码中没有护照号码", "The MRZ holds no passport number"),
    }
    zh_text, en_text = texts[error.code]
    return invalid(kind, cleaned, error.code, zh_text, en_text)


def check_passport_mrz(value: object, *, today: date | None = None) -> DocumentCheck:
    """Check an MRZ as a scanner typed it; `fields` carry what the form fills in."""
    kind = "passport-mrz"
    if value is None:
        value = ""
    if not isinstance(value, str):
        return invalid(
            kind, None, "bad_type", "护照机读码必须是文本", "The passport MRZ must be text"
        )
    lines = clean_mrz(value)
    cleaned = "\n".join(lines) or None
    if not lines:
        return invalid(kind, None, "required", "请扫描护照机读码", "Scan the passport MRZ")
    today = today or date.today()
    try:
        td3 = parse_td3(lines, today=today)
    except MrzError as error:
        return _failure(error, cleaned, sum(len(line) for line in lines))
    warnings = []
    if td3.line1 is None:
        warnings.append("mrz_line1_missing")
    if td3.expiry < today:
        warnings.append("document_expired")
    fields = {
        "number": td3.number,
        "nationality": td3.nationality,
        "surname": td3.surname,
        "given_names": td3.given_names,
        "birthday": td3.birthday.isoformat(),
        "expiry": td3.expiry.isoformat(),
        "sex": td3.sex,
        "issuing_state": td3.issuing_state,
        "personal_number": td3.personal_number,
    }
    gender: Gender | None = "male" if td3.sex == "M" else "female" if td3.sex == "F" else None
    return valid(
        kind, cleaned or "", birthday=td3.birthday, gender=gender, fields=fields, warnings=warnings
    )
