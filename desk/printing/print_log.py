"""The desk's own log of badge prints: when, who, which desk, which badge revision, where to.

A JSON-lines file in the desk's data folder, rotated by size. It answers "what did this
counter print, and on which printer" without the service, and holds nothing personal: badges
are named by id and code, operators by id, PDF files not at all (their names may be people's).
"""

from __future__ import annotations

import json
import logging
import os
import threading
from collections.abc import Iterator, Mapping
from dataclasses import asdict, dataclass, fields
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)

FILE_NAME = "badge-prints.jsonl"


@dataclass(frozen=True, slots=True)
class PrintEntry:
    printed_at: str  # UTC, ISO 8601
    operator_id: str
    desk_id: str
    badge_id: str
    code: str
    revision_desk: str
    revision_counter: int
    reprint: bool
    target: str  # "printer:NAME" or "pdf"
    paper: str

    @classmethod
    def from_command(
        cls,
        args: Mapping[str, Any],
        *,
        operator_id: str,
        desk_id: str,
        target: str,
        paper: str,
        when: datetime | None = None,
    ) -> PrintEntry:
        """The entry of one printed revision, from its `record_badge_printed` arguments."""
        moment = (when or datetime.now(UTC)).astimezone(UTC)
        return cls(
            printed_at=moment.isoformat(timespec="seconds"),
            operator_id=str(operator_id),
            desk_id=str(desk_id),
            badge_id=str(args["badge_id"]),
            code=str(args["code"]),
            revision_desk=str(args["revision_desk"]),
            revision_counter=int(args["revision_counter"]),
            reprint=bool(args.get("reprint_reason")),
            target=target,
            paper=paper,
        )


_FIELDS = frozenset(f.name for f in fields(PrintEntry))


class PrintLog:
    """Appends entries to `directory/badge-prints.jsonl`; past `max_bytes` the file moves to
    `.1` (and `.1` to `.2`, ...), keeping `backups` old files."""

    def __init__(
        self, directory: str | Path, *, max_bytes: int = 1_000_000, backups: int = 5
    ) -> None:
        self.directory = Path(directory)
        self.path = self.directory / FILE_NAME
        self.max_bytes = max_bytes
        self.backups = backups
        self._lock = threading.Lock()

    def _rotated(self, index: int) -> Path:
        return self.path.with_name(f"{FILE_NAME}.{index}")

    def _rotate(self) -> None:
        self._rotated(self.backups).unlink(missing_ok=True)
        for index in range(self.backups - 1, 0, -1):
            if self._rotated(index).exists():
                os.replace(self._rotated(index), self._rotated(index + 1))
        if self.backups > 0:
            os.replace(self.path, self._rotated(1))
        else:
            self.path.unlink()

    def record(self, entry: PrintEntry) -> None:
        line = json.dumps(asdict(entry), ensure_ascii=False, sort_keys=True) + "\n"
        with self._lock:
            self.directory.mkdir(parents=True, exist_ok=True)
            if self.path.exists() and self.path.stat().st_size + len(line) > self.max_bytes:
                self._rotate()
            if not self._ends_with_newline():
                line = "\n" + line  # a crash cut the last line: keep this one whole
            with self.path.open("a", encoding="utf-8") as handle:
                handle.write(line)
                handle.flush()
                os.fsync(handle.fileno())

    def _ends_with_newline(self) -> bool:
        try:
            with self.path.open("rb") as handle:
                handle.seek(0, os.SEEK_END)
                if handle.tell() == 0:
                    return True
                handle.seek(-1, os.SEEK_END)
                return handle.read(1) == b"\n"
        except FileNotFoundError:
            return True

    def _lines(self) -> Iterator[str]:
        for index in range(self.backups, 0, -1):
            if self._rotated(index).exists():
                yield from self._rotated(index).read_text(encoding="utf-8").splitlines()
        if self.path.exists():
            yield from self.path.read_text(encoding="utf-8").splitlines()

    def entries(self) -> list[PrintEntry]:
        """Every kept entry, oldest first; a damaged line (a crash mid-write) is skipped."""
        out: list[PrintEntry] = []
        with self._lock:
            for line in self._lines():
                try:
                    raw = json.loads(line)
                    out.append(PrintEntry(**{k: raw[k] for k in _FIELDS}))
                except (ValueError, KeyError, TypeError):
                    log.warning("skipped a damaged line of the print log")
        return out
