"""A desk in its own process, to be killed with SIGKILL at a random moment.

python -m tests.sync.desk_proc pull REPLICA URL USERNAME
python -m tests.sync.desk_proc work REPLICA URL USERNAME SEED COUNT

The replica is encrypted: the desk signs in offline (its operator's key slot) to open it.
"""

from __future__ import annotations

import random
import sys
import time
from pathlib import Path

from desk.models.commands import CommandRefused
from desk.sync.client import Client
from desk.sync.engine import SyncEngine
from desk.sync.operators import offline_login
from desk.sync.outbox import record
from desk.sync.replica import open_replica
from tests.sync.harness import PASSWORD
from tests.sync.workload import Workload


def main(argv: list[str]) -> int:
    mode, path, url, username = argv[0], Path(argv[1]), argv[2], argv[3]
    replica = open_replica(path)
    operator = offline_login(replica, username, PASSWORD)
    client = Client(url, token=replica.identity().token, read_timeout_s=10)
    engine = SyncEngine(replica, client=client, page_limit=5000)
    if mode == "pull":
        while not engine.sync_once().ok:
            time.sleep(0.1)
        return 0
    operator_id, seed, count = operator.user_id, int(argv[4]), int(argv[5])
    rng = random.Random(seed)
    workload = Workload(rng, tag=f"p{seed}")
    for _ in range(count):
        for name, args in workload.next_commands(replica):
            try:
                record(replica, name, args, operator_id=operator_id)
            except CommandRefused:
                pass
        if rng.random() < 0.5:
            engine.sync_once()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
