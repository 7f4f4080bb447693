"""A throwaway PostgreSQL cluster for tests and benchmarks.

`initdb` refuses to run as root, so as root every server command runs as the `postgres` user
(`runuser`), on a directory that user owns. The cluster listens on 127.0.0.1 on a free port
and on a socket inside its own directory, and is removed on stop.
"""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
import time
from pathlib import Path

import psycopg


def find_pg_bin() -> Path | None:
    """The newest PostgreSQL server binaries: $PG_BIN, Debian's layout, or the PATH."""
    env = os.environ.get("PG_BIN")
    if env and (Path(env) / "initdb").exists():
        return Path(env)
    found = sorted(
        glob.glob("/usr/lib/postgresql/*/bin/initdb"),
        key=lambda p: (
            int(Path(p).parent.parent.name) if Path(p).parent.parent.name.isdigit() else 0
        ),
    )
    if found:
        return Path(found[-1]).parent
    initdb = shutil.which("initdb")
    return Path(initdb).parent if initdb else None


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class PgCluster:
    def __init__(
        self,
        *,
        fsync: bool = False,
        max_connections: int = 300,
        extra: dict[str, str] | None = None,
    ) -> None:
        bin_dir = find_pg_bin()
        if bin_dir is None:
            raise FileNotFoundError("PostgreSQL server binaries (initdb, pg_ctl) not found")
        self.bin = bin_dir
        self.port = free_port()
        self.root = Path(tempfile.mkdtemp(prefix="fairdesk-pg-"))
        self.data = self.root / "data"
        self.as_root = os.geteuid() == 0
        self.settings = {
            "fsync": "on" if fsync else "off",
            "synchronous_commit": "on" if fsync else "off",
            "full_page_writes": "on" if fsync else "off",
            "max_connections": str(max_connections),
            "shared_buffers": "128MB",
            "listen_addresses": "127.0.0.1",
            **(extra or {}),
        }

    def _run(self, *cmd: str) -> None:
        full = ["runuser", "-u", "postgres", "--", *cmd] if self.as_root else list(cmd)
        subprocess.run(full, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)

    def start(self) -> PgCluster:
        if self.as_root:
            shutil.chown(self.root, "postgres", "postgres")
        self._run(
            str(self.bin / "initdb"),
            "-D",
            str(self.data),
            "-A",
            "trust",
            "-U",
            "postgres",
            "-E",
            "UTF8",
            "--locale=C.UTF-8",
            "--no-sync",
        )
        options = " ".join(f"-c {k}={v}" for k, v in self.settings.items())
        self._run(
            str(self.bin / "pg_ctl"),
            "-D",
            str(self.data),
            "-w",
            "-l",
            str(self.root / "server.log"),
            "-o",
            f"-p {self.port} -k {self.root} {options}",
            "start",
        )
        return self

    def stop(self) -> None:
        try:
            self._run(
                str(self.bin / "pg_ctl"), "-D", str(self.data), "-m", "immediate", "-w", "stop"
            )
        except subprocess.CalledProcessError:
            pass
        shutil.rmtree(self.root, ignore_errors=True)

    def url(self, database: str = "postgres") -> str:
        return f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/{database}"

    def dsn(self, database: str = "postgres") -> str:
        return f"host=127.0.0.1 port={self.port} user=postgres dbname={database}"

    def create_database(self, name: str, template: str | None = None) -> str:
        """A new database (copied from `template` when given); returns its SQLAlchemy URL."""
        with psycopg.connect(self.dsn(), autocommit=True) as conn:
            clause = f" TEMPLATE {template}" if template else ""
            for attempt in range(50):
                try:
                    conn.execute(f'CREATE DATABASE "{name}"{clause}')
                    break
                except psycopg.errors.ObjectInUse:  # the template still has a connection closing
                    time.sleep(0.05 * (attempt + 1))
            else:
                raise RuntimeError(f"could not create database {name}")
        return self.url(name)

    def drop_database(self, name: str) -> None:
        with psycopg.connect(self.dsn(), autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    def __enter__(self) -> PgCluster:
        return self.start()

    def __exit__(self, *_exc: object) -> None:
        self.stop()
