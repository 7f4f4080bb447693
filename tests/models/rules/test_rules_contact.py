"""Phones and e-mail, with the cases of the design page."""

from __future__ import annotations

import pytest

from desk.models import refdata
from desk.models.rules import check_document, check_email, check_mobile, check_phone


@pytest.mark.parametrize(
    "typed",
    [
        "+86 138 0013 8000",
        "0086-13800138000",
        "１３８００１３８０００",
        "13800138000",
        " 138-0013-8000 ",
    ],
)
def test_mainland_mobile_forms_give_e164(typed: str) -> None:
    result = check_document("mobile", typed)
    assert result.ok and result.normalized == "+8613800138000"
    assert result.fields == {"region": "CN", "mainland": True}


def test_every_listed_prefix_makes_a_mobile() -> None:
    for prefix in refdata.mobile_prefixes():
        number = prefix + "0" * (11 - len(prefix) - 1) + "1"
        assert check_mobile(number).ok, number


def test_landline_is_not_a_mobile() -> None:
    result = check_mobile("010-58103199")
    assert not result.ok and result.code == "not_a_mobile"
    assert check_phone("010-58103199").normalized == "+861058103199"


@pytest.mark.parametrize(
    "typed", ["1380013800", "138001380001", "12345", "abc", "+86 140 0000 0000"]
)
def test_invalid_mobiles(typed: str) -> None:
    result = check_mobile(typed)
    assert not result.ok and result.code in {"bad_phone", "not_a_mobile"}


def test_mobile_of_other_regions() -> None:
    hong_kong = check_mobile("+852 9123 4567")
    assert hong_kong.ok and hong_kong.fields == {"region": "HK", "mainland": False}
    assert check_mobile("+852 9123 4567", mainland_only=True).code == "not_mainland_mobile"
    # Without a country code a number is read as mainland Chinese.
    assert check_mobile("91234567").code == "bad_phone"


def test_phone_accepts_mobiles_and_landlines() -> None:
    assert check_phone("+86-10-58103199").ok
    assert check_phone("+1 650 253 0000").normalized == "+16502530000"
    assert check_phone("13800138000").ok
    assert check_phone("").code == "required"
    assert check_phone("12").code == "bad_phone"


@pytest.mark.parametrize(
    ("typed", "normal"),
    [
        ("someone@example.com", "someone@example.com"),
        ("  someone@Example.COM ", "someone@example.com"),
        ("ｓｏｍｅｏｎｅ＠ｅｘａｍｐｌｅ．ｃｏｍ", "someone@example.com"),
        ("用户@例子.中国", "用户@例子.中国"),
    ],
)
def test_email_normalised(typed: str, normal: str) -> None:
    result = check_email(typed)
    assert result.ok and result.normalized == normal


@pytest.mark.parametrize(
    "typed", ["someone", "someone@", "a b@example.com", "x@localhost", "@x.cn"]
)
def test_email_invalid(typed: str) -> None:
    result = check_email(typed)
    assert not result.ok and result.code == "bad_email"
    assert result.message_en == "This is not a valid e-mail address"
