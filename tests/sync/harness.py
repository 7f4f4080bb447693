"""A real service in a subprocess, a fair set up in its database, and real desks around it."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import requests

from central.core.config import Settings
from central.db.engine import Database
from central.db.migrate import migrate
from central.services import accounts
from central.services.operations import run_as_service
from desk.models.commands import COMMITTEE_REVIEWER, OPERATOR
from desk.sync.client import Client
from desk.sync.engine import SyncEngine
from desk.sync.enrollment import enroll
from desk.sync.link import Link
from desk.sync.operators import Operator, login
from desk.sync.replica import Replica, open_replica

REPO = Path(__file__).resolve().parents[2]
PASSWORD = "desk-pass-2026"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class Service:
    """`fairdesk-central serve` in a subprocess on loopback; killable with SIGKILL."""

    def __init__(
        self,
        workdir: Path,
        db_url: str | None = None,
        env: dict[str, str] | None = None,
        serve_args: tuple[str, ...] = (),
    ) -> None:
        self.workdir = workdir
        workdir.mkdir(parents=True, exist_ok=True)
        self.db_url = db_url or f"sqlite:///{workdir / 'central.sqlite3'}"
        self.blob_dir = workdir / "blobs"
        self.port = free_port()
        self.env = env or {}
        self.serve_args = serve_args
        self.proc: subprocess.Popen[bytes] | None = None
        self._db: Database | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def settings(self) -> Settings:
        return Settings(db=self.db_url, blob_dir=self.blob_dir)

    def db(self) -> Database:
        if self._db is None:
            self._db = Database.from_url(self.db_url, self.settings())
            migrate(self._db.engine)
        return self._db

    def start(self, timeout_s: float = 30.0) -> Service:
        env = {
            **os.environ,
            "FAIRDESK_DB": self.db_url,
            "FAIRDESK_BLOB_DIR": str(self.blob_dir),
            "PYTHONPATH": str(REPO),
            **self.env,
        }
        log = open(self.workdir / "service.log", "ab")  # noqa: SIM115 (kept open by the child)
        self.proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "central.cli",
                "serve",
                "--db",
                self.db_url,
                "--host",
                "127.0.0.1",
                "--port",
                str(self.port),
                "--log-level",
                "warning",
                *self.serve_args,
            ],
            cwd=REPO,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(
                    f"service exited: {(self.workdir / 'service.log').read_text()[-2000:]}"
                )
            try:
                if requests.get(self.url + "/healthz", timeout=1).status_code == 200:
                    return self
            except requests.RequestException:
                pass
            time.sleep(0.1)
        raise RuntimeError("service did not start")

    def kill(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGKILL)
            self.proc.wait(timeout=10)
        self.proc = None

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.kill()
        self.proc = None

    def close(self) -> None:
        # Killed, not stopped: a graceful stop waits for desks' idle keep-alive connections,
        # and committed data is safe either way.
        self.kill()
        if self._db is not None:
            self._db.dispose()
            self._db = None


@dataclass
class Fair:
    """The service-side set-up the tests need: host organisations, users, codes."""

    service: Service
    committee_id: uuid.UUID = field(default_factory=uuid.uuid4)
    host_id: uuid.UUID = field(default_factory=uuid.uuid4)
    operators: list[str] = field(default_factory=list)

    def setup(self) -> Fair:
        with self.service.db().write() as session:
            run_as_service(
                session,
                "create_host_org",
                {
                    "host_org_id": str(self.committee_id),
                    "name": "组委会现场登记处",
                    "is_committee": True,
                },
            )
            run_as_service(
                session,
                "create_host_org",
                {
                    "host_org_id": str(self.host_id),
                    "name": "北京市商务局",
                    "name_en": "Beijing Commerce",
                },
            )
            accounts.create_user(
                session, username="reviewer", role=COMMITTEE_REVIEWER, password=PASSWORD
            )
            accounts.create_user(
                session,
                username="hostrev",
                role="host_reviewer",
                password=PASSWORD,
                host_org=str(self.host_id),
            )
        return self

    def operator(self, username: str) -> str:
        with self.service.db().write() as session:
            accounts.create_user(session, username=username, role=OPERATOR, password=PASSWORD)
        self.operators.append(username)
        return username

    def codes(self, *codes: str) -> list[str]:
        with self.service.db().write() as session:
            run_as_service(
                session,
                "issue_invitation_codes",
                {
                    "host_org_id": str(self.host_id),
                    "codes": [{"id": str(uuid.uuid4()), "code": c} for c in codes],
                },
            )
        return list(codes)

    def enrollment_code(self, name: str) -> str:
        with self.service.db().write() as session:
            _desk, code = accounts.new_enrollment(session, self.service.settings(), name=name)
        return code

    def reviewer_token(self, username: str = "reviewer") -> str:
        answer = requests.post(
            self.service.url + "/auth/login",
            json={"username": username, "password": PASSWORD},
            timeout=10,
        )
        answer.raise_for_status()
        return str(answer.json()["token"])

    def decide(
        self, token: str, target: str, row_id: str, decision: str = "approve", reason: str = ""
    ) -> dict[str, Any]:
        answer = requests.post(
            self.service.url + "/review/decide",
            json={"target": target, "id": row_id, "decision": decision, "reason": reason},
            headers={"Authorization": f"Bearer {token}"},
            timeout=10,
        )
        assert answer.status_code == 200, answer.text
        return dict(answer.json())


class SkewedClock:
    """A desk clock `offset` away from the real one."""

    def __init__(self, offset: timedelta = timedelta(0)) -> None:
        self.offset = offset

    def __call__(self) -> datetime:
        return datetime.now(UTC) + self.offset


@dataclass
class Desk:
    """A real desk: its replica, its engine (talking through `url`), a signed-in operator."""

    name: str
    replica: Replica
    engine: SyncEngine
    operator: Operator

    def record(self, name: str, **args: Any) -> Any:
        from desk.sync.outbox import record

        return record(self.replica, name, args, operator_id=self.operator.user_id)

    def sync(self, tries: int = 1) -> Any:
        result = self.engine.sync_once()
        for _ in range(tries - 1):
            if result.ok and result.waiting == 0:
                break
            time.sleep(0.05)
            result = self.engine.sync_once()
        return result

    def close(self) -> None:
        self.engine.close()
        self.replica.close()


def make_desk(
    fair: Fair,
    workdir: Path,
    name: str,
    *,
    url: str | None = None,
    clock: Callable[[], datetime] | None = None,
    protocol: int | None = None,
) -> Desk:
    """Enroll a new desk directly, then point its engine at `url` (a proxy, say)."""
    replica = open_replica(workdir / name / "replica.sqlite3", clock=clock)
    enroll(replica, fair.service.url, fair.enrollment_code(name))
    username = fair.operator(f"op_{name}")
    token = replica.identity().token
    with Client(fair.service.url, token=token) as direct:
        operator = login(replica, direct, username, PASSWORD)
    client = Client(
        url or fair.service.url,
        token=token,
        clock=replica.clock,
        read_timeout_s=15.0,
        **({"protocol": protocol} if protocol is not None else {}),
    )
    engine = SyncEngine(replica, client=client, link=Link(interval_s=0.2))
    return Desk(name, replica, engine, operator)
