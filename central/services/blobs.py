"""Photos and scans stored by SHA-256: a directory behind a small interface, the verdict of
the photo rules in the database."""

from __future__ import annotations

import hashlib
import logging
import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from sqlalchemy import exc
from sqlalchemy.orm import Session

from central.db.tables import Blob

log = logging.getLogger(__name__)

KINDS = ("badge", "one-inch", "licence")


class BlobStore(Protocol):
    def has(self, sha256: str) -> bool: ...
    def read(self, sha256: str) -> bytes | None: ...
    def write(self, sha256: str, data: bytes) -> None: ...


class DirectoryStore:
    """Files under `root/ab/abcdef...`; written to a temporary file and renamed into place, so
    a cut upload never leaves a partial blob under its hash."""

    def __init__(self, root: Path) -> None:
        self.root = root

    def _path(self, sha256: str) -> Path:
        return self.root / sha256[:2] / sha256

    def has(self, sha256: str) -> bool:
        return self._path(sha256).is_file()

    def read(self, sha256: str) -> bytes | None:
        try:
            return self._path(sha256).read_bytes()
        except FileNotFoundError:
            return None

    def write(self, sha256: str, data: bytes) -> None:
        path = self._path(sha256)
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".upload-")
        try:
            with os.fdopen(fd, "wb") as out:
                out.write(data)
                out.flush()
                os.fsync(out.fileno())
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise


@dataclass
class Verdict:
    ok: bool
    failures: list[dict[str, Any]] = field(default_factory=list)


def _basic_check(data: bytes, kind: str) -> Verdict:
    """Used only when the photo rules cannot be loaded: the file type, nothing more."""
    if data.startswith(b"\xff\xd8\xff") or (kind == "licence" and data.startswith(b"\x89PNG")):
        return Verdict(True)
    return Verdict(
        False,
        [
            {
                "code": "not_jpeg",
                "value": None,
                "message_zh": "不是 JPEG 图片",
                "message_en": "Not a JPEG image",
            }
        ],
    )


def check_blob(data: bytes, kind: str) -> Verdict:
    """Run the photo rules (CPU-bound: call it from a worker thread)."""
    try:
        from desk.models.photo import check_photo
    except ImportError:
        log.warning("photo rules unavailable: checking the file type only")
        return _basic_check(data, kind)
    report = check_photo(data, kind)  # type: ignore[arg-type]
    failures = [
        {
            "code": c.code,
            "value": _plain(c.value),
            "message_zh": c.message_zh,
            "message_en": c.message_en,
        }
        for c in report.failures
    ]
    return Verdict(bool(report.ok), failures)


def _plain(value: Any) -> Any:
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    return str(value)


def sha256_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def record(session: Session, *, sha256: str, kind: str, size: int, verdict: Verdict) -> Blob:
    """Store the verdict; a concurrent upload of the same bytes keeps the first row."""
    row = Blob(sha256=sha256, kind=kind, size=size, ok=verdict.ok, failures=verdict.failures)
    try:
        with session.begin_nested():
            session.add(row)
    except exc.IntegrityError:
        existing = session.get(Blob, sha256)
        assert existing is not None
        return existing
    return row


def blob_answer(row: Blob) -> dict[str, Any]:
    return {
        "sha256": row.sha256,
        "kind": row.kind,
        "size": row.size,
        "status": "accepted" if row.ok else "refused",
        "failures": row.failures,
    }
