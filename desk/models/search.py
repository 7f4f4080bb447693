"""The desk's search over its replica: people and enterprises, as the operator types.

Every query is answered from an index, never by scanning the table:

- Chinese (and other) names by substring: a side table of every character and every pair
  of adjacent characters of each name (`search_person_gram`), keyed by (gram, position,
  id). FTS5's trigram tokenizer cannot match the one- and two-character queries most
  Chinese names need; a pair table can, and a position column puts surname matches first.
  A longer query reads the rows of its rarest pair and keeps those whose name contains it.
- pinyin (full and initials), document numbers and badge codes by prefix, on the indexed
  columns the rows arrive with (`name_pinyin`, `name_initials`, `doc_number`, `badge.code`).
- the end of a document or phone number by prefix of the reversed value
  (`doc_number_rev`, `mobile_rev`).

The side tables are desk-local and kept up to date by SQLite triggers on `person` and
`enterprise`, so every writer (local commands, pulled pages written with raw SQL, the
rebase's undo) keeps them right without calling anything. `install_search_index` creates
them and fills them once; `rebuild_search_index` starts again from the rows.

Lists never carry a full document number or phone: hits hold masked values only.
"""

from __future__ import annotations

import re
import unicodedata
import uuid
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection
from sqlalchemy.orm import Session

from desk.models.rules import enterprise_name_key, mask_document, mask_phone
from desk.models.search_keys import organisation_keys

PAGE = 50
# Rows of one pair read at most to pick the rarest pair of a long query.
RARITY_PROBE = 400
# A name longer than this is not split into grams (no real name is; it bounds the triggers).
MAX_GRAM_NAME = 200
# Suffixes that do not tell two enterprises apart (compared in pinyin for near-duplicates).
LEGAL_SUFFIXES = ("youxiangongsi", "gufenyouxiangongsi", "jituanyouxiangongsi", "gongsi",
                  "jituan", "youxianzerengongsi")

_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_DOCLIKE = re.compile(r"[0-9A-Z]+")


def _dirty_triggers(source: str, kind: str) -> list[str]:
    """Triggers that only note which rows changed (and the name they had): cheap enough for
    a pull of a whole fair, unlike maintaining the gram table row by row."""
    note = "INSERT INTO search_dirty (kind, rid, old_name) VALUES"
    return [
        f"CREATE TRIGGER IF NOT EXISTS search_{source}_ai AFTER INSERT ON {source} BEGIN "
        f"{note} ('{kind}', NEW.id, NULL); END",
        f"CREATE TRIGGER IF NOT EXISTS search_{source}_ad AFTER DELETE ON {source} BEGIN "
        f"{note} ('{kind}', OLD.id, OLD.name); END",
        f"CREATE TRIGGER IF NOT EXISTS search_{source}_au AFTER UPDATE OF name, id ON {source} "
        f"WHEN OLD.name IS NOT NEW.name OR OLD.id IS NOT NEW.id BEGIN "
        f"{note} ('{kind}', OLD.id, OLD.name); {note} ('{kind}', NEW.id, NULL); END",
    ]


DDL: list[str] = [
    "CREATE TABLE IF NOT EXISTS search_dirty (seq INTEGER PRIMARY KEY, kind TEXT NOT NULL, "
    "rid TEXT NOT NULL, old_name TEXT)",
    *(f"CREATE TABLE IF NOT EXISTS {table} (gram TEXT NOT NULL, pos INTEGER NOT NULL, "
      f"{key} TEXT NOT NULL, PRIMARY KEY (gram, pos, {key})) WITHOUT ROWID"
      for table, _source, key in (("search_person_gram", "person", "pid"),
                                  ("search_enterprise_gram", "enterprise", "eid"))),
    *_dirty_triggers("person", "p"),
    *_dirty_triggers("enterprise", "e"),
    # Account identifiers are asked for at the desk ("I forgot our identifier").
    "CREATE INDEX IF NOT EXISTS ix_search_account_identifier_lower "
    "ON account (lower(identifier))",
    # Covering indexes for the list rows of a page of hits: each hit is then read from
    # small index pages, never from the wide rows (photos' hashes, snapshots, introductions)
    # that an encrypted file would decrypt page by page.
    "CREATE INDEX IF NOT EXISTS ix_search_person_row ON person "
    "(id, deleted, name, enterprise_id, doc_type, doc_number, mobile)",
    "CREATE INDEX IF NOT EXISTS ix_search_enterprise_row ON enterprise (id, name)",
    "CREATE INDEX IF NOT EXISTS ix_search_request_row ON badge_request "
    "(holder_id, requested_at, status, badge_type) WHERE deleted = 0",
    "CREATE INDEX IF NOT EXISTS ix_search_badge_row ON badge "
    "(holder_id, printed_at, code) WHERE deleted = 0 AND status = 'valid'",
]
TABLES = {"p": ("search_person_gram", "person", "pid"),
          "e": ("search_enterprise_gram", "enterprise", "eid")}
