"""Enterprise personnel: nationality, names, documents, birthday, contacts, duty, position."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

import pytest

from desk.models.rules import check_person

TODAY = date(2025, 9, 10)

MAINLAND: dict[str, Any] = {
    "nationality": "mainland",
    "name": "李 雪",
    "gender": "female",
    "doc_type": "resident_id",
    "doc_number": "110105 19491231 002x",
    "birthday": "1949-12-31",
    "mobile": "13800138000",
    "email": "",
    "duty": "business_rep",
    "position": "senior",
}
ABROAD: dict[str, Any] = {
    "nationality": "abroad",
    "country": "se",
    "name": "Anna Maria Eriksson",
    "gender": "female",
    "doc_type": "passport",
    "doc_number": "l898902c3",
    "birthday": date(1974, 8, 12),
    "email": "anna@example.se",
    "duty": "consultant",
    "position": "middle",
}


def check(data: dict[str, Any]):
    return check_person(data, today=TODAY)


def codes(result) -> dict[str, str]:
    return {e.field: e.code for e in result.errors}


def test_valid_mainland_person_values() -> None:
    result = check(MAINLAND)
    assert result.ok, result.errors
    assert result.values == {
        "nationality": "mainland",
        "country": None,
        "name": "李雪",
        "gender": "female",
        "doc_type": "resident_id",
        "doc_number": "11010519491231002X",
        "birthday": date(1949, 12, 31),
        "mobile": "+8613800138000",
        "email": None,
        "duty": "business_rep",
        "position": "senior",
        "username": None,
        "display_name": "",
    }


def test_valid_person_from_abroad() -> None:
    result = check(ABROAD)
    assert result.ok, result.errors
    assert result.values["country"] == "SE"
    assert result.values["doc_number"] == "L898902C3"
    assert result.values["mobile"] is None


def test_birthday_and_gender_must_agree_with_the_id_number() -> None:
    result = check({**MAINLAND, "birthday": "1949-12-30", "gender": "male"})
    assert codes(result) == {"birthday": "birthday_mismatch", "gender": "gender_mismatch"}
    assert "1949-12-31" in result.errors[0].message_zh


def test_residence_permit_and_new_foreign_id_also_agree() -> None:
    hong_kong = {
        **MAINLAND,
        "nationality": "hk",
        "doc_type": "residence_permit",
        "doc_number": "810000199001011230",
        "birthday": "1990-01-01",
        "gender": "female",
        "mobile": "+852 9123 4567",
    }
    assert codes(check(hong_kong)) == {"gender": "gender_mismatch"}
    permanent = {
        **ABROAD,
        "country": "KZ",
        "doc_type": "foreign_permanent_id",
        "doc_number": "911398199012310021",
        "birthday": "1990-12-30",
    }
    assert codes(check(permanent)) == {"birthday": "birthday_mismatch"}


def test_foreign_id_nationality_differing_from_country_is_a_warning() -> None:
    permanent = {
        **ABROAD,
        "doc_type": "foreign_permanent_id",
        "doc_number": "911398199012310021",
        "birthday": "1990-12-31",
    }
    result = check(permanent)
    assert result.ok
    assert [w.code for w in result.warnings] == ["country_mismatch"]


@pytest.mark.parametrize(
    ("nationality", "allowed", "refused"),
    [
        ("mainland", ["resident_id"], ["passport", "hk_mo_permit", "residence_permit"]),
        ("hk", ["hk_mo_permit", "residence_permit"], ["resident_id", "tw_permit", "passport"]),
        ("mo", ["hk_mo_permit", "residence_permit"], ["tw_permit"]),
        ("tw", ["tw_permit", "residence_permit"], ["hk_mo_permit", "resident_id"]),
        ("abroad", ["passport", "foreign_permanent_id"], ["resident_id", "residence_permit"]),
    ],
)
def test_document_type_by_nationality(
    nationality: str, allowed: list[str], refused: list[str]
) -> None:
    base = {**ABROAD, "nationality": nationality, "country": "SE", "email": "a@example.com"}
    for doc_type in refused:
        result = check({**base, "doc_type": doc_type})
        assert codes(result).get("doc_type") == "doc_type_not_allowed", doc_type
    for doc_type in allowed:
        assert "doc_type" not in codes(check({**base, "doc_type": doc_type})), doc_type


@pytest.mark.parametrize(
    ("nationality", "doc_type", "number"),
    [
        ("hk", "residence_permit", "820000199001011239"),
        ("mo", "hk_mo_permit", "H12345678"),
        ("hk", "hk_mo_permit", "M12345678"),
        ("tw", "residence_permit", "810000199001011230"),
    ],
)
def test_document_region_must_match_nationality(
    gen, nationality: str, doc_type: str, number: str
) -> None:
    if doc_type == "residence_permit":
        number = gen.resident_id(number[:6], "19900101", "123")
    data = {
        **MAINLAND,
        "nationality": nationality,
        "doc_type": doc_type,
        "doc_number": number,
        "birthday": "1990-01-01",
        "gender": "male",
        "mobile": "+852 9123 4567",
    }
    assert codes(check(data)) == {"doc_number": "region_mismatch"}


def test_document_number_errors_land_on_doc_number() -> None:
    assert codes(check({**MAINLAND, "doc_number": "110105194912310021"})) == {
        "doc_number": "bad_check_digit"
    }
    assert codes(check({**MAINLAND, "doc_number": "110105491231002"})) == {
        "doc_number": "first_generation_id"
    }
    assert codes(check({**MAINLAND, "doc_number": ""})) == {"doc_number": "required"}
    assert codes(check({**ABROAD, "doc_number": "X" * 10})) == {"doc_number": "too_long"}


@pytest.mark.parametrize(
    ("birthday", "code"),
    [
        ("2025-09-11", "future_date"),
        ("1899-12-31", "too_early"),
        ("1974-02-30", "bad_date"),
        ("12/08/1974", "bad_date"),
        (19740812, "bad_type"),
        (None, "required"),
    ],
)
def test_birthday_rule(birthday: object, code: str) -> None:
    assert codes(check({**ABROAD, "birthday": birthday})) == {"birthday": code}


def test_birthday_accepts_dates_datetimes_and_iso_text() -> None:
    assert check({**ABROAD, "birthday": datetime(1974, 8, 12, 10, 0)}).ok
    assert check({**ABROAD, "birthday": "１９７４-０８-１２"}).values["birthday"] == date(
        1974, 8, 12
    )


def test_abroad_name_in_latin_letters() -> None:
    assert codes(check({**ABROAD, "name": "安娜"})) == {"name": "not_latin"}
    assert codes(check({**ABROAD, "name": "Анна"})) == {"name": "not_latin"}
    assert check({**ABROAD, "name": "José O'Neil-Núñez"}).ok
    assert codes(check({**ABROAD, "name": "Anna 2"})) == {"name": "bad_characters"}


def test_mainland_names() -> None:
    assert check({**MAINLAND, "name": "阿依古丽・买买提"}).values["name"] == "阿依古丽·买买提"
    assert codes(check({**MAINLAND, "name": "张3"})) == {"name": "bad_characters"}
    assert codes(check({**MAINLAND, "name": ""})) == {"name": "required"}
    assert check({**MAINLAND, "name": ""}).errors[0].message_zh == "请填写姓名"
    assert codes(check({**MAINLAND, "name": "名" * 101})) == {"name": "too_long"}


def test_mainland_needs_a_mainland_mobile() -> None:
    assert codes(check({**MAINLAND, "mobile": None})) == {"mobile": "required"}
    assert codes(check({**MAINLAND, "mobile": "+852 9123 4567"})) == {
        "mobile": "not_mainland_mobile"
    }
    assert codes(check({**MAINLAND, "mobile": None, "email": "a@example.com"})) == {
        "mobile": "required"
    }


@pytest.mark.parametrize("nationality", ["hk", "mo", "tw", "abroad"])
def test_others_need_a_mobile_or_an_email(nationality: str) -> None:
    base = {**ABROAD, "nationality": nationality, "name": "Anna Chan"}
    base["doc_type"] = {"hk": "hk_mo_permit", "mo": "hk_mo_permit", "tw": "tw_permit"}.get(
        nationality, "passport"
    )
    base["doc_number"] = {"hk": "H12345678", "mo": "M12345678", "tw": "12345678"}.get(
        nationality, "L898902C3"
    )
    assert check(base).ok, check(base).errors
    assert codes(check({**base, "email": None})) == {"mobile": "contact_required"}
    with_mobile = check({**base, "email": None, "mobile": "+852 9123 4567"})
    assert with_mobile.ok and with_mobile.values["mobile"] == "+85291234567"
    mainland_mobile = check({**base, "email": None, "mobile": "13800138000"})
    assert mainland_mobile.ok
    assert codes(check({**base, "email": "nobody"})) == {"email": "bad_email"}


def test_duty_position_gender_codes() -> None:
    assert codes(check({**MAINLAND, "duty": "boss", "position": "ceo", "gender": "x"})) == {
        "duty": "not_in_list",
        "position": "not_in_list",
        "gender": "not_in_list",
    }


def test_country_for_abroad() -> None:
    assert codes(check({**ABROAD, "country": None})) == {"country": "required"}
    assert codes(check({**ABROAD, "country": "HK"})) == {"country": "not_abroad"}


def test_optional_username_and_display_name() -> None:
    result = check({**MAINLAND, "username": "li-xue", "display_name": " 李经理 "})
    assert result.values["username"] == "li-xue" and result.values["display_name"] == "李经理"
    assert codes(check({**MAINLAND, "username": "LiXue"})) == {"username": "bad_characters"}
    assert codes(check({**MAINLAND, "display_name": "x" * 101})) == {"display_name": "too_long"}


def test_wrong_types_never_raise() -> None:
    junk = {key: ["junk"] for key in MAINLAND}
    result = check(junk)
    assert not result.ok
    assert all(e.code in {"bad_type", "required"} for e in result.errors)
    assert check_person({}).errors  # default today
