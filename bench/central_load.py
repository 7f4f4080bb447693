"""Load bench of the central service: N simulated desks pushing and pulling over HTTP.

Starts a throwaway PostgreSQL cluster (fsync on) or a SQLite file, runs `fairdesk-central
serve` on it, enrolls N desks, and has each push `add_person` commands and pull what changed.
Two phases, each printing commands applied per second and push latency p50/p95:

- capacity (the headline `commands_per_s`): every desk pushes its next batch of
  `--batch-size` as soon as its pull returns, with no pause (`--think-ms` adds one): the most
  the service applies. Latency there is set by the queue a closed loop keeps (20 desks at C
  commands/s of 20-command batches wait about 400/C seconds per cycle), so it is not the
  figure to judge latency by.
- paced (the headline `push_p50_ms` and `push_p95_ms`): commands arrive at the desks at
  `--rate` in all (1,000/s by default, at random moments), and each desk syncs as the desk's
  engine does: a cycle pushes every command waiting, then pulls; the next starts at once
  when more arrived meanwhile. Push latency is what a desk waits at that load. Its commands
  per second (`paced.commands_per_s`) counts until the last command is answered, so it stays
  a little under the offered rate however fast the service is: it shows that the service
  kept up, not how much it can apply.

Also pull rows per second (five desks fetching the whole fair at once) and, as the baseline,
the same person rows inserted by plain SQL into the same database in the same run.

    python bench/central_load.py [--db postgresql|sqlite] [--desks 20] [--rate 1000] [--json]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections.abc import Iterable
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import requests
from sqlalchemy import func, select

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.simulated_desk import BenchDesk, person  # noqa: E402
from bench.stats import percentile  # noqa: E402
from central.core.config import Settings  # noqa: E402
from central.db.engine import Database  # noqa: E402
from central.db.migrate import migrate  # noqa: E402
from central.db.tables import CommandResult  # noqa: E402
from central.services import accounts  # noqa: E402
from central.services.operations import run_as_service  # noqa: E402
from desk.models.schema import Person  # noqa: E402
from desk.models.search_keys import person_keys  # noqa: E402
from tests.pg import PgCluster, free_port  # noqa: E402


def start_service(db_url: str, port: int, workers: int, blob_dir: str) -> subprocess.Popen[bytes]:
    env = {
        **os.environ,
        "FAIRDESK_DB": db_url,
        "FAIRDESK_BLOB_DIR": blob_dir,
        "FAIRDESK_DB_POOL_SIZE": "10",
        "FAIRDESK_DB_MAX_OVERFLOW": "40",
    }
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "central.cli",
            "serve",
            "--port",
            str(port),
            "--workers",
            str(workers),
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if requests.get(f"http://127.0.0.1:{port}/healthz", timeout=1).ok:
                return proc
        except requests.ConnectionError:
            time.sleep(0.2)
    proc.kill()
    raise RuntimeError("the service did not start")


def baseline(db: Database, rows: int, batch_size: int, enterprise_id: str) -> float:
    """The same person rows inserted by plain SQL, one transaction per batch."""
    table = Person.__table__
    now = datetime.now(UTC)
    payload = []
    for n in range(rows):
        p = person(9999, n)
        pinyin, initials = person_keys(p["name"])
        payload.append(
            {
                "id": uuid.uuid4(),
                "version": 0,
                "created_at": now,
                "updated_at": now,
                "deleted": False,
                "enterprise_id": uuid.UUID(enterprise_id),
                "name": p["name"],
                "name_pinyin": pinyin,
                "name_initials": initials,
                "gender": "male",
                "nationality": "mainland",
                "doc_type": "passport",  # unique, whatever the number of rows
                "doc_number": f"E{n:08d}",
                "doc_number_rev": f"E{n:08d}"[::-1],
                "birthday": date.fromisoformat(p["birthday"]),
                "mobile": p["mobile"],
                "mobile_rev": p["mobile"][::-1],
                "duty": "other",
                "position": "junior",
                "display_name": "",
            }
        )
    started = time.perf_counter()
    for i in range(0, rows, batch_size):
        with db.engine.begin() as conn:
            conn.execute(table.insert(), payload[i : i + batch_size])  # type: ignore[attr-defined]
    return rows / (time.perf_counter() - started)


def _cpu_seconds(pid: int) -> float:
    try:
        with open(f"/proc/{pid}/stat") as handle:
            fields = handle.read().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def cpu_split(service_pid: int, database: str) -> dict[str, float]:
    """CPU seconds so far of the service's processes and of the database's backends
    (Linux /proc; zeros elsewhere), to see where a command's cost goes."""
    service = postgres = 0.0
    for entry in Path("/proc").glob("[0-9]*"):
        try:
            cmdline = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode()
            with open(entry / "stat") as handle:
                ppid = int(handle.read().rsplit(")", 1)[1].split()[1])
        except (OSError, ValueError, IndexError):
            continue
        if int(entry.name) == service_pid or ppid == service_pid:
            service += _cpu_seconds(int(entry.name))
        elif cmdline.startswith(f"postgres: postgres {database} "):
            postgres += _cpu_seconds(int(entry.name))
    return {"service": service, "postgres": postgres, "bench": time.process_time()}