UNIGRAMS = {"p": True, "e": False}
# More changed rows than this and the side tables are rebuilt whole (sorted, sequential).
BULK_REBUILD = 20_000


def grams(name: str, *, unigrams: bool = True) -> list[tuple[str, int]]:
    """(gram, position) of every character and every adjacent pair of a name, lower-cased,
    spaces left out. Without `unigrams`, only the first character stands alone (enterprise
    names are long: a one-character query there means "starts with")."""
    text = name.lower()[:MAX_GRAM_NAME]
    out = [(ch, i) for i, ch in enumerate(text) if ch != " " and (unigrams or i == 0)]
    out += [(text[i:i + 2], i) for i in range(len(text) - 1) if " " not in text[i:i + 2]]
    return out


# Page cache of a connection that searches: the replica is encrypted page by page, so a page
# read from disk costs a decryption; the search tables and indexes (tens of MB for a fair)
# are kept decrypted in memory instead.
SEARCH_CACHE_KIB = 96_000


def tune_connection(conn: Connection) -> None:
    """Give this connection a page cache large enough for the search indexes."""
    conn.exec_driver_sql(f"PRAGMA cache_size = -{SEARCH_CACHE_KIB}")


def install_search_index(conn: Connection) -> None:
    """Create the side tables and the triggers that note changes (idempotent). A replica
    made before search existed has every row noted, so the next refresh fills it."""
    fresh = not _has_table(conn, "search_dirty")
    for statement in DDL:
        conn.exec_driver_sql(statement)
    if fresh:
        for kind, (_table, source, _key) in TABLES.items():
            conn.exec_driver_sql(
                f"INSERT INTO search_dirty (kind, rid) SELECT '{kind}', id FROM {source}"
            )


def _has_table(conn: Connection, name: str) -> bool:
    return conn.exec_driver_sql(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (name,)
    ).first() is not None


def pending_changes(conn: Connection) -> int:
    return int(conn.exec_driver_sql("SELECT count(*) FROM search_dirty").scalar_one())


def refresh_search_index(session: Session) -> int:
    """Bring the side tables up to date with the rows noted as changed; returns how many
    notes it took in. Call after writes (the desk does after each sync cycle and command);
    searches stay right meanwhile, as they also look at the noted rows directly."""
    conn = session.connection()
    top = conn.exec_driver_sql("SELECT max(seq), count(*) FROM search_dirty").first()
    if top is None or not top[1]:
        return 0
    last, count = int(top[0]), int(top[1])
    if count > BULK_REBUILD:
        _fill(conn)
    else:
        for kind, (table, source, key) in TABLES.items():
            notes = conn.exec_driver_sql(
                "SELECT rid, old_name FROM search_dirty WHERE kind = ? AND seq <= ?",
                (kind, last)).all()
            if not notes:
                continue
            whole = UNIGRAMS[kind]
            gone = sorted({(g, p, rid) for rid, old in notes if old
                           for g, p in grams(old, unigrams=whole)})
            if gone:
                conn.exec_driver_sql(
                    f"DELETE FROM {table} WHERE gram = ? AND pos = ? AND {key} = ?", gone)
            ids = sorted({rid for rid, _old in notes})
            rows: list[tuple[str, int, str]] = []
            for chunk in range(0, len(ids), 500):
                part = ids[chunk:chunk + 500]
                marks = ",".join("?" * len(part))
                for rid, name in conn.exec_driver_sql(
                        f"SELECT id, name FROM {source} WHERE id IN ({marks})", tuple(part)):
                    rows.extend((g, p, rid) for g, p in grams(name or "", unigrams=whole))
            if rows:
                conn.exec_driver_sql(
                    f"INSERT OR IGNORE INTO {table} (gram, pos, {key}) VALUES (?, ?, ?)",
                    sorted(rows))
    conn.exec_driver_sql("DELETE FROM search_dirty WHERE seq <= ?", (last,))
    return count


