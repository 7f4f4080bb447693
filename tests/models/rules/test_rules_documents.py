"""Every row and worked example of the document-numbers design page."""

from __future__ import annotations

from datetime import date

import pytest

from desk.models.rules import DOCUMENT_KINDS, RuleError, check_doc_number, check_document

TODAY = date(2025, 9, 10)


def check(kind: str, value: object):
    return check_document(kind, value, today=TODAY)


# -- worked examples ---------------------------------------------------------------------


def test_worked_example_uscc_passes_both_checks() -> None:
    result = check("uscc", "91110000600037341L")
    assert result.ok and result.normalized == "91110000600037341L"
    assert result.warnings == []
    assert result.fields["division_code"] == "110000"
    assert result.fields["organisation_code"] == "600037341"


def test_worked_example_resident_id() -> None:
    result = check("resident-id", "11010519491231002X")
    assert result.ok
    assert result.birthday == date(1949, 12, 31)
    assert result.gender == "female"


def test_worked_example_residence_permit() -> None:
    result = check("residence-permit", "810000199001011230")
    assert result.ok
    assert result.fields["region"] == "hk"
    assert result.birthday == date(1990, 1, 1)
    assert result.gender == "male"


def test_worked_example_foreign_permanent_id() -> None:
    result = check("foreign-permanent-id", "911398199012310021")
    assert result.ok
    assert result.birthday == date(1990, 12, 31)
    assert result.gender == "female"
    assert result.fields["nationality"] == "KZ"
    assert result.fields["province"] == "110000"


def test_worked_example_taiwan_old_booklet_normalises_to_lifetime_number() -> None:
    result = check("taiwan-permit", "1234567801(B)")
    assert result.ok and result.normalized == "12345678"
    assert result.fields == {"issue_count": "01", "authority": "B"}
    assert result.warnings == ["legacy_suffix_dropped"]


# -- unified social credit code ----------------------------------------------------------


def test_uscc_with_letter_first_is_accepted(gen) -> None:
    # stdnum.cn.uscc refuses these; GB 32100 allows A, N and Y departments.
    for dept, kind in (("Y", "1"), ("A", "1"), ("N", "2")):
        code = gen.uscc(dept, kind, "110000", "60003734")
        assert check("uscc", code).ok, code


def test_uscc_full_width_and_lower_case_input() -> None:
    assert check("uscc", "９１１１００００６０００３７３４１ｌ").normalized == "91110000600037341L"
    assert check("uscc", "9111 0000-6000 3734 1l").ok


def test_uscc_bad_check_character() -> None:
    result = check("uscc", "91110000600037341M")
    assert not result.ok and result.code == "bad_check_digit"
    assert result.message_zh == "统一社会信用代码校验位不正确"


def test_uscc_organisation_code_failure_is_only_a_warning(gen) -> None:
    code = gen.uscc("9", "1", "110000", "60003734", good_org=False)
    result = check("uscc", code)
    assert result.ok
    assert result.warnings == ["bad_organisation_code"]
    warning = result.warning_errors("uscc")[0]
    assert warning.field == "uscc" and warning.code == "bad_organisation_code"


def test_uscc_organisation_code_check_of_10_and_11(gen) -> None:
    # GB 11714 writes 10 as X and 11 as 0: find bodies giving each, build codes, expect no warning.
    found = {}
    for n in range(10_000_000, 10_000_400):
        org_code = gen.uscc("9", "1", "110000", str(n))[8:17]
        found.setdefault(org_code[-1], org_code)
    for check_char in ("X", "0"):
        code = gen.uscc("9", "1", "110000", found[check_char][:8])
        assert check("uscc", code).warnings == [], code


def test_uscc_unknown_category_is_only_a_warning(gen) -> None:
    result = check("uscc", gen.uscc("B", "7", "110000", "60003734"))
    assert result.ok and "unknown_entity_type" in result.warnings