def count_unanswered(db: Database, desks: list[BenchDesk]) -> int:
    """Commands a desk allocated that have no stored result on the service (P1: must be 0)."""
    with db.read() as session:
        stored = dict(
            session.execute(
                select(CommandResult.client_id, func.count()).group_by(CommandResult.client_id)
            ).all()
        )
    return sum(d.next_id - 1 - stored.get(uuid.UUID(d.client_id), 0) for d in desks)


def merged_counts(counts: Iterable[dict[str, int]]) -> dict[str, int]:
    total: dict[str, int] = {}
    for one in counts:
        for key, value in one.items():
            total[key] = total.get(key, 0) + value
    return total


def phase(desks: list[BenchDesk], work: list[threading.Thread], service_pid: int) -> dict[str, Any]:
    """Run one thread per desk; the commands applied, how fast and the push latencies."""
    for desk in desks:
        desk.latencies.clear()
        desk.waits.clear()
        desk.applied = 0
    cpu_before = cpu_split(service_pid, "bench")
    started = time.perf_counter()
    for t in work:
        t.start()
    for t in work:
        t.join()
    elapsed = max(d.finished for d in desks) - started
    cpu_after = cpu_split(service_pid, "bench")
    applied = sum(d.applied for d in desks)
    latencies = [x for d in desks for x in d.latencies]
    waits = [x for d in desks for x in d.waits]
    figures: dict[str, Any] = {
        "commands": applied,
        "seconds": round(elapsed, 2),
        "commands_per_s": round(applied / elapsed, 1),
        "pushes": len(latencies),
        "commands_per_push": round(applied / max(len(latencies), 1), 1),
        "push_p50_ms": round(statistics.median(latencies) * 1000, 1),
        "push_p95_ms": round(percentile(latencies, 0.95) * 1000, 1),
        "cpu_ms_per_command": {
            k: round(1000 * (cpu_after[k] - cpu_before[k]) / max(applied, 1), 2) for k in cpu_after
        },
    }
    if waits:
        figures["command_answered_p95_ms"] = round(percentile(waits, 0.95) * 1000, 1)
    return figures


