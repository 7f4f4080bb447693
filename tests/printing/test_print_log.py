"""The desk's print log: what was printed where, rotated, with nothing personal in it."""

from __future__ import annotations

import json
import uuid
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from desk.printing.print_log import FILE_NAME, PrintEntry, PrintLog


def _args(counter: int, reason: str = "") -> dict[str, Any]:
    return {
        "badge_id": str(uuid.uuid4()),
        "request_id": str(uuid.uuid4()),
        "code": f"DAAAAA-{counter:06d}",
        "revision_desk": "D1",
        "revision_counter": counter,
        "reprint_reason": reason,
        "signature": "x" * 86,
        "signing_key_id": "desk:0011223344556677",
    }


def _entry(counter: int, reason: str = "") -> PrintEntry:
    return PrintEntry.from_command(
        _args(counter, reason),
        operator_id="op-1",
        desk_id="D1",
        target="printer:Card-1",
        paper="cr80",
        when=datetime(2026, 9, 5, 9, 30, tzinfo=UTC),
    )


def test_entries_are_kept_in_order(tmp_path: Path) -> None:
    log = PrintLog(tmp_path / "data")
    log.record(_entry(1))
    log.record(_entry(2, "证件丢失"))
    entries = log.entries()
    assert [(e.revision_counter, e.reprint) for e in entries] == [(1, False), (2, True)]
    assert entries[0].printed_at == "2026-09-05T09:30:00+00:00"
    assert entries[1].target == "printer:Card-1"


def test_only_ids_and_codes_are_logged(tmp_path: Path) -> None:
    log = PrintLog(tmp_path)
    log.record(_entry(1, "holder 张伟 lost it"))
    (line,) = (tmp_path / FILE_NAME).read_text(encoding="utf-8").splitlines()
    assert set(json.loads(line)) == {
        "printed_at",
        "operator_id",
        "desk_id",
        "badge_id",
        "code",
        "revision_desk",
        "revision_counter",
        "reprint",
        "target",
        "paper",
    }
    assert "张伟" not in line and "signature" not in line


def test_the_log_rotates_and_keeps_its_backups(tmp_path: Path) -> None:
    log = PrintLog(tmp_path, max_bytes=1000, backups=2)
    for counter in range(1, 41):
        log.record(_entry(counter))
    files = sorted(p.name for p in tmp_path.iterdir())
    assert files == [FILE_NAME, f"{FILE_NAME}.1", f"{FILE_NAME}.2"]
    assert all(p.stat().st_size <= 1000 for p in tmp_path.iterdir())
    counters = [e.revision_counter for e in log.entries()]
    assert counters == sorted(counters) and counters[-1] == 40 and counters[0] > 1


def test_a_damaged_line_is_skipped_and_spoils_no_other(tmp_path: Path) -> None:
    log = PrintLog(tmp_path)
    log.record(_entry(1))
    with (tmp_path / FILE_NAME).open("a", encoding="utf-8") as handle:
        handle.write('{"printed_at": "2026-09-05T09:3')  # a crash mid-write
    log.record(_entry(2))
    assert [e.revision_counter for e in log.entries()] == [1, 2]
