"""A desk that records commands until killed: it opens the encrypted replica with the key
read from stdin, and after each `outbox.record` returns, prints the command's id and
flushes, as a desk shows a command confirmed to its operator.

python -m tests.privacy.writer REPLICA SEED COUNT   (the key, hex, on stdin's first line)
"""

from __future__ import annotations

import random
import sys
import uuid
from pathlib import Path

from desk.models.commands import CommandRefused
from desk.sync.outbox import record
from desk.sync.replica import open_replica
from tests.sync.workload import Workload

OPERATOR = uuid.UUID(int=7)


def main(argv: list[str]) -> int:
    path, seed, count = Path(argv[0]), int(argv[1]), int(argv[2])
    key = bytes.fromhex(sys.stdin.readline().strip())
    replica = open_replica(path, key=key)
    out = sys.stdout
    out.write("ready\n")
    out.flush()
    workload = Workload(random.Random(seed), tag=f"k{seed}x")
    done = 0
    while done < count:
        for name, args in workload.next_commands(replica):
            try:
                recorded = record(replica, name, args, operator_id=OPERATOR)
            except CommandRefused:
                continue
            out.write(f"{recorded.client_id} {recorded.id}\n")
            out.flush()
            done += 1
    replica.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
