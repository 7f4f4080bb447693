"""Accounts: enterprise identifier, usernames, passwords, registration contact and consent."""

from __future__ import annotations

import re
import secrets
import unicodedata
from collections.abc import Mapping
from typing import Any

from desk.models import refdata
from desk.models.rules import contact, messages
from desk.models.rules.errors import RuleError
from desk.models.rules.forms import FormReader, FormResult
from desk.models.rules.normalize import normalize_text

LOGIN_NAME_MIN, LOGIN_NAME_MAX = 4, 20
PASSWORD_MIN, PASSWORD_MAX = 8, 20
GENERATED_PASSWORD_LENGTH = 8

_LOGIN_NAME = re.compile(r"[A-Za-z0-9_-]+")
_PERSONNEL_USERNAME = re.compile(r"[a-z0-9_-]+")
# Letters and digits a person cannot misread on a slip or an SMS: no 0/O/o, 1/l/I.
_PASSWORD_LETTERS = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ"
_PASSWORD_DIGITS = "23456789"

# Words of an enterprise's legal form, left out of an English abbreviation when it is long
# enough without them.
_LEGAL_WORDS = frozenset(
    "co company corp corporation inc incorporated ltd limited llc llp lp plc gmbh ag sa srl "
    "bv nv pte pty kk".split()
)
_CHINESE_LEGAL_SUFFIXES = ("股份有限公司", "有限责任公司", "有限公司", "集团公司", "公司")


def login_name(
    field: str, value: object, *, lowercase_only: bool
) -> tuple[str | None, RuleError | None]:
    """A login name normalised (NFKC, trimmed), or the error that refuses it."""
    if value is None:
        return None, messages.required(field)
    if not isinstance(value, str):
        return None, messages.bad_type(field)
    text = normalize_text(value)
    if not text:
        return None, messages.required(field)
    if len(text) < LOGIN_NAME_MIN:
        return None, messages.too_short(field, LOGIN_NAME_MIN)
    if len(text) > LOGIN_NAME_MAX:
        return None, messages.too_long(field, LOGIN_NAME_MAX)
    zh, en = messages.label(field)
    if lowercase_only and not _PERSONNEL_USERNAME.fullmatch(text):
        return None, RuleError(
            field,
            "bad_characters",
            f"{zh}只能包含小写字母、数字、“-”和“_”",
            f"{en} may only contain lower-case letters, digits, '-' and '_'",
        )
    if not _LOGIN_NAME.fullmatch(text):
        return None, RuleError(
            field,
            "bad_characters",
            f"{zh}只能包含字母、数字、“-”和“_”",
            f"{en} may only contain letters, digits, '-' and '_'",
        )
    return text, None


def check_identifier(value: object, field: str = "identifier") -> RuleError | None:
    """Enterprise identifier and admin username: 4-20 of letters, digits, `_`, `-`."""
    return login_name(field, value, lowercase_only=False)[1]


def check_personnel_username(value: object, field: str = "username") -> RuleError | None:
    """Personnel username: 4-20 of lower-case letters, digits, `-`, `_`."""
    return login_name(field, value, lowercase_only=True)[1]


def check_password(value: object, field: str = "password") -> RuleError | None:
    """8-20 printable ASCII characters with at least one letter and one digit.

    Passwords are not normalised (a silent change would lock the person out); full-width
    characters are refused instead, since they cannot be typed the same way everywhere.
    """
    if value is None or value == "":
        return messages.required(field)
    if not isinstance(value, str):
        return messages.bad_type(field)
    if len(value) < PASSWORD_MIN:
        return messages.too_short(field, PASSWORD_MIN)
    if len(value) > PASSWORD_MAX:
        return messages.too_long(field, PASSWORD_MAX)
    if not all("!" <= char <= "~" for char in value):
        return RuleError(
            field,
            "bad_characters",
            "密码只能使用英文字母、数字和半角符号，不能有空格",
            "A password may only use letters, digits and ASCII symbols, no spaces",
        )
    if not (any(c.isalpha() for c in value) and any(c.isdigit() for c in value)):
        return RuleError(
            field,
            "needs_letter_and_digit",
            "密码必须同时包含字母和数字",
            "A password must contain both letters and digits",
        )
    return None


