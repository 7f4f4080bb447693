"""Recording commands with their local effect, and taking in the service's answers.

`record` is the one way a desk changes data: the command runs on the replica (so the
operator sees it at once), gets the next id of this replica's client id, and lands in the
outbox, all in one SQLite transaction. A local refusal raises and stores nothing.
"""

from __future__ import annotations

import json
import logging
import uuid
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from desk.models.commands import QUEUEABLE, CommandRefused, Outcome, run_command
from desk.sync import attention, rebase
from desk.sync.replica import Replica, ReplicaPhotos, own_client, sync_state
from desk.sync.tables import (
    APPLIED,
    MERGED,
    OUTBOX_STATUSES,
    PENDING,
    REJECTED,
    OutboxCommand,
    SyncClient,
)

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Recorded:
    """A command committed on the replica and queued for the service."""

    client_id: uuid.UUID
    id: int
    outcome: Outcome


@dataclass
class AnswerEffect:
    """What a batch of results changed: newly answered, newly refused (needs a rebase)."""

    answered: int = 0
    rejected: int = 0
    changed_ids: list[int] = field(default_factory=list)


def context_for(session: Session, replica: Replica) -> rebase.ContextFactory:
    state = sync_state(session)
    return rebase.command_context(
        desk_id=state.desk_id, host_org_id=state.host_org_id, photos=ReplicaPhotos(session)
    )


def record(
    replica: Replica,
    name: str,
    args: Mapping[str, Any],
    *,
    operator_id: uuid.UUID,
    occurred_at: datetime | None = None,
) -> Recorded:
    """Run `name` on the replica for the signed-in operator and queue it, in one transaction.

    Raises `CommandRefused` (nothing stored) when the command fails here already.
    """
    if name not in QUEUEABLE:
        raise CommandRefused(
            "not_queueable",
            "该操作须在线直接提交",
            "This is not something a desk can queue",
            details={"command": name},
        )
    # The service sees JSON: run the command here on exactly that, too.
    plain_args = json.loads(json.dumps(dict(args), default=str))
    when = occurred_at or replica.clock()
    with replica.write() as session:
        command_row = OutboxCommand(
            name=name,
            v=1,
            args=plain_args,
            operator_id=operator_id,
            occurred_at=when,
            status=PENDING,
        )
        context = context_for(session, replica)(command_row)
        session.info[rebase.CAPTURE] = True
        try:
            outcome = run_command(session, context, name, plain_args)
        finally:
            session.info.pop(rebase.CAPTURE, None)
        client = own_client(session)
        client.last_allocated_id += 1
        command_row.client_id = client.client_id
        command_row.id = client.last_allocated_id
        command_row.seq = _next_seq(session)
        session.add(command_row)
    log.info("recorded command %s #%d", name, command_row.id)
    replica.notify_recorded()
    return Recorded(command_row.client_id, command_row.id, outcome)


def _next_seq(session: Session) -> int:
    return int(session.scalar(select(func.coalesce(func.max(OutboxCommand.seq), 0))) or 0) + 1


def to_push(command: OutboxCommand) -> dict[str, Any]:
    return {
        "id": command.id,
        "name": command.name,
        "v": command.v,
        "operator_id": str(command.operator_id) if command.operator_id else None,
        "occurred_at": command.occurred_at.isoformat().replace("+00:00", "Z"),
        "args": command.args,
    }


def sendable(session: Session, client: SyncClient, limit: int) -> list[OutboxCommand]:
    """The next commands to send under `client`: every one the service has not answered as
    far as we know, from `server_last_id + 1` (after a restore, answered ones go again)."""
    last = client.server_last_id or 0
    return list(
        session.scalars(
            select(OutboxCommand)
            .where(
                OutboxCommand.client_id == client.client_id,
                (OutboxCommand.status == PENDING) | (OutboxCommand.id > last),
            )
            .order_by(OutboxCommand.id)
            .limit(limit)
        )
    )


def apply_results(
    session: Session,
    client_id: uuid.UUID,
    results: Iterable[Mapping[str, Any]],
    *,
    answered_version: int,
    now: datetime,
) -> AnswerEffect:
    """Mark outbox rows answered; refused and merged ones (and flagged hand-outs) become
    attention items. A result that changed (a restored service answered differently)
    replaces the old one."""
    effect = AnswerEffect()
    client = session.get(SyncClient, client_id)
    results = list(results)
    ids = [r.get("id") for r in results if isinstance(r.get("id"), int)]
    rows = {
        row.id: row
        for start in range(0, len(ids), 500)
        for row in session.scalars(
            select(OutboxCommand).where(
                OutboxCommand.client_id == client_id, OutboxCommand.id.in_(ids[start : start + 500])
            )
        )
    }
    for result in results:
        command_id = result.get("id")
        status = result.get("status")
        if not isinstance(command_id, int) or status not in OUTBOX_STATUSES or status == PENDING:
            continue
        row = rows.get(command_id)
        if row is None:
            continue  # not ours any more (a restored replica): nothing to mark
        stored = {
            k: result.get(k)
            for k in ("status", "code", "message_zh", "message_en", "field", "details")
        }
        if row.status != PENDING and row.result == stored:
            continue
        was_effective = row.status in (PENDING, APPLIED, MERGED)
        row.status = str(status)
        row.result = stored
        row.answered_version = answered_version
        row.answered_at = now
        effect.answered += 1
        effect.changed_ids.append(command_id)
        if status == REJECTED and was_effective:
            effect.rejected += 1
        attention.note_result(session, row)
        if client is not None and command_id > client.max_answered_id:
            client.max_answered_id = command_id
    return effect


def counts(session: Session) -> dict[str, int]:
    """Outbox rows by status (every status present, zero when none)."""
    rows = session.execute(
        select(OutboxCommand.status, func.count()).group_by(OutboxCommand.status)
    ).all()
    found = {status: int(n) for status, n in rows}
    return {status: found.get(status, 0) for status in OUTBOX_STATUSES}


def pending_photo_hashes(command: OutboxCommand) -> list[str]:
    """Photo hashes a command names (any `*sha256` argument), in order, once each."""
    found: list[str] = []

    def walk(value: Any, key: str = "") -> None:
        if isinstance(value, dict):
            for k, v in value.items():
                walk(v, str(k))
        elif isinstance(value, list):
            for v in value:
                walk(v, key)
        elif key.endswith("sha256") and isinstance(value, str) and len(value) == 64:
            digest = value.lower()
            if digest not in found:
                found.append(digest)

    walk(command.args)
    return found


def resend(
    replica: Replica,
    item_id: int,
    *,
    operator_id: uuid.UUID,
    args: Mapping[str, Any] | None = None,
) -> Recorded:
    """Send a refused command again (its kept arguments, or the operator's corrections) as a
    new command, and close the item. Raises `CommandRefused` if it fails here already."""
    with replica.read() as session:
        item = attention.get_item(session, item_id)
    if item is None or item.kind not in attention.RESENDABLE or item.command_name is None:
        raise CommandRefused(
            "not_resendable", "该事项不能重新提交", "This item cannot be sent again"
        )
    recorded = record(
        replica,
        item.command_name,
        args if args is not None else (item.args or {}),
        operator_id=operator_id,
    )
    with replica.write() as session:
        attention.resolve(session, item_id, resolution="resent", now=replica.clock())
    return recorded


def resolve_item(replica: Replica, item_id: int, resolution: str = "done") -> None:
    with replica.write() as session:
        attention.resolve(session, item_id, resolution=resolution, now=replica.clock())
