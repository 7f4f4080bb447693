"""The desk's HTTP client of the central service: one `requests.Session`, a timeout on every
call, the device token, the protocol version and the desk's own version on every request,
typed errors out.

Nothing here retries: the engine decides when to try again, so one place owns the backoff.
"""

from __future__ import annotations

import hashlib
import json
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from typing import Any

import orjson
import requests

from desk import __version__
from desk.sync.errors import (
    AuthError,
    ClientNotOwned,
    LoginRefused,
    Offline,
    RateLimited,
    RequestRefused,
    ServerError,
    VersionNotSupported,
)

PROTOCOL = 1
SCHEMA = 1
CONNECT_TIMEOUT_S = 3.05
READ_TIMEOUT_S = 20.0
# A long poll may legitimately stay silent for `wait` seconds: read timeout is wait + this.
LONG_POLL_MARGIN_S = 10.0


@dataclass(frozen=True, slots=True)
class Answer:
    """A decoded JSON answer, with how long it took and the clock offset it showed."""

    data: dict[str, Any]
    latency_s: float
    # Desk clock minus service clock, seconds (from the answer's `server_time` or `Date`).
    skew_s: float | None


class Client:
    """Talks to one service. Usable as a context manager; safe to share between the sync
    thread and the long-poll watcher (one call at a time per thread)."""

    def __init__(
        self,
        base_url: str,
        *,
        token: str | None = None,
        protocol: int = PROTOCOL,
        schema: int = SCHEMA,
        clock: Callable[[], datetime] | None = None,
        read_timeout_s: float = READ_TIMEOUT_S,
    ) -> None:
        self.base_url = base_url.rstrip("/")
        self.token = token
        self.protocol = protocol
        self.schema = schema
        # This desk's version, which a service with `min_desk_version` judges it by.
        self.desk_version = __version__
        self.read_timeout_s = read_timeout_s
        self._clock = clock or (lambda: datetime.now(UTC))
        self._session = requests.Session()
        self._session.headers["User-Agent"] = f"fairdesk/{__version__}"

    def __enter__(self) -> Client:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    def close(self) -> None:
        self._session.close()

    # -- sync -------------------------------------------------------------------------

    def push(
        self,
        *,
        client_id: str,
        desk_id: str | None,
        commands: list[dict[str, Any]],
        report: dict[str, Any] | None = None,
    ) -> Answer:
        body = {
            **self._versions(),
            **(report or {}),
            "client_id": client_id,
            "desk_id": desk_id,
            "commands": commands,
        }
        return self._json("POST", "/sync/push", body)

    def pull(
        self,
        *,
        client_id: str,
        cursor: int,
        limit: int,
        wait: float = 0.0,
        results_after: int | None = None,
        report: dict[str, Any] | None = None,
    ) -> Answer:
        body: dict[str, Any] = {
            **self._versions(),
            **(report or {}),
            "client_id": client_id,
            "cursor": cursor,
            "limit": limit,
            "wait": wait,
        }
        if results_after is not None:
            body["results_after"] = results_after
        return self._json(
            "POST", "/sync/pull", body, read_timeout=wait + LONG_POLL_MARGIN_S if wait else None
        )

    def healthz(self, timeout_s: float = 3.0) -> Answer:
        return self._json("GET", "/healthz", None, read_timeout=timeout_s)

    # -- photos -----------------------------------------------------------------------

    def head_blob(self, sha256: str) -> str | None:
        """ "accepted" or "refused" when the service has the photo, None when it has not."""
        response = self._send("HEAD", f"/blobs/{sha256}", accept=(200, 404))
        if response.status_code == 404:
            return None
        return response.headers.get("X-Blob-Status", "accepted")

    def put_blob(self, sha256: str, kind: str, data: bytes) -> dict[str, Any]:
        """Upload a photo; the answer says whether the service accepted it (with failures)."""
        response = self._send(
            "PUT",
            f"/blobs/{sha256}",
            params={"kind": kind},
            data=data,
            headers={"Content-Type": "application/octet-stream"},
            accept=(200, 201, 422),
        )
        body = decode_json(response)
        if response.status_code == 422 and body.get("error") != "photo_refused":
            raise RequestRefused(str(body.get("error")), str(body.get("message", "")))
        return body

    def get_blob(self, sha256: str) -> bytes:
        response = self._send("GET", f"/blobs/{sha256}", accept=(200,))
        data = response.content
        if hashlib.sha256(data).hexdigest() != sha256:
            raise Offline("blob_corrupt", "The photo arrived damaged")
        return data

    # -- people -----------------------------------------------------------------------

    def enroll(self, *, code: str, public_key: str) -> dict[str, Any]:
        return self._json("POST", "/auth/enroll", {"code": code, "public_key": public_key}).data

    def escrow_enroll(self, *, code: str, public_key: str) -> dict[str, Any]:
        """Enroll, and receive the desk's escrow key with the device token."""
        body = {"code": code, "public_key": public_key}
        return self._json("POST", "/escrow/enroll", body).data

    def escrow_unlock(self, *, desk_id: str, username: str, password: str) -> dict[str, Any]:
        """Sign in at a locked desk (no device token at hand yet): the login answer and the
        desk's escrow key. Raises `LoginRefused`, or `AuthError` for a revoked desk."""
        body = {"desk_id": desk_id, "username": username, "password": password}
        try:
            return self._json("POST", "/escrow/unlock", body).data
        except AuthError as error:
            if error.code == "desk_revoked":
                raise
            raise LoginRefused(error.code, error.message) from None
        except RequestRefused as error:  # escrow_missing: a desk enrolled before escrow keys
            raise LoginRefused(error.code, error.message) from None

    def login(self, *, username: str, password: str) -> dict[str, Any]:
        try:
            return self._json(
                "POST", "/auth/login", {"username": username, "password": password}
            ).data
        except AuthError as error:
            if error.code in ("desk_revoked", "bad_desk_token", "desk_token_required"):
                raise
            raise LoginRefused(error.code, error.message) from None

    def review_decide(
        self, *, session_token: str, target: str, id: str, decision: str, reason: str = ""
    ) -> dict[str, Any]:
        """A reviewer's decision, straight to the service with the reviewer's own session."""
        body = {"target": target, "id": id, "decision": decision, "reason": reason}
        return self._json(
            "POST", "/review/decide", body, headers={"Authorization": f"Bearer {session_token}"}
        ).data

    # -- plumbing ---------------------------------------------------------------------

    def _versions(self) -> dict[str, Any]:
        return {
            "protocol": self.protocol,
            "schema": self.schema,
            "desk_version": self.desk_version,
            "desk_time": self._clock().isoformat(),
            "app_version": self.desk_version,
        }

    def _json(
        self,
        method: str,
        path: str,
        body: dict[str, Any] | None,
        *,
        read_timeout: float | None = None,
        headers: dict[str, str] | None = None,
    ) -> Answer:
        sent_at = self._clock()
        started = time.monotonic()
        payload = None if body is None else json.dumps(body, ensure_ascii=False).encode()
        request_headers = {"Content-Type": "application/json"} if payload is not None else {}
        request_headers.update(headers or {})
        response = self._send(
            method, path, data=payload, headers=request_headers, read_timeout=read_timeout
        )
        latency = time.monotonic() - started
        data = decode_json(response)
        midpoint = sent_at.timestamp() + latency / 2
        return Answer(data, latency, _skew(midpoint, data, response))

    def _send(
        self,
        method: str,
        path: str,
        *,
        accept: tuple[int, ...] = (200, 201),
        read_timeout: float | None = None,
        **kwargs: Any,
    ) -> requests.Response:
        headers = dict(kwargs.pop("headers", None) or {})
        if self.token and "Authorization" not in headers:
            headers["X-Desk-Token"] = self.token
        timeout = (CONNECT_TIMEOUT_S, read_timeout or self.read_timeout_s)
        try:
            response = self._session.request(
                method, self.base_url + path, headers=headers, timeout=timeout, **kwargs
            )
            if method != "HEAD":
                _ = response.content  # read it all here, so a cut body is an Offline error
        except requests.RequestException as error:
            raise Offline("unreachable", type(error).__name__) from None
        if response.status_code in accept:
            return response
        raise _error_for(response)


