"""Enterprises the operator may be about to register again."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Any

from sqlalchemy.orm import Session

from desk.models.rules import enterprise_name_key
from desk.models.search.lookup import prefix_range, upper_bound
from desk.models.search_keys import organisation_keys

# Suffixes that do not tell two enterprises apart (compared in pinyin for near-duplicates).
LEGAL_SUFFIXES = ("youxiangongsi", "gufenyouxiangongsi", "jituanyouxiangongsi", "gongsi",
                  "jituan", "youxianzerengongsi")


@dataclass(frozen=True)
class NearDuplicate:
    id: uuid.UUID
    name: str
    reason: str  # same_name | same_uscc | similar_pinyin


def _pinyin_core(name: str) -> str:
    pinyin, _ = organisation_keys(name)
    for suffix in sorted(LEGAL_SUFFIXES, key=len, reverse=True):
        if pinyin.endswith(suffix) and len(pinyin) > len(suffix):
            return pinyin[: -len(suffix)]
    return pinyin


def near_duplicates(session: Session, name: str, uscc: str | None = None,
                    exclude: uuid.UUID | None = None, limit: int = 5) -> list[NearDuplicate]:
    """Registered enterprises the operator may be about to register again: the same name
    once normalised, the same credit code, or a name that sounds the same (华信 / 华鑫),
    legal-form words aside."""
    conn = session.connection()
    found: dict[str, NearDuplicate] = {}
    skip = exclude.hex if exclude else ""

    def take(rows: Any, reason: str) -> None:
        for row in rows:
            if row[0] != skip and row[0] not in found:
                found[row[0]] = NearDuplicate(uuid.UUID(row[0]), row[1], reason)

    key = enterprise_name_key(name) if name.strip() else ""
    live = "deleted = 0 AND canonical_id IS NULL"
    if key:
        take(conn.exec_driver_sql(f"SELECT id, name FROM enterprise WHERE name_key = ? AND {live} "
                                  "LIMIT ?", (key, limit)), "same_name")
    if uscc:
        take(conn.exec_driver_sql(f"SELECT id, name FROM enterprise WHERE uscc = ? AND {live} "
                                  "LIMIT ?", (uscc.strip().upper(), limit)), "same_uscc")
    core = _pinyin_core(name) if name.strip() else ""
    if len(core) >= 4:
        rows = conn.exec_driver_sql(
            f"SELECT id, name FROM enterprise WHERE {prefix_range('name_pinyin')} AND {live} "
            "ORDER BY length(name_pinyin) LIMIT ?", (core, upper_bound(core), limit * 4))
        similar = [r for r in rows if _pinyin_core(r[1]) == core]
        take(similar, "similar_pinyin")
    return list(found.values())[:limit]
