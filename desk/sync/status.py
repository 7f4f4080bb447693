"""What the status bar and `fairdesk status` show: the link, the outbox, the last syncs."""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select

from desk import __version__
from desk.sync import attention, outbox, wipe
from desk.sync.engine import CLOCK_WARN_S
from desk.sync.link import VERSION_BLOCK, Link, load_update_notice
from desk.sync.replica import Replica, own_client, sync_state
from desk.sync.tables import PENDING, OutboxCommand, SyncClient


def desk_status(replica: Replica, link: Link | None = None) -> dict[str, Any]:
    """Plain JSON-able facts; no secrets. `link` gives the live state of a running engine."""
    with replica.read() as session:
        state = sync_state(session)
        client = own_client(session)
        counts = outbox.counts(session)
        oldest = session.scalar(
            select(func.min(OutboxCommand.occurred_at)).where(OutboxCommand.status == PENDING)
        )
        others = session.scalar(
            select(func.count()).select_from(SyncClient).where(SyncClient.own.is_(False))
        )
        skew = state.clock_skew_s
        link_state = link.state if link is not None else state.link_state
        if state.desk_id is None:
            link_state = "not_enrolled"
        return {
            "desk_name": state.desk_name,
            "desk_id": str(state.desk_id) if state.desk_id else None,
            "client_id": str(state.client_id),
            "service_url": state.service_url,
            "link_state": link_state,
            "blocked": state.blocked,
            "desk_version": __version__,
            "update_required": update_required(replica, state.blocked),
            "outbox": counts,
            "waiting": counts[PENDING],
            "oldest_waiting_at": oldest.isoformat() if oldest else None,
            "last_success_at": state.last_success_at.isoformat() if state.last_success_at else None,
            "last_failure_at": state.last_failure_at.isoformat() if state.last_failure_at else None,
            "last_failure": state.last_failure,
            "cursor": state.cursor,
            "attention": attention.open_count(session),
            "last_command_id": client.server_last_id,
            "last_allocated_id": client.last_allocated_id,
            "imported_clients": int(others or 0),
            "clock_skew_s": None if skew is None else round(skew, 1),
            "clock_warning": skew is not None and abs(skew) > CLOCK_WARN_S,
            "wipe_ordered": state.wipe_ordered_at is not None,
            # Unanswered and not exported: what a wipe would lose.
            "unsaved": wipe.unsaved(session),
        }


def update_required(replica: Replica, blocked: str | None) -> dict[str, Any] | None:
    """What the service said this desk must be updated to, while syncing waits for it:
    `reason` (`desk_too_old` or `version_not_supported`), `min_desk_version` (None when the
    service named none), `installer_url` ("" when it named none). None when not blocked so."""
    if blocked != VERSION_BLOCK:
        return None
    notice = load_update_notice(replica.path)
    return {
        "reason": notice.code if notice else VERSION_BLOCK,
        "min_desk_version": notice.min_desk_version if notice else None,
        "installer_url": notice.installer_url if notice else "",
    }
