"""`HEAD` / `PUT` / `GET /blobs/{sha256}`: photos and scans by content hash."""

from __future__ import annotations

import asyncio
import math
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from fastapi import APIRouter, Query, Request, Response
from fastapi.concurrency import run_in_threadpool

from central.api.deps import StateDep, bearer, desk_from_token, desk_token
from central.api.errors import ApiError
from central.api.schemas import errors
from central.api.state import AppState
from central.core import security
from central.db.tables import Blob
from central.services import accounts
from central.services import blobs as blob_service
from central.services.audit import audit

router = APIRouter(prefix="/blobs", tags=["blobs"])

HEX = set("0123456789abcdef")


def _caller(request: Request, state: AppState) -> dict[str, Any]:
    """Blobs are for enrolled desks and signed-in users alike."""
    token = bearer(request)
    if token and token.startswith(security.SESSION_TOKEN_PREFIX + "_"):
        with state.db.read() as session:
            signed_in = accounts.user_for_token(session, token)
        if signed_in is None:
            raise ApiError(401, "session_expired", "Sign in again")
        return {"user_id": signed_in.user.id, "role": signed_in.user.role, "desk_id": None}
    desk = desk_from_token(state, desk_token(request))
    return {"user_id": None, "role": "desk", "desk_id": desk.id}


class CheckTurns:
    """At most `size` photo checks at once in this process. Each holds a core for up to a
    second; a queue without bound would turn a burst of uploads into minutes of latency for
    everyone (and memory for every waiting body), so a caller that would wait longer than
    `wait_s`, or finds the queue already that long, is told to come back."""

    def __init__(self, size: int, wait_s: float) -> None:
        self.size = max(1, size)
        self.wait_s = wait_s
        self._free = asyncio.Semaphore(self.size)
        self.waiting = 0
        self.running = 0

    def _busy(self) -> ApiError:
        return ApiError(
            503,
            "photo_checks_busy",
            "The service is checking other photos: send this one again shortly",
            headers={"Retry-After": str(max(1, math.ceil(self.wait_s)))},
        )

    @asynccontextmanager
    async def turn(self) -> AsyncIterator[None]:
        # A turn lasts about a second: more waiting than `wait_s` turns' worth is too long.
        if self.waiting >= self.size * max(1, math.ceil(self.wait_s)):
            raise self._busy()
        self.waiting += 1
        try:
            await asyncio.wait_for(self._free.acquire(), timeout=self.wait_s)
        except TimeoutError:
            raise self._busy() from None
        finally:
            self.waiting -= 1
        self.running += 1
        try:
            yield
        finally:
            self.running -= 1
            self._free.release()


def check_turns(request: Request, state: AppState) -> CheckTurns:
    """This process's photo-check turns (one set per application)."""
    turns = getattr(request.app.state, "photo_check_turns", None)
    if turns is None:
        settings = state.settings
        turns = CheckTurns(settings.photo_checks_at_once, settings.photo_check_wait_s)
        request.app.state.photo_check_turns = turns
    assert isinstance(turns, CheckTurns)
    return turns


def _hash(sha256: str) -> str:
    sha256 = sha256.lower()
    if len(sha256) != 64 or not set(sha256) <= HEX:
        raise ApiError(400, "bad_hash", "A blob is named by its SHA-256 in hex")
    return sha256


def _limit(state: AppState, kind: str) -> int:
    s = state.settings
    return s.licence_max_bytes if kind == "licence" else s.photo_max_bytes


def _row(state: AppState, sha256: str) -> Blob | None:
    with state.db.read() as session:
        return session.get(Blob, sha256)


@router.head("/{sha256}", responses=errors(400, 401, 403, 404))
async def head_blob(sha256: str, request: Request, state: StateDep) -> Response:
    await run_in_threadpool(_caller, request, state)
    row = await run_in_threadpool(_row, state, _hash(sha256))
    if row is None:
        return Response(status_code=404)
    return Response(
        status_code=200,
        headers={"X-Blob-Status": "accepted" if row.ok else "refused", "X-Blob-Kind": row.kind},
    )


@router.get("/{sha256}", responses=errors(400, 401, 403, 404))
async def get_blob(sha256: str, request: Request, state: StateDep) -> Response:
    await run_in_threadpool(_caller, request, state)
    digest = _hash(sha256)
    data = await run_in_threadpool(state.blobs.read, digest)
    if data is None:
        raise ApiError(404, "blob_missing", "No blob with this hash")
    media = "image/png" if data.startswith(b"\x89PNG") else "image/jpeg"
    return Response(
        content=data,
        media_type=media,
        headers={"Cache-Control": "private, max-age=31536000, immutable"},
    )


def _store(
    state: AppState,
    caller: dict[str, Any],
    sha256: str,
    kind: str,
    data: bytes,
    verdict: blob_service.Verdict,
    address: str,
) -> tuple[Blob, bool]:
    if verdict.ok:
        state.blobs.write(sha256, data)
    with state.db.write() as session:
        existing = session.get(Blob, sha256)
        if existing is not None:
            return existing, False
        row = blob_service.record(
            session, sha256=sha256, kind=kind, size=len(data), verdict=verdict
        )
        audit(
            session,
            action=f"blob:{'accepted' if verdict.ok else 'refused'}",
            target=sha256,
            user_id=caller["user_id"],
            role=caller["role"],
            desk_id=caller["desk_id"],
            address=address,
        )
        return row, True


@router.put("/{sha256}", responses=errors(400, 401, 403, 413, 422, 503))
async def put_blob(
    sha256: str,
    request: Request,
    state: StateDep,
    kind: str = Query(..., description="badge | one-inch | licence"),
) -> Response:
    caller = await run_in_threadpool(_caller, request, state)
    digest = _hash(sha256)
    if kind not in blob_service.KINDS:
        raise ApiError(422, "bad_kind", f"kind is one of {', '.join(blob_service.KINDS)}")
    limit = _limit(state, kind)
    declared = request.headers.get("content-length")
    if declared is not None and declared.isdigit() and int(declared) > limit:
        raise ApiError(413, "too_large", f"At most {limit} bytes for {kind}", max=limit)
    existing = await run_in_threadpool(_row, state, digest)
    if existing is not None:
        return _answer(existing, created=False)
    data = bytearray()
    async for chunk in request.stream():
        data.extend(chunk)
        if len(data) > limit:
            raise ApiError(413, "too_large", f"At most {limit} bytes for {kind}", max=limit)
    body = bytes(data)
    if blob_service.sha256_of(body) != digest:
        raise ApiError(400, "hash_mismatch", "The bytes do not match the hash: send them again")
    # The photo rules are CPU-bound: off the event loop, and only a few at once.
    async with check_turns(request, state).turn():
        verdict = await run_in_threadpool(blob_service.check_blob, body, kind)
    address = request.client.host if request.client else "unknown"
    row, created = await run_in_threadpool(
        _store, state, caller, digest, kind, body, verdict, address
    )
    return _answer(row, created=created)


def _answer(row: Blob, *, created: bool) -> Response:
    from fastapi.responses import JSONResponse

    body = blob_service.blob_answer(row)
    if not row.ok:
        # Refused for good: the same bytes will always be refused; retake the photo.
        return JSONResponse({"error": "photo_refused", **body}, status_code=422)
    return JSONResponse(body, status_code=201 if created else 200)
