"""Applying a desk's pushed commands: in order, each at most once, one transaction a batch.

Per batch: lock the replica's `sync_client` row (one push in flight per replica), then for
each command in id order run it inside a savepoint. A refusal is permanent (its effect is
rolled back, a `rejected` result is stored, the id advances); a temporary failure stops the
batch there without advancing, and the desk sends the rest again later.
"""

from __future__ import annotations

import logging
import uuid
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import exc, insert, select
from sqlalchemy.orm import Session

from central.db import versioning
from central.db.engine import Database
from central.db.tables import CommandResult, Desk, SyncClient, User
from central.services.audit import audit_many, command_target
from central.services.commands import execute
from central.services.gateway import NoticeGateway
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

CLOCK_TRUST_S = 300


class PushError(Exception):
    """The whole push is refused (not one command): an HTTP error for the desk."""

    def __init__(self, status: int, error: str, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.error = error
        self.message = message


@dataclass
class BatchOutcome:
    last_command_id: int
    version: int
    results: list[dict[str, Any]] = field(default_factory=list)
    stopped: dict[str, Any] | None = None


def result_dict(row: CommandResult | dict[str, Any]) -> dict[str, Any]:
    get = row.get if isinstance(row, dict) else lambda k: getattr(row, k)
    return {
        "id": get("id"),
        "status": get("status"),
        "code": get("code"),
        "message_zh": get("message_zh"),
        "message_en": get("message_en"),
        "field": get("field"),
        "details": get("details") or {},
    }


def _refusal(command: dict[str, Any], refused: CommandRefused) -> dict[str, Any]:
    return {
        "status": "rejected",
        "code": refused.code,
        "message_zh": refused.message_zh,
        "message_en": refused.message_en,
        "field": refused.field,
        "details": refused.details,
    }


def owned_client(session: Session, desk: Desk, client_id: uuid.UUID, *, lock: bool) -> SyncClient:
    """The replica's row, created on its first push; refused when it belongs to another desk.

    A replacement desk may send under the client id of the desk it replaced (its imported
    outbox), so ownership follows `replaced_by`.
    """
    query = select(SyncClient).where(SyncClient.client_id == client_id)
    if lock:
        query = query.with_for_update()
    client = session.scalar(query)
    if client is None:
        try:
            with session.begin_nested():
                client = SyncClient(client_id=client_id, desk_id=desk.id, last_command_id=0)
                session.add(client)
        except exc.IntegrityError:  # another request created it first
            client = session.scalars(query).one()
    if client.desk_id != desk.id and not replaces_desk(session, client.desk_id, desk.id):
        raise PushError(403, "client_of_other_desk", "This replica belongs to another desk")
    return client


def replaces_desk(session: Session, old_desk_id: uuid.UUID, new_desk_id: uuid.UUID) -> bool:
    seen: set[uuid.UUID] = set()
    current: uuid.UUID | None = old_desk_id
    while current is not None and current not in seen:
        seen.add(current)
        row = session.get(Desk, current)
        if row is None:
            return False
        if row.replaced_by == new_desk_id:
            return True
        current = row.replaced_by
    return False


class _Operators:
    """Operators named in a batch, each looked up once."""

    def __init__(self, session: Session, desk: Desk) -> None:
        self._session = session
        self._desk = desk
        self._cache: dict[str, User | None] = {}

    def allowed(self, operator_id: Any) -> User | None:
        key = str(operator_id)
        if key not in self._cache:
            try:
                user = self._session.get(User, uuid.UUID(key))
            except ValueError:
                user = None
            ok = (
                user is not None
                and user.active
                and user.role == OPERATOR
                and (user.host_org_id is None or user.host_org_id == self._desk.host_org_id)
            )
            self._cache[key] = user if ok else None
        return self._cache[key]


def _command_time(command: dict[str, Any], desk: Desk, now: datetime) -> datetime:
    """The desk's recorded time when its clock was right at the last sync, else arrival time."""
    if desk.clock_skew_s is None or abs(desk.clock_skew_s) > CLOCK_TRUST_S:
        return now
    try:
        at = datetime.fromisoformat(str(command.get("occurred_at")).replace("Z", "+00:00"))
    except ValueError:
        return now
    if at.tzinfo is None or at > now + timedelta(seconds=CLOCK_TRUST_S):
        return now
    return at


def apply_batch(
    db: Database,
    *,
    desk_id: uuid.UUID,
    client_id: uuid.UUID,
    commands: list[dict[str, Any]],
    stats: dict[str, Any],
    gateway: NoticeGateway | None = None,
) -> BatchOutcome:
    with db.write() as session:
        desk = session.get(Desk, desk_id)
        if desk is None or desk.revoked:
            raise PushError(403, "desk_revoked", "This desk is revoked")
        client = owned_client(session, desk, client_id, lock=True)
        outcome = _run(session, desk, client, commands, gateway)
        record_desk(desk, stats, push=True)
        new_results = [r for r in outcome.results if r.pop("_new", False)]
        if new_results:
            version = versioning.stamp(session, postgres=db.is_postgres, extra=1)
            assert version is not None
            for row in new_results:
                row["version"] = version
            session.execute(insert(CommandResult), new_results)
            client.updated_at = utc_now()
        else:
            version = versioning.stamp(session, postgres=db.is_postgres)
        outcome.version = version if version is not None else versioning.current_version(session)
        outcome.results = [result_dict(r) for r in outcome.results]
    return outcome


def _run(
    session: Session,
    desk: Desk,
    client: SyncClient,
    commands: list[dict[str, Any]],
    gateway: NoticeGateway | None,
) -> BatchOutcome:
    outcome = BatchOutcome(last_command_id=client.last_command_id, version=0)
    ids = [c.get("id") for c in commands]
    seen_ids = [i for i in ids if isinstance(i, int) and i <= client.last_command_id]
    stored = (
        {
            r.id: r
            for r in session.scalars(
                select(CommandResult).where(
                    CommandResult.client_id == client.client_id, CommandResult.id.in_(seen_ids)
                )
            )
        }
        if seen_ids
        else {}
    )
    operators = _Operators(session, desk)
    now = utc_now()
    audit_rows: list[dict[str, Any]] = []
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
            if cid in stored:
                outcome.results.append({**result_dict(stored[cid])})
            else:  # answered before a restore that lost its result: it will not run twice
                outcome.results.append(
                    {
                        "id": cid,
                        "status": "rejected",
                        "code": "result_lost",
                        "message_zh": "该操作已处理，结果无法找回",
                        "message_en": "This command was answered before; its result is lost",
                        "field": None,
                        "details": {},
                    }
                )
            continue
        if cid != client.last_command_id + 1:
            outcome.stopped = {
                "id": cid,
                "code": "gap",
                "message_en": f"Expected command {client.last_command_id + 1}",
            }
            break
        answer = _run_one(session, desk, command, operators, now, gateway)
        if answer is None:  # temporary: stop here, the desk sends it again later
            outcome.stopped = command.get("_temporary") or {"id": cid, "code": "temporary"}
            break
        client.last_command_id = cid
        row = {
            "client_id": client.client_id,
            "id": cid,
            "name": str(command.get("name"))[:40],
            "operator_id": _uuid_or_none(command.get("operator_id")),
            "desk_id": desk.id,
            "occurred_at": _time_or_none(command.get("occurred_at")),
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
    outcome.last_command_id = client.last_command_id
    audit_many(session, audit_rows)
    return outcome


def _command_order(command: dict[str, Any]) -> int:
    cid = command.get("id")
    return cid if isinstance(cid, int) else -1


def _run_one(
    session: Session,
    desk: Desk,
    command: dict[str, Any],
    operators: _Operators,
    now: datetime,
    gateway: NoticeGateway | None,
) -> dict[str, Any] | None:
    """The stored answer to one command, or None for a temporary failure."""
    name = command.get("name")
    args = command.get("args")
    if not isinstance(name, str) or name not in COMMANDS:
        return _refusal(
            command, CommandRefused("unknown_command", "未知的操作", f"Unknown command {name!r}")
        )
    if name not in QUEUEABLE:
        return _refusal(
            command,
            CommandRefused(
                "not_queueable",
                "审核决定须由审核员在线作出",
                "Review decisions are made online by a reviewer, not sent by a desk",
            ),
        )
    operator = operators.allowed(command.get("operator_id"))
    if operator is None:
        return _refusal(
            command,
            CommandRefused(
                "operator_not_allowed",
                "该操作员不能在此登记台操作",
                "This operator is not active or not allowed at this desk",
                field="operator_id",
            ),
        )
    if not isinstance(args, dict):
        return _refusal(
            command, CommandRefused("bad_arguments", "参数无效", "Arguments must be an object")
        )
    actor = Actor(
        role=operator.role, user_id=operator.id, desk_id=desk.id, host_org_id=desk.host_org_id
    )
    at = _command_time(command, desk, now)
    for attempt in (1, 2):
        position = versioning.mark(session)
        savepoint = session.begin_nested()
        try:
            result = execute(session, actor=actor, name=name, args=args, now=at, gateway=gateway)
            savepoint.commit()
            return {
                "status": result.status,
                "code": None,
                "message_zh": None,
                "message_en": None,
                "field": None,
                "details": result.details,
            }
        except CommandRefused as refused:
            savepoint.rollback()
            versioning.rewind(session, position)
            return _refusal(command, refused)
        except TemporaryFailure as failure:
            savepoint.rollback()
            versioning.rewind(session, position)
            command["_temporary"] = {
                "id": command.get("id"),
                "code": failure.code,
                "message_en": str(failure),
            }
            return None
        except exc.IntegrityError:
            # Lost a race on a unique index (a code, a name) to a transaction that has now
            # committed: run once more, and the command sees the winner and answers for it.
            savepoint.rollback()
            versioning.rewind(session, position)
            if attempt == 2:
                return _refusal(
                    command,
                    CommandRefused(
                        "conflict", "与其他登记台的操作冲突", "Conflicts with another desk's change"
                    ),
                )
        except exc.DBAPIError as error:
            if savepoint.is_active:
                savepoint.rollback()
            versioning.rewind(session, position)
            log.warning(
                "push command %s stopped by a database error: %s", name, type(error.orig).__name__
            )
            command["_temporary"] = {
                "id": command.get("id"),
                "code": "database_busy",
                "message_en": "The database could not apply it now",
            }
            return None
        except Exception:
            # A fault in the service, not in the command: stop without advancing, so the
            # command applies once the fault is fixed instead of being dropped as refused.
            if savepoint.is_active:
                savepoint.rollback()
            versioning.rewind(session, position)
            log.exception("push command %s failed inside the service", name)
            command["_temporary"] = {
                "id": command.get("id"),
                "code": "internal_error",
                "message_en": "The service could not apply it now",
            }
            return None
    return None  # unreachable: the loop returns on every path


def record_desk(desk: Desk, stats: dict[str, Any], *, push: bool) -> None:
    now = utc_now()
    if push:
        desk.last_push_at = now
    else:
        desk.last_pull_at = now
    if isinstance(stats.get("outbox_waiting"), int):
        desk.outbox_waiting = stats["outbox_waiting"]
    if isinstance(stats.get("outbox_rejected"), int):
        desk.outbox_rejected = stats["outbox_rejected"]
    if isinstance(stats.get("app_version"), str):
        desk.app_version = stats["app_version"][:40]
    if isinstance(stats.get("clock_skew_s"), float | int):
        desk.clock_skew_s = float(stats["clock_skew_s"])
    if isinstance(stats.get("pulled_version"), int):
        desk.pulled_version = stats["pulled_version"]


def _uuid_or_none(value: Any) -> uuid.UUID | None:
    try:
        return uuid.UUID(str(value)) if value else None
    except ValueError:
        return None


def _time_or_none(value: Any) -> datetime | None:
    try:
        at = datetime.fromisoformat(str(value).replace("Z", "+00:00")) if value else None
    except ValueError:
        return None
    return at if at is None or at.tzinfo is not None else None
