"""The replica is the service's rows with the desk's unconfirmed commands replayed on top.

Why replay rather than an overlay: the views, the search and the commands themselves read
ordinary tables, so a separate overlay would have to be merged into every query. Replaying
keeps one set of tables and one code path (the same command functions).

How: while a command runs on the replica, a flush hook writes a *shadow* for each synced row
it touches for the first time: the row as stored before (a pulled row), or a marker that the
command created it. A rebase, in one SQLite transaction:
1. undo: put every shadowed row back as it was (or drop it) and forget the shadows;
2. write the pulled page, if any;
3. replay the unconfirmed commands in order, each in a savepoint; a local refusal is
   ignored (the service's answer will tell), and the replay writes fresh shadows.
A command is unconfirmed while it is unanswered, or answered but its effects are on pull
pages the replica has not reached yet (`answered_version > cursor`).
"""

from __future__ import annotations

import json
import logging
import uuid
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import delete, event, insert, or_, select
from sqlalchemy.orm import Session, UOWTransaction, sessionmaker

from desk.models.commands import (
    OPERATOR,
    Actor,
    CommandRefused,
    Context,
    PhotoLookup,
    TemporaryFailure,
    run_command,
)
from desk.models.schema import ENTITIES, Synced
from desk.sync.rows import CODECS, stored_id
from desk.sync.tables import APPLIED, MERGED, PENDING, OutboxCommand, ResetSeen, Shadow

log = logging.getLogger(__name__)

CAPTURE = "fairdesk_capture"
_KNOWN = "fairdesk_shadowed"
ENTITY_OF_TABLE = {cls.__tablename__: name for name, cls in ENTITIES.items()}  # type: ignore[attr-defined]


def _entity(obj: Synced) -> str:
    return ENTITY_OF_TABLE[obj.__table__.name]  # type: ignore[attr-defined]


def _known(session: Session) -> set[tuple[str, str]]:
    known = session.info.get(_KNOWN)
    if known is None:
        rows = session.connection().execute(select(Shadow.entity, Shadow.id)).all()
        known = {(r[0], r[1]) for r in rows}
        session.info[_KNOWN] = known
    return known


def install_capture(factory: sessionmaker[Session]) -> None:
    """Record shadows for rows touched while `session.info[CAPTURE]` is set."""

    @event.listens_for(factory, "before_flush")
    def _capture(session: Session, _ctx: UOWTransaction, _objs: Any) -> None:
        if not session.info.get(CAPTURE):
            return
        known = _known(session)
        conn = session.connection()
        fresh: list[dict[str, Any]] = []
        for obj in session.new:
            if isinstance(obj, Synced):
                if obj.id is None:
                    obj.id = uuid.uuid4()
                key = (_entity(obj), stored_id(obj.id))
                if key not in known:
                    known.add(key)
                    fresh.append({"entity": key[0], "id": key[1], "data": None})
        touched = [o for o in session.dirty if session.is_modified(o, include_collections=False)]
        for obj in [*touched, *session.deleted]:
            if isinstance(obj, Synced):
                key = (_entity(obj), stored_id(obj.id))
                if key not in known:
                    known.add(key)
                    before = CODECS[key[0]].read_stored(conn, key[1])
                    fresh.append({"entity": key[0], "id": key[1], "data": before})
        if fresh:
            conn.execute(insert(Shadow), fresh)

    @event.listens_for(factory, "after_transaction_end")
    def _forget(session: Session, transaction: Any) -> None:
        # A rolled-back savepoint took its shadows with it: re-read them when next needed.
        session.info.pop(_KNOWN, None)


def undo(session: Session) -> int:
    """Put every shadowed row back as the service last sent it; returns how many."""
    conn = session.connection()
    shadows = conn.execute(select(Shadow.entity, Shadow.id, Shadow.data)).all()
    if not shadows:
        return 0
    created: dict[str, list[str]] = defaultdict(list)
    before: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for entity, row_id, data in shadows:
        if data is None:
            created[entity].append(row_id)
        else:
            before[entity].append(data if isinstance(data, dict) else json.loads(data))
    for entity, ids in created.items():
        CODECS[entity].delete(conn, ids)
    for entity, rows in before.items():
        CODECS[entity].write_stored(conn, rows)
    conn.execute(delete(Shadow))
    session.info.pop(_KNOWN, None)
    session.expire_all()
    return len(shadows)


@dataclass
class PageEffect:
    puts: int = 0
    dels: int = 0


