"""Sync benchmarks, each with its goal (and its baseline, in the same run).

    python bench/sync.py [--json] [--people 100000] [--enterprises 30000] [--requests 100000]

(a) initial pull of a demo fair into an empty replica: rows/s, and against the time of
    inserting the same rows straight into an empty replica (same schema, one transaction);
(b) 1,000 commands made offline, then pushed: seconds until all are answered;
(c) 10 desks offline with 100 commands each, then healed: seconds until they converge;
(d) a reviewer's decision at another, idle desk: p95 seconds until it shows.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from sqlalchemy import insert  # noqa: E402

from desk.models.schema import Enterprise  # noqa: E402
from desk.sync.replica import open_replica  # noqa: E402
from desk.sync.worker import SyncWorker  # noqa: E402
from tests.sync import forms  # noqa: E402
from tests.sync.bulk import fair_rows, fill  # noqa: E402
from tests.sync.checks import heal  # noqa: E402
from tests.sync.harness import Desk, Fair, Service, make_desk  # noqa: E402
from tests.sync.proxy import PASS, REFUSE, FaultProxy  # noqa: E402


def out(text: str) -> None:
    sys.stderr.write(text + "\n")


def bench_initial_pull(work: Path, people: int, enterprises: int, requests_: int) -> dict[str, Any]:
    service = Service(work / "big")
    rows = fair_rows(enterprises=enterprises, people=people, badge_requests=requests_)
    fair = Fair(service).setup()
    total = fill(service.db(), rows)
    service.start()
    try:
        desk = make_desk(fair, work / "desks", "bigpull")
        with desk.replica.read() as session:  # the enrollment pulled nothing yet
            assert session.get(Enterprise, rows[Enterprise][0]["id"]) is None
        started = time.monotonic()
        result = desk.engine.sync_once()
        pull_s = time.monotonic() - started
        assert result.ok, result.error
        baseline = open_replica(work / "baseline" / "replica.sqlite3")
        started = time.monotonic()
        with baseline.write() as session:
            for model, batch in rows.items():
                session.execute(insert(model.__table__), batch)
        baseline_s = time.monotonic() - started
        baseline.close()
        offline = bench_offline_push(fair, desk)
        desk.close()
    finally:
        service.close()
    return {
        "initial_pull_rows": result.pulled,
        "initial_pull_s": round(pull_s, 3),
        "initial_pull_rows_per_s": round(result.pulled / pull_s),
        "baseline_insert_s": round(baseline_s, 3),
        "baseline_rows": total,
        "initial_pull_vs_baseline": round(pull_s / baseline_s, 2),
        **offline,
    }


def _offline_work(desk: Desk, tag: str, count: int) -> None:
    """`count` commands: walk-ins, then people added to them."""
    made = 0
    enterprises: list[str] = []
    while made < count:
        if len(enterprises) * 90 <= made:
            commands = forms.walk_in(
                f"{tag}{len(enterprises)}", f"基准企业{tag}{len(enterprises)}有限公司"
            )
            for name, args in commands[: count - made]:
                desk.record(name, **args)
                made += 1
            enterprises.append(str(commands[1][1]["enterprise_id"]))
            continue
        desk.record(
            "add_person",
            person_id=forms.new_id(),
            enterprise_id=enterprises[-1],
            person=forms.person(seq=made % 90),
        )
        made += 1


def bench_offline_push(fair: Fair, desk: Desk) -> dict[str, Any]:
    _offline_work(desk, "off", 1000)
    started = time.monotonic()
    while True:
        result = desk.engine.sync_once()
        if result.ok and result.waiting == 0:
            break
    return {"offline_1000_push_s": round(time.monotonic() - started, 3)}


def bench_converge(work: Path) -> dict[str, Any]:
    service = Service(work / "small")
    fair = Fair(service).setup()
    service.db()
    service.start()
    proxy = FaultProxy(service.port)
    desks = [make_desk(fair, work / "ten", f"d{i}", url=proxy.url) for i in range(10)]
    try:
        heal(desks)
        proxy.set_mode(REFUSE)
        for i, desk in enumerate(desks):
            _offline_work(desk, f"c{i}x", 100)
        proxy.set_mode(PASS)
        started = time.monotonic()
        threads = [threading.Thread(target=heal, args=([d],)) for d in desks]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        heal(desks)  # a last round: every desk has pulled what the others sent
        converge_s = time.monotonic() - started
        review = bench_review(fair, desks[0], desks[1])
    finally:
        for desk in desks:
            desk.close()
        proxy.close()
        service.close()
    return {"converge_10_desks_s": round(converge_s, 3), **review}


def bench_review(fair: Fair, maker: Desk, watcher: Desk, decisions: int = 20) -> dict[str, Any]:
    ids = []
    for i in range(decisions):
        commands = forms.walk_in(f"rv{i}x", f"审核基准{i}有限公司")
        for name, args in commands:
            maker.record(name, **args)
        ids.append(str(commands[1][1]["enterprise_id"]))
    heal([maker, watcher])
    token = fair.reviewer_token()
    worker = SyncWorker(watcher.engine, long_poll_s=20)
    worker.start()
    delays = []
    try:
        time.sleep(1.0)
        for enterprise_id in ids:
            fair.decide(token, "enterprise", enterprise_id)
            decided = time.monotonic()
            while time.monotonic() - decided < 10:
                with watcher.replica.read() as session:
                    row = session.get(Enterprise, forms.uid(enterprise_id))
                    if row is not None and row.review_state == "under_review":
                        break
                time.sleep(0.01)
            delays.append(time.monotonic() - decided)
            time.sleep(0.3)  # idle again, as between decisions at a real fair
    finally:
        worker.stop()
    delays.sort()
    p95 = delays[min(len(delays) - 1, int(round(0.95 * len(delays))) - 1)]
    return {
        "review_visible_p95_s": round(p95, 3),
        "review_visible_median_s": round(statistics.median(delays), 3),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.add_argument("--people", type=int, default=100_000)
    parser.add_argument("--enterprises", type=int, default=30_000)
    parser.add_argument("--requests", type=int, default=100_000)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="fairdesk-bench-") as tmp:
        work = Path(tmp)
        report = bench_initial_pull(work, args.people, args.enterprises, args.requests)
        report.update(bench_converge(work))
    report["goals"] = {
        "initial_pull_rows_per_s": ">= 50000",
        "initial_pull_vs_baseline": "<= 4",
        "offline_1000_push_s": "<= 2",
        "converge_10_desks_s": "<= 10",
        "review_visible_p95_s": "<= 3",
    }
    if args.json:
        sys.stdout.write(json.dumps(report) + "\n")
    else:
        for key, value in report.items():
            sys.stdout.write(f"{key}: {value}\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