def _fill(conn: Connection) -> None:
    """Rebuild both side tables from the rows, inserting in key order (fast on big tables)."""
    for kind, (table, source, key) in TABLES.items():
        conn.exec_driver_sql(f"DELETE FROM {table}")
        batch: list[tuple[str, int, str]] = []
        for rid, name in conn.exec_driver_sql(f"SELECT id, name FROM {source}"):
            batch.extend((g, p, rid) for g, p in grams(name or "", unigrams=UNIGRAMS[kind]))
        batch.sort()
        conn.exec_driver_sql(
            f"INSERT OR IGNORE INTO {table} (gram, pos, {key}) VALUES (?, ?, ?)", batch)


def rebuild_search_index(session: Session) -> None:
    """Fill the side tables again from the rows, whatever was noted (repair, or after rows
    were written with the triggers absent)."""
    conn = session.connection()
    install_search_index(conn)
    _fill(conn)
    conn.exec_driver_sql("DELETE FROM search_dirty")


def update_search_index(session: Session, person_ids: Iterable[str | uuid.UUID] = ()) -> None:
    """Note people whose rows were written behind the triggers' back, and refresh."""
    conn = session.connection()
    for value in person_ids:
        conn.exec_driver_sql("INSERT INTO search_dirty (kind, rid) VALUES ('p', ?)",
                             (uuid.UUID(str(value)).hex,))
    refresh_search_index(session)


# -- queries ---------------------------------------------------------------------------


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


@dataclass(frozen=True)
class PersonHit:
    """One row of the People list. Document and phone are masked here already."""

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


def _upper_bound(prefix: str) -> str:
    """The smallest string greater than every string starting with `prefix`."""
    return prefix[:-1] + chr(ord(prefix[-1]) + 1)


def _prefix(column: str) -> str:
    return f"{column} >= ? AND {column} < ?"


def _rarest_gram(conn: Connection, table: str, pairs: Sequence[str]) -> str:
    best, best_count = pairs[0], RARITY_PROBE + 1
    for pair in dict.fromkeys(pairs):
        count = conn.exec_driver_sql(
            f"SELECT count(*) FROM (SELECT 1 FROM {table} WHERE gram = ? LIMIT {RARITY_PROBE})",
            (pair,),
        ).scalar_one()
        if count < best_count:
            best, best_count = pair, count
            if count == 0:
                break
    return best


def _gram_ids(conn: Connection, kind: str, text: str, limit: int) -> list[str]:
    """Ids whose name contains `text`, names starting with it first; rows changed since the
    last refresh are looked at directly (they are few), so nothing just written is missed."""
    table, source, key = TABLES[kind]
    recent = [r[0] for r in conn.exec_driver_sql(
        f"SELECT DISTINCT d.rid FROM search_dirty d JOIN {source} s ON s.id = d.rid "
        f"WHERE d.kind = ? AND s.deleted = 0 AND instr(lower(s.name), ?) > 0 LIMIT ?",
        (kind, text, limit))]
    if len(text) == 1 and not UNIGRAMS[kind]:
        gram = text  # only first characters are indexed alone: "starts with"
    elif len(text) <= 2:
        gram = text
    else:
        pairs = [text[i:i + 2] for i in range(len(text) - 1) if " " not in text[i:i + 2]]
        if not pairs:
            return recent
        gram = _rarest_gram(conn, table, pairs)
    # The name is checked again: a renamed row keeps its old grams until the next refresh.
    order = f"g.pos, g.{key}" if len(text) <= 2 else f"instr(lower(s.name), ?), g.pos, g.{key}"
    sql = (f"SELECT g.{key} FROM {table} g JOIN {source} s ON s.id = g.{key} "
           f"WHERE g.gram = ? AND s.deleted = 0 AND instr(lower(s.name), ?) > 0 "
           f"ORDER BY {order} LIMIT ?")
    params = (gram, text, limit) if len(text) <= 2 else (gram, text, text, limit)
    indexed = [r[0] for r in conn.exec_driver_sql(sql, params)]
    return list(dict.fromkeys([*recent, *indexed]))[:limit]


