"""The People search: everyone who holds a badge (enterprise personnel, host organisations'
staff and their guests) by name, pinyin, initials, document or phone tail and badge code.

Lists never carry a full document number or phone: hits hold masked values only.
"""

from __future__ import annotations

import re
import unicodedata
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from sqlalchemy import Connection
from sqlalchemy.orm import Session

from desk.models.rules import mask_document, mask_phone
from desk.models.search.index import BADGE_CODE, GUEST, HOLDERS, HOST_STAFF, PERSON
from desk.models.search.lookup import (
    Chosen,
    Found,
    Query,
    column_prefix,
    fetch,
    gram_ids,
    merge,
    prefix_range,
    upper_bound,
)

PAGE = 50
HOLDER_TABLES = tuple(source.table for source in HOLDERS)
_CODE = BADGE_CODE.replace("code", "b.code")


@dataclass(frozen=True)
class PersonHit:
    """One row of the People list. Document and phone are masked here already. `enterprise`
    is the holder's organisation: the enterprise, the host organisation, or the guest's own."""

    id: uuid.UUID
    name: str
    enterprise: str
    doc_type: str
    doc_masked: str
    mobile_masked: str
    request_status: str | None
    badge_type: str | None
    badge_code: str | None
    matched: str  # which key found it: name, pinyin, initials, document, phone, badge
    kind: str = "person"  # person | host_staff | guest


def _live_holder(column: str) -> str:
    """The note letter of the holder table where `column` names a live row, else NULL."""
    return "CASE " + " ".join(
        f"WHEN EXISTS (SELECT 1 FROM {s.table} h WHERE h.id = {column} AND h.deleted = 0) "
        f"THEN '{s.note}'" for s in HOLDERS) + " END"


def _badge_holders(conn: Connection, code: str, limit: int) -> list[Found]:
    holder = _live_holder("b.holder_id")
    sql = (f"SELECT DISTINCT b.holder_id, {holder} FROM badge b WHERE {prefix_range(_CODE)} "
           f"AND b.deleted = 0 AND {holder} IS NOT NULL ORDER BY {_CODE} LIMIT ?")
    return [Found(r[0], r[1])
            for r in fetch(conn, sql, (code, upper_bound(code), limit))]


def _holder_id_sources(conn: Connection, query: Query,
                       limit: int) -> list[tuple[str, list[Found]]]:
    """(key, rows) of the indexes that fit the query, best first; the later ones are not
    asked once the earlier ones filled the page."""

    def prefix(column: str, value: str) -> Callable[[], list[Found]]:
        return lambda: column_prefix(conn, HOLDERS, column, value, limit)

    def names() -> list[Found]:
        return gram_ids(conn, HOLDERS, query.text, limit)

    steps: list[tuple[str, Callable[[], list[Found]]]] = []
    if query.han or (query.text and not query.letters and not query.doc):
        steps.append(("name", names))
    if query.letters:
        steps.append(("initials", prefix("name_initials", query.letters)))
        steps.append(("pinyin", prefix("name_pinyin", query.letters)))
        if len(query.letters) >= 2:  # names written in Latin letters (people from abroad)
            steps.append(("name", names))
    if query.doc:
        reverse = query.doc[::-1]
        steps.append(("badge", lambda: _badge_holders(conn, query.doc, limit)))
        steps.append(("document", prefix("doc_number", query.doc)))
        if len(query.doc) >= 4:
            steps.append(("document", prefix("doc_number_rev", reverse)))
            if query.doc.isdigit():
                steps.append(("phone", prefix("mobile_rev", reverse)))
    found: list[tuple[str, list[Found]]] = []
    seen: set[str] = set()
    for key, step in steps:
        rows = step()
        found.append((key, rows))
        seen.update(row.id for row in rows)
        if len(seen) >= limit:
            break
    return found