def decode_json(response: requests.Response) -> dict[str, Any]:
    """The service's JSON object; anything else is a garbled (so temporary) answer."""
    try:
        data = orjson.loads(response.content)
    except ValueError:
        raise Offline("garbled_answer", f"HTTP {response.status_code} body is not JSON") from None
    if not isinstance(data, dict):
        raise Offline("garbled_answer", "The answer is not a JSON object")
    return data


def error_body(response: requests.Response) -> tuple[str, str, dict[str, Any]]:
    """(code, message, body) of a refusal, whatever shape its body has."""
    try:
        body = response.json()
    except ValueError:
        body = {}
    body = body if isinstance(body, dict) else {}
    code = str(body.get("error") or f"http_{response.status_code}")
    return code, str(body.get("message") or ""), body


def _error_for(response: requests.Response) -> Exception:
    status = response.status_code
    code, message, body = error_body(response)
    if status >= 500:
        return ServerError(code, message)
    if status == 409 and code in ("version_not_supported", "desk_too_old"):
        return VersionNotSupported(
            code,
            message,
            min=body.get("min"),
            max=body.get("max"),
            min_desk_version=_text_or_none(body.get("min_desk_version")),
            installer_url=_text_or_none(body.get("installer_url")) or "",
        )
    if status == 403 and code == "client_of_other_desk":
        return ClientNotOwned(code, message)
    if status == 429:
        return RateLimited(code, message)
    if status in (401, 403):
        return AuthError(code, message, wipe=bool(body.get("wipe")))
    if status in (408, 425):
        return Offline(code, message)
    return RequestRefused(code, message, status=status)


def _text_or_none(value: object) -> str | None:
    # Shown to the operator: a short string or nothing, whatever the answer held.
    return value[:500] if isinstance(value, str) and value else None


def _skew(midpoint: float, data: dict[str, Any], response: requests.Response) -> float | None:
    server: datetime | None = None
    stamp = data.get("server_time")
    if isinstance(stamp, str):
        try:
            server = datetime.fromisoformat(stamp.replace("Z", "+00:00"))
        except ValueError:
            server = None
    if server is None and response.headers.get("Date"):
        try:
            server = parsedate_to_datetime(response.headers["Date"])
        except (TypeError, ValueError):
            server = None
    if server is None or server.tzinfo is None:
        return None
    return midpoint - server.timestamp()
