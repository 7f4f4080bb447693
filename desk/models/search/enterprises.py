"""The Enterprises search: by name substring, pinyin and initials, credit code or account
identifier. Aliases merged into another enterprise are left out."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from sqlalchemy.orm import Session

from desk.models.search.index import ENTERPRISE
from desk.models.search.lookup import Found, Query, column_prefix, gram_ids, merge, upper_bound
from desk.models.search.people import PAGE


@dataclass(frozen=True)
class EnterpriseHit:
    id: uuid.UUID
    name: str
    uscc: str | None
    region: str
    participation: str | None
    review_state: str | None
    identifier: str | None
    people: int
    matched: str


_ENTERPRISE_ROW = """
SELECT e.id, e.name, e.uscc, e.region, e.participation, e.review_state,
  (SELECT a.identifier FROM account a WHERE a.enterprise_id = e.id AND a.deleted = 0 LIMIT 1),
  (SELECT count(*) FROM person p WHERE p.enterprise_id = e.id AND p.deleted = 0)
FROM enterprise e WHERE e.id = ? AND e.deleted = 0 AND e.canonical_id IS NULL
"""


def search_enterprises(session: Session, text: str, *, offset: int = 0,
                       limit: int = PAGE) -> list[EnterpriseHit]:
    """Enterprises by name substring, pinyin initials, credit code or account identifier."""
    query = Query.parse(text)
    if query.empty:
        return []
    conn = session.connection()
    want = offset + limit
    canonical = "AND canonical_id IS NULL"
    table = (ENTERPRISE,)
    sources: list[tuple[str, list[Found]]] = []
    if query.han or not (query.letters or query.doc):
        sources.append(("name", gram_ids(conn, (ENTERPRISE,), query.text, want)))
    if query.letters:
        sources.append(("initials", column_prefix(conn, table, "name_initials", query.letters,
                                                  want, canonical)))
        sources.append(("pinyin", column_prefix(conn, table, "name_pinyin", query.letters,
                                                want, canonical)))
        if len(query.letters) >= 2:
            sources.append(("name", gram_ids(conn, (ENTERPRISE,), query.text, want)))
    if query.doc:
        sources.append(("uscc", column_prefix(conn, table, "uscc", query.doc, want,
                                              canonical)))
    if query.doc or query.letters:
        ident = query.text.replace(" ", "")
        rows = conn.exec_driver_sql(
            "SELECT enterprise_id FROM account WHERE lower(identifier) >= ? "
            "AND lower(identifier) < ? AND deleted = 0 AND enterprise_id IS NOT NULL "
            "ORDER BY lower(identifier) LIMIT ?", (ident, upper_bound(ident), want)
        )
        sources.append(("identifier", [Found(r[0], ENTERPRISE.note) for r in rows]))
    hits = []
    for stored, _note, key in merge(sources, 0, want * 2):
        row = conn.exec_driver_sql(_ENTERPRISE_ROW, (stored,)).first()
        if row is not None:
            hits.append(EnterpriseHit(uuid.UUID(row[0]), row[1], row[2], row[3], row[4], row[5],
                                      row[6], int(row[7]), key))
    return hits[offset:offset + limit]
