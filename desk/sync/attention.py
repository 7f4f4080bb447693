"""Attention items: what came back from the service that an operator must see and act on.

Every refused or merged command, every flagged hand-out and every review rejection of this
desk's walk-ins becomes one item, with the reason in both languages and the command's
arguments kept (the operator's typing is never lost), until the operator resolves it or
sends a corrected command.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from desk.models.schema import REJECTED as REVIEW_REJECTED
from desk.models.schema import Enterprise
from desk.sync.tables import APPLIED, MERGED, REJECTED, AttentionItem, OutboxCommand

COMMAND_REJECTED = "command_rejected"
COMMAND_MERGED = "command_merged"
HANDOUT_FLAGGED = "handout_flagged"
REVIEW_REJECTION = "review_rejected"

MERGED_ZH = "该企业已在其他登记台登记，两条记录已合并"
MERGED_EN = "This enterprise was registered at another desk too: the two were merged"
FLAGGED_ZH = "该证件此前已发放过：已记录本次发放并标记，统计只计一次"
FLAGGED_EN = "This badge was handed out before: this hand-out is recorded, flagged, counted once"


@dataclass(frozen=True)
class Item:
    """An open or resolved item, as the Attention tab shows it."""

    id: int
    kind: str
    command_name: str | None
    args: dict[str, Any] | None
    entity: str | None
    entity_id: str | None
    code: str | None
    message_zh: str
    message_en: str
    field: str | None
    details: dict[str, Any]
    created_at: datetime
    resolved_at: datetime | None
    resolution: str | None

    def message(self, language: str) -> str:
        return self.message_zh if language.lower().startswith("zh") else self.message_en


def _add(session: Session, source: str, **values: Any) -> None:
    exists = session.scalar(select(AttentionItem.id).where(AttentionItem.source == source))
    if exists is None:
        session.add(AttentionItem(source=source, **values))


def note_result(session: Session, command: OutboxCommand) -> None:
    """Turn a command's final answer into an item when the operator must know."""
    result = command.result or {}
    details = result.get("details") or {}
    base = {
        "command_name": command.name,
        "args": command.args,
        "details": details,
        "code": result.get("code"),
        "field": result.get("field"),
    }
    source = f"cmd:{command.client_id}:{command.id}"
    if command.status == REJECTED:
        _add(
            session,
            f"{source}:rejected",
            kind=COMMAND_REJECTED,
            message_zh=result.get("message_zh") or "",
            message_en=result.get("message_en") or "",
            **base,
        )
    elif command.status == MERGED:
        _add(
            session,
            f"{source}:merged",
            kind=COMMAND_MERGED,
            entity="enterprise",
            entity_id=str(details.get("canonical_id") or ""),
            message_zh=MERGED_ZH,
            message_en=MERGED_EN,
            **base,
        )
    elif command.status == APPLIED and details.get("flagged"):
        _add(
            session,
            f"{source}:flagged",
            kind=HANDOUT_FLAGGED,
            entity="badge",
            entity_id=str(details["flagged"][0]),
            message_zh=FLAGGED_ZH,
            message_en=FLAGGED_EN,
            **base,
        )


def note_review_rejections(
    session: Session, changes: Sequence[Mapping[str, Any]], desk_id: uuid.UUID | None
) -> int:
    """Review rejections of enterprises registered at this desk, and of their people's
    badge requests, from a pulled page (after it is written)."""
    if desk_id is None:
        return 0
    added = 0
    for change in changes:
        entity, data = change.get("entity"), change.get("data") or {}
        if change.get("op") != "put":
            continue
        if entity == "enterprise" and data.get("review_state") == REVIEW_REJECTED:
            ours = data.get("registered_at_desk_id") == str(desk_id)
        elif entity == "badge_request" and data.get("status") == REVIEW_REJECTED:
            enterprise_id = data.get("enterprise_id")
            ours = (
                enterprise_id is not None
                and session.scalar(
                    select(func.count())
                    .select_from(Enterprise)
                    .where(
                        Enterprise.id == uuid.UUID(enterprise_id),
                        Enterprise.registered_at_desk_id == desk_id,
                    )
                )
                == 1
            )
        else:
            continue
        if not ours:
            continue
        reason = str(data.get("review_reason") or "")
        stage = data.get("rejected_stage")
        _add(
            session,
            f"review:{entity}:{change.get('id')}:{change.get('version')}",
            kind=REVIEW_REJECTION,
            entity=str(entity),
            entity_id=str(change.get("id")),
            code="review_rejected",
            message_zh=f"审核未通过：{reason}",
            message_en=f"Rejected in review: {reason}",
            details={"stage": stage, "reason": reason},
        )
        added += 1
    return added


def _item(row: AttentionItem) -> Item:
    return Item(
        row.id,
        row.kind,
        row.command_name,
        row.args,
        row.entity,
        row.entity_id,
        row.code,
        row.message_zh,
        row.message_en,
        row.field,
        row.details or {},
        row.created_at,
        row.resolved_at,
        row.resolution,
    )


def open_items(session: Session) -> list[Item]:
    rows = session.scalars(
        select(AttentionItem).where(AttentionItem.resolved_at.is_(None)).order_by(AttentionItem.id)
    )
    return [_item(r) for r in rows]


def open_count(session: Session) -> int:
    return int(
        session.scalar(
            select(func.count())
            .select_from(AttentionItem)
            .where(AttentionItem.resolved_at.is_(None))
        )
        or 0
    )


def get_item(session: Session, item_id: int) -> Item | None:
    row = session.get(AttentionItem, item_id)
    return None if row is None else _item(row)


def resolve(session: Session, item_id: int, *, resolution: str, now: datetime) -> None:
    """Close an item ("done", "dismissed", "resent"); its data stays for the record."""
    row = session.get(AttentionItem, item_id)
    if row is not None and row.resolved_at is None:
        row.resolved_at = now
        row.resolution = resolution[:40]


# Items whose command can be sent again, perhaps with corrected arguments.
RESENDABLE = (COMMAND_REJECTED,)
