"""Which tables belong to the shared history."""

from __future__ import annotations

from typing import Any

from desk.models.schema import ENTITIES

SHARED_TABLES = frozenset(model.__tablename__ for model in ENTITIES.values())  # type: ignore[attr-defined]


def include_object(
    obj: Any, name: str | None, type_: str, reflected: bool, compare_to: Any
) -> bool:
    """Only the shared tables and their indexes; other histories own the rest."""
    table_name = name if type_ == "table" else getattr(getattr(obj, "table", None), "name", None)
    return table_name in SHARED_TABLES
