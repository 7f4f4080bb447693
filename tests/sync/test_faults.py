"""P1 (nothing lost), P2 (at most once), P4 (desks converge), P9 (restarts and restores):
random work at several desks through the fault-injecting proxy, with the service and desks
killed at random points."""

from __future__ import annotations

import random
import shutil
import subprocess
import sys
import time
from pathlib import Path

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    RuleBasedStateMachine,
    initialize,
    invariant,
    rule,
    run_state_machine_as_test,
)
from sqlalchemy import select

from desk.models.commands import CommandRefused
from desk.models.schema import Person
from desk.sync.tables import APPLIED, MERGED
from tests.sync.checks import assert_converged, assert_everything_answered, heal, outbox_rows
from tests.sync.harness import REPO, Desk, Fair, make_desk
from tests.sync.proxy import FAULTS, PASS, FaultProxy
from tests.sync.workload import Workload

SHARED_CODES = ("RACE000001", "RACE000002")
SHARED_NAMES = ("同名竞争甲有限公司", "同名竞争乙有限公司")


def assert_at_most_once(fair: Fair, desks: list[Desk]) -> None:
    """P2: every applied add_person made exactly one row, and a refused one none."""
    with fair.service.db().read() as session:
        stored = {str(i) for i in session.scalars(select(Person.id))}
    for desk in desks:
        for row in outbox_rows(desk):
            if row.name == "add_person":
                present = row.args["person_id"] in stored
                assert present == (row.status in (APPLIED, MERGED)), (desk.name, row.id, row.status)


class FairMachine(RuleBasedStateMachine):
    """Desks doing random work through a faulty network while the service dies now and then."""

    fair: Fair
    proxy: FaultProxy
    workdir: Path

    def __init__(self) -> None:
        super().__init__()
        self.desks: list[Desk] = []
        self.workloads: list[Workload] = []
        self.kills = 0

    @initialize(seed=st.integers(0, 10**6))
    def make_desks(self, seed: int) -> None:
        self.rng = random.Random(seed)
        tag = f"s{seed}"
        for i in range(3):
            desk = make_desk(self.fair, self.workdir / tag, f"{tag}d{i}", url=self.proxy.url)
            self.desks.append(desk)
            self.workloads.append(
                Workload(
                    random.Random(seed + i),
                    tag=f"{tag}d{i}x",
                    shared_codes=SHARED_CODES,
                    shared_names=SHARED_NAMES,
                )
            )
        self.proxy.set_mode(PASS)
        heal(self.desks)

    @rule(desk=st.integers(0, 2), count=st.integers(1, 4))
    def work(self, desk: int, count: int) -> None:
        for _ in range(count):
            for name, args in self.workloads[desk].next_commands(self.desks[desk].replica):
                try:
                    self.desks[desk].record(name, **args)
                except CommandRefused:
                    pass

    @rule(desk=st.integers(0, 2))
    def sync(self, desk: int) -> None:
        self.desks[desk].engine.sync_once()

    @rule(mode=st.sampled_from((PASS, *FAULTS)), rate=st.floats(0.2, 1.0))
    def network(self, mode: str, rate: float) -> None:
        if mode == PASS:
            self.proxy.set_mode(PASS)
        else:
            self.proxy.random_faults(self.rng.randrange(10**6), rate, (mode,))

    @rule()
    def kill_service(self) -> None:
        if self.kills >= 2:
            return
        self.kills += 1
        # Killed while a desk pushes: some commits land, their answers never do.
        desk = self.rng.choice(self.desks)
        pusher = _Background(desk)
        time.sleep(self.rng.uniform(0.0, 0.2))
        self.fair.service.kill()
        pusher.join()
        self.fair.service.start()

    @invariant()
    def nothing_pending_is_lost(self) -> None:
        for desk in self.desks:
            for row in outbox_rows(desk):
                assert row.id >= 1 and row.client_id is not None

    def teardown(self) -> None:
        try:
            if self.desks:
                self.proxy.set_mode(PASS)
                if self.fair.service.proc is None:
                    self.fair.service.start()
                took = heal(self.desks, timeout_s=120)
                assert_everything_answered(self.fair.service, self.desks)
                assert_at_most_once(self.fair, self.desks)
                assert_converged(self.fair.service, self.desks)
                sys.stderr.write(f"converged in {took:.2f} s\n")
        finally:
            for desk in self.desks:
                desk.close()


class _Background:
    def __init__(self, desk: Desk) -> None:
        import threading

        self._thread = threading.Thread(target=desk.engine.sync_once, daemon=True)
        self._thread.start()

    def join(self) -> None:
        self._thread.join(timeout=30)


def test_p1_p2_p4_random_work_faults_and_kills(
    backend: str, fair: Fair, proxy: FaultProxy, tmp_path: Path
) -> None:
    fair.codes(*SHARED_CODES)
    FairMachine.fair, FairMachine.proxy, FairMachine.workdir = fair, proxy, tmp_path
    run_state_machine_as_test(
        FairMachine,
        settings=settings(
            max_examples=3,
            stateful_step_count=14,
            deadline=None,
            derandomize=True,
            suppress_health_check=list(HealthCheck),
        ),
    )


def test_p1_desk_killed_at_random_points(fair: Fair, proxy: FaultProxy, tmp_path: Path) -> None:
    desk = make_desk(fair, tmp_path, "killed", url=proxy.url)
    proxy.random_faults(7, 0.3)
    rng = random.Random(11)
    try:
        for round_ in range(4):
            proc = subprocess.Popen(
                [
                    sys.executable,
                    "-m",
                    "tests.sync.desk_proc",
                    "work",
                    str(desk.replica.path),
                    proxy.url,
                    desk.operator.username,
                    str(round_),
                    "40",
                ],
                cwd=REPO,
            )
            time.sleep(rng.uniform(1.0, 3.0))
            proc.kill()
            proc.wait()
        proxy.set_mode(PASS)
        heal([desk])
        assert assert_everything_answered(fair.service, [desk]) > 0
        assert_at_most_once(fair, [desk])
        assert_converged(fair.service, [desk])
    finally:
        desk.close()


def _copy_db(service_dir: Path, target: Path) -> None:
    target.mkdir(parents=True, exist_ok=True)
    for suffix in ("", "-wal", "-shm"):
        source = service_dir / f"central.sqlite3{suffix}"
        (target / source.name).unlink(missing_ok=True)
        if source.exists():
            shutil.copy2(source, target / source.name)


def test_p9_service_restored_from_an_older_backup(fair: Fair, tmp_path: Path) -> None:
    desks = [make_desk(fair, tmp_path, f"r{i}", url=fair.service.url) for i in range(2)]
    workloads = [Workload(random.Random(i), tag=f"r{i}x") for i in range(2)]
    try:

        def work(rounds: int) -> None:
            for desk, workload in zip(desks, workloads, strict=True):
                for _ in range(rounds):
                    for name, args in workload.next_commands(desk.replica):
                        try:
                            desk.record(name, **args)
                        except CommandRefused:
                            pass
            heal(desks)

        work(4)
        fair.service.close()
        _copy_db(fair.service.workdir, tmp_path / "backup")
        fair.service.start()
        work(4)
        answered = {d.name: len(outbox_rows(d)) for d in desks}
        fair.service.close()
        _copy_db(tmp_path / "backup", fair.service.workdir)
        fair.service.start()
        heal(desks)
        for desk in desks:
            assert len(outbox_rows(desk)) == answered[desk.name]
        assert_everything_answered(fair.service, desks)
        assert_at_most_once(fair, desks)
        assert_converged(fair.service, desks)
    finally:
        for desk in desks:
            desk.close()
