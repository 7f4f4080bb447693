"""Limits, headers, strict bodies, error answers, throttling and tokens, through real HTTP."""

from __future__ import annotations

import hashlib
import json
import logging
import socket
import time
import uuid

import pytest

from tests.central.harness import Harness

HEADERS = {
    "x-content-type-options": "nosniff",
    "referrer-policy": "no-referrer",
    "x-frame-options": "DENY",
}
CSP = "default-src 'none'; frame-ancestors 'none'"


def raw_request(svc: Harness, head: str, chunks: list[bytes]) -> tuple[int, dict[str, str], bytes]:
    """Send a request byte for byte (no client library second-guessing the framing) and read
    whatever answer comes, even when the service closes before taking the whole body."""
    with socket.create_connection(("127.0.0.1", svc.service.port), timeout=20) as sock:
        sock.sendall(head.replace("\n", "\r\n").encode() + b"\r\n")
        try:
            for chunk in chunks:
                sock.sendall(chunk)
        except (BrokenPipeError, ConnectionResetError):
            pass  # answered and closed early: exactly what a limit does
        data = b""
        try:
            while part := sock.recv(65536):
                data += part
        except (ConnectionResetError, TimeoutError):
            pass
    head_bytes, _, body = data.partition(b"\r\n\r\n")
    lines = head_bytes.decode("latin-1").split("\r\n")
    status = int(lines[0].split()[1])
    headers = {k.strip().lower(): v.strip() for k, v in (ln.split(":", 1) for ln in lines[1:])}
    return status, headers, body


def chunked(data: bytes, size: int = 64 * 1024) -> list[bytes]:
    out = [
        b"%x\r\n%s\r\n" % (len(data[i : i + size]), data[i : i + size])
        for i in range(0, len(data), size)
    ]
    return [*out, b"0\r\n\r\n"]


def test_security_headers_on_every_kind_of_answer(sq: Harness) -> None:
    desk = sq.enroll("H1")
    admin = sq.session_headers("admin1")
    answers = {
        "health": sq.http.get(f"{sq.url}/healthz"),
        "unknown path": sq.http.get(f"{sq.url}/no/such/thing"),
        "refused": sq.http.get(f"{sq.url}/admin/desks"),
        "signed in": sq.http.get(f"{sq.url}/admin/desks", headers=admin),
        "desk": desk.push([]),
        "bad body": sq.http.post(f"{sq.url}/auth/login", json={"username": "x"}),
    }
    for what, answer in answers.items():
        for name, value in HEADERS.items():
            assert answer.headers.get(name) == value, (what, name, answer.headers)
        assert answer.headers["content-security-policy"] == CSP, what
        assert answer.headers["cache-control"] == "no-store", what
        assert len(answer.headers["x-request-id"]) == 32, what
        assert "access-control-allow-origin" not in answer.headers, what
    assert answers["unknown path"].json()["error"] == "not_found"
    assert answers["refused"].status_code == 401


def test_stored_photo_answers_are_not_cacheable_for_a_signed_in_caller(sq: Harness) -> None:
    from tests.review.helpers import photo_bytes

    desk = sq.enroll("H1")
    data = photo_bytes("badge")
    sha = hashlib.sha256(data).hexdigest()
    put = sq.http.put(f"{sq.url}/blobs/{sha}?kind=badge", data=data, headers=desk.headers())
    assert put.status_code == 201, put.text
    got = sq.http.get(f"{sq.url}/blobs/{sha}", headers=desk.headers())
    assert got.status_code == 200 and got.content == data
    # The route's own "immutable" would let a browser or proxy keep someone's face on disk.
    assert got.headers["cache-control"] == "no-store"
    assert got.headers["x-content-type-options"] == "nosniff"


def test_cross_origin_preflight_gets_no_cors_grant(sq: Harness) -> None:
    origin = {"Origin": "https://attacker.example"}
    preflight = sq.http.options(
        f"{sq.url}/auth/login",
        headers={
            **origin,
            "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": "content-type, authorization",
        },
    )
    assert preflight.status_code in (400, 405)
    simple = sq.http.post(
        f"{sq.url}/auth/login", json={"username": "a", "password": "b"}, headers=origin
    )
    for answer in (preflight, simple):
        assert not any(h.startswith("access-control-") for h in answer.headers), answer.headers