@pytest.mark.parametrize(
    ("value", "code"),
    [
        ("91110000600037341", "bad_length"),
        ("91110000600037341LL", "bad_length"),
        ("9111000060003734IL", "bad_characters"),  # I is never used
        ("91A10000600037341L", "bad_format"),  # division code must be digits
        ("", "required"),
        ("  ", "required"),
        (None, "required"),
        (91110000600037341, "bad_type"),
    ],
)
def test_uscc_refusals(value: object, code: str) -> None:
    result = check("uscc", value)
    assert not result.ok and result.code == code
    assert result.message_zh and result.message_en


# -- resident identity card --------------------------------------------------------------


def test_first_generation_id_has_its_own_code() -> None:
    result = check("resident-id", "110105491231002")
    assert not result.ok and result.code == "first_generation_id"


@pytest.mark.parametrize(
    ("value", "code"),
    [
        ("11010519491231002Y", "bad_characters"),
        ("1101051949123100X2", "bad_format"),
        ("110105194912310021", "bad_check_digit"),
        ("1101051949123100", "bad_length"),
    ],
)
def test_resident_id_shape_and_check(value: str, code: str) -> None:
    assert check("resident-id", value).code == code


def test_resident_id_check_digit_message() -> None:
    result = check("resident-id", "110105194912310021")
    assert result.message_zh == "身份证号校验位不正确"
    assert result.message_en == "The ID number's check digit is wrong"


def test_resident_id_birth_date_must_be_real_past_and_after_1900(gen) -> None:
    assert check("resident-id", gen.resident_id("110105", "19490230", "002")).code == "bad_date"
    assert check("resident-id", gen.resident_id("110105", "20250911", "002")).code == "future_date"
    assert check("resident-id", gen.resident_id("110105", "18991231", "002")).code == "too_early"
    assert check("resident-id", gen.resident_id("110105", "20250910", "002")).ok  # today


def test_resident_id_province_must_be_a_mainland_code(gen) -> None:
    assert check("resident-id", gen.resident_id("990105", "19800101", "001")).code == (
        "unknown_region"
    )
    assert check("resident-id", gen.resident_id("710105", "19800101", "001")).code == (
        "unknown_region"
    )


def test_resident_id_county_is_not_tied_to_birth_year(gen) -> None:
    # 440524 was abolished in 1983; stdnum.cn.ric refuses people born before that.
    assert check("resident-id", gen.resident_id("440524", "19700101", "001")).ok


def test_resident_id_with_another_document_number_names_the_right_type() -> None:
    assert check("resident-id", "810000199001011230").code == "wrong_document_type"
    assert check("resident-id", "911398199012310021").code == "wrong_document_type"


def test_resident_id_gender_from_sequence(gen) -> None:
    assert check("resident-id", gen.resident_id("110105", "19800101", "013")).gender == "male"
    assert check("resident-id", gen.resident_id("110105", "19800101", "014")).gender == "female"


# -- residence permits -------------------------------------------------------------------


def test_residence_permits_of_the_three_regions(gen) -> None:
    for prefix, region in (("810000", "hk"), ("820000", "mo"), ("830000", "tw")):
        result = check("residence-permit", gen.resident_id(prefix, "19900101", "123"))
        assert result.ok and result.fields["region"] == region


def test_residence_permit_refuses_other_address_codes(gen) -> None:
    assert check("residence-permit", "11010519491231002X").code == "wrong_document_type"
    assert check("residence-permit", gen.resident_id("840000", "19900101", "123")).code == (
        "unknown_region"
    )
    assert check("residence-permit", gen.resident_id("810000", "21000101", "123")).code == (
        "future_date"
    )


# -- travel permits ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "region", "key"),
    [
        ("H12345678", "hk", "H12345678"),
        ("m12345678", "mo", "M12345678"),
        ("H1234567801", "hk", "H12345678"),  # old card: + renewal count
        ("HA1234567", "hk", "HA1234567"),  # holders without Chinese nationality
        ("MA1234567", "mo", "MA1234567"),
        ("Ｈ１２３４-５６７８", "hk", "H12345678"),
    ],
)
def test_hk_macao_permit_valid(value: str, region: str, key: str) -> None:
    result = check("hk-macao-permit", value)
    assert result.ok
    assert result.fields["region"] == region and result.fields["match_key"] == key


