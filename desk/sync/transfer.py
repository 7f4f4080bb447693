"""Moving an outbox to a replacement desk (a broken laptop): export on the old one (or from
its replica file), import on the new one once the old desk is marked replaced.

The commands travel with their client id and ids, and are sent under them, so the service
takes each exactly once: those it answered already get their stored answers back. The
photos the commands name travel too, as the service may not have them yet. The file holds
the visitors' data as typed, in clear: hand it over like the laptop itself. An export also
marks the commands it holds as saved, so a desk ordered wiped may go ahead.
"""

from __future__ import annotations

import base64
import json
import logging
import os
import uuid
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import func, select

from desk.sync import outbox, rebase, wipe
from desk.sync.replica import Replica, sync_state
from desk.sync.tables import OutboxCommand, StoredPhoto, SyncClient

log = logging.getLogger(__name__)

FORMAT = "fairdesk-outbox"
FORMAT_VERSION = 1


class TransferError(Exception):
    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code


def export_outbox(replica: Replica, path: Path) -> dict[str, int]:
    """Write every client id's commands (answered ones too) and the photos they name."""
    hashes: set[str] = set()
    exported: list[dict[str, Any]] = []
    total = top_seq = 0
    with replica.read() as session:
        state = sync_state(session)
        for client in session.scalars(select(SyncClient)):
            rows = list(
                session.scalars(
                    select(OutboxCommand)
                    .where(OutboxCommand.client_id == client.client_id)
                    .order_by(OutboxCommand.id)
                )
            )
            commands = []
            for row in rows:
                top_seq = max(top_seq, row.seq)
                hashes.update(outbox.pending_photo_hashes(row))
                commands.append({**outbox.to_push(row), "status": row.status, "result": row.result})
            total += len(commands)
            exported.append(
                {
                    "client_id": str(client.client_id),
                    "server_last_id": client.server_last_id,
                    "last_allocated_id": client.last_allocated_id,
                    "commands": commands,
                }
            )
        photos = [
            {
                "sha256": p.sha256,
                "kind": p.kind,
                "status": p.status,
                "data": base64.b64encode(bytes(p.data)).decode(),
            }
            for p in session.scalars(select(StoredPhoto).where(StoredPhoto.sha256.in_(hashes)))
        ]
        document = {
            "format": FORMAT,
            "version": FORMAT_VERSION,
            "desk_id": str(state.desk_id) if state.desk_id else None,
            "desk_name": state.desk_name,
            "exported_at": replica.clock().isoformat(),
            "clients": exported,
            "photos": photos,
        }
    tmp = path.with_name(path.name + ".part")
    with open(tmp, "w", encoding="utf-8") as handle:
        handle.write(json.dumps(document, ensure_ascii=False))
        handle.flush()
        os.fsync(handle.fileno())  # a wipe may count on this file: it must be on disk
    tmp.replace(path)
    with replica.write() as session:
        wipe.mark_exported(session, top_seq)
    return {"clients": len(exported), "commands": total, "photos": len(photos)}


def import_outbox(replica: Replica, path: Path) -> dict[str, int]:
    """Take in another desk's exported outbox; commands already here are skipped, so
    importing twice changes nothing. The unanswered ones show on this replica at once."""
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise TransferError("unreadable", f"Cannot read the outbox file: {error}") from None
    if document.get("format") != FORMAT or document.get("version") != FORMAT_VERSION:
        raise TransferError("bad_format", "This is not a Fair Desk outbox file")
    added = skipped = photos = 0
    with replica.write() as session:
        state = sync_state(session)
        seq = int(session.scalar(select(func.coalesce(func.max(OutboxCommand.seq), 0))) or 0)
        for block in document.get("clients", []):
            client_id = uuid.UUID(block["client_id"])
            if client_id == state.client_id:
                raise TransferError("own_outbox", "This file is this desk's own outbox")
            client = session.get(SyncClient, client_id)
            if client is None:
                client = SyncClient(
                    client_id=client_id,
                    own=False,
                    server_last_id=block.get("server_last_id"),
                    last_allocated_id=int(block.get("last_allocated_id") or 0),
                )
                session.add(client)
            for item in block.get("commands", []):
                if session.get(OutboxCommand, (client_id, int(item["id"]))) is not None:
                    skipped += 1
                    continue
                seq += 1
                session.add(_command(client_id, seq, item))
                added += 1
        for photo in document.get("photos", []):
            if session.get(StoredPhoto, photo["sha256"]) is None:
                session.add(
                    StoredPhoto(
                        sha256=photo["sha256"],
                        kind=photo["kind"],
                        data=base64.b64decode(photo["data"]),
                        status=photo.get("status") or "accepted",
                        uploaded=False,
                        failures=[],
                    )
                )
                photos += 1
        session.flush()
        rebase.rebase(session, cursor=state.cursor, context=outbox.context_for(session, replica))
    log.info("imported %d commands (%d already here)", added, skipped)
    replica.notify_recorded()
    return {"added": added, "skipped": skipped, "photos": photos}


def _command(client_id: uuid.UUID, seq: int, item: dict[str, Any]) -> OutboxCommand:
    occurred = datetime.fromisoformat(str(item["occurred_at"]).replace("Z", "+00:00"))
    operator = item.get("operator_id")
    return OutboxCommand(
        client_id=client_id,
        id=int(item["id"]),
        seq=seq,
        name=str(item["name"]),
        v=int(item.get("v") or 1),
        args=item.get("args") or {},
        operator_id=uuid.UUID(operator) if operator else None,
        occurred_at=occurred,
        status=str(item.get("status") or "pending"),
        result=item.get("result"),
        # Answered elsewhere: the pulled rows show their effects.
        answered_version=0 if item.get("status") not in (None, "pending") else None,
    )
