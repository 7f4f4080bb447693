"""Wiping a desk: `fairdesk wipe`, or the service's order to a revoked desk.

The replica is encrypted with a random key that exists only wrapped in the key slots file
(and in the memory of a running desk). Destroying the slots file is what wipes the data: the
database files left behind, or blocks of them an SSD's wear levelling keeps out of reach of
any overwrite, are ciphertext under a key nobody has any more. The slots file itself is
overwritten before it is deleted; where flash storage keeps an old copy anyway, each slot in
it opens only with an operator's password (argon2id, costly per guess) or the escrow key,
which the service refuses to hand over for a revoked desk.

A wipe never takes a command the service has not answered with it, unless it was exported
to a file first or the person wiping says `--force`: the outbox may be the only trace of a
badge already handed over.
"""

from __future__ import annotations

import logging
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from desk.sync import cipher, keyslots
from desk.sync.link import notice_path
from desk.sync.replica import Replica, sync_state
from desk.sync.tables import PENDING, OutboxCommand

log = logging.getLogger(__name__)


class WipeRefused(Exception):
    def __init__(self, unsaved: int) -> None:
        super().__init__(
            f"{unsaved} commands are not answered by the service and not exported: "
            "export the outbox first, or force the wipe and lose them"
        )
        self.unsaved = unsaved


def unsaved(session: Session) -> int:
    """Commands the service has not answered and no export file holds."""
    exported = sync_state(session).exported_seq or 0
    return int(
        session.scalar(
            select(func.count())
            .select_from(OutboxCommand)
            .where(OutboxCommand.status == PENDING, OutboxCommand.seq > exported)
        )
        or 0
    )


def mark_exported(session: Session, through_seq: int) -> None:
    state = sync_state(session)
    state.exported_seq = max(state.exported_seq or 0, through_seq)


def order_received(replica: Replica) -> bool:
    """Note the service's wipe order; True when the wipe may go ahead now."""
    with replica.write() as session:
        state = sync_state(session)
        if state.wipe_ordered_at is None:
            state.wipe_ordered_at = replica.clock()
        waiting = unsaved(session)
    if waiting:
        log.warning(
            "the service ordered this desk wiped; %d unanswered commands must be exported "
            "first (fairdesk export-outbox)",
            waiting,
        )
    return waiting == 0


def wipe_due(replica: Replica) -> bool:
    """An order was received and nothing unsaved is left (say, the outbox was exported)."""
    with replica.read() as session:
        return sync_state(session).wipe_ordered_at is not None and unsaved(session) == 0


def wipe_replica(replica: Replica, *, force: bool = False) -> list[Path]:
    """Destroy an open replica. Raises `WipeRefused` while unsaved commands remain (unless
    `force`). Returns the files removed."""
    if not replica.locked:
        with replica.read() as session:
            waiting = unsaved(session)
        if waiting and not force:
            raise WipeRefused(waiting)
        if waiting:
            log.warning("wiping with %d unanswered commands, as asked", waiting)
    replica.mark_wiped()
    return destroy(replica.path)


def destroy(path: Path) -> list[Path]:
    """Destroy the replica at `path` without opening it: the key slots first (after which
    the rest is noise), then the database files."""
    removed: list[Path] = []
    slots = keyslots.slots_path(path)
    if keyslots.destroy(slots):
        removed.append(slots)
    cipher.forget(path)
    for file in [*cipher.replica_files(path), notice_path(path)]:
        try:
            file.unlink()
        except FileNotFoundError:
            continue
        except OSError:
            # Still open elsewhere (Windows): it is ciphertext without a key; the next start
            # finds no slots and replaces it.
            log.warning("a replica file could not be deleted yet")
            continue
        removed.append(file)
    log.warning("this desk's data was wiped")
    return removed
