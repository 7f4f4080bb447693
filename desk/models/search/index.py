"""The search side tables and their upkeep.

Names are split into grams (every character and every adjacent pair) in desk-local side
tables, one per searchable table, keyed by (gram, position, id). SQLite triggers on the
searched tables only note which rows changed (`search_dirty`); `refresh_search_index` turns
the notes into grams after writes, and searches look at noted rows directly meanwhile.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import Connection
from sqlalchemy.orm import Session

# A name longer than this is not split into grams (no real name is; it bounds the work).
MAX_GRAM_NAME = 200
# More changed rows than this and the side tables are rebuilt whole (sorted, sequential).
BULK_REBUILD = 20_000
# Page cache of a connection that searches: the replica is encrypted page by page, so a page
# read from disk costs a decryption; the search tables and indexes (tens of MB for a fair)
# are kept decrypted in memory instead.
SEARCH_CACHE_KIB = 96_000


# A badge code without its dash, as the search compares codes (see `ix_search_badge_code`).
BADGE_CODE = "replace(code, '-', '')"


@dataclass(frozen=True)
class Source:
    """A searched table: its note letter in `search_dirty`, its gram table and key column.
    Without `unigrams`, only a name's first character is a gram on its own (enterprise names
    are long: a one-character query there means "starts with")."""

    note: str
    table: str
    grams: str
    key: str
    unigrams: bool = True


PERSON = Source("p", "person", "search_person_gram", "pid")
HOST_STAFF = Source("s", "host_staff", "search_staff_gram", "hid")
GUEST = Source("g", "guest", "search_guest_gram", "hid")
ENTERPRISE = Source("e", "enterprise", "search_enterprise_gram", "eid", unigrams=False)
SOURCES: dict[str, Source] = {s.note: s for s in (PERSON, HOST_STAFF, GUEST, ENTERPRISE)}
# Everyone who holds a badge, as the People search finds them: enterprise personnel first.
HOLDERS = (PERSON, HOST_STAFF, GUEST)


def _dirty_triggers(source: Source) -> list[str]:
    """Triggers that only note which rows changed (and the name they had): cheap enough for
    a pull of a whole fair, unlike maintaining the gram table row by row."""
    note = "INSERT INTO search_dirty (kind, rid, old_name) VALUES"
    table, kind = source.table, source.note
    return [
        f"CREATE TRIGGER IF NOT EXISTS search_{table}_ai AFTER INSERT ON {table} BEGIN "
        f"{note} ('{kind}', NEW.id, NULL); END",
        f"CREATE TRIGGER IF NOT EXISTS search_{table}_ad AFTER DELETE ON {table} BEGIN "
        f"{note} ('{kind}', OLD.id, OLD.name); END",
        f"CREATE TRIGGER IF NOT EXISTS search_{table}_au AFTER UPDATE OF name, id ON {table} "
        f"WHEN OLD.name IS NOT NEW.name OR OLD.id IS NOT NEW.id BEGIN "
        f"{note} ('{kind}', OLD.id, OLD.name); {note} ('{kind}', NEW.id, NULL); END",
    ]


def _gram_table(source: Source) -> str:
    return (f"CREATE TABLE IF NOT EXISTS {source.grams} (gram TEXT NOT NULL, pos INTEGER NOT "
            f"NULL, {source.key} TEXT NOT NULL, PRIMARY KEY (gram, pos, {source.key})) "
            f"WITHOUT ROWID")


DDL: list[str] = [
    "CREATE TABLE IF NOT EXISTS search_dirty (seq INTEGER PRIMARY KEY, kind TEXT NOT NULL, "
    "rid TEXT NOT NULL, old_name TEXT)",
    *(_gram_table(source) for source in SOURCES.values()),
    *(trigger for source in SOURCES.values() for trigger in _dirty_triggers(source)),
    # Account identifiers are asked for at the desk ("I forgot our identifier").
    "CREATE INDEX IF NOT EXISTS ix_search_account_identifier_lower "
    "ON account (lower(identifier))",
    # Covering indexes for the list rows of a page of hits: each hit is then read from
    # small index pages, never from the wide rows (photos' hashes, snapshots, introductions)
    # that an encrypted file would decrypt page by page.
    "CREATE INDEX IF NOT EXISTS ix_search_person_row ON person "
    "(id, deleted, name, enterprise_id, doc_type, doc_number, mobile)",
    "CREATE INDEX IF NOT EXISTS ix_search_host_staff_row ON host_staff "
    "(id, deleted, name, host_org_id, doc_type, doc_number, mobile)",
    "CREATE INDEX IF NOT EXISTS ix_search_guest_row ON guest "
    "(id, deleted, name, host_org_id, organisation, doc_type, doc_number, mobile)",
    # Initials and pinyin prefixes match hundreds of people: with the id in the index (and
    # only live rows in it) a page of them is found without reading any wide row.
    "CREATE INDEX IF NOT EXISTS ix_search_person_initials ON person (name_initials, id) "
    "WHERE deleted = 0",
    "CREATE INDEX IF NOT EXISTS ix_search_person_pinyin ON person (name_pinyin, id) "
    "WHERE deleted = 0",
    "CREATE INDEX IF NOT EXISTS ix_search_enterprise_row ON enterprise (id, name)",
    "CREATE INDEX IF NOT EXISTS ix_search_host_org_row ON host_org (id, name)",
    "CREATE INDEX IF NOT EXISTS ix_search_request_row ON badge_request "
    "(holder_id, requested_at, status, badge_type) WHERE deleted = 0",
    "CREATE INDEX IF NOT EXISTS ix_search_badge_row ON badge "
    "(holder_id, printed_at, code) WHERE deleted = 0 AND status = 'valid'",
    # Badge codes as typed or scanned: the dash of a printed code (E7KQ2M-000123) is left
    # out on both sides, so "E7KQ2M000123", "E7KQ2M-000123" and "E7KQ" all find it.
    f"CREATE INDEX IF NOT EXISTS ix_search_badge_code ON badge ({BADGE_CODE}) "
    "WHERE deleted = 0",
]


def grams(name: str, *, unigrams: bool = True) -> list[tuple[str, int]]:
    """(gram, position) of every character and every adjacent pair of a name, lower-cased,
    spaces left out. Without `unigrams`, only the first character stands alone."""
    text = name.lower()[:MAX_GRAM_NAME]
    out = [(ch, i) for i, ch in enumerate(text) if ch != " " and (unigrams or i == 0)]
    out += [(text[i:i + 2], i) for i in range(len(text) - 1) if " " not in text[i:i + 2]]
    return out


def tune_connection(conn: Connection) -> None:
    """Give this connection a page cache large enough for the search indexes."""
    conn.exec_driver_sql(f"PRAGMA cache_size = -{SEARCH_CACHE_KIB}")


def _has_table(conn: Connection, name: str) -> bool:
    return conn.exec_driver_sql(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (name,)
    ).first() is not None


def install_search_index(conn: Connection) -> None:
    """Create the side tables and the triggers that note changes (idempotent). Rows of a
    table whose gram table is new (a replica from before search, or before that table was
    searched) are all noted, so the next refresh fills it."""
    new = [source for source in SOURCES.values() if not _has_table(conn, source.grams)]
    for statement in DDL:
        conn.exec_driver_sql(statement)
    for source in new:
        conn.exec_driver_sql(
            f"INSERT INTO search_dirty (kind, rid) SELECT '{source.note}', id FROM {source.table}")


def pending_changes(conn: Connection) -> int:
    return int(conn.exec_driver_sql("SELECT count(*) FROM search_dirty").scalar_one())


def _take_notes(conn: Connection, source: Source, last: int) -> None:
    notes = conn.exec_driver_sql(
        "SELECT rid, old_name FROM search_dirty WHERE kind = ? AND seq <= ?",
        (source.note, last)).all()
    if not notes:
        return
    gone = sorted({(g, p, rid) for rid, old in notes if old
                   for g, p in grams(old, unigrams=source.unigrams)})
    if gone:
        conn.exec_driver_sql(
            f"DELETE FROM {source.grams} WHERE gram = ? AND pos = ? AND {source.key} = ?", gone)
    ids = sorted({rid for rid, _old in notes})
    rows: list[tuple[str, int, str]] = []
    for chunk in range(0, len(ids), 500):
        part = ids[chunk:chunk + 500]
        marks = ",".join("?" * len(part))
        for rid, name in conn.exec_driver_sql(
                f"SELECT id, name FROM {source.table} WHERE id IN ({marks})", tuple(part)):
            rows.extend((g, p, rid) for g, p in grams(name or "", unigrams=source.unigrams))
    if rows:
        conn.exec_driver_sql(
            f"INSERT OR IGNORE INTO {source.grams} (gram, pos, {source.key}) VALUES (?, ?, ?)",
            sorted(rows))


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
        for source in SOURCES.values():
            _take_notes(conn, source, last)
    conn.exec_driver_sql("DELETE FROM search_dirty WHERE seq <= ?", (last,))
    return count


def _fill(conn: Connection) -> None:
    """Rebuild every side table from the rows, inserting in key order (fast on big tables)."""
    for source in SOURCES.values():
        conn.exec_driver_sql(f"DELETE FROM {source.grams}")
        batch: list[tuple[str, int, str]] = []
        for rid, name in conn.exec_driver_sql(f"SELECT id, name FROM {source.table}"):
            batch.extend((g, p, rid) for g, p in grams(name or "", unigrams=source.unigrams))
        if batch:
            batch.sort()
            conn.exec_driver_sql(
                f"INSERT OR IGNORE INTO {source.grams} (gram, pos, {source.key}) "
                "VALUES (?, ?, ?)", batch)


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