def _column_prefix(conn: Connection, table: str, column: str, value: str, limit: int,
                   extra: str = "") -> list[str]:
    sql = (f"SELECT id FROM {table} WHERE {_prefix(column)} AND deleted = 0 {extra} "
           f"ORDER BY {column} LIMIT ?")
    return [r[0] for r in conn.exec_driver_sql(sql, (value, _upper_bound(value), limit))]


def _person_id_sources(conn: Connection, query: Query, limit: int) -> list[tuple[str, list[str]]]:
    """(key, ids) of the indexes that fit the query, best first; the later ones are not
    asked once the earlier ones filled the page."""
    steps: list[tuple[str, Callable[[], list[str]]]] = []
    if query.han or (query.text and not query.letters and not query.doc):
        steps.append(("name", lambda: _gram_ids(conn, "p", query.text, limit)))
    if query.letters:
        steps.append(("initials", lambda: _column_prefix(conn, "person", "name_initials",
                                                         query.letters, limit)))
        steps.append(("pinyin", lambda: _column_prefix(conn, "person", "name_pinyin",
                                                       query.letters, limit)))
        if len(query.letters) >= 2:  # names written in Latin letters (people from abroad)
            steps.append(("name", lambda: _gram_ids(conn, "p", query.text, limit)))
    if query.doc:
        reverse = query.doc[::-1]
        steps.append(("badge", lambda: _badge_people(conn, query.doc, limit)))
        steps.append(("document", lambda: _column_prefix(conn, "person", "doc_number",
                                                         query.doc, limit)))
        if len(query.doc) >= 4:
            steps.append(("document", lambda: _column_prefix(conn, "person", "doc_number_rev",
                                                             reverse, limit)))
            if query.doc.isdigit():
                steps.append(("phone", lambda: _column_prefix(conn, "person", "mobile_rev",
                                                              reverse, limit)))
    found: list[tuple[str, list[str]]] = []
    seen: set[str] = set()
    for key, step in steps:
        ids = step()
        found.append((key, ids))
        seen.update(ids)
        if len(seen) >= limit:
            break
    return found


def _badge_people(conn: Connection, code: str, limit: int) -> list[str]:
    sql = (f"SELECT DISTINCT b.holder_id FROM badge b JOIN person p ON p.id = b.holder_id "
           f"WHERE {_prefix('b.code')} AND b.deleted = 0 AND p.deleted = 0 "
           f"ORDER BY b.code LIMIT ?")
    return [r[0] for r in conn.exec_driver_sql(sql, (code, _upper_bound(code), limit))]


def _merge(sources: list[tuple[str, list[str]]], offset: int, limit: int) -> list[tuple[str, str]]:
    seen: dict[str, str] = {}
    for key, ids in sources:
        for stored in ids:
            seen.setdefault(stored, key)
    return list(seen.items())[offset:offset + limit]


_PEOPLE_ROWS = """
SELECT p.id, p.name, coalesce(e.name, ''), p.doc_type, p.doc_number, p.mobile
FROM person p LEFT JOIN enterprise e ON e.id = p.enterprise_id WHERE p.id IN ({marks})
"""
_REQUESTS = """
SELECT holder_id, status, badge_type FROM badge_request
WHERE holder_id IN ({marks}) AND deleted = 0 ORDER BY requested_at
"""
_BADGES = """
SELECT holder_id, code FROM badge
WHERE holder_id IN ({marks}) AND status = 'valid' AND deleted = 0 ORDER BY printed_at
"""


def people_hits(conn: Connection, chosen: Sequence[tuple[str, str]]) -> list[PersonHit]:
    """The list rows of people by stored id, in the order given (three queries in all)."""
    if not chosen:
        return []
    ids = tuple(stored for stored, _key in chosen)
    marks = ",".join("?" * len(ids))
    people = {r[0]: r for r in conn.exec_driver_sql(_PEOPLE_ROWS.format(marks=marks), ids)}
    latest: dict[str, tuple[str, str]] = {}
    for holder, status, badge_type in conn.exec_driver_sql(_REQUESTS.format(marks=marks), ids):
        latest[holder] = (status, badge_type)  # ordered by time: the last one wins
    codes = {holder: code for holder, code in conn.exec_driver_sql(_BADGES.format(marks=marks),
                                                                    ids)}
    hits = []
    for stored, key in chosen:
        row = people.get(stored)
        if row is None:
            continue
        status, badge_type = latest.get(stored, (None, None))
        hits.append(PersonHit(uuid.UUID(row[0]), row[1], row[2], row[3], mask_document(row[4]),
                              mask_phone(row[5]), status, badge_type, codes.get(stored), key))
    return hits


