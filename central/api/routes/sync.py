"""`POST /sync/push` and `POST /sync/pull`: the desk side of the sync protocol."""

from __future__ import annotations

import asyncio
import logging
import time
from datetime import UTC, datetime
from typing import Any

import orjson
from fastapi import APIRouter, Request, Response
from fastapi.concurrency import run_in_threadpool
from pydantic import ValidationError
from sqlalchemy import exc, select, update
from starlette.background import BackgroundTask

from central.api import compression
from central.api.deps import check_protocol, desk_in_session, desk_token, get_state
from central.api.errors import ApiError
from central.api.schemas import DeskReport, PullIn, PushIn
from central.api.state import AppState
from central.db.tables import Desk
from central.services import clients
from central.services import pull as pull_service
from central.services import push as push_service

router = APIRouter(prefix="/sync", tags=["sync"])
log = logging.getLogger(__name__)

PULL_MARK_EVERY_S = 5.0
# Pages this small (changes and results) are joined, and rarely big enough to pack, in less
# time than a hop to a worker thread takes.
INLINE_ROWS = 16


async def _body(request: Request, state: AppState) -> dict[str, Any]:
    try:
        body = orjson.loads(await request.body())
    except orjson.JSONDecodeError:
        raise ApiError(400, "bad_json", "The body is not JSON") from None
    if not isinstance(body, dict):
        raise ApiError(400, "bad_json", "The body must be a JSON object")
    check_protocol(state, body)
    return body


def _validated(model: type[Any], body: dict[str, Any]) -> Any:
    try:
        return model.model_validate(body)
    except ValidationError as error:
        raise ApiError(
            422,
            "bad_request",
            "The request is malformed",
            errors=error.errors(include_url=False, include_context=False),
        ) from None


def _report(report: DeskReport) -> dict[str, Any]:
    stats: dict[str, Any] = {
        "outbox_waiting": report.outbox_waiting,
        "outbox_rejected": report.outbox_rejected,
        "app_version": report.app_version,
    }
    if report.desk_time is not None and report.desk_time.tzinfo is not None:
        stats["clock_skew_s"] = (report.desk_time - datetime.now(UTC)).total_seconds()
    return stats


class FastJSON(Response):
    """orjson as it is: the bodies are JSON-ready already, and FastAPI's generic encoder
    walking every value of a 1,000-row page costs more than the query."""

    media_type = "application/json"

    def render(self, content: Any) -> bytes:
        return orjson.dumps(content)


@router.post("/push", response_class=FastJSON)
async def push(request: Request) -> Any:
    # The state is taken as it is, not through a dependency: resolving one costs a tenth of
    # a small request's time, and every desk sends several of these a second.
    state = get_state(request)
    body = await _body(request, state)
    incoming: PushIn = _validated(PushIn, body)
    if len(incoming.commands) > state.settings.push_max_commands:
        raise ApiError(
            413,
            "batch_too_large",
            "Too many commands in one push",
            max=state.settings.push_max_commands,
        )
    token = desk_token(request)
    outcome = await run_in_threadpool(
        push_service.apply_batch,
        state.db,
        # Locked from the start: the push writes the desk's bookkeeping with the version
        # stamp, and must not wait for the row (a pull's bookkeeping, an administrator)
        # while it holds the version counter that every push needs.
        find_desk=lambda session: desk_in_session(session, token, lock=True),
        client_id=incoming.client_id,
        commands=incoming.commands,
        stats=_report(incoming),
        gateway=state.gateway,
    )
    answer: dict[str, Any] = {
        "last_command_id": outcome.last_command_id,
        "version": outcome.version,
        "results": outcome.results,
        "server_time": datetime.now(UTC).isoformat(),
    }
    if outcome.stopped is not None:
        answer["stopped"] = outcome.stopped
    return FastJSON(answer)


def _mark_pull(state: AppState, desk_id: Any, stats: dict[str, Any]) -> None:
    """Record the desk's last pull, after the answer is sent. Only bookkeeping: when the
    database is too busy to take the write (SQLite's one writer queued behind many pushes),
    or the desk's row is locked (by its next push, on PostgreSQL), it is skipped, never a
    reason to fail the pull or to keep a worker thread waiting."""
    try:
        with state.db.write() as session:
            values = clients.desk_report(stats, push=False)
            free = (
                select(Desk.id)
                .where(Desk.id == desk_id)
                .with_for_update(skip_locked=True)
                .scalar_subquery()
            )
            session.execute(update(Desk).where(Desk.id == free).values(**values))
    except exc.DBAPIError as error:
        log.info("last-pull bookkeeping skipped: %s", type(error.orig).__name__)


@router.post("/pull", response_class=FastJSON)
async def pull(request: Request) -> Any:
    state = get_state(request)
    body = await _body(request, state)
    incoming: PullIn = _validated(PullIn, body)
    token = desk_token(request)
    limit = min(incoming.limit, state.settings.pull_max_limit)
    wait = min(incoming.wait, state.settings.pull_max_wait_s)
    deadline = asyncio.get_running_loop().time() + wait
    while True:
        page = await run_in_threadpool(
            pull_service.read_page,
            state.db,
            state.recent,
            find_desk=lambda session: desk_in_session(session, token),
            client_id=incoming.client_id,
            cursor=incoming.cursor,
            limit=limit,
            results_after=incoming.results_after,
        )
        remaining = deadline - asyncio.get_running_loop().time()
        if page.reset or page.changes or page.meta.get("results") or remaining <= 0:
            break
        # Nothing new: wait for a commit above what this snapshot saw, then read again.
        await state.notifier.wait_newer(page.meta["cursor"], remaining)
    page.meta["server_time"] = datetime.now(UTC).isoformat()
    mark = None
    now = time.monotonic()
    # At most every few seconds per desk: a pull is otherwise a read.
    if not page.reset and now - state.pull_marks.get(page.desk.id, 0.0) >= PULL_MARK_EVERY_S:
        state.pull_marks[page.desk.id] = now
        stats = {**_report(incoming), "pulled_version": page.meta["cursor"]}
        mark = BackgroundTask(_mark_pull, state, page.desk.id, stats)
    accept = request.headers.get("accept-encoding", "")
    if len(page.changes) + len(page.meta.get("results") or ()) <= INLINE_ROWS:
        content, headers = _pull_content(page, accept)
    else:  # megabytes to join and pack: off the event loop
        content, headers = await run_in_threadpool(_pull_content, page, accept)
    return Response(content, media_type="application/json", headers=headers, background=mark)


def _pull_content(page: pull_service.Page, accept_encoding: str) -> tuple[bytes, dict[str, str]]:
    return compression.pack(page.body(), accept_encoding)
