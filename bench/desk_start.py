"""Start-up of the desk over a replica of a whole fair (100,000 people by default).

Builds the replica once, then starts fresh processes and measures, from the moment the
process is launched, the seconds until the main window is shown and usable (the first
search has answered), and the process's peak RSS. The baseline, in the same run, is a bare
QApplication showing an empty QMainWindow. Sign-in is left out (a person types it): the
child opens the replica with its key, as a signed-in operator's key slot would.

    python bench/desk_start.py [--people 100000] [--runs 3] [--json]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def child_desk(path: Path, key: bytes) -> dict[str, Any]:
    """What `fairdesk` does after the sign-in, up to a window that answers a search."""
    from PySide6.QtWidgets import QApplication

    from desk import settings as desk_settings
    from desk.models.search import install_search_index
    from desk.sync.operators import Operator
    from desk.sync.replica import open_replica
    from desk.views.main_window import MainWindow
    from desk.views.services import DeskServices
    from desk.views.tasks import TaskManager

    app = QApplication(sys.argv)
    replica = open_replica(path, key=key)
    with replica.write() as session:
        install_search_index(session.connection())
    services = DeskServices(replica, TaskManager(), settings=desk_settings.Settings(language="en"),
                            data_dir=path.parent)
    services.operator = Operator(uuid.uuid4(), "bench", "operator", "Bench", None, online=False)
    window = MainWindow(services)
    window.show()
    answered: list[int] = []
    window.people.model.results_arrived.connect(lambda _text, count: answered.append(count))
    window.people.search.setText("王")
    while not answered:
        app.processEvents()
        time.sleep(0.001)
    ready = time.time()
    services.shutdown()
    return {"ready_at": ready, "rows": answered[0]}


def child_baseline() -> dict[str, Any]:
    from PySide6.QtWidgets import QApplication, QMainWindow

    app = QApplication(sys.argv)
    window = QMainWindow()
    window.resize(1280, 800)
    window.show()
    app.processEvents()
    return {"ready_at": time.time(), "rows": 0}


def peak_rss_mb() -> float:
    """This process's peak resident set: VmHWM, which starts again at exec (ru_maxrss would
    carry the parent's peak over a fork)."""
    status = Path("/proc/self/status")
    if status.exists():
        for line in status.read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run_child(args: list[str]) -> dict[str, Any]:
    env = {**os.environ, "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen"),
           "FAIRDESK_CONFIG_DIR": tempfile.mkdtemp(prefix="desk-start-config-")}
    launched = time.time()
    done = subprocess.run([sys.executable, __file__, *args], capture_output=True, text=True,
                          env=env, check=True)
    facts = json.loads(done.stdout.strip().splitlines()[-1])
    facts["start_s"] = facts.pop("ready_at") - launched
    return facts


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=100_000)
    parser.add_argument("--enterprises", type=int, default=30_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--child", nargs=2, metavar=("REPLICA", "KEY"), help=argparse.SUPPRESS)
    parser.add_argument("--baseline", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child or args.baseline:
        facts = (child_baseline() if args.baseline
                 else child_desk(Path(args.child[0]), bytes.fromhex(args.child[1])))
        facts["peak_rss_mb"] = peak_rss_mb()
        sys.stdout.write(json.dumps(facts) + "\n")
        return 0

    from bench.desk_search import build_replica
    from desk.sync import cipher
    from desk.sync.replica import open_replica

    with tempfile.TemporaryDirectory(prefix="desk-start-") as tmp:
        path = Path(tmp) / "replica.sqlite3"
        key = cipher.new_key()
        open_replica(path, key=key).close()
        build_replica(path, people=args.people, enterprises=args.enterprises)
        desk = [run_child(["--child", str(path), key.hex()]) for _ in range(args.runs)]
        base = [run_child(["--baseline"]) for _ in range(args.runs)]
    result = {
        "people": args.people,
        "runs": args.runs,
        "start_s": round(statistics.median(d["start_s"] for d in desk), 3),
        "peak_rss_mb": round(max(d["peak_rss_mb"] for d in desk), 1),
        "first_search_rows": desk[0]["rows"],
        "baseline_start_s": round(statistics.median(b["start_s"] for b in base), 3),
        "baseline_peak_rss_mb": round(max(b["peak_rss_mb"] for b in base), 1),
    }
    if args.json:
        sys.stdout.write(json.dumps(result) + "\n")
    else:
        for key_name, value in result.items():
            sys.stdout.write(f"{key_name:>22}: {value}\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
