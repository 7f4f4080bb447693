"""Applying a desk's pushed commands: in order, each at most once, one transaction a batch.

Per batch: lock the replica's `sync_client` row (one push in flight per replica), then run
each command in id order. A refusal is permanent (its effect is rolled back, a `rejected`
result is stored, the id advances); a temporary failure stops the batch there without
advancing, and the desk sends the rest again later.

Two passes. The first runs the commands without savepoints: almost every command applies,
and a savepoint costs two round trips per command. A refusal that left nothing behind (the
usual case: a rule failed before anything was written) is stored as it is. Anything else
(a refusal after a write, a lost race on a unique index, a database error) rolls the whole
batch back and runs it again with a savepoint per command, which undoes one command alone.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import Table, exc, select
from sqlalchemy.orm import Session

from central.db import versioning
from central.db.engine import Database
from central.db.tables import CommandResult, Desk, SyncClient
from central.services.audit import AUDIT_TABLE, command_target
from central.services.clients import (
    Operators,
    PushError,
    command_time,
    desk_report,
    owned_client,
    time_or_none,
    uuid_or_none,
)
from central.services.commands import execute
from central.services.gateway import NoticeGateway
from central.services.results import applied, refusal, replayed, result_dict
from desk.models.coltypes import utc_now
from desk.models.commands import (
    COMMANDS,
    OPERATOR,
    QUEUEABLE,
    Actor,
    CommandRefused,
    TemporaryFailure,
)

log = logging.getLogger(__name__)

RESULT_TABLE: Table = CommandResult.__table__  # type: ignore[assignment]
CLIENT_TABLE: Table = SyncClient.__table__  # type: ignore[assignment]
DESK_TABLE: Table = Desk.__table__  # type: ignore[assignment]

__all__ = ["BatchOutcome", "PushError", "apply_batch", "result_dict"]


@dataclass
class BatchOutcome:
    last_command_id: int
    version: int
    results: list[dict[str, Any]] = field(default_factory=list)
    stopped: dict[str, Any] | None = None
    audit_rows: list[dict[str, Any]] = field(default_factory=list)


class _Unclean(Exception):
    """A command failed in the first pass after writing something: run the batch again."""


def apply_batch(
    db: Database,
    *,
    client_id: uuid.UUID,
    commands: list[dict[str, Any]],
    stats: dict[str, Any],
    desk_id: uuid.UUID | None = None,
    find_desk: Callable[[Session], Desk] | None = None,
    gateway: NoticeGateway | None = None,
) -> BatchOutcome:
    """Apply one push. The desk is `desk_id`, or what `find_desk` answers inside the same
    transaction (the token check of a request, so it costs no transaction of its own)."""
    for careful in (False, True):
        try:
            with db.write() as session:
                desk = find_desk(session) if find_desk else session.get(Desk, desk_id)
                if desk is None or desk.revoked:
                    raise PushError(403, "desk_revoked", "This desk is revoked")
                client = owned_client(session, desk, client_id, lock=True)
                outcome = _run(session, desk, client, commands, gateway, careful=careful)
                _store(session, db, desk, client, outcome, stats)
            outcome.results = [result_dict(r) for r in outcome.results]
            return outcome
        except _Unclean:
            log.info("push batch needs savepoints; running it again")
    raise AssertionError("the careful pass never asks for another")  # pragma: no cover


def _store(
    session: Session,
    db: Database,
    desk: Desk,
    client: SyncClient,
    outcome: BatchOutcome,
    stats: dict[str, Any],
) -> None:
    """Advance the client, store the new results under this transaction's version, with the
    audit rows and the desk's bookkeeping.

    All of it goes in with the version stamp, the transaction's last statement (on
    PostgreSQL one statement: each round trip costs a push more than the row it writes), so
    that only bookkeeping in memory runs between it and COMMIT while the version counter is
    locked (see `versioning`); the rows it updates are locked already (the desk's and the
    replica's, at the start of the push), so it never waits for another transaction while it
    holds the counter. The results are turned into answers after the commit."""
    new_results = [r for r in outcome.results if r.pop("_new", False)]
    carry = [versioning.Carried(AUDIT_TABLE, outcome.audit_rows, versioned=False)]
    changed = [versioning.Changed(DESK_TABLE, {"id": desk.id}, desk_report(stats, push=True))]
    extra = 0
    if new_results:
        extra = 1
        carry.append(versioning.Carried(RESULT_TABLE, new_results))
        changed.append(
            versioning.Changed(
                CLIENT_TABLE,
                {"client_id": client.client_id},
                {"last_command_id": outcome.last_command_id, "updated_at": utc_now()},
            )
        )
    version = versioning.stamp(
        session, postgres=db.is_postgres, extra=extra, carry=carry, changed=changed
    )
    outcome.version = version if version is not None else versioning.current_version(session)


def _stored_results(
    session: Session, client: SyncClient, commands: list[dict[str, Any]]
) -> dict[int, CommandResult]:
    seen = [
        c.get("id")
        for c in commands
        if isinstance(c.get("id"), int) and c["id"] <= client.last_command_id
    ]
    if not seen:
        return {}
    query = select(CommandResult).where(
        CommandResult.client_id == client.client_id, CommandResult.id.in_(seen)
    )
    return {r.id: r for r in session.scalars(query)}


def _run(
    session: Session,
    desk: Desk,
    client: SyncClient,
    commands: list[dict[str, Any]],
    gateway: NoticeGateway | None,
    *,
    careful: bool,
) -> BatchOutcome:
    last = client.last_command_id
    outcome = BatchOutcome(last_command_id=last, version=0)
    stored = _stored_results(session, client, commands)
    operators = Operators(session, desk)
    now = utc_now()
    audit_rows = outcome.audit_rows
    for command in sorted(commands, key=_command_order):
        cid = command.get("id")
        if not isinstance(cid, int) or isinstance(cid, bool) or cid < 1:
            outcome.stopped = {
                "id": cid,
                "code": "bad_id",
                "message_en": "Command ids are integers >= 1",
            }
            break
        if cid <= client.last_command_id:
            outcome.results.append(replayed(cid, stored.get(cid)))
            continue
        if cid != last + 1:
            outcome.stopped = {
                "id": cid,
                "code": "gap",
                "message_en": f"Expected command {last + 1}",
            }
            break
        if careful:
            answer = _check(command, operators) or _run_careful(
                session, desk, command, operators, now, gateway
            )
        else:
            answer = _run_fast(session, desk, command, operators, now, gateway)
        if answer is None:  # temporary: stop here, the desk sends it again later
            outcome.stopped = command.get("_temporary") or {"id": cid, "code": "temporary"}
            break
        last = cid
        row = {
            "client_id": client.client_id,
            "id": cid,
            "name": str(command.get("name"))[:40],
            "operator_id": uuid_or_none(command.get("operator_id")),
            "desk_id": desk.id,
            "occurred_at": time_or_none(command.get("occurred_at")),
            "stored_at": now,
            "_new": True,
            **answer,
        }
        outcome.results.append(row)
        audit_rows.append(
            {
                "at": now,
                "user_id": row["operator_id"],
                "role": OPERATOR,
                "desk_id": desk.id,
                "action": f"push:{row['name']}",
                "target": command_target(command.get("args")),
                "outcome": answer["status"],
                "address": None,
            }
        )
    outcome.last_command_id = last
    if not careful:
        try:
            session.flush()  # the batch's inserts, in one statement per table
        except Exception as error:
            raise _Unclean from error
    return outcome


def _command_order(command: dict[str, Any]) -> int:
    cid = command.get("id")
    return cid if isinstance(cid, int) else -1


def _check(command: dict[str, Any], operators: Operators) -> dict[str, Any] | None:
    """A refusal decided before the command runs, or None to run it."""
    name = command.get("name")
    if not isinstance(name, str) or name not in COMMANDS:
        return refusal(CommandRefused("unknown_command", "未知的操作", f"Unknown command {name!r}"))
    if name not in QUEUEABLE:
        return refusal(
            CommandRefused(
                "not_queueable",
                "审核决定须由审核员在线作出",
                "Review decisions are made online by a reviewer, not sent by a desk",
            )
        )
    if operators.allowed(command.get("operator_id")) is None:
        return refusal(
            CommandRefused(
                "operator_not_allowed",
                "该操作员不能在此登记台操作",
                "This operator is not active or not allowed at this desk",
                field="operator_id",
            )
        )
    if not isinstance(command.get("args"), dict):
        return refusal(CommandRefused("bad_arguments", "参数无效", "Arguments must be an object"))
    return None


def _actor(desk: Desk, command: dict[str, Any], operators: Operators) -> Actor:
    operator = operators.allowed(command.get("operator_id"))
    assert operator is not None  # `_check` refused the command otherwise
    return Actor(
        role=operator.role, user_id=operator.id, desk_id=desk.id, host_org_id=desk.host_org_id
    )


def _temporary(command: dict[str, Any], code: str, message: str) -> None:
    command["_temporary"] = {"id": command.get("id"), "code": code, "message_en": message}


def _run_fast(
    session: Session,
    desk: Desk,
    command: dict[str, Any],
    operators: Operators,
    now: datetime,
    gateway: NoticeGateway | None,
) -> dict[str, Any] | None:
    """One command without a savepoint, its inserts left pending for one flush per batch;
    `_Unclean` when its failure may have left a trace.

    A refusal is clean when the command wrote nothing and added nothing to the session.
    Changes to rows already stored are flushed before each command, so a refused command
    cannot hide its own change to such a row among those of the commands before it.
    """
    try:
        refused = _check(command, operators)
        if refused is not None:
            return refused
        if session.dirty or session.deleted:
            session.flush()
    except Exception as error:
        raise _Unclean from error
    writes = versioning.writes(session)
    pending = set(session.new)
    try:
        result = execute(
            session,
            actor=_actor(desk, command, operators),
            name=command["name"],
            args=command["args"],
            now=command_time(command, desk, now),
            gateway=gateway,
            optimistic=True,
        )
    except (CommandRefused, TemporaryFailure) as failure:
        if (
            versioning.writes(session) != writes
            or session.dirty
            or session.deleted
            or set(session.new) != pending
        ):
            raise _Unclean from failure
        if isinstance(failure, TemporaryFailure):
            _temporary(command, failure.code, str(failure))
            return None
        return refusal(failure)
    except Exception as error:
        raise _Unclean from error
    return applied(result)


def _run_careful(
    session: Session,
    desk: Desk,
    command: dict[str, Any],
    operators: Operators,
    now: datetime,
    gateway: NoticeGateway | None,
) -> dict[str, Any] | None:
    """One command inside a savepoint: the stored answer, or None for a temporary failure."""
    name = command["name"]
    actor = _actor(desk, command, operators)
    at = command_time(command, desk, now)
    for attempt in (1, 2):
        position = versioning.mark(session)
        savepoint = session.begin_nested()
        try:
            result = execute(
                session, actor=actor, name=name, args=command["args"], now=at, gateway=gateway
            )
            savepoint.commit()
            return applied(result)
        except CommandRefused as refused:
            savepoint.rollback()
            versioning.rewind(session, position)
            return refusal(refused)
        except TemporaryFailure as failure:
            savepoint.rollback()
            versioning.rewind(session, position)
            _temporary(command, failure.code, str(failure))
            return None
        except exc.IntegrityError:
            # Lost a race on a unique index (a code, a name) to a transaction that has now
            # committed: run once more, and the command sees the winner and answers for it.
            savepoint.rollback()
            versioning.rewind(session, position)
            if attempt == 2:
                return refusal(
                    CommandRefused(
                        "conflict", "与其他登记台的操作冲突", "Conflicts with another desk's change"
                    )
                )
        except exc.DBAPIError as error:
            if savepoint.is_active:
                savepoint.rollback()
            versioning.rewind(session, position)
            log.warning(
                "push command %s stopped by a database error: %s", name, type(error.orig).__name__
            )
            _temporary(command, "database_busy", "The database could not apply it now")
            return None
        except Exception:
            # A fault in the service, not in the command: stop without advancing, so the
            # command applies once the fault is fixed instead of being dropped as refused.
            if savepoint.is_active:
                savepoint.rollback()
            versioning.rewind(session, position)
            log.exception("push command %s failed inside the service", name)
            _temporary(command, "internal_error", "The service could not apply it now")
            return None
    return None  # unreachable: the loop returns on every path
