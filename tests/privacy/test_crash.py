"""Crash safety of the encrypted replica: the desk killed (SIGKILL) at random moments while
it records 100 commands; each time the replica opens again with its key, intact, and holds
every command the desk had confirmed."""

from __future__ import annotations

import random
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from sqlalchemy import select

from desk.sync import cipher
from desk.sync.replica import open_replica
from desk.sync.tables import OutboxCommand
from tests.sync.checks import raw_connect
from tests.sync.harness import REPO

WRITES = 100
SEEDS = (1, 2, 3, 4, 5)
MAX_ROUNDS = 5


def _writer(
    path: Path, key: bytes, seed: int, count: int
) -> tuple[subprocess.Popen[str], list[str]]:
    proc = subprocess.Popen(
        [sys.executable, "-m", "tests.privacy.writer", str(path), str(seed), str(count)],
        cwd=REPO,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert proc.stdin is not None and proc.stdout is not None
    proc.stdin.write(key.hex() + "\n")
    proc.stdin.close()
    lines: list[str] = []
    stdout = proc.stdout

    def read() -> None:
        for line in stdout:
            lines.append(line)

    threading.Thread(target=read, daemon=True).start()
    return proc, lines


def _confirmed(lines: list[str]) -> set[tuple[str, int]]:
    # Only whole lines: a line is written after its commit returned.
    out = set()
    for line in lines:
        if line.endswith("\n") and line != "ready\n":
            client, command_id = line.split()
            out.add((client, int(command_id)))
    return out


def _check(path: Path, key: bytes, confirmed: set[tuple[str, int]]) -> int:
    cipher.forget(path)
    conn = raw_connect(path, key)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert conn.execute("PRAGMA cipher_integrity_check").fetchall() == []
    finally:
        conn.close()
    replica = open_replica(path, key=key)
    try:
        with replica.read() as session:
            stored = {
                (str(c), int(i))
                for c, i in session.execute(select(OutboxCommand.client_id, OutboxCommand.id))
            }
    finally:
        replica.close()
    missing = confirmed - stored
    assert not missing, f"{len(missing)} confirmed commands lost"
    return len(stored)


@pytest.mark.parametrize("seed", SEEDS)
def test_confirmed_commands_survive_sigkill(seed: int, tmp_path: Path) -> None:
    rng = random.Random(seed)
    path = tmp_path / "replica.sqlite3"
    key = cipher.new_key()
    open_replica(path, key=key).close()
    confirmed: set[tuple[str, int]] = set()
    started = time.monotonic()
    kills = 0
    for round_ in range(MAX_ROUNDS):
        last = round_ == MAX_ROUNDS - 1  # the last run is left to finish the 100
        proc, lines = _writer(path, key, seed * 100 + round_, WRITES - len(confirmed))
        if not last and rng.random() < 0.2:  # now and then while it starts and opens
            time.sleep(rng.uniform(0.0, 1.2))
        elif not last:
            # After a random number of confirmations, at a random moment of the next write.
            target = 1 + rng.randrange(WRITES - len(confirmed))
            deadline = time.monotonic() + 30
            while len(lines) <= target and proc.poll() is None and time.monotonic() < deadline:
                time.sleep(0.001)
            time.sleep(rng.uniform(0.0, 0.02))
        if not last and proc.poll() is None:
            proc.kill()
            kills += 1
        proc.wait(timeout=60)
        time.sleep(0.05)  # let the reader take the last lines
        confirmed |= _confirmed(lines)
        assert _check(path, key, confirmed) >= len(confirmed)
        if len(confirmed) >= WRITES:
            break
    assert kills >= 1 and len(confirmed) >= WRITES
    assert time.monotonic() - started < 90
