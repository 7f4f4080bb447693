"""The host organisation's record, staff and guests; which badge types who may get."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from desk.models.rules import check_badge_type, check_guest, check_host_org, check_host_staff

TODAY = date(2025, 9, 10)

HOST_ORG: dict[str, Any] = {
    "name": "示例文化交流中心",
    "name_en": "Example Cultural Exchange Centre",
    "field": "文化服务",
    "industry_category": "文化艺术",
    "licence_sha256": "AB" * 32,
    "uscc": "91110000600037341L",
    "address": "北京市朝阳区示例路1号",
    "postcode": "１０００２０",
    "phone": "+86-10-58103199",
    "website": "https://www.example.org",
}

STAFF: dict[str, Any] = {
    "surname": "王",
    "given_name": "小明",
    "gender": "male",
    "doc_type": "resident_id",
    "doc_number": "110105198001010016",
    "mobile": "13800138000",
    "email": "wang@example.org",
    "position": "staff",
}

GUEST: dict[str, Any] = {
    "kind": "vip",
    "name": "John Smith",
    "gender": "male",
    "nationality": "abroad",
    "country": "GB",
    "doc_type": "passport",
    "doc_number": "123456789",
    "email": "john@example.co.uk",
    "organisation": "Example Trade Council",
    "position": "Chair",
}


def codes(result) -> dict[str, str]:
    return {e.field: e.code for e in result.errors}


def test_valid_host_org(gen) -> None:
    result = check_host_org(HOST_ORG)
    assert result.ok, result.errors
    assert result.values["licence_sha256"] == "ab" * 32
    assert result.values["postcode"] == "100020"
    assert result.values["phone"] == "+861058103199"


def test_host_org_uscc_or_n_a() -> None:
    for spelling in ("n/a", "N/A", "ｎ／ａ", " N/a "):
        result = check_host_org({**HOST_ORG, "uscc": spelling})
        assert result.ok and result.values["uscc"] == "n/a"
    assert codes(check_host_org({**HOST_ORG, "uscc": "none"})) == {"uscc": "bad_length"}
    assert codes(check_host_org({**HOST_ORG, "uscc": ""})) == {"uscc": "required"}


def test_host_org_field_rules() -> None:
    data = {
        **HOST_ORG,
        "name_en": "示例中心",
        "licence_sha256": "xyz",
        "postcode": "10002",
        "phone": "12",
        "website": "example.org",
        "field": "",
    }
    assert codes(check_host_org(data)) == {
        "name_en": "not_latin",
        "field": "required",
        "licence_sha256": "bad_format",
        "postcode": "bad_format",
        "phone": "bad_phone",
        "website": "bad_url",
    }
    assert codes(check_host_org({**HOST_ORG, "licence_sha256": None})) == {
        "licence_sha256": "required"
    }
    assert check_host_org({**HOST_ORG, "website": None}).values["website"] == ""


def test_valid_staff_defaults_to_mainland_and_composes_the_name() -> None:
    result = check_host_staff(STAFF, today=TODAY)
    assert result.ok, result.errors
    assert result.values["nationality"] == "mainland"
    assert result.values["name"] == "王小明"
    assert result.values["doc_number"] == "110105198001010016"


def test_staff_latin_name_order_and_positions() -> None:
    foreign = {
        **STAFF,
        "nationality": "abroad",
        "country": "US",
        "surname": "Smith",
        "given_name": "John",
        "doc_type": "passport",
        "doc_number": "X1234567",
        "mobile": "+1 650 253 0000",
    }
    result = check_host_staff(foreign, today=TODAY)
    assert result.ok, result.errors
    assert result.values["name"] == "John Smith"
    for position in ("staff", "middle", "senior"):
        assert check_host_staff({**STAFF, "position": position}, today=TODAY).ok
    assert codes(check_host_staff({**STAFF, "position": "junior"}, today=TODAY)) == {
        "position": "not_in_list"
    }


def test_staff_gender_must_agree_with_the_id() -> None:
    assert codes(check_host_staff({**STAFF, "gender": "female"}, today=TODAY)) == {
        "gender": "gender_mismatch"
    }
    assert codes(check_host_staff({**STAFF, "surname": "", "mobile": None}, today=TODAY)) == {
        "surname": "required",
        "mobile": "required",
    }


def test_valid_guest() -> None:
    result = check_guest(GUEST, today=TODAY)
    assert result.ok, result.errors
    assert result.values["kind"] == "vip" and result.values["country"] == "GB"


def test_guest_rules() -> None:
    data = {**GUEST, "kind": "royal", "organisation": "", "position": None, "name": "约翰"}
    assert codes(check_guest(data, today=TODAY)) == {
        "kind": "not_in_list",
        "name": "not_latin",
        "organisation": "required",
        "position": "required",
    }
    mainland = {
        **GUEST,
        "nationality": None,
        "country": None,
        "name": "张伟",
        "doc_type": "resident_id",
        "doc_number": "110105198001010016",
        "mobile": "13800138000",
    }
    result = check_guest(mainland, today=TODAY)
    assert result.ok and result.values["nationality"] == "mainland"


# -- badges ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("participation", "exhibitor_type", "holder", "allowed"),
    [
        ("exhibitor", "onsite", "personnel", {"exhibitor"}),
        ("attendee", None, "personnel", {"delegate", "buyer"}),
        ("attendee", None, "person", {"delegate", "buyer"}),
        (None, None, "host_staff", {"delegate"}),
        ("exhibitor", "onsite", "guest", {"delegate"}),
    ],
)
def test_badge_types(
    participation: str | None, exhibitor_type: str | None, holder: str, allowed: set[str]
) -> None:
    for badge_type in ("exhibitor", "delegate", "buyer"):
        error = check_badge_type(
            participation=participation,
            exhibitor_type=exhibitor_type,
            badge_type=badge_type,
            holder=holder,
        )
        if badge_type in allowed:
            assert error is None, (badge_type, error)
        else:
            assert error is not None and error.code == "badge_type_not_allowed"
            assert error.field == "badge_type"


def test_online_only_exhibitors_get_no_badge() -> None:
    for badge_type in ("exhibitor", "delegate", "buyer"):
        error = check_badge_type(
            participation="exhibitor", exhibitor_type="online", badge_type=badge_type
        )
        assert error is not None and error.code == "online_exhibitor"


def test_badge_type_refusals() -> None:
    error = check_badge_type(participation=None, exhibitor_type=None, badge_type="delegate")
    assert error is not None and error.code == "no_participation"
    error = check_badge_type(participation="attendee", exhibitor_type=None, badge_type="vip")
    assert error is not None and error.code == "not_in_list"
    error = check_badge_type(participation="attendee", exhibitor_type=None, badge_type=None)
    assert error is not None and error.code == "required"
    with pytest.raises(ValueError):
        check_badge_type(
            participation="attendee", exhibitor_type=None, badge_type="buyer", holder="alien"
        )