@pytest.mark.parametrize(
    "value", ["X12345678", "H1234567", "H123456789", "HA12345678", "HB1234567", "12345678"]
)
def test_hk_macao_permit_invalid(value: str) -> None:
    result = check("hk-macao-permit", value)
    assert not result.ok and result.code == "bad_format"


@pytest.mark.parametrize("value", ["12345678", "1234567801", "1234567801（B）", "12345678-01"])
def test_taiwan_permit_valid(value: str) -> None:
    result = check("taiwan-permit", value)
    assert result.ok and result.normalized == "12345678"


@pytest.mark.parametrize("value", ["1234567", "123456789", "12345678(B)", "A2345678", "T1234567"])
def test_taiwan_permit_invalid(value: str) -> None:
    assert check("taiwan-permit", value).code == "bad_format"


# -- foreign permanent residence ID ------------------------------------------------------


def test_old_foreign_permanent_id_format_only() -> None:
    result = check("foreign-permanent-id", "USA110080010105")
    assert result.ok and result.fields == {"format": "old", "nationality": "US"}
    assert check("foreign-permanent-id", "QQQ110080010105").code == "unknown_country"
    assert check("foreign-permanent-id", "US1110080010105").code == "bad_format"


def test_new_foreign_permanent_id_must_start_with_9(gen) -> None:
    result = check("foreign-permanent-id", "11010519491231002X")
    assert result.code == "bad_format"
    assert check("foreign-permanent-id", "911398199012310022").code == "bad_check_digit"


def test_new_foreign_permanent_id_unknown_codes_are_warnings(gen) -> None:
    result = check("foreign-permanent-id", gen.resident_id("999999", "19900101", "001"))
    assert result.ok
    assert result.warnings == ["unknown_issuing_province", "unknown_nationality_code"]


# -- passport numbers and dispatch -------------------------------------------------------


def test_passport_number_is_not_pattern_checked_beyond_length_and_characters() -> None:
    assert check("passport", "e 1234 5678").normalized == "E12345678"
    assert check("passport", "1").ok
    assert check("passport", "ABCDEFGHIJ").code == "too_long"
    assert check("passport", "AB*12").code == "bad_characters"


def test_doc_type_dispatch_matches_person_document_types() -> None:
    assert check_doc_number("resident_id", "11010519491231002X").ok
    assert check_doc_number("hk_mo_permit", "H12345678").ok
    assert check_doc_number("passport", "E12345678").ok


def test_unknown_kind_is_a_failed_check_not_an_exception() -> None:
    result = check_document("driving-licence", "123")
    assert not result.ok and result.code == "unknown_kind"
    assert check_document("resident_id", "11010519491231002X").ok  # doc_type codes too


def test_every_cli_kind_answers_without_raising_on_junk() -> None:
    for kind in DOCUMENT_KINDS:
        for junk in ("", "???", "１", None, 12, ["x"]):
            result = check(kind, junk)
            assert result.ok is False, (kind, junk)
            assert result.code and result.message_zh and result.message_en


def test_document_check_error_and_json_shape() -> None:
    result = check("resident-id", "110105194912310021")
    assert result.error == RuleError(
        "doc_number",
        "bad_check_digit",
        "身份证号校验位不正确",
        "The ID number's check digit is wrong",
    )
    assert result.error_for("x") is not None and result.error_for("x").field == "x"
    assert check("uscc", "x").error.field == "uscc"
    assert check("resident-id", "11010519491231002X").error is None
    assert list(result.as_json()) == [
        "ok", "normalized", "code", "message_zh", "message_en",
        "birthday", "gender", "fields", "warnings",
    ]  # fmt: skip
