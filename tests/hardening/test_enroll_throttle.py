"""Enrollment throttling is per source address and per code: an address guessing codes
stops itself, never the desks being enrolled from elsewhere."""

from __future__ import annotations

from typing import Any

import pytest
import requests
from requests.adapters import HTTPAdapter

from central.services import accounts
from tests.central.harness import Harness


class FromAddress(HTTPAdapter):
    """Connections that leave from one loopback address (all of 127/8 is this machine)."""

    def __init__(self, address: str) -> None:
        self.address = address
        super().__init__()

    def init_poolmanager(self, *args: Any, **kwargs: Any) -> None:
        kwargs["source_address"] = (self.address, 0)
        super().init_poolmanager(*args, **kwargs)


def client_from(address: str) -> requests.Session:
    session = requests.Session()
    session.mount("http://", FromAddress(address))
    return session


def new_code(svc: Harness, name: str) -> str:
    with svc.db.write() as session:
        _desk, code = accounts.new_enrollment(session, svc.settings, name=name)
    return code


@pytest.mark.parametrize("path", ["/auth/enroll", "/escrow/enroll"])
def test_failures_from_one_address_do_not_block_another(sq: Harness, path: str) -> None:
    sq.settings.login_max_failures_address = 6
    attacker, desk = client_from("127.0.0.2"), client_from("127.0.0.3")
    guesses = [f"WRONG{n:04d}" for n in range(6)]
    for guess in guesses:
        assert attacker.post(f"{sq.url}{path}", json={"code": guess}).status_code == 401
    refused = attacker.post(f"{sq.url}{path}", json={"code": new_code(sq, "D-A")})
    assert refused.status_code == 429 and refused.headers["retry-after"]
    assert refused.json()["error"] == "too_many_attempts"
    # Another address enrolls its desk at once, and may still get a code wrong.
    assert desk.post(f"{sq.url}{path}", json={"code": "TYPO0001"}).status_code == 401
    answer = desk.post(f"{sq.url}{path}", json={"code": new_code(sq, "D-B")})
    assert answer.status_code == 200, answer.text
    assert answer.json()["desk_name"] == "D-B"
    attacker.close()
    desk.close()


def test_one_code_failing_again_and_again_is_stopped_from_everywhere(sq: Harness) -> None:
    limit = sq.settings.login_max_failures_account
    code = new_code(sq, "D-C")
    with sq.db.write() as session:
        accounts.revoke_desk(session, "D-C")
    for n in range(limit):
        # A revoked desk's code fails, from whichever address it is tried.
        client = client_from(f"127.0.1.{n + 1}")
        assert client.post(f"{sq.url}/auth/enroll", json={"code": code}).status_code == 401
        client.close()
    fresh = client_from("127.0.2.1")
    again = fresh.post(f"{sq.url}/auth/enroll", json={"code": code.lower()})
    assert again.status_code == 429
    # Other codes from that same fresh address are unaffected.
    answer = fresh.post(f"{sq.url}/auth/enroll", json={"code": new_code(sq, "D-D")})
    assert answer.status_code == 200, answer.text
    fresh.close()
