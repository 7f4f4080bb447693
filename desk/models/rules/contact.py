"""Phones and e-mail addresses: phonenumbers and email-validator, after our normalisation.

Phones are stored in E.164. A number typed without a country code is read as mainland
Chinese. E-mail is checked offline (no DNS): the desk is often offline.
"""

from __future__ import annotations

import phonenumbers
from email_validator import EmailNotValidError, validate_email

from desk.models import refdata
from desk.models.rules.doccheck import DocumentCheck, common_failure, invalid, valid
from desk.models.rules.normalize import normalize_text

DEFAULT_REGION = "CN"
_MOBILE_TYPES = frozenset(
    {phonenumbers.PhoneNumberType.MOBILE, phonenumbers.PhoneNumberType.FIXED_LINE_OR_MOBILE}
)


def _parse(
    kind: str, value: object
) -> tuple[phonenumbers.PhoneNumber | None, DocumentCheck | None]:
    if value is None:
        return None, common_failure(kind, None, "required")
    if not isinstance(value, str):
        return None, common_failure(kind, None, "bad_type")
    text = normalize_text(value)
    if not text:
        return None, common_failure(kind, None, "required")
    try:
        number = phonenumbers.parse(text, DEFAULT_REGION)
    except phonenumbers.NumberParseException:
        number = None
    if number is None or not phonenumbers.is_valid_number(number):
        return None, invalid(
            kind,
            text,
            "bad_phone",
            "号码无效；境外号码请带国际区号（如 +852）",
            "Not a valid number; give numbers outside the mainland with their code (e.g. +852)",
        )
    return number, None


def _e164(number: phonenumbers.PhoneNumber) -> str:
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def is_mainland_mobile(national_number: str) -> bool:
    """Eleven digits starting with one of the mainland mobile prefixes."""
    return len(national_number) == 11 and national_number.startswith(refdata.mobile_prefixes())


def check_mobile(value: object, *, mainland_only: bool = False) -> DocumentCheck:
    """A mobile number of any region (or only of the mainland), stored in E.164."""
    kind = "mobile"
    number, failure = _parse(kind, value)
    if failure or number is None:
        return failure or common_failure(kind, None, "required")
    region = phonenumbers.region_code_for_number(number)
    normalized = _e164(number)
    if region == "CN":
        is_mobile = is_mainland_mobile(str(number.national_number))
    else:
        is_mobile = phonenumbers.number_type(number) in _MOBILE_TYPES
    if not is_mobile:
        return invalid(
            kind,
            normalized,
            "not_a_mobile",
            "这不是手机号码（可能是固定电话）",
            "This is not a mobile number (it may be a landline)",
        )
    if mainland_only and region != "CN":
        return invalid(
            kind,
            normalized,
            "not_mainland_mobile",
            "请填写中国大陆手机号码",
            "Enter a mobile number of mainland China",
        )
    return valid(kind, normalized, fields={"region": region, "mainland": region == "CN"})


def check_phone(value: object) -> DocumentCheck:
    """Any valid phone number, mobile or landline, stored in E.164."""
    number, failure = _parse("phone", value)
    if failure or number is None:
        return failure or common_failure("phone", None, "required")
    region = phonenumbers.region_code_for_number(number)
    return valid("phone", _e164(number), fields={"region": region})


def check_email(value: object) -> DocumentCheck:
    """An e-mail address, syntax only; NFKC first since the validator refuses a full-width @."""
    kind = "email"
    if value is None:
        return common_failure(kind, None, "required")
    if not isinstance(value, str):
        return common_failure(kind, None, "bad_type")
    text = normalize_text(value)
    if not text:
        return common_failure(kind, None, "required")
    try:
        result = validate_email(text, check_deliverability=False)
    except EmailNotValidError as error:
        return invalid(
            kind,
            text,
            "bad_email",
            "电子邮箱地址格式不正确",
            "This is not a valid e-mail address",
            fields={"reason": str(error)},
        )
    local, _, domain = result.normalized.rpartition("@")
    return valid(kind, result.normalized, fields={"local_part": local, "domain": domain})
