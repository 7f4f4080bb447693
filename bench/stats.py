"""Summaries the benches share."""

from __future__ import annotations


def percentile(values: list[float], share: float) -> float:
    """The value at `share` of the sorted values (nearest rank, no interpolation)."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]
