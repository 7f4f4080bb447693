"""The answers a push stores and returns for each command (the wire's result shape)."""

from __future__ import annotations

from typing import Any

from central.db.tables import CommandResult
from desk.models.commands import CommandRefused, Outcome


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


def refusal(refused: CommandRefused) -> dict[str, Any]:
    return {
        "status": "rejected",
        "code": refused.code,
        "message_zh": refused.message_zh,
        "message_en": refused.message_en,
        "field": refused.field,
        "details": refused.details,
    }


def applied(result: Outcome) -> dict[str, Any]:
    return {
        "status": result.status,
        "code": None,
        "message_zh": None,
        "message_en": None,
        "field": None,
        "details": result.details,
    }


def replayed(cid: int, stored: CommandResult | None) -> dict[str, Any]:
    if stored is not None:
        return result_dict(stored)
    # Answered before a restore that lost its result: it will not run twice.
    return {
        "id": cid,
        "status": "rejected",
        "code": "result_lost",
        "message_zh": "该操作已处理，结果无法找回",
        "message_en": "This command was answered before; its result is lost",
        "field": None,
        "details": {},
    }