def search_people(session: Session, text: str, *, offset: int = 0,
                  limit: int = PAGE) -> list[PersonHit]:
    """People matching `text` by any key, best matches first; a page of `limit` hits."""
    query = Query.parse(text)
    if query.empty:
        return []
    conn = session.connection()
    return people_hits(conn, _merge(_person_id_sources(conn, query, offset + limit), offset,
                                    limit))


def find_scanned(session: Session, code: str) -> uuid.UUID | None:
    """The person a scanned code names: a badge code first, then a whole document number."""
    value = re.sub(r"[\s\-]", "", unicodedata.normalize("NFKC", code)).upper()
    if not value:
        return None
    conn = session.connection()
    row = conn.exec_driver_sql(
        "SELECT b.holder_id FROM badge b JOIN person p ON p.id = b.holder_id "
        "WHERE b.code = ? AND b.deleted = 0 AND p.deleted = 0 "
        "ORDER BY b.status = 'valid' DESC, b.printed_at DESC LIMIT 1", (value,)
    ).first()
    if row is None:
        row = conn.exec_driver_sql(
            "SELECT id FROM person WHERE doc_number = ? AND deleted = 0 LIMIT 1", (value,)
        ).first()
    return None if row is None else uuid.UUID(row[0])


# -- enterprises -----------------------------------------------------------------------

_ENTERPRISE_ROW = """
SELECT e.id, e.name, e.uscc, e.region, e.participation, e.review_state,
  (SELECT a.identifier FROM account a WHERE a.enterprise_id = e.id AND a.deleted = 0 LIMIT 1),
  (SELECT count(*) FROM person p WHERE p.enterprise_id = e.id AND p.deleted = 0)
FROM enterprise e WHERE e.id = ?
"""


def search_enterprises(session: Session, text: str, *, offset: int = 0,
                       limit: int = PAGE) -> list[EnterpriseHit]:
    """Enterprises by name substring, pinyin initials, credit code or account identifier.
    Aliases merged into another enterprise are left out."""
    query = Query.parse(text)
    if query.empty:
        return []
    conn = session.connection()
    want = offset + limit
    canonical = "AND canonical_id IS NULL"
    sources: list[tuple[str, list[str]]] = []
    if query.han or not (query.letters or query.doc):
        sources.append(("name", _gram_ids(conn, "e", query.text, want)))
    if query.letters:
        sources.append(("initials", _column_prefix(conn, "enterprise", "name_initials",
                                                   query.letters, want, canonical)))
        sources.append(("pinyin", _column_prefix(conn, "enterprise", "name_pinyin",
                                                 query.letters, want, canonical)))
        if len(query.letters) >= 2:
            sources.append(("name", _gram_ids(conn, "e", query.text, want)))
    if query.doc:
        sources.append(("uscc", _column_prefix(conn, "enterprise", "uscc", query.doc, want,
                                               canonical)))
    if query.doc or query.letters:
        ident = query.text.replace(" ", "")
        rows = conn.exec_driver_sql(
            "SELECT enterprise_id FROM account WHERE lower(identifier) >= ? "
            "AND lower(identifier) < ? AND deleted = 0 AND enterprise_id IS NOT NULL "
            "ORDER BY lower(identifier) LIMIT ?", (ident, _upper_bound(ident), want)
        )
        sources.append(("identifier", [r[0] for r in rows]))
    hits = []
    for stored, key in _merge(sources, 0, want * 2):
        row = conn.exec_driver_sql(_ENTERPRISE_ROW + " AND e.deleted = 0 "
                                   "AND e.canonical_id IS NULL", (stored,)).first()
        if row is not None:
            hits.append(EnterpriseHit(uuid.UUID(row[0]), row[1], row[2], row[3], row[4], row[5],
                                      row[6], int(row[7]), key))
    return hits[offset:offset + limit]


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
            f"SELECT id, name FROM enterprise WHERE {_prefix('name_pinyin')} AND {live} "
            "ORDER BY length(name_pinyin) LIMIT ?", (core, _upper_bound(core), limit * 4))
        similar = [r for r in rows if _pinyin_core(r[1]) == core]
        take(similar, "similar_pinyin")
    return list(found.values())[:limit]
