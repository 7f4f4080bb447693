"""The global version counter: every synced row the service changes gets the next version.

Why versions are taken at commit, from one locked counter row:
- Desks pull `version > cursor`, so versions must become visible in the order they are handed
  out. A plain sequence breaks that: a transaction holding 101 may commit after the one holding
  102, and a desk that already read 102 never sees 101. `UPDATE sync_counter SET value =
  value + n RETURNING value` row-locks the counter until commit, so the next writer gets its
  numbers only after this one is committed and visible (PostgreSQL releases the row lock after
  the commit is visible to new snapshots; SQLite has one writer at a time anyway).
- The lock is taken as late as possible: the rows are written with their old version while the
  commands run in parallel, and only the last step before COMMIT bumps the counter and stamps
  the touched rows. Writers are serialised for that short step, not for the commands' work,
  which keeps many desks pushing at once fast.
- The counter lives in the database, so several service processes can share it.
- On PostgreSQL that step is one statement (counter, row versions, and the plain rows written
  with them: see `Carried` and `Changed`), followed at once by COMMIT: every round trip while the
  counter is locked waits for this thread to get the interpreter lock back, behind threads
  busy with other pushes, and the whole service's writes queue behind that wait.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import orjson
from sqlalchemy import Table, bindparam, event, select, text, update
from sqlalchemy.orm import ORMExecuteState, Session, UOWTransaction, sessionmaker
from sqlalchemy.orm.attributes import set_committed_value

from central.db.tables import SyncCounter
from desk.models.schema import Synced

COUNTER_ID = 1
NOTIFY_CHANNEL = "fairdesk_changes"
_TOUCHED = "fairdesk_touched"
_STAMPED = "fairdesk_stamped"
_STAMPING = "fairdesk_stamping"
_WRITES = "fairdesk_writes"
_LOADED = "fairdesk_loaded"


@dataclass(frozen=True)
class Carried:
    """Rows of a plain table inserted with the stamp. `versioned` rows take the transaction's
    highest version (a push's stored results, which a pull returns by version); others go in
    as they are (its audit rows). Every row has the same keys."""

    table: Table
    rows: Sequence[dict[str, Any]]
    versioned: bool = True


@dataclass(frozen=True)
class Changed:
    """One row of a plain table updated with the stamp: `values` where the `key` columns match
    (a desk's bookkeeping, a replica's last command id)."""

    table: Table
    key: dict[str, Any]
    values: dict[str, Any]


class SyncedRowDeleted(RuntimeError):
    """Synced rows are tombstoned (`deleted = True`), never deleted, or desks would keep them."""


class UnversionedBulkChange(RuntimeError):
    """A bulk UPDATE/DELETE on a synced table would change rows without giving them versions."""


def install(
    factory: sessionmaker[Session],
    *,
    postgres: bool,
    on_committed: Callable[[int], None] | None = None,
) -> None:
    """Make every session of `factory` stamp versions on commit."""

    @event.listens_for(factory, "before_flush")
    def _refuse_hard_deletes(session: Session, _ctx: UOWTransaction, _objs: Any) -> None:
        for obj in session.deleted:
            if isinstance(obj, Synced):
                raise SyncedRowDeleted(f"{type(obj).__name__} rows are tombstoned, not deleted")

    @event.listens_for(factory, "loaded_as_persistent")
    def _keep_loaded(session: Session, instance: Any) -> None:
        # The identity map holds clean objects weakly: without a strong reference the
        # enterprise twenty commands of a push name is fetched twenty times.
        session.info.setdefault(_LOADED, []).append(instance)

    @event.listens_for(factory, "after_flush")
    def _track(session: Session, _ctx: UOWTransaction) -> None:
        session.info[_WRITES] = session.info.get(_WRITES, 0) + 1
        # Still the pre-flush state here: `new` and `dirty` list what this flush wrote.
        touched: list[tuple[type[Synced], Any]] = session.info.setdefault(_TOUCHED, [])
        for obj in session.new:
            if isinstance(obj, Synced):
                touched.append((type(obj), obj.id))
        for obj in session.dirty:
            if isinstance(obj, Synced) and session.is_modified(obj, include_collections=False):
                touched.append((type(obj), obj.id))

    @event.listens_for(factory, "do_orm_execute")
    def _refuse_bulk(state: ORMExecuteState) -> None:
        if state.is_insert or state.is_update or state.is_delete:
            state.session.info[_WRITES] = state.session.info.get(_WRITES, 0) + 1
        if state.session.info.get(_STAMPING) or not (state.is_update or state.is_delete):
            return
        mapper = state.bind_mapper
        if mapper is not None and issubclass(mapper.class_, Synced):
            raise UnversionedBulkChange(f"bulk change of {mapper.class_.__name__}")

    @event.listens_for(factory, "before_commit")
    def _stamp_on_commit(session: Session) -> None:
        # Fired for savepoint releases too: only the outermost COMMIT stamps.
        if not session.in_nested_transaction():
            stamp(session, postgres=postgres)

    @event.listens_for(factory, "after_commit")
    def _committed(session: Session) -> None:
        if session.in_nested_transaction():
            return
        version = session.info.pop(_STAMPED, None)
        if version is not None and on_committed is not None:
            on_committed(version)

    @event.listens_for(factory, "after_transaction_end")
    def _forget(session: Session, transaction: Any) -> None:
        if transaction.parent is None:
            for key in (_TOUCHED, _STAMPING, _STAMPED, _WRITES, _LOADED):
                session.info.pop(key, None)


def writes(session: Session) -> int:
    """How many flushes and DML statements this transaction has sent so far."""
    return int(session.info.get(_WRITES, 0))


def mark(session: Session) -> int:
    """A position in the list of touched rows, to rewind to when a savepoint rolls back."""
    return len(session.info.get(_TOUCHED, ()))


def rewind(session: Session, position: int) -> None:
    touched = session.info.get(_TOUCHED)
    if touched is not None:
        del touched[position:]


def stamp(
    session: Session,
    *,
    postgres: bool,
    extra: int = 0,
    carry: Sequence[Carried] = (),
    changed: Sequence[Changed] = (),
) -> int | None:
    """Give every row touched in this transaction its version; returns the highest one.

    `extra` reserves versions that belong to no row (a push whose commands were all refused
    still needs a version for its stored results); `carry` rows are inserted and `changed`
    rows updated in the same step (on PostgreSQL, the same statement). Called once per
    transaction, just before COMMIT; a second call in the same transaction returns the first
    one's answer.
    """
    if _STAMPED in session.info:
        return int(session.info[_STAMPED])
    session.flush()
    seen: set[tuple[type[Synced], Any]] = set()
    ordered: list[tuple[type[Synced], Any]] = []
    for key in session.info.get(_TOUCHED, ()):
        if key not in seen:
            seen.add(key)
            ordered.append(key)
    count = len(ordered) + extra
    if count == 0:
        if any(c.versioned and c.rows for c in carry):
            raise ValueError("versioned rows need a version: reserve one with `extra`")
        if carry or changed:
            _write_along(session, postgres, carry, changed)
        return None
    by_class: dict[type[Synced], list[tuple[Any, int]]] = {}
    for position, (cls, row_id) in enumerate(ordered, start=1):
        by_class.setdefault(cls, []).append((row_id, position))
    session.info[_STAMPING] = True
    try:
        if postgres:
            top = _stamp_postgres(session, count, by_class, carry, changed)
        else:
            top = _stamp_sqlite(session, count, by_class, carry, changed)
        first = top - count
        for cls, pairs in by_class.items():
            for row_id, position in pairs:
                obj = session.identity_map.get(session.identity_key(cls, row_id))
                if obj is not None:
                    set_committed_value(obj, "version", first + position)
    finally:
        session.info.pop(_STAMPING, None)
    session.info.pop(_TOUCHED, None)
    session.info[_STAMPED] = top
    return int(top)


def _stamp_postgres(
    session: Session,
    count: int,
    by_class: dict[type[Synced], list[tuple[Any, int]]],
    carry: Sequence[Carried],
    changed: Sequence[Changed],
) -> int:
    """Take `count` versions, stamp the rows and write the carried and changed ones in one
    statement; the counter row stays locked until this transaction ends. Row `position`
    (from 1) gets version `top - count + position`. The NOTIFY rides on it too: delivered to
    every listening service process when this transaction commits."""
    parts = [
        "counter AS (UPDATE sync_counter SET value = value + :count WHERE id = :counter_id"
        " RETURNING value, pg_notify(:channel, value::text) AS notified)"
    ]
    params: dict[str, Any] = {"count": count, "counter_id": COUNTER_ID, "channel": NOTIFY_CHANNEL}
    for n, (cls, pairs) in enumerate(by_class.items()):
        table = cls.__table__.name  # type: ignore[attr-defined]
        parts.append(
            f"stamped_{n} AS (UPDATE {table} AS t SET version = counter.value - :count + v.position"
            f" FROM counter, unnest(CAST(:ids_{n} AS uuid[]), CAST(:positions_{n} AS bigint[]))"
            " AS v(id, position) WHERE t.id = v.id)"
        )
        params[f"ids_{n}"] = [p[0] for p in pairs]
        params[f"positions_{n}"] = [p[1] for p in pairs]
    _along_postgres(session, carry, changed, parts, params)
    statement = text("WITH " + ", ".join(parts) + " SELECT value FROM counter")
    return int(session.execute(statement, params).scalar_one())


def _along_postgres(
    session: Session,
    carry: Sequence[Carried],
    changed: Sequence[Changed],
    parts: list[str],
    params: dict[str, Any],
) -> None:
    """The carried and changed rows as parts of the stamp's statement (`counter` named in
    `parts` when versioned rows are carried)."""
    quote = session.get_bind().dialect.identifier_preparer.quote
    for n, carried in enumerate(c for c in carry if c.rows):
        names = [quote(c) for c in carried.rows[0]]
        picked = ", ".join(f"r.{c}" for c in names)
        table = carried.table.name
        into = ", ".join(names) + (", version" if carried.versioned else "")
        source = (
            f"SELECT {picked}, counter.value FROM counter,"
            if carried.versioned
            else f"SELECT {picked} FROM"
        )
        parts.append(
            f"carried_{n} AS (INSERT INTO {table} ({into}) {source}"
            f" json_populate_recordset(NULL::{table}, CAST(:carried_{n} AS json)) AS r)"
        )
        params[f"carried_{n}"] = orjson.dumps(list(carried.rows), default=str).decode()
    for n, change in enumerate(c for c in changed if c.values):
        sets = ", ".join(f"{quote(c)} = :changed_{n}_{c}" for c in change.values)
        where = " AND ".join(f"{quote(c)} = :changed_{n}_key_{c}" for c in change.key)
        parts.append(f"changed_{n} AS (UPDATE {change.table.name} SET {sets} WHERE {where})")
        params.update({f"changed_{n}_{c}": v for c, v in change.values.items()})
        params.update({f"changed_{n}_key_{c}": v for c, v in change.key.items()})


def _write_along(
    session: Session, postgres: bool, carry: Sequence[Carried], changed: Sequence[Changed]
) -> None:
    """Carried (unversioned) and changed rows when nothing is stamped."""
    if not postgres:
        _along_sqlite(session, 0, carry, changed)
        return
    parts: list[str] = []
    params: dict[str, Any] = {}
    _along_postgres(session, carry, changed, parts, params)
    if parts:
        session.execute(text("WITH " + ", ".join(parts) + " SELECT 1"), params)


def _stamp_sqlite(
    session: Session,
    count: int,
    by_class: dict[type[Synced], list[tuple[Any, int]]],
    carry: Sequence[Carried],
    changed: Sequence[Changed],
) -> int:
    """One writer at a time holds the database anyway: plain statements, one per table."""
    top = int(
        session.execute(
            update(SyncCounter)
            .where(SyncCounter.id == COUNTER_ID)
            .values(value=SyncCounter.value + count)
            .returning(SyncCounter.value)
        ).scalar_one()
    )
    first = top - count
    for cls, pairs in by_class.items():
        table: Table = cls.__table__  # type: ignore[attr-defined]
        session.execute(
            table.update()
            .where(table.c.id == bindparam("b_id"))
            .values(version=bindparam("b_version"), updated_at=table.c.updated_at),
            [{"b_id": row_id, "b_version": first + position} for row_id, position in pairs],
        )
    _along_sqlite(session, top, carry, changed)
    return top


def _along_sqlite(
    session: Session, top: int, carry: Sequence[Carried], changed: Sequence[Changed]
) -> None:
    for carried in carry:
        if carried.rows:
            rows = (
                [{**r, "version": top} for r in carried.rows] if carried.versioned else carried.rows
            )
            session.execute(carried.table.insert(), list(rows))
    for change in changed:
        if not change.values:
            continue
        where = [change.table.c[c] == v for c, v in change.key.items()]
        session.execute(change.table.update().where(*where).values(**change.values))


def current_version(session: Session) -> int:
    return int(
        session.execute(select(SyncCounter.value).where(SyncCounter.id == COUNTER_ID)).scalar_one()
    )


def counter_floor(session: Session) -> int:
    return int(
        session.execute(select(SyncCounter.floor).where(SyncCounter.id == COUNTER_ID)).scalar_one()
    )
