"""Online work with the service under a person's own session: review queues and decisions,
and a host organisation's own tools. Never through the desk's offline queue: a decision is
made by a signed-in reviewer and is final only when the service says so. No Qt here.

`approve_in_one_sitting` decides an enterprise and its waiting badge requests as far as the
reviewer's scope reaches, so a walk-in is settled at one desk in one go.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

import requests

from desk import __version__
from desk.sync.client import decode_json, error_body
from desk.sync.errors import AuthError, Offline, RateLimited, ServerError, SyncError

log = logging.getLogger(__name__)

CONNECT_TIMEOUT_S = 3.05
READ_TIMEOUT_S = 15.0
QUEUE_KINDS = ("enterprise", "badge_request", "host_staff", "guest", "host_org")


class Refused(SyncError):
    """The service refused the request for a reason people can read (out of scope, already
    decided, a field wrong): `message_zh` / `message_en` say it."""

    def __init__(
        self, code: str, message_en: str, *, message_zh: str = "", status: int = 409,
        field: str | None = None,
    ) -> None:
        super().__init__(code, message_en)
        self.message_en = message_en
        self.message_zh = message_zh or message_en
        self.status = status
        self.field = field

    def words(self, language: str) -> str:
        return self.message_zh if language.lower().startswith("zh") else self.message_en


class SessionExpired(AuthError):
    """The person's session ended or was never there: sign in again."""


class ServiceSession:
    """One `requests.Session` against the service, as one signed-in person (a session
    token) or as this desk (its device token). Usable as a context manager."""

    def __init__(
        self,
        base_url: str,
        *,
        session_token: str | None = None,
        desk_token: str | None = None,
        read_timeout_s: float = READ_TIMEOUT_S,
    ) -> None:
        self.base_url = base_url.rstrip("/")
        self.session_token = session_token
        self.desk_token = desk_token
        self.read_timeout_s = read_timeout_s
        self.user: dict[str, Any] = {}
        self._http = requests.Session()
        self._http.headers["User-Agent"] = f"fairdesk/{__version__}"

    def __enter__(self) -> ServiceSession:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    def close(self) -> None:
        self._http.close()

    # -- people ---------------------------------------------------------------------------

    def login(self, username: str, password: str) -> dict[str, Any]:
        """Sign in as a person; keeps the session token for the calls that follow."""
        body = {"username": username, "password": password}
        if self.desk_token:
            body["desk_token"] = self.desk_token
        answer = self._json("POST", "/auth/login", body, auth=False)
        self.session_token = str(answer["token"])
        self.user = dict(answer.get("user") or {})
        return self.user

    def me(self) -> dict[str, Any]:
        self.user = self._json("GET", "/auth/me")
        return self.user

    # -- review ---------------------------------------------------------------------------

    def queue(self, kind: str, stage: int | None = None) -> list[dict[str, Any]]:
        params: dict[str, Any] = {"kind": kind}
        if stage is not None:
            params["stage"] = stage
        return list(self._json("GET", "/review/queue", params=params).get("items") or [])

    def decide(self, target: str, row_id: str, decision: str, reason: str = "") -> str:
        """The application's state after the decision."""
        body = {"target": target, "id": row_id, "decision": decision, "reason": reason}
        answer = self._json("POST", "/review/decide", body)
        return str((answer.get("details") or {}).get("state") or "")

    def names(
        self, enterprise_ids: Iterable[str] = (), host_org_ids: Iterable[str] = ()
    ) -> dict[str, dict[str, Any]]:
        body = {"enterprise_ids": sorted(set(enterprise_ids)),
                "host_org_ids": sorted(set(host_org_ids))}
        if not body["enterprise_ids"] and not body["host_org_ids"]:
            return {"enterprises": {}, "host_orgs": {}}
        return self._json("POST", "/review/names", body)

    # -- photos and scans ----------------------------------------------------------------

    def blob(self, sha256: str) -> bytes:
        response = self._send("GET", f"/blobs/{sha256}")
        data = response.content
        if hashlib.sha256(data).hexdigest() != sha256.lower():
            raise Offline("blob_corrupt", "The file arrived damaged")
        return data

    def put_blob(self, data: bytes, kind: str) -> str:
        """Upload a photo or scan; its hash once the service accepted it."""
        sha256 = hashlib.sha256(data).hexdigest()
        response = self._send(
            "PUT", f"/blobs/{sha256}", params={"kind": kind}, data=data,
            headers={"Content-Type": "application/octet-stream"}, accept=(200, 201, 422),
        )
        body = decode_json(response)
        if response.status_code == 422:
            failures = body.get("failures") or []
            first = failures[0] if failures else {}
            raise Refused(
                str(body.get("error") or "photo_refused"),
                str(first.get("message_en") or "The photo did not pass the checks"),
                message_zh=str(first.get("message_zh") or "照片未通过检查"),
                status=422,
            )
        return sha256

    # -- host organisation ----------------------------------------------------------------

    def host(self, what: str) -> dict[str, Any]:
        """`overview`, `org`, `codes`, `people` or `code-requests` of the user's organisation."""
        return self._json("GET", f"/host/{what}")

    def request_codes(self, count: int) -> None:
        self._json("POST", "/host/codes/request", {"count": count})

    def command(self, name: str, args: dict[str, Any]) -> dict[str, Any]:
        """A host or admin command run online with this person's session."""
        return self._json("POST", "/commands", {"name": name, "args": args})

    # -- badge signatures -----------------------------------------------------------------

    def public_keys(self) -> list[dict[str, Any]]:
        return list(self._json("GET", "/keys", auth=False).get("keys") or [])

    def sign_revision(self, badge_id: str, revision_desk: str, counter: int) -> dict[str, Any]:
        body = {"badge_id": badge_id, "revision_desk": revision_desk, "revision_counter": counter}
        return self._json("POST", "/badges/sign", body)

    # -- plumbing -------------------------------------------------------------------------

    def _headers(self, auth: bool) -> dict[str, str]:
        if not auth:
            return {}
        if self.session_token:
            return {"Authorization": f"Bearer {self.session_token}"}
        if self.desk_token:
            return {"X-Desk-Token": self.desk_token}
        raise SessionExpired("login_required", "Sign in first")

    def _json(
        self, method: str, path: str, body: dict[str, Any] | None = None, *,
        params: dict[str, Any] | None = None, auth: bool = True,
    ) -> dict[str, Any]:
        response = self._send(method, path, json=body, params=params, auth=auth)
        return decode_json(response)

    def _send(
        self, method: str, path: str, *, accept: tuple[int, ...] = (200, 201), auth: bool = True,
        headers: dict[str, str] | None = None, **kwargs: Any,
    ) -> requests.Response:
        all_headers = {**self._headers(auth), **(headers or {})}
        try:
            response = self._http.request(
                method, self.base_url + path, headers=all_headers,
                timeout=(CONNECT_TIMEOUT_S, self.read_timeout_s), **kwargs,
            )
            _ = response.content
        except requests.RequestException as error:
            raise Offline("unreachable", type(error).__name__) from None
        if response.status_code in accept:
            return response
        raise _error_for(response)


