"""The replica's database file, encrypted with SQLCipher through SQLAlchemy's
`sqlite+pysqlcipher` dialect (the `sqlcipher3` driver: SQLite with SQLCipher built in, wheels
for Windows and Linux, kept up to date with SQLCipher's releases).

Every page of the database and of its WAL is AES-256 encrypted and authenticated (HMAC-SHA512)
under the replica's key, given raw (`x'...'`) so no passphrase derivation runs per
connection. Temporary tables and sort spills stay in memory, never in plaintext temp files.

SQLAlchemy's own logging is kept off for this engine whatever the root logger says: at
INFO/DEBUG it would write statements' parameters and fetched rows (people's data) to the log.
"""

from __future__ import annotations

import logging
import secrets
import threading
from pathlib import Path

import sqlcipher3
from sqlalchemy import URL, Engine, create_engine
from sqlalchemy.pool import QueuePool

KEY_BYTES = 32
LOGGING_NAME = "replica"
SQLITE_HEADER = b"SQLite format 3\x00"
SIDE_FILES = ("-wal", "-shm", "-journal")

logging.getLogger(f"sqlalchemy.engine.Engine.{LOGGING_NAME}").setLevel(logging.WARNING)
logging.getLogger("sqlalchemy.pool").setLevel(logging.WARNING)

# Keys of replicas this process created or unlocked, so a replica closed and opened again in
# the same process (a test, a tool) needs no second sign-in. Memory only; a wipe forgets.
_known: dict[Path, bytes] = {}
_known_lock = threading.Lock()


def new_key() -> bytes:
    return secrets.token_bytes(KEY_BYTES)


def _pragma_key(key: bytes) -> str:
    if len(key) != KEY_BYTES:
        raise ValueError("a replica key has 32 bytes")
    return f"x'{key.hex()}'"


def make_engine(path: Path, key: bytes, *, busy_timeout_s: float) -> Engine:
    """An engine on the encrypted file. The dialect sets the key first on every connection,
    before any other statement (SQLCipher needs that order)."""
    url = URL.create("sqlite+pysqlcipher", password=_pragma_key(key), database=str(path))
    return create_engine(
        url,
        # The dialect's default pool keeps one connection per thread and closes others'
        # when it overflows; the desk has several threads, so use the usual queue.
        poolclass=QueuePool,
        connect_args={"check_same_thread": False, "timeout": busy_timeout_s},
        hide_parameters=True,
        logging_name=LOGGING_NAME,
    )


def key_opens(path: Path, key: bytes) -> bool:
    """Whether `key` decrypts the file at `path` (a missing file opens with any key)."""
    if not path.exists():
        return True
    conn = sqlcipher3.connect(str(path))
    try:
        conn.execute("PRAGMA cipher_log_level = NONE")  # a wrong key is an answer, not news
        conn.execute(f'PRAGMA key = "{_pragma_key(key)}"')
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        return True
    except sqlcipher3.DatabaseError:
        return False
    finally:
        conn.close()


def is_plaintext(path: Path) -> bool:
    """A replica written before encryption (plain SQLite)."""
    try:
        with open(path, "rb") as handle:
            return handle.read(len(SQLITE_HEADER)) == SQLITE_HEADER
    except OSError:
        return False


def replica_files(path: Path) -> list[Path]:
    """The database and the side files SQLite may keep beside it."""
    return [path, *(path.with_name(path.name + suffix) for suffix in SIDE_FILES)]


def remember(path: Path, key: bytes) -> None:
    with _known_lock:
        _known[path.resolve()] = key


def known_key(path: Path) -> bytes | None:
    with _known_lock:
        return _known.get(path.resolve())


def forget(path: Path) -> None:
    with _known_lock:
        _known.pop(path.resolve(), None)