def test_json_body_over_the_limit_is_refused_before_it_is_read(sq: Harness) -> None:
    from central.api.hardening import JSON_MAX_BYTES

    status, headers, body = raw_request(
        sq,
        "POST /auth/login HTTP/1.1\nHost: x\nContent-Type: application/json\n"
        f"Content-Length: {JSON_MAX_BYTES + 1}\n",
        [],  # not one byte of the body is sent: the answer must not wait for it
    )
    assert status == 413 and json.loads(body)["error"] == "too_large"
    assert headers["x-frame-options"] == "DENY"


def test_json_body_without_length_is_cut_at_the_limit(sq: Harness) -> None:
    from central.api.hardening import JSON_MAX_BYTES

    desk = sq.enroll("H1")
    filler = json.dumps(
        {"protocol": 1, "client_id": str(uuid.uuid4()), "pad": "x" * JSON_MAX_BYTES}
    )
    status, _h, body = raw_request(
        sq,
        f"POST /sync/push HTTP/1.1\nHost: x\nAuthorization: Bearer {desk.token}\n"
        "Content-Type: application/json\nTransfer-Encoding: chunked\n",
        chunked(filler.encode()),
    )
    assert status == 413 and json.loads(body)["error"] == "too_large"
    assert sq.http.get(f"{sq.url}/healthz").status_code == 200


@pytest.mark.parametrize(("kind", "limit"), [("badge", 500_000), ("licence", 300_000)])
def test_photo_and_scan_limits(sq: Harness, kind: str, limit: int) -> None:
    desk = sq.enroll("H1")
    data = b"\xff\xd8\xff" + b"\0" * limit  # one byte over
    sha = hashlib.sha256(data).hexdigest()
    declared = sq.http.put(f"{sq.url}/blobs/{sha}?kind={kind}", data=data, headers=desk.headers())
    assert declared.status_code == 413 and declared.json()["max"] == limit
    status, _h, body = raw_request(
        sq,
        f"PUT /blobs/{sha}?kind={kind} HTTP/1.1\nHost: x\nAuthorization: Bearer {desk.token}\n"
        "Transfer-Encoding: chunked\n",
        chunked(data),
    )
    assert status == 413 and json.loads(body)["error"] == "too_large"
    assert sq.http.head(f"{sq.url}/blobs/{sha}", headers=desk.headers()).status_code == 404


def test_push_batch_is_bounded_in_commands(sq: Harness) -> None:
    desk = sq.enroll("H1", operator="op1")
    sq.settings.push_max_commands = 20
    commands = [desk.command("create_account", {}, cid=i) for i in range(1, 22)]
    answer = desk.push(commands)
    assert answer.status_code == 413 and answer.json() == {
        "error": "batch_too_large",
        "message": "Too many commands in one push",
        "max": 20,
    }


def test_request_bodies_refuse_unknown_fields(sq: Harness) -> None:
    desk = sq.enroll("H1", operator="op1")
    login = sq.http.post(
        f"{sq.url}/auth/login", json={"username": "op1", "password": "x", "is_admin": True}
    )
    assert login.status_code == 422 and login.json()["error"] == "bad_request"
    decide = sq.http.post(
        f"{sq.url}/review/decide",
        headers=sq.session_headers("rev_c"),
        json={"target": "host_org", "id": sq.orgs["hostA"], "decision": "approve", "stage": 2},
    )
    assert decide.status_code == 422
    # The push envelope is strict, top level and per command...
    assert desk.push([], mode="force").status_code == 422
    command = {**desk.command("create_account", {}), "role": "admin"}
    assert desk.push([command]).status_code == 422
    assert desk.push([{**desk.command("create_account", {}, cid=1), "id": "1"}]).status_code == 422
    # ...while arguments stay the command's business: a refusal of that command alone.
    result = desk.run("create_account", {"account_id": str(uuid.uuid4()), "surprise": 1}, cid=1)
    assert result["status"] == "rejected" and result["code"] == "bad_arguments"


def test_validation_errors_do_not_echo_what_was_sent(sq: Harness) -> None:
    secret = "Sup3r-secret-" + "x" * 300  # too long: refused by the schema
    answer = sq.http.post(f"{sq.url}/auth/login", json={"username": "op1", "password": secret})
    assert answer.status_code == 422
    assert "Sup3r" not in answer.text
    assert answer.json()["errors"][0]["loc"] == ["body", "password"]