def _error_for(response: requests.Response) -> SyncError:
    status = response.status_code
    code, message, body = error_body(response)
    if status >= 500:
        return ServerError(code, message)
    if status == 429:
        return RateLimited(code, message)
    if status == 401:
        return SessionExpired(code, message)
    if status == 403 and code in ("desk_revoked", "bad_desk_token"):
        return AuthError(code, message)
    return Refused(code, message or code, message_zh=str(body.get("message_zh") or ""),
                   status=status, field=body.get("field"))


# One sitting ------------------------------------------------------------------------------


@dataclass
class SittingResult:
    """What `approve_in_one_sitting` did: each application's state after it, and what the
    service refused (by id), so the reviewer sees which ones still wait and why."""

    states: dict[str, str] = field(default_factory=dict)
    refused: dict[str, Refused] = field(default_factory=dict)

    @property
    def decided(self) -> int:
        return len(self.states)


def approve_fully(
    client: ServiceSession, target: str, row_id: str, *, committee: bool,
    result: SittingResult,
) -> str | None:
    """Approve one application; a committee reviewer who owns both stages (its own office's
    walk-ins) approves the second stage at once too. The last state, or None if refused."""
    state: str | None = None
    for _stage in range(2):
        try:
            state = client.decide(target, row_id, "approve")
        except Refused as error:
            if state is None:
                result.refused[row_id] = error
            break
        result.states[row_id] = state
        if state != "under_review" or not committee:
            break
    return state


def approve_in_one_sitting(
    client: ServiceSession,
    *,
    enterprise_id: str,
    request_ids: Iterable[str],
    committee: bool,
    progress: Callable[[int], None] | None = None,
) -> SittingResult:
    """Approve an enterprise and, once it is approved, the badge requests that waited for it."""
    result = SittingResult()
    state = approve_fully(client, "enterprise", enterprise_id, committee=committee,
                          result=result)
    if progress is not None:
        progress(1)
    if state != "approved":
        return result  # its requests enter review only when the enterprise is approved
    for done, request_id in enumerate(request_ids, start=2):
        approve_fully(client, "badge_request", request_id, committee=committee, result=result)
        if progress is not None:
            progress(done)
    log.info("one sitting: %d decided, %d refused", result.decided, len(result.refused))
    return result
