"""A real service on loopback and desks that talk to it over HTTP."""

from __future__ import annotations

import base64
import hashlib
import os
import threading
import time
import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import requests
import uvicorn

from central.core.config import Settings
from central.db.engine import Database
from central.db.tables import Blob
from central.main import create_app
from central.services import accounts
from central.services.operations import run_as_service
from tests.pg import free_port

PASSWORD = "Passw0rd-demo"


class RunningService:
    """uvicorn serving `create_app(settings)` in a thread, on a free port."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.port = free_port()
        self.app = create_app(settings)
        config = uvicorn.Config(
            self.app,
            host="127.0.0.1",
            port=self.port,
            log_level="warning",
            access_log=False,
            lifespan="on",
        )
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> RunningService:
        self.thread.start()
        deadline = time.monotonic() + 15
        while not self.server.started:
            if time.monotonic() > deadline or not self.thread.is_alive():
                raise RuntimeError("the service did not start")
            time.sleep(0.01)
        return self

    def stop(self) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=10)


@dataclass
class Desk:
    """A desk as the service sees it over HTTP: its token, its replica id, its next command id."""

    svc: Harness
    name: str
    id: str
    token: str
    client_id: str = field(default_factory=lambda: str(uuid.uuid4()))
    next_id: int = 1
    operator_id: str | None = None

    def headers(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.token}"}

    def command(
        self,
        name: str,
        args: dict[str, Any],
        *,
        operator_id: str | None = None,
        cid: int | None = None,
    ) -> dict[str, Any]:
        if cid is None:
            cid = self.next_id
            self.next_id += 1
        return {
            "id": cid,
            "name": name,
            "v": 1,
            "operator_id": operator_id or self.operator_id,
            "occurred_at": datetime.now(UTC).isoformat(),
            "args": args,
        }

    def push(self, commands: list[dict[str, Any]], **extra: Any) -> requests.Response:
        body = {
            "protocol": 1,
            "schema": 1,
            "client_id": self.client_id,
            "desk_id": self.id,
            "commands": commands,
            **extra,
        }
        return self.svc.http.post(
            f"{self.svc.url}/sync/push", json=body, headers=self.headers(), timeout=30
        )

    def run(self, name: str, args: dict[str, Any], **kw: Any) -> dict[str, Any]:
        """Push one command and return its result."""
        answer = self.push([self.command(name, args, **kw)])
        assert answer.status_code == 200, answer.text
        results = answer.json()["results"]
        assert results, answer.json()
        return dict(results[-1])

    def pull(
        self, cursor: int = 0, *, limit: int = 1000, wait: float = 0, **extra: Any
    ) -> dict[str, Any]:
        body = {
            "protocol": 1,
            "schema": 1,
            "client_id": self.client_id,
            "cursor": cursor,
            "limit": limit,
            "wait": wait,
            **extra,
        }
        answer = self.svc.http.post(
            f"{self.svc.url}/sync/pull", json=body, headers=self.headers(), timeout=wait + 30
        )
        assert answer.status_code == 200, answer.text
        return dict(answer.json())

    def pull_all(
        self, cursor: int = 0, limit: int = 1000
    ) -> tuple[list[dict[str, Any]], dict[str, Any]]:
        changes: list[dict[str, Any]] = []
        while True:
            page = self.pull(cursor, limit=limit)
            changes.extend(page["changes"])
            cursor = page["cursor"]
            if not page["has_more"]:
                return changes, page


class Harness:
    """One fresh database, a service over it, and ways to set up a fair quickly."""

    def __init__(self, backend: str, url: str, blob_dir: str) -> None:
        self.backend = backend
        self.settings = Settings(db=url, blob_dir=blob_dir, pull_recheck_s=0.5)
        self.service = RunningService(self.settings).start()
        self.url = self.service.url
        self.db: Database = self.service.app.state.fairdesk.db
        self.http = requests.Session()
        self.users: dict[str, dict[str, Any]] = {}
        self.orgs: dict[str, str] = {}

    def close(self) -> None:
        self.http.close()
        self.service.stop()

    # --- set-up through the service's own operations ---------------------------------

    def host_org(self, key: str, *, committee: bool = False) -> str:
        org_id = str(uuid.uuid4())
        with self.db.write() as session:
            run_as_service(
                session,
                "create_host_org",
                {
                    "host_org_id": org_id,
                    "name": f"{key}承办机构",
                    "name_en": key,
                    "is_committee": committee,
                },
            )
        self.orgs[key] = org_id
        return org_id

    def user(self, username: str, role: str, host_org: str | None = None) -> str:
        with self.db.write() as session:
            user = accounts.create_user(
                session,
                username=username,
                role=role,
                password=PASSWORD,
                host_org=self.orgs.get(host_org or "", host_org),
            )
            self.users[username] = {"id": str(user.id), "role": role}
            return str(user.id)

    def enroll(
        self, name: str, host_org: str | None = None, *, operator: str | None = None
    ) -> Desk:
        with self.db.write() as session:
            _desk, code = accounts.new_enrollment(
                session, self.settings, name=name, host_org=self.orgs.get(host_org or "", host_org)
            )
        key = base64.b64encode(os.urandom(32)).decode()
        answer = self.http.post(f"{self.url}/auth/enroll", json={"code": code, "public_key": key})
        assert answer.status_code == 200, answer.text
        body = answer.json()
        desk = Desk(self, name, body["desk_id"], body["token"])
        if operator:
            desk.operator_id = self.users[operator]["id"]
        return desk

    def login(
        self, username: str, desk: Desk | None = None, password: str = PASSWORD
    ) -> requests.Response:
        body: dict[str, Any] = {"username": username, "password": password}
        if desk is not None:
            body["desk_token"] = desk.token
        return self.http.post(f"{self.url}/auth/login", json=body)

    def session_headers(self, username: str, desk: Desk | None = None) -> dict[str, str]:
        answer = self.login(username, desk)
        assert answer.status_code == 200, answer.text
        return {"Authorization": f"Bearer {answer.json()['token']}"}

    def accepted_photo(self, seed: str = "") -> str:
        """A photo hash the service holds as accepted (the rules' own tests judge real photos)."""
        sha = hashlib.sha256(f"photo-{seed}-{uuid.uuid4()}".encode()).hexdigest()
        with self.db.write() as session:
            session.add(Blob(sha256=sha, kind="badge", size=60_000, ok=True, failures=[]))
        return sha

    def standard_fair(self) -> None:
        """The committee's office, one host organisation, and one user of every role."""
        self.host_org("committee", committee=True)
        self.host_org("hostA")
        self.host_org("hostB")
        self.user("op1", "operator")
        self.user("op_b", "operator", host_org="hostB")
        self.user("rev_a", "host_reviewer", host_org="hostA")
        self.user("rev_b", "host_reviewer", host_org="hostB")
        self.user("rev_c", "committee_reviewer")
        self.user("host_a", "host_user", host_org="hostA")
        self.user("admin1", "admin")

    def approve_host_orgs(self) -> None:
        headers = self.session_headers("rev_c")
        for key in ("hostA", "hostB"):
            answer = self.http.post(
                f"{self.url}/review/decide",
                headers=headers,
                json={"target": "host_org", "id": self.orgs[key], "decision": "approve"},
            )
            assert answer.status_code == 200, answer.text


def enterprise(name: str, **over: Any) -> dict[str, Any]:
    """A valid enterprise form (the factories' one, with a thematic exhibition chosen)."""
    import random
    import zlib

    from desk.models import refdata
    from tests.factories import enterprise_form, uscc

    sectors = [refdata.thematic_exhibitions()[0].code]
    # A credit code of its own per name (the same name gives the same code, as in life).
    code = uscc(random.Random(zlib.crc32(name.strip().encode())))
    return enterprise_form(name, code=code, interested_sectors=sectors, **over)
