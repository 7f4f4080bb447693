"""A refused request body is never quoted back: where and what is wrong, not the value (it
may be a document number or a password), whichever route validated it."""

from __future__ import annotations

import uuid

from tests.central.harness import Harness

DOCUMENT = "110105199001011234"


def _no_value_in(body: str, answer_errors: list[dict[str, object]]) -> None:
    assert DOCUMENT not in body
    assert "1101051990" not in body
    for error in answer_errors:
        assert set(error) == {"loc", "type", "msg"}, error


def test_push_with_a_document_number_in_a_bad_field_is_not_echoed(sq: Harness) -> None:
    desk = sq.enroll("E1", operator="op1")
    bad_envelope = desk.push([], client_id=DOCUMENT)
    command = {**desk.command("add_person", {"person": {"doc_number": DOCUMENT}}), "id": DOCUMENT}
    bad_command = desk.push([command])
    for answer in (bad_envelope, bad_command):
        assert answer.status_code == 422, answer.text
        body = answer.json()
        assert body["error"] == "bad_request" and body["errors"], body
        _no_value_in(answer.text, body["errors"])
    locations = [e["loc"] for e in bad_command.json()["errors"]]
    assert ["commands", 0, "id"] in locations  # says where, so the desk can tell


def test_login_with_a_document_number_in_a_bad_field_is_not_echoed(sq: Harness) -> None:
    for body in (
        {"username": "op1", "password": int(DOCUMENT)},  # wrong type
        {"username": "op1", "password": "x", "doc_number": DOCUMENT},  # unknown field
        {"username": DOCUMENT * 4, "password": "x"},  # too long
    ):
        answer = sq.http.post(f"{sq.url}/auth/login", json=body)
        assert answer.status_code == 422, answer.text
        refusal = answer.json()
        assert refusal["error"] == "bad_request" and refusal["errors"]
        _no_value_in(answer.text, refusal["errors"])


def test_enroll_and_unlock_refusals_are_not_echoed(sq: Harness) -> None:
    unlock = sq.http.post(
        f"{sq.url}/escrow/unlock",
        json={"desk_id": str(uuid.uuid4()), "username": "op1", "password": PASSWORD_LIKE},
    )
    enroll = sq.http.post(f"{sq.url}/auth/enroll", json={"code": DOCUMENT * 3})
    for answer in (unlock, enroll):
        assert answer.status_code == 422, answer.text
        _no_value_in(answer.text, answer.json()["errors"])
        assert PASSWORD_LIKE not in answer.text


PASSWORD_LIKE = "Secret-" + DOCUMENT + "x" * 200
