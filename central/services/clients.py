"""Desks and their replicas as a push or pull sees them: ownership, operators, bookkeeping."""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import exc, select
from sqlalchemy.orm import Session

from central.db.tables import Desk, SyncClient, User
from desk.models.coltypes import utc_now
from desk.models.commands import OPERATOR

CLOCK_TRUST_S = 300


class PushError(Exception):
    """The whole push is refused (not one command): an HTTP error for the desk."""

    def __init__(self, status: int, error: str, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.error = error
        self.message = message


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


class Operators:
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


def command_time(command: dict[str, Any], desk: Desk, now: datetime) -> datetime:
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


def desk_report(stats: dict[str, Any], *, push: bool) -> dict[str, Any]:
    """The desk row's new bookkeeping values from what a push or pull reported."""
    values: dict[str, Any] = {"last_push_at" if push else "last_pull_at": utc_now()}
    if isinstance(stats.get("outbox_waiting"), int):
        values["outbox_waiting"] = stats["outbox_waiting"]
    if isinstance(stats.get("outbox_rejected"), int):
        values["outbox_rejected"] = stats["outbox_rejected"]
    if isinstance(stats.get("app_version"), str):
        values["app_version"] = stats["app_version"][:40]
    if isinstance(stats.get("clock_skew_s"), float | int):
        values["clock_skew_s"] = float(stats["clock_skew_s"])
    if isinstance(stats.get("pulled_version"), int):
        values["pulled_version"] = stats["pulled_version"]
    return values


def uuid_or_none(value: Any) -> uuid.UUID | None:
    try:
        return uuid.UUID(str(value)) if value else None
    except ValueError:
        return None


def time_or_none(value: Any) -> datetime | None:
    try:
        at = datetime.fromisoformat(str(value).replace("Z", "+00:00")) if value else None
    except ValueError:
        return None
    return at if at is None or at.tzinfo is not None else None