@dataclass
class PulledPage:
    """A page of pulled changes by table, in storage form, ready to write. Made apart from
    writing it, so a pull can prepare the next page on another thread while one is written."""

    puts: dict[str, list[tuple[Any, ...]]] = field(default_factory=lambda: defaultdict(list))
    dels: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    effect: PageEffect = field(default_factory=PageEffect)


def prepare(changes: Sequence[dict[str, Any]]) -> PulledPage:
    """Sort a page's changes by table and turn puts into the values to store."""
    page = PulledPage()
    for change in changes:
        entity = change.get("entity")
        codec = CODECS.get(str(entity))
        if codec is None:
            continue  # an entity this desk does not know (a newer service): skip it
        if change.get("op") == "del":
            page.dels[codec.entity].append(stored_id(change["id"]))
            page.effect.dels += 1
        else:
            page.puts[codec.entity].append(codec.storage(change.get("data") or {}))
            page.effect.puts += 1
    return page


def write_page(session: Session, page: PulledPage, *, resetting: bool) -> PageEffect:
    """Write a prepared page (puts upserted, deletes dropped)."""
    conn = session.connection()
    for entity, rows in page.puts.items():
        CODECS[entity].upsert(conn, rows)
        if resetting:
            conn.exec_driver_sql(
                "INSERT OR IGNORE INTO reset_seen (entity, id) VALUES (?, ?)",
                [(entity, row[CODECS[entity].id_index]) for row in rows],
            )
    for entity, ids in page.dels.items():
        CODECS[entity].delete(conn, ids)
    session.expire_all()
    return page.effect


def drop_unseen(session: Session) -> int:
    """End of a full re-pull: drop pulled rows the service no longer has."""
    conn = session.connection()
    dropped = 0
    for entity, codec in CODECS.items():
        result = conn.exec_driver_sql(
            f'DELETE FROM "{codec.table.name}" WHERE version > 0 AND id NOT IN '
            "(SELECT id FROM reset_seen WHERE entity = ?)",
            (entity,),
        )
        dropped += max(result.rowcount or 0, 0)
    conn.execute(delete(ResetSeen))
    return dropped


def unconfirmed(session: Session, cursor: int) -> list[OutboxCommand]:
    """Commands whose effects the pulled rows do not show yet, in local order."""
    return list(
        session.scalars(
            select(OutboxCommand)
            .where(
                or_(
                    OutboxCommand.status == PENDING,
                    OutboxCommand.status.in_((APPLIED, MERGED))
                    & (OutboxCommand.answered_version > cursor),
                )
            )
            .order_by(OutboxCommand.seq)
        )
    )


ContextFactory = Callable[[OutboxCommand], Context]


def command_context(
    *, desk_id: uuid.UUID | None, host_org_id: uuid.UUID | None, photos: PhotoLookup
) -> ContextFactory:
    def make(command: OutboxCommand) -> Context:
        actor = Actor(
            role=OPERATOR, user_id=command.operator_id, desk_id=desk_id, host_org_id=host_org_id
        )
        return Context(actor=actor, now=command.occurred_at, side="desk", photos=photos)

    return make


def replay(session: Session, commands: Sequence[OutboxCommand], context: ContextFactory) -> int:
    """Run `commands` again on the current rows; returns how many took effect."""
    took = 0
    session.info[CAPTURE] = True
    try:
        for command in commands:
            savepoint = session.begin_nested()
            try:
                run_command(session, context(command), command.name, command.args)
                savepoint.commit()
                took += 1
            except (CommandRefused, TemporaryFailure):
                savepoint.rollback()
            except Exception:  # a command bug must not stop the replica from following
                savepoint.rollback()
                log.exception("replaying command %s failed", command.name)
    finally:
        session.info.pop(CAPTURE, None)
    return took


def rebase(
    session: Session,
    *,
    cursor: int,
    context: ContextFactory,
    page: PulledPage | None = None,
    resetting: bool = False,
    finish_reset: bool = False,
) -> PageEffect:
    """Undo, write the pulled `page`, replay: the whole step in the caller's transaction."""
    # Undoing and writing expire every loaded object, which drops changes not yet flushed
    # (the outbox rows a page's results just marked answered).
    session.flush()
    undo(session)
    effect = write_page(session, page, resetting=resetting) if page is not None else PageEffect()
    if finish_reset:
        drop_unseen(session)
    pending = unconfirmed(session, cursor)
    if pending:
        replay(session, pending, context)
    return effect