def arrivals(count: int, seconds: float, seed: int) -> list[float]:
    """`count` moments at random over `seconds` (together, the desks' arrivals are a Poisson
    process of the offered rate that ends when the phase does)."""
    rng = random.Random(seed)
    return sorted(rng.uniform(0.0, seconds) for _ in range(count))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--db", choices=("postgresql", "sqlite"), default="postgresql")
    parser.add_argument("--desks", type=int, default=20)
    parser.add_argument(
        "--rate",
        type=float,
        default=1000,
        help="commands/s arriving at the desks in all, in the paced phase (default 1000)",
    )
    parser.add_argument(
        "--commands",
        type=int,
        default=8000,
        help="commands in the paced phase (default 8,000: eight seconds at 1,000/s)",
    )
    parser.add_argument(
        "--batches",
        type=int,
        default=0,
        help="capacity phase: pushes per desk (default: enough for about 6,000 commands)",
    )
    parser.add_argument("--batch-size", type=int, default=20, help="capacity phase: per push")
    parser.add_argument(
        "--think-ms",
        type=float,
        default=0,
        help="capacity phase: mean pause between a desk's cycles (default 0)",
    )
    parser.add_argument(
        "--workers",
        type=int,
        default=0,
        help="service processes (default: 2 on PostgreSQL, 1 on SQLite)",
    )
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    batches = args.batches or max(2, 6000 // (args.desks * args.batch_size))
    workers = args.workers or (2 if args.db == "postgresql" else 1)
    tmp = tempfile.mkdtemp(prefix="fairdesk-bench-")
    cluster = None
    if args.db == "postgresql":
        cluster = PgCluster(fsync=True, max_connections=max(300, args.desks * 2 + 50)).start()
        url = cluster.create_database("bench")
    else:
        url = f"sqlite:///{tmp}/central.sqlite3"
    db = Database.from_url(url, Settings(db=url))
    migrate(db.engine)
    with db.write() as session:
        committee = str(uuid.uuid4())
        run_as_service(
            session,
            "create_host_org",
            {"host_org_id": committee, "name": "组委会现场办公室", "is_committee": True},
        )
        operator = accounts.create_user(
            session, username="bench_op", role="operator", password="Bench-pass-1"
        )
        operator_id = str(operator.id)
        codes = [
            accounts.new_enrollment(session, Settings(db=url), name=f"BENCH-{i:03d}")[1]
            for i in range(args.desks)
        ]
    port = free_port()
    service = start_service(url, port, workers, f"{tmp}/blobs")
    base = f"http://127.0.0.1:{port}"
    try:
        desks = []
        for i, code in enumerate(codes):
            token = requests.post(f"{base}/auth/enroll", json={"code": code}, timeout=30).json()[
                "token"
            ]
            desks.append(BenchDesk(i, base, token, operator_id))
        enterprises = [d.register() for d in desks]
        # Capacity: every desk pushes its next batch as soon as its pull returns.
        capacity = phase(
            desks,
            [
                threading.Thread(
                    target=d.run, args=(e, batches, args.batch_size, args.think_ms / 1000)
                )
                for d, e in zip(desks, enterprises, strict=True)
            ],
            service.pid,
        )
        # Paced: commands arrive at `rate` in all, as operators would make them.
        per_desk = args.commands // args.desks
        paced_started = time.perf_counter() + 0.2
        paced = phase(
            desks,
            [
                threading.Thread(
                    target=d.run_paced,
                    args=(
                        e,
                        arrivals(per_desk, per_desk * args.desks / args.rate, d.index),
                        paced_started,
                    ),
                )
                for d, e in zip(desks, enterprises, strict=True)
            ],
            service.pid,
        )
        paced["seconds"] = round(max(d.finished for d in desks) - paced_started, 2)
        paced["commands_per_s"] = round(paced["commands"] / paced["seconds"], 1)
        unanswered = count_unanswered(db, desks)
        # Pull throughput: a few desks each fetch the whole fair from scratch at once.
        pullers = desks[: min(len(desks), 5)]
        pulled: list[int] = []
        pull_started = time.perf_counter()
        pull_threads = [
            threading.Thread(target=lambda d=d: pulled.append(d.pull(0))) for d in pullers
        ]
        for t in pull_threads:
            t.start()
        for t in pull_threads:
            t.join()
        pull_elapsed = time.perf_counter() - pull_started
        base_rate = baseline(db, capacity["commands"], args.batch_size, enterprises[0])
    finally:
        service.terminate()
        service.wait(timeout=30)
        db.dispose()
        if cluster is not None:
            cluster.stop()
    result: dict[str, Any] = {
        "db": args.db,
        "desks": args.desks,
        "workers": workers,
        "offered_commands_per_s": args.rate,
        "commands_per_s": capacity["commands_per_s"],
        "push_p50_ms": paced["push_p50_ms"],
        "push_p95_ms": paced["push_p95_ms"],
        "paced": paced,
        "capacity_commands_per_s": capacity["commands_per_s"],
        "capacity": {**capacity, "batch_size": args.batch_size, "think_ms": args.think_ms},
        "unanswered": unanswered,
        "transport_retries": merged_counts(d.retries for d in desks),
        "push_stops": merged_counts(d.stops for d in desks),
        "pull_rows_per_s": round(sum(pulled) / pull_elapsed, 1),
        "baseline_insert_rows_per_s": round(base_rate, 1),
    }
    result["ratio_capacity_to_baseline"] = round(capacity["commands_per_s"] / base_rate, 3)
    result["ratio_pull_to_baseline"] = round(result["pull_rows_per_s"] / base_rate, 3)
    if args.json:
        sys.stdout.write(json.dumps(result) + "\n")
    else:
        for key, value in result.items():
            sys.stdout.write(f"{key:>28}: {value}\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
