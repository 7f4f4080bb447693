"""Accounts: identifiers, usernames, passwords, registration contact, consent."""

from __future__ import annotations

from typing import Any

import pytest

from desk.models.rules import (
    ValidationFailed,
    check_account,
    check_identifier,
    check_password,
    check_personnel_username,
    generate_password,
    suggest_identifier,
)

VALID: dict[str, Any] = {
    "identifier": "bjzj-2020",
    "admin_username": "Admin_01",
    "password": "abc12345",
    "registration_region": "mainland",
    "contact_mobile": "138 0013 8000",
    "display_name": "",
    "consent_terms_version": "2020-06",
    "consent_agreed": True,
}


def codes(result) -> dict[str, str]:
    return {e.field: e.code for e in result.errors}


def test_valid_account_and_normalised_values() -> None:
    result = check_account(VALID)
    assert result.ok, result.errors
    assert result.values == {
        "identifier": "bjzj-2020",
        "admin_username": "Admin_01",
        "password": "abc12345",
        "registration_region": "mainland",
        "contact_mobile": "+8613800138000",
        "contact_email": None,
        "display_name": "",
        "consent_terms_version": "2020-06",
        "consent_agreed": True,
    }
    assert result.values_or_raise() is not None


@pytest.mark.parametrize(
    ("value", "code"),
    [
        ("abc", "too_short"),
        ("a" * 21, "too_long"),
        ("ab c1", "bad_characters"),
        ("企业标识号码", "bad_characters"),
        ("ab.cd", "bad_characters"),
        ("", "required"),
        (None, "required"),
        (1234, "bad_type"),
    ],
)
def test_identifier_and_admin_username_rule(value: object, code: str) -> None:
    assert check_identifier(value).code == code
    result = check_account({**VALID, "identifier": value, "admin_username": value})
    assert codes(result) == {"identifier": code, "admin_username": code}


def test_identifier_accepts_full_width_and_both_cases() -> None:
    assert check_identifier("ＡＢｃｄ_-09") is None
    assert check_account({**VALID, "identifier": "ＡＢｃｄ"}).values["identifier"] == "ABcd"
    assert check_identifier("a" * 20) is None and check_identifier("abcd") is None


@pytest.mark.parametrize(
    ("value", "code"),
    [
        ("Zhang", "bad_characters"),
        ("zh", "too_short"),
        ("z" * 21, "too_long"),
        ("zhang.san", "bad_characters"),
    ],
)
def test_personnel_username_is_lower_case(value: str, code: str) -> None:
    error = check_personnel_username(value)
    assert error is not None and error.code == code


def test_personnel_username_valid() -> None:
    assert check_personnel_username("zhang-san_01") is None


@pytest.mark.parametrize(
    ("value", "code"),
    [
        ("abc1234", "too_short"),
        ("a1" * 10 + "x", "too_long"),
        ("abcdefgh", "needs_letter_and_digit"),
        ("12345678", "needs_letter_and_digit"),
        ("abc 12345", "bad_characters"),
        ("ａｂｃ１２３４５", "bad_characters"),
        ("", "required"),
        (12345678, "bad_type"),
    ],
)
def test_password_rule(value: object, code: str) -> None:
    error = check_password(value)
    assert error is not None and error.code == code


def test_password_valid_edges() -> None:
    assert check_password("abcdefg1") is None
    assert check_password("a1" * 10) is None
    assert check_password("P@ss-w0rd!") is None


def test_password_is_optional_but_checked_when_given() -> None:
    assert check_account({**VALID, "password": None}).ok
    assert check_account({**VALID, "password": ""}).values["password"] is None
    assert codes(check_account({**VALID, "password": "short1"})) == {"password": "too_short"}


def test_generated_passwords_meet_the_rule_and_avoid_ambiguous_characters() -> None:
    seen = set()
    for _ in range(300):
        password = generate_password()
        assert len(password) == 8
        assert check_password(password) is None
        assert not set(password) & set("0O1lIo")
        seen.add(password)
    assert len(seen) > 290  # random, not a fixed list


def test_mainland_registration_needs_a_mainland_mobile() -> None:
    assert codes(check_account({**VALID, "contact_mobile": None})) == {"contact_mobile": "required"}
    hong_kong = check_account({**VALID, "contact_mobile": "+852 9123 4567"})
    assert codes(hong_kong) == {"contact_mobile": "not_mainland_mobile"}
    landline = check_account({**VALID, "contact_mobile": "010-58103199"})
    assert codes(landline) == {"contact_mobile": "not_a_mobile"}


@pytest.mark.parametrize("region", ["hk", "mo", "tw", "abroad"])
def test_other_registrations_need_an_email(region: str) -> None:
    data = {**VALID, "registration_region": region, "contact_mobile": None}
    assert codes(check_account(data)) == {"contact_email": "required"}
    result = check_account({**data, "contact_email": "Someone＠Example.com"})
    assert result.ok and result.values["contact_email"] == "Someone@example.com"
    assert codes(check_account({**data, "contact_email": "nobody"})) == {
        "contact_email": "bad_email"
    }


def test_consent_must_be_recorded() -> None:
    assert codes(check_account({**VALID, "consent_agreed": False})) == {
        "consent_agreed": "not_agreed"
    }
    assert codes(check_account({**VALID, "consent_agreed": "yes"})) == {
        "consent_agreed": "bad_type"
    }
    assert codes(check_account({**VALID, "consent_terms_version": " "})) == {
        "consent_terms_version": "required"
    }


def test_all_failures_at_once_and_values_or_raise() -> None:
    result = check_account({"identifier": "x", "registration_region": "moon"})
    assert codes(result) == {
        "identifier": "too_short",
        "admin_username": "required",
        "registration_region": "not_in_list",
        "consent_terms_version": "required",
        "consent_agreed": "required",
    }
    with pytest.raises(ValidationFailed) as raised:
        result.values_or_raise()
    assert len(raised.value.errors) == 5
    assert check_account("not a mapping").errors[0].code == "bad_type"  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("name", "suggestion"),
    [
        ("北京字节跳动科技有限公司", "bjzjtdkj"),
        ("重庆银行股份有限公司", "cqyh"),
        ("华为", "huawei"),
        ("58同城信息技术有限公司", "58tcxxjs"),
        ("International Business Machines Corp.", "ibmc"),
        ("The Boston Consulting Group, Inc.", "bcgi"),
        ("Acme Ltd", "acme"),
        ("Société Générale Assurance Paris", "sgap"),
        ("", "ent0"),
    ],
)
def test_suggest_identifier(name: str, suggestion: str) -> None:
    assert suggest_identifier(name) == suggestion
    assert check_identifier(suggestion) is None


def test_suggested_identifier_is_always_valid() -> None:
    long_name = "中华人民共和国国际服务贸易交易会组织委员会办公室信息技术服务中心"
    for name in (
        long_name,
        "Q",
        "ＡＢ",
        "Ёлка",
        "A" * 50,
        "a b c d e f g h i j k l m n o p q r s t u v",
    ):
        assert check_identifier(suggest_identifier(name)) is None, name
