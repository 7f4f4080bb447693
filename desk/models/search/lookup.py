"""Reading the search indexes: what the operator typed, prefix ranges on indexed columns,
and names by substring through the gram tables.

Lookups over several tables at once (everyone who holds a badge) are one compound SELECT
whose arms each read their own index in order; SQLite merges the arms and stops at the
limit, so a table with no match costs one index probe.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, NamedTuple

from sqlalchemy import Connection

from desk.models.search.index import Source

# Rows of one pair read at most to pick the rarest pair of a long query.
RARITY_PROBE = 400

_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_DOCLIKE = re.compile(r"[0-9A-Z]+")


@dataclass(frozen=True)
class Query:
    """What the operator typed, read once: the forms each index is searched with."""

    text: str  # NFKC, trimmed, lower-case
    han: bool  # contains Chinese characters: a name search
    letters: str  # lower-case ASCII letters only (pinyin), "" if anything else is in it
    doc: str  # upper-case alphanumerics (document, badge code, phone digits), "" if none

    @classmethod
    def parse(cls, raw: str) -> Query:
        text = unicodedata.normalize("NFKC", raw).strip().lower()
        text = re.sub(r"\s+", " ", text)
        compact = re.sub(r"[\s\-()（）]", "", text)
        letters = compact if compact.isascii() and compact.isalpha() else ""
        doc = compact.upper() if _DOCLIKE.fullmatch(compact.upper() or "-") else ""
        return cls(text, bool(_HAN.search(text)), letters, doc)

    @property
    def empty(self) -> bool:
        return not self.text


class Found(NamedTuple):
    """A row an index found: its stored id and the note letter of its table."""

    id: str
    note: str


def fetch(conn: Connection, sql: str, params: Sequence[Any]) -> list[Any]:
    """Rows of one search statement, read through the driver's own cursor in the
    connection's transaction: SQLAlchemy's result objects cost as much as the index reads
    of a search (a tenth of a millisecond a statement)."""
    dbapi = conn.connection.dbapi_connection
    assert dbapi is not None
    cursor = dbapi.cursor()
    try:
        cursor.execute(sql, tuple(params))
        return list(cursor.fetchall())
    finally:
        cursor.close()


def upper_bound(prefix: str) -> str:
    """The smallest string greater than every string starting with `prefix`."""
    return prefix[:-1] + chr(ord(prefix[-1]) + 1)


def prefix_range(column: str) -> str:
    return f"{column} >= ? AND {column} < ?"


def column_prefix(conn: Connection, sources: Sequence[Source], column: str, value: str,
                  limit: int, extra: str = "") -> list[Found]:
    """Live rows of the sources' tables whose `column` starts with `value`, in column order."""
    arms = [f"SELECT {column} AS v, id, '{s.note}' FROM {s.table} WHERE {prefix_range(column)} "
            f"AND deleted = 0 {extra}" for s in sources]
    sql = " UNION ALL ".join(arms) + " ORDER BY 1 LIMIT ?"
    bounds = (value, upper_bound(value)) * len(sources)
    return [Found(r[1], r[2]) for r in fetch(conn, sql, (*bounds, limit))]


def _rarest_gram(conn: Connection, sources: Sequence[Source], pairs: Sequence[str]) -> str:
    best, best_count = pairs[0], RARITY_PROBE + 1
    counts = " + ".join(
        f"(SELECT count(*) FROM (SELECT 1 FROM {s.grams} WHERE gram = ? LIMIT {RARITY_PROBE}))"
        for s in sources)
    for pair in dict.fromkeys(pairs):
        count = conn.exec_driver_sql(f"SELECT {counts}", (pair,) * len(sources)).scalar_one()
        if count < best_count:
            best, best_count = pair, count
            if count == 0:
                break
    return best


def gram_ids(conn: Connection, sources: Sequence[Source], text: str, limit: int) -> list[Found]:
    """Rows whose name contains `text`, names starting with it first; rows changed since the
    last refresh are looked at directly (they are few), so nothing just written is missed."""
    found: list[Found] = []
    if fetch(conn, "SELECT 1 FROM search_dirty LIMIT 1", ()):  # none once refreshed
        recent = " UNION ALL ".join(
            f"SELECT d.rid, d.kind FROM search_dirty d JOIN {s.table} s ON s.id = d.rid WHERE "
            f"d.kind = '{s.note}' AND s.deleted = 0 AND instr(lower(s.name), ?) > 0"
            for s in sources)
        found = [Found(r[0], r[1])
                 for r in fetch(conn, f"{recent} LIMIT ?", (*(text,) * len(sources), limit))]
    whole = all(s.unigrams for s in sources)
    if len(text) == 1 and not whole:
        gram = text  # only first characters are indexed alone: "starts with"
    elif len(text) <= 2:
        gram = text
    else:
        pairs = [text[i:i + 2] for i in range(len(text) - 1) if " " not in text[i:i + 2]]
        if not pairs:
            return list(dict.fromkeys(found))
        gram = _rarest_gram(conn, sources, pairs)
    # The name is checked again: a renamed row keeps its old grams until the next refresh.
    # A short query orders by the gram table's own key (no sort); a longer one puts names
    # with the whole text nearer their start first.
    short = len(text) <= 2
    rank = "" if short else "instr(lower(s.name), ?), "
    arms = [f"SELECT {rank}g.pos, g.{s.key}, '{s.note}' FROM {s.grams} g "
            f"JOIN {s.table} s ON s.id = g.{s.key} WHERE g.gram = ? AND s.deleted = 0 "
            f"AND instr(lower(s.name), ?) > 0" for s in sources]
    order = "1, 2" if short else "1, 2, 3"
    sql = " UNION ALL ".join(arms) + f" ORDER BY {order} LIMIT ?"
    arm_params = (gram, text) if short else (text, gram, text)
    found += [Found(r[-2], r[-1])
              for r in fetch(conn, sql, (*arm_params * len(sources), limit))]
    return list(dict.fromkeys(found))[:limit]


class Chosen(NamedTuple):
    """A row of a page of hits: its stored id, its table's note letter, the key that found
    it (name, pinyin, document...)."""

    id: str
    note: str
    key: str


def merge(sources: list[tuple[str, list[Found]]], offset: int, limit: int) -> list[Chosen]:
    """The rows in the order found, each once with the first key that found it; a page."""
    seen: dict[str, Chosen] = {}
    for key, rows in sources:
        for row in rows:
            if row.id not in seen:
                seen[row.id] = Chosen(row.id, row.note, key)
    return list(seen.values())[offset:offset + limit]