# One statement for a page of list rows. Each holder table with hits on the page has its arm
# (reading its covering index); the latest request (its state and badge type in one value,
# apart by `_SEPARATOR`) and the valid badge come from the search's partial indexes.
_SEPARATOR = "\x1f"
_ARMS = {
    PERSON.note: "SELECT p.id, p.name, coalesce(e.name, ''), p.doc_type, p.doc_number, "
                 "p.mobile, 'person' FROM person p LEFT JOIN enterprise e "
                 "ON e.id = p.enterprise_id WHERE p.id IN ({marks})",
    HOST_STAFF.note: "SELECT s.id, s.name, coalesce(o.name, ''), s.doc_type, s.doc_number, "
                     "s.mobile, 'host_staff' FROM host_staff s LEFT JOIN host_org o "
                     "ON o.id = s.host_org_id WHERE s.id IN ({marks})",
    GUEST.note: "SELECT g.id, g.name, coalesce(nullif(g.organisation, ''), o.name, ''), "
                "g.doc_type, g.doc_number, g.mobile, 'guest' FROM guest g LEFT JOIN host_org o "
                "ON o.id = g.host_org_id WHERE g.id IN ({marks})",
}
_HOLDER_ROWS = """
WITH hit (id, name, org, doc_type, doc_number, mobile, kind) AS ({arms})
SELECT hit.id, hit.name, hit.org, hit.doc_type, hit.doc_number, hit.mobile, hit.kind,
  (SELECT r.status || char(31) || r.badge_type FROM badge_request r
   WHERE r.holder_id = hit.id AND r.deleted = 0 ORDER BY r.requested_at DESC LIMIT 1),
  (SELECT b.code FROM badge b WHERE b.holder_id = hit.id AND b.deleted = 0
   AND b.status = 'valid' ORDER BY b.printed_at DESC LIMIT 1)
FROM hit
"""


def people_hits(conn: Connection, chosen: Sequence[Chosen]) -> list[PersonHit]:
    """The list rows of holders found by the indexes, in the order given."""
    if not chosen:
        return []
    by_table: dict[str, list[str]] = {}
    for found in chosen:
        by_table.setdefault(found.note, []).append(found.id)
    arms = " UNION ALL ".join(_ARMS[note].format(marks=",".join("?" * len(ids)))
                              for note, ids in by_table.items())
    params = tuple(stored for ids in by_table.values() for stored in ids)
    rows = {r[0]: r for r in fetch(conn, _HOLDER_ROWS.format(arms=arms), params)}
    hits = []
    for found in chosen:
        row = rows.get(found.id)
        if row is None:
            continue
        status, badge_type = row[7].split(_SEPARATOR, 1) if row[7] else (None, None)
        hits.append(PersonHit(uuid.UUID(row[0]), row[1], row[2], row[3], mask_document(row[4]),
                              mask_phone(row[5]), status, badge_type, row[8], found.key,
                              row[6]))
    return hits


def search_people(session: Session, text: str, *, offset: int = 0,
                  limit: int = PAGE) -> list[PersonHit]:
    """Holders matching `text` by any key, best matches first; a page of `limit` hits."""
    query = Query.parse(text)
    if query.empty:
        return []
    conn = session.connection()
    return people_hits(conn, merge(_holder_id_sources(conn, query, offset + limit), offset,
                                   limit))


def find_scanned(session: Session, code: str) -> uuid.UUID | None:
    """The holder a scanned code names: a badge code first, then a whole document number."""
    value = re.sub(r"[\s\-]", "", unicodedata.normalize("NFKC", code)).upper()
    if not value:
        return None
    conn = session.connection()
    row = conn.exec_driver_sql(
        f"SELECT b.holder_id FROM badge b WHERE {_CODE} = ? AND b.deleted = 0 "
        f"AND {_live_holder('b.holder_id')} IS NOT NULL "
        f"ORDER BY b.status = 'valid' DESC, b.printed_at DESC LIMIT 1", (value,)
    ).first()
    if row is None:
        arms = " UNION ALL ".join(f"SELECT id FROM {table} WHERE doc_number = ? AND deleted = 0"
                                  for table in HOLDER_TABLES)
        row = conn.exec_driver_sql(f"{arms} LIMIT 1", (value,) * len(HOLDER_TABLES)).first()
    return None if row is None else uuid.UUID(row[0])
