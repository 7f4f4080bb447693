"""`fairdesk check-document` through a real subprocess: exit codes and the JSON shape."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

KEYS = ["ok", "normalized", "code", "message_zh", "message_en", "birthday", "gender", "fields",
        "warnings"]  # fmt: skip
LINE1 = "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<"
LINE2 = "L898902C36UTO7408122F1204159ZE184226B<<<<<10"


def run(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    return subprocess.run(
        [sys.executable, "-m", "desk", "check-document", *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        input=stdin,
        env=env,
        timeout=60,
    )


def test_valid_resident_id_json() -> None:
    result = run("resident-id", "11010519491231002X", "--json")
    assert result.returncode == 0, result.stderr
    answer = json.loads(result.stdout)
    assert list(answer) == KEYS
    assert answer["ok"] is True
    assert answer["normalized"] == "11010519491231002X"
    assert answer["birthday"] == "1949-12-31" and answer["gender"] == "female"
    assert answer["code"] is None and answer["warnings"] == []


def test_invalid_json_exit_1() -> None:
    result = run("resident-id", "110105194912310021", "--json")
    assert result.returncode == 1
    answer = json.loads(result.stdout)
    assert list(answer) == KEYS
    assert answer["ok"] is False and answer["code"] == "bad_check_digit"
    assert answer["message_zh"] == "身份证号校验位不正确"
    assert answer["message_en"] == "The ID number's check digit is wrong"


def test_human_output_in_both_languages() -> None:
    valid = run("uscc", "９１１１００００６０００３７３４１ｌ")
    assert valid.returncode == 0 and "91110000600037341L" in valid.stdout
    assert "有效" in valid.stdout and "valid" in valid.stdout
    invalid = run("resident-id", "110105491231002")
    assert invalid.returncode == 1
    assert "first_generation_id" in invalid.stdout and "15" in invalid.stdout


@pytest.mark.parametrize("separator", ["\r", "\r\n", ""])
def test_passport_mrz_json_fields(separator: str) -> None:
    result = run("passport-mrz", (LINE1 + separator + LINE2).lower().replace("<", "＜"), "--json")
    assert result.returncode == 0, result.stdout + result.stderr
    answer = json.loads(result.stdout)
    assert answer["fields"]["number"] == "L898902C3"
    assert {"number", "nationality", "surname", "given_names", "birthday", "expiry", "sex"} <= set(
        answer["fields"]
    )
    assert answer["warnings"] == ["document_expired"]


def test_passport_mrz_from_stdin() -> None:
    result = run("passport-mrz", "-", "--json", stdin=LINE1 + "\r\n" + LINE2 + "\r\n")
    assert result.returncode == 0
    assert json.loads(result.stdout)["fields"]["surname"] == "ERIKSSON"


def test_mobile_and_email() -> None:
    mobile = run("mobile", "0086-13800138000", "--json")
    assert mobile.returncode == 0 and json.loads(mobile.stdout)["normalized"] == "+8613800138000"
    email = run("email", "nobody", "--json")
    assert email.returncode == 1 and json.loads(email.stdout)["code"] == "bad_email"


def test_usage_errors_exit_2() -> None:
    assert run("driving-licence", "123").returncode == 2
    assert run("resident-id").returncode == 2
