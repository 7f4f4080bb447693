"""ICAO 9303 TD3: the specimen, every way a scanner types it, and each refusal."""

from __future__ import annotations

from datetime import date

import pytest

from desk.models.rules import check_document, clean_mrz, parse_td3

TODAY = date(2025, 9, 10)
LINE1 = "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<"
LINE2 = "L898902C36UTO7408122F1204159ZE184226B<<<<<10"


def check(text: object):
    return check_document("passport-mrz", text, today=TODAY)


@pytest.mark.parametrize(
    "text",
    [
        LINE1 + "\r" + LINE2,
        LINE1 + "\r\n" + LINE2,
        LINE1 + "\n" + LINE2 + "\r\n",
        LINE1 + LINE2,  # 88 characters in one line
        (LINE1 + "\r" + LINE2).lower(),  # Caps Lock on
        (LINE1 + "\r\n" + LINE2).replace("<", "＜"),  # Chinese input method active
        (LINE1 + LINE2).lower().replace("<", "＜"),
        " " + LINE1 + " \r\n " + LINE2 + " ",
    ],
)
def test_specimen_in_every_scanner_form(text: str) -> None:
    result = check(text)
    assert result.ok, result.code
    assert result.normalized == LINE1 + "\n" + LINE2
    assert result.fields["number"] == "L898902C3"
    assert result.fields["nationality"] == "UTO"
    assert result.fields["surname"] == "ERIKSSON"
    assert result.fields["given_names"] == "ANNA MARIA"
    assert result.fields["birthday"] == "1974-08-12"
    assert result.fields["expiry"] == "2012-04-15"
    assert result.fields["sex"] == "F"
    assert result.birthday == date(1974, 8, 12) and result.gender == "female"
    assert result.warnings == ["document_expired"]


def test_worked_example_line_two_alone() -> None:
    result = check(LINE2)
    assert result.ok
    assert result.fields["number"] == "L898902C3"
    assert result.fields["surname"] is None
    assert "mrz_line1_missing" in result.warnings


def test_unexpired_passport_has_no_expiry_warning() -> None:
    result = check_document("passport-mrz", LINE1 + "\n" + LINE2, today=date(2011, 1, 1))
    assert result.ok and result.warnings == []


@pytest.mark.parametrize(
    ("position", "part"),
    [(9, "number"), (19, "birthday"), (27, "expiry"), (42, "personal_number"), (43, "composite")],
)
def test_each_check_digit_is_verified(position: int, part: str) -> None:
    digit = LINE2[position]
    wrong = "5" if digit != "5" else "6"
    broken = LINE2[:position] + wrong + LINE2[position + 1 :]
    result = check(LINE1 + "\n" + broken)
    assert result.code == "bad_check_digit"
    assert result.fields == {"failed_part": part}


def test_refusals() -> None:
    assert check(LINE1[:-1] + "\n" + LINE2).code == "bad_length"
    assert check(LINE1 + LINE2 + "<").code == "bad_length"
    assert check("V" + LINE1[1:] + "\n" + LINE2).code == "not_a_passport"
    assert check("").code == "required"
    assert check("\r\n").code == "required"
    assert check(None).code == "required"
    assert check(12).code == "bad_type"
    assert check("\n".join([LINE1, LINE2, LINE2])).code == "bad_length"


def test_bad_date_with_valid_check_digits() -> None:
    # Month 13 with check digits recomputed: the check digits cannot save an impossible date.
    from desk.models.rules.checkdigits import icao_check

    born = "741312"
    line = LINE2[:13] + born + icao_check(born) + LINE2[20:43]
    line += icao_check(line[0:10] + line[13:20] + line[21:43])
    assert check(LINE1 + "\n" + line).code == "bad_date"


def test_clean_mrz_and_parse() -> None:
    assert clean_mrz("ab＜\r\n12") == ["AB<", "12"]
    assert clean_mrz("x" * 88) == ["X" * 44, "X" * 44]
    td3 = parse_td3([LINE1, LINE2], today=TODAY)
    assert td3.personal_number == "ZE184226B" and td3.issuing_state == "UTO"
    assert td3.expiry == date(2012, 4, 15)


def test_birth_century_is_the_latest_not_in_the_future(gen) -> None:
    line2 = gen.mrz_line2("X1234567", "DEU", "050607", "M", "300101", "")
    assert check(LINE1 + "\n" + line2).birthday == date(2005, 6, 7)
    line2 = gen.mrz_line2("X1234567", "DEU", "300607", "M", "300101", "")
    assert check(LINE1 + "\n" + line2).birthday == date(1930, 6, 7)
    # An empty personal number may carry "<" as its check digit.
    assert line2[42] == "<" and check(LINE1 + "\n" + line2).ok