def generate_password() -> str:
    """Eight unambiguous characters with at least one letter and one digit."""
    alphabet = _PASSWORD_LETTERS + _PASSWORD_DIGITS
    while True:
        password = "".join(secrets.choice(alphabet) for _ in range(GENERATED_PASSWORD_LENGTH))
        if check_password(password) is None:
            return password


def _fit_identifier(candidates: list[str]) -> str:
    """The first candidate long enough, trimmed to 20; else the longest, padded with 0."""
    for candidate in candidates:
        if len(candidate) >= LOGIN_NAME_MIN:
            return candidate[:LOGIN_NAME_MAX]
    longest = max(candidates, key=len, default="") or "ent"
    return longest.ljust(LOGIN_NAME_MIN, "0")


def _ascii_alnum(text: str) -> str:
    plain = unicodedata.normalize("NFKD", text)
    return "".join(c for c in plain.lower() if c.isascii() and c.isalnum())


def _is_han(char: str) -> bool:
    return "\u4e00" <= char <= "\u9fff" or "\u3400" <= char <= "\u4dbf"


def suggest_identifier(name: str) -> str:
    """An enterprise identifier proposed from its name (the operator may change it).

    A Chinese name gives its pinyin initials without the legal form (北京字节跳动科技有限公司
    -> bjzjtdkj); a Latin name the initials of its words without the legal form (Boston
    Consulting Group, Inc. -> bcgi is too short as bcg, so the legal form's initial is kept).
    Still too short, and the whole words are used (华为 -> huawei, Acme Ltd -> acme); the
    result always has 4-20 letters and digits.
    """
    # pypinyin loads its dictionaries in 150 ms: only when a name is actually read.
    from pypinyin import Style, lazy_pinyin

    text = normalize_text(name)
    if any(_is_han(char) for char in text):
        for suffix in _CHINESE_LEGAL_SUFFIXES:
            if text.endswith(suffix) and len(text) > len(suffix):
                text = text[: -len(suffix)]
                break
        initials = "".join(_ascii_alnum(p) for p in lazy_pinyin(text, style=Style.FIRST_LETTER))
        full = "".join(_ascii_alnum(p) for p in lazy_pinyin(text, style=Style.NORMAL))
        return _fit_identifier([initials, full])
    words = [_ascii_alnum(word) for word in re.split(r"[^\w]+", text)]
    words = [word for word in words if word]
    if len(words) > 1 and words[0] == "the":
        words = words[1:]
    core = [word for word in words if word not in _LEGAL_WORDS]
    return _fit_identifier(
        [
            "".join(word[0] for word in core),
            "".join(word[0] for word in words),
            "".join(core),
            "".join(words),
        ]
    )


def check_account(data: Mapping[str, Any]) -> FormResult:
    """An enterprise account at registration, with the visitor's recorded consent."""
    form = FormReader(data, "account")
    for name in ("identifier", "admin_username"):
        value, error = login_name(name, form.data.get(name), lowercase_only=False)
        form.set(name, value)
        form.add(error)

    form.set("password", None)
    if form.present("password"):
        password = form.data["password"]
        error = check_password(password)
        form.add(error)
        form.set("password", password if error is None else None)

    region = form.choice("registration_region", refdata.codes("regions"))
    # Mainland users register with a mainland mobile (SMS code), others with an e-mail.
    form.set("contact_mobile", None)
    if region == "mainland" or form.present("contact_mobile"):
        mobile = contact.check_mobile(
            form.data.get("contact_mobile"), mainland_only=region == "mainland"
        )
        form.checked("contact_mobile", mobile)
    form.set("contact_email", None)
    if (region is not None and region != "mainland") or form.present("contact_email"):
        form.checked("contact_email", contact.check_email(form.data.get("contact_email")))

    form.text("display_name", required=False, max_len=100)
    form.text("consent_terms_version", max_len=40)
    agreed = form.flag("consent_agreed")
    if agreed is False:
        form.add(
            RuleError(
                "consent_agreed",
                "not_agreed",
                "访客须同意注册协议和隐私政策后才能注册",
                "The visitor must agree to the registration terms and privacy notice",
            )
        )
        form.set("consent_agreed", None)
    return form.result()
