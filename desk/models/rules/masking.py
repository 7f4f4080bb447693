"""Masked document numbers and phones for lists: a person is found, not exposed."""

from __future__ import annotations

MASK = "*"
SHOWN_MAX = 4


def _mask(value: str) -> str:
    # At most the last four characters, and never more than half of the value.
    shown = min(SHOWN_MAX, len(value) // 2)
    return MASK * (len(value) - shown) + value[len(value) - shown :]


def mask_document(value: str | None) -> str:
    """11010519491231002X -> **************002X; "" for no value."""
    return _mask(value) if value else ""


def mask_phone(value: str | None) -> str:
    """+8613800138000 -> **********8000; "" for no value."""
    return _mask(value) if value else ""