def test_deeply_nested_json_is_a_bad_request(sq: Harness) -> None:
    desk = sq.enroll("H1", operator="op1")
    deep = b"[" * 200_000 + b"]" * 200_000
    for path in ("/sync/push", "/auth/login", "/commands"):
        answer = sq.http.post(
            f"{sq.url}{path}",
            data=deep,
            headers={"Content-Type": "application/json", **desk.headers()},
        )
        assert 400 <= answer.status_code < 500, (path, answer.status_code, answer.text[:200])
    nested: dict[str, object] = {}
    inner = nested
    for _ in range(500):
        inner["a"] = {}
        inner = inner["a"]  # type: ignore[assignment]
    result = desk.run("create_account", {"account_id": str(uuid.uuid4()), "account": nested})
    assert result["status"] == "rejected"
    assert sq.http.get(f"{sq.url}/healthz").status_code == 200


def test_an_unexpected_error_answers_a_fixed_body_and_logs_no_personal_data(
    sq: Harness, caplog: pytest.LogCaptureFixture
) -> None:
    person = {"name": "张三", "doc": "110105199001011234"}

    def boom() -> None:
        # As a database error would: the row's values inside the exception's message.
        raise RuntimeError(f"duplicate person {person['name']} {person['doc']}")

    sq.service.app.add_api_route("/test-boom", boom, methods=["POST"])
    with caplog.at_level(logging.ERROR, logger="central.api.hardening"):
        answer = sq.http.post(f"{sq.url}/test-boom", json={"name": "李四"})
    assert answer.status_code == 500
    body = answer.json()
    assert set(body) == {"error", "message", "request_id"} and body["error"] == "internal_error"
    assert body["request_id"] == answer.headers["x-request-id"]
    assert "张三" not in answer.text and "Traceback" not in answer.text
    logged = "\n".join(r.getMessage() for r in caplog.records)
    assert body["request_id"] in logged and "RuntimeError" in logged and "boom" in logged
    assert "张三" not in logged and "李四" not in logged and "1101051990" not in logged
    assert sq.http.get(f"{sq.url}/healthz").status_code == 200


def test_login_is_throttled_per_account_and_per_address(sq: Harness) -> None:
    settings = sq.settings
    for _ in range(settings.login_max_failures_account):
        assert sq.login("rev_a", password="wrong-1").status_code == 401
    # Even the right password is refused now: guessing cannot continue on this account.
    refused = sq.login("rev_a")
    assert refused.status_code == 429 and refused.headers["retry-after"] == str(
        settings.login_window_s
    )
    assert sq.login("rev_b").status_code == 200  # other accounts are unaffected
    settings.login_max_failures_address = 8
    for n in range(8):
        sq.login(f"nobody{n}", password="wrong-2")
    # Spread over many names, one address is stopped as a whole.
    assert sq.login("rev_c").status_code == 429


def test_sessions_expire_and_can_be_ended(sq: Harness) -> None:
    sq.settings.session_ttl_s = 1
    short = sq.session_headers("admin1")
    assert sq.http.get(f"{sq.url}/auth/me", headers=short).status_code == 200
    time.sleep(1.5)
    expired = sq.http.get(f"{sq.url}/auth/me", headers=short)
    assert expired.status_code == 401 and expired.json()["error"] == "session_expired"
    sq.settings.session_ttl_s = 3600
    headers = sq.session_headers("admin1")
    assert sq.http.post(f"{sq.url}/auth/logout", headers=headers).status_code == 200
    assert sq.http.get(f"{sq.url}/auth/me", headers=headers).status_code == 401
    assert sq.http.get(f"{sq.url}/admin/desks", headers=headers).status_code == 401
    # A token with a valid key id but another secret is no token.
    other = sq.session_headers("admin1")["Authorization"]
    forged = other[: other.index(".") + 1] + "A" * 43
    assert sq.http.get(f"{sq.url}/auth/me", headers={"Authorization": forged}).status_code == 401


def test_revoked_desk_token_is_refused_everywhere(sq: Harness) -> None:
    desk = sq.enroll("H1", operator="op1")
    assert desk.push([]).status_code == 200
    admin = sq.session_headers("admin1")
    revoke = sq.http.post(f"{sq.url}/admin/desks/H1/revoke", json={"wipe": True}, headers=admin)
    assert revoke.status_code == 200
    push = desk.push([])
    assert push.status_code == 403 and push.json()["wipe"] is True
    assert sq.http.head(f"{sq.url}/blobs/{'0' * 64}", headers=desk.headers()).status_code == 403
    login = sq.login("op1", desk)
    assert login.status_code == 403
