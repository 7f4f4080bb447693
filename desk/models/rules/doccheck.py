"""The answer of every document check, and the wording shared by the document kinds."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any, Literal

from desk.models.rules.errors import RuleError

Gender = Literal["male", "female"]

# Document kind -> (Chinese name, English name at the start of a sentence).
DOC_NAMES: dict[str, tuple[str, str]] = {
    "resident-id": ("身份证号", "The ID number"),
    "residence-permit": ("居住证号码", "The residence permit number"),
    "hk-macao-permit": ("回乡证号码", "The Home Return Permit number"),
    "taiwan-permit": ("台胞证号码", "The Taiwan Compatriot Permit number"),
    "foreign-permanent-id": ("永久居留身份证号码", "The permanent residence ID number"),
    "passport": ("护照号码", "The passport number"),
    "passport-mrz": ("护照机读码", "The passport MRZ"),
    "uscc": ("统一社会信用代码", "The unified social credit code"),
    "mobile": ("手机号码", "The mobile number"),
    "phone": ("电话号码", "The phone number"),
    "email": ("电子邮箱", "The e-mail address"),
}

# The form field a kind's error belongs to when the caller does not say.
DEFAULT_FIELDS: dict[str, str] = {
    "uscc": "uscc",
    "mobile": "mobile",
    "phone": "phone",
    "email": "email",
    "passport-mrz": "mrz",
}

# Warning code -> (Chinese, English). Warnings never refuse a value.
WARNINGS: dict[str, tuple[str, str]] = {
    "bad_organisation_code": (
        "统一社会信用代码第9-17位的组织机构代码校验位不符，请核对营业执照",
        "Positions 9-17 of the code fail the organisation-code check; compare with the licence",
    ),
    "unknown_entity_type": (
        "统一社会信用代码的登记管理部门或机构类别不在已知列表中，请核对",
        "The code's registration department or entity type is not a known one; please verify",
    ),
    "legacy_suffix_dropped": (
        "旧版证件号码的换证次数或签发机关已去掉，只保存终身号码",
        "The old card's issue count or authority was dropped; only the lifetime number is kept",
    ),
    "unknown_issuing_province": (
        "永久居留身份证的签发省份代码不在已知列表中",
        "The permanent residence ID's province of issue is not a known code",
    ),
    "unknown_nationality_code": (
        "永久居留身份证的国籍代码不在已知列表中",
        "The permanent residence ID's nationality code is not a known country",
    ),
    "document_expired": ("护照已过有效期", "The passport has expired"),
    "mrz_line1_missing": (
        "只读到机读码第二行，姓名需手工填写",
        "Only line 2 of the MRZ was read; enter the name by hand",
    ),
    "country_mismatch": (
        "证件中的国籍与所选国家不一致，请核对",
        "The nationality in the document differs from the country chosen; please verify",
    ),
}


def lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


@dataclass(frozen=True, slots=True)
class DocumentCheck:
    """What a document number, phone or e-mail check found.

    `normalized` is the canonical form to store when `ok`; when not, it is the cleaned input
    (None if nothing was left), so the operator sees what was checked. `warnings` are codes
    of `WARNINGS`: worth showing, never a refusal.
    """

    ok: bool
    normalized: str | None
    code: str | None = None
    message_zh: str | None = None
    message_en: str | None = None
    birthday: date | None = None
    gender: Gender | None = None
    fields: dict[str, Any] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    kind: str = ""

    @property
    def error(self) -> RuleError | None:
        """The failure as a rule error on the kind's usual field (`doc_number` for documents)."""
        return self.error_for(DEFAULT_FIELDS.get(self.kind, "doc_number"))

    def error_for(self, field_name: str) -> RuleError | None:
        if self.ok or self.code is None:
            return None
        return RuleError(field_name, self.code, self.message_zh or "", self.message_en or "")

    def warning_errors(self, field_name: str) -> list[RuleError]:
        """The warnings as rule errors, for a form's warning list."""
        return [RuleError(field_name, code, *WARNINGS[code]) for code in self.warnings]

    def as_json(self) -> dict[str, Any]:
        """The object `fairdesk check-document --json` prints."""
        return {
            "ok": self.ok,
            "normalized": self.normalized,
            "code": self.code,
            "message_zh": self.message_zh,
            "message_en": self.message_en,
            "birthday": self.birthday.isoformat() if self.birthday else None,
            "gender": self.gender,
            "fields": dict(self.fields),
            "warnings": list(self.warnings),
        }


def valid(
    kind: str,
    normalized: str,
    *,
    birthday: date | None = None,
    gender: Gender | None = None,
    fields: dict[str, Any] | None = None,
    warnings: list[str] | None = None,
) -> DocumentCheck:
    return DocumentCheck(
        ok=True,
        normalized=normalized,
        birthday=birthday,
        gender=gender,
        fields=fields or {},
        warnings=warnings or [],
        kind=kind,
    )


def invalid(
    kind: str,
    normalized: str | None,
    code: str,
    zh: str,
    en: str,
    *,
    fields: dict[str, Any] | None = None,
) -> DocumentCheck:
    return DocumentCheck(
        ok=False,
        normalized=normalized or None,
        code=code,
        message_zh=zh,
        message_en=en,
        fields=fields or {},
        kind=kind,
    )


def common_failure(kind: str, normalized: str | None, code: str) -> DocumentCheck:
    """A failure whose wording only needs the document's name."""
    zh, en = DOC_NAMES[kind]
    texts = {
        "required": (f"请填写{zh}", f"{en} is missing"),
        "bad_type": (f"{zh}必须是文本", f"{en} must be text"),
        "bad_characters": (f"{zh}含有不允许的字符", f"{en} contains characters it cannot have"),
        "bad_format": (f"{zh}格式不正确", f"{en} is not in the right format"),
        "bad_check_digit": (f"{zh}校验位不正确", f"{en}'s check digit is wrong"),
        "bad_date": (
            f"{zh}中的出生日期不是有效日期",
            f"The birth date in {lower_first(en)} is not a real date",
        ),
        "future_date": (
            f"{zh}中的出生日期晚于今天",
            f"The birth date in {lower_first(en)} is in the future",
        ),
        "too_early": (
            f"{zh}中的出生日期早于1900年",
            f"The birth date in {lower_first(en)} is before 1900",
        ),
    }
    message_zh, message_en = texts[code]
    return invalid(kind, normalized, code, message_zh, message_en)


def bad_length(kind: str, normalized: str, expected: str) -> DocumentCheck:
    """`expected` is the length in words both languages read, e.g. "18"."""
    zh, en = DOC_NAMES[kind]
    return invalid(
        kind,
        normalized,
        "bad_length",
        f"{zh}应为{expected}位，现为{len(normalized)}位",
        f"{en} must have {expected} characters, not {len(normalized)}",
    )
