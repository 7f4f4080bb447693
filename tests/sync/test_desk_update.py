"""Retiring old desk versions: a service with `min_desk_version` refuses older desks clearly,
the refused desk stops, keeps its outbox and says what to install; an updated desk (or a
lowered minimum) sends the kept commands, each once. Real desks, a real service over HTTP on
loopback, the fault-injecting proxy passing everything."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import requests
from sqlalchemy import func, select

from desk import __version__
from desk.models.schema import Person
from desk.sync.client import Client
from desk.sync.engine import SyncEngine
from desk.sync.link import BACKOFF_MAX_S, BLOCKED, Link
from desk.sync.status import desk_status
from desk.sync.tables import PENDING
from desk.sync.worker import SyncWorker
from tests.sync import forms
from tests.sync.checks import (
    assert_converged,
    assert_everything_answered,
    heal,
    outbox_rows,
    service_results,
)
from tests.sync.harness import PASSWORD, REPO, Desk, Fair, Service
from tests.sync.proxy import FaultProxy

DeskFactory = Callable[..., Desk]

INSTALLER = "https://it.fair.lan/fairdesk/FairDesk-9.0.0-setup.exe"
MINIMUM = "9.0"


def require(service: Service, minimum: str | None) -> None:
    """Restart the service with `minimum` as the oldest desk version it syncs with (None:
    the setting left empty, so every version)."""
    service.stop()
    service.env = {"FAIRDESK_MIN_DESK_VERSION": minimum or "", "FAIRDESK_INSTALLER_URL": INSTALLER}
    service.start()


def _walk_in(desk: Desk, tag: str, people: int) -> str:
    commands = forms.walk_in(f"id{tag}", f"版本测试企业{tag}有限公司")
    for name, args in commands:
        desk.record(name, **args)
    enterprise_id = commands[1][1]["enterprise_id"]
    _add_people(desk, enterprise_id, people, first=10)
    return enterprise_id


def _add_people(desk: Desk, enterprise_id: str, people: int, *, first: int) -> None:
    for i in range(people):
        desk.record(
            "add_person",
            person_id=forms.new_id(),
            enterprise_id=enterprise_id,
            person=forms.person(seq=first + i),
        )


def _service_people(fair: Fair) -> int:
    with fair.service.db().read() as session:
        return int(session.scalar(select(func.count()).select_from(Person)) or 0)


def _answered_ids(fair: Fair, desk: Desk) -> list[int]:
    client_id = str(desk.replica.identity().client_id)
    return sorted(i for c, i in service_results(fair.service) if c == client_id)


def _outbox(desk: Desk) -> list[tuple[int, str, str]]:
    return [(r.id, r.name, r.status) for r in outbox_rows(desk)]


def test_service_refuses_push_and_pull_of_an_older_desk(fair: Fair, desks: DeskFactory) -> None:
    desk = desks("raw")
    health = requests.get(f"{fair.service.url}/healthz", timeout=10).json()
    assert health["desk_version"] == {"min": None} and health["installer_url"] == ""
    require(fair.service, MINIMUM)
    health = requests.get(f"{fair.service.url}/healthz", timeout=10).json()
    assert health["desk_version"] == {"min": MINIMUM} and health["installer_url"] == INSTALLER

    identity = desk.replica.identity()
    headers = {"X-Desk-Token": identity.token or ""}
    opening = {"protocol": 1, "schema": 1, "client_id": str(identity.client_id)}
    bodies = {
        "/sync/push": {**opening, "desk_id": str(identity.desk_id), "commands": []},
        "/sync/pull": {**opening, "cursor": 0, "limit": 10},
    }
    too_old: list[dict[str, Any]] = [
        {"desk_version": "8.9.9"},
        {"desk_version": "9.0rc1"},  # a release candidate comes before the release
        {"app_version": "0.1.0"},  # a desk from before `desk_version`
        {"desk_version": "not a version"},
        {},  # names no version at all
    ]
    for path, body in bodies.items():
        for claim in too_old:
            answer = requests.post(
                fair.service.url + path, json={**body, **claim}, headers=headers, timeout=10
            )
            assert answer.status_code == 409, (path, claim, answer.text)
            data = answer.json()
            assert data["error"] == "desk_too_old"
            assert data["min_desk_version"] == MINIMUM and data["installer_url"] == INSTALLER
            assert INSTALLER in data["message_en"] and MINIMUM in data["message_en"]
            assert INSTALLER in data["message_zh"] and MINIMUM in data["message_zh"]
            assert "登记台" in data["message_zh"] and "kept" in data["message_en"]
        # Another protocol is refused as before, now also saying where the installer is.
        answer = requests.post(
            fair.service.url + path,
            json={**body, "protocol": 0, "desk_version": "10.1"},
            headers=headers,
            timeout=10,
        )
        assert answer.status_code == 409
        assert answer.json()["error"] == "version_not_supported"
        assert answer.json()["installer_url"] == INSTALLER
        for version in ("9.0", "9.0.0", "9.0.1", "10.1"):
            answer = requests.post(
                fair.service.url + path,
                json={**body, "desk_version": version},
                headers=headers,
                timeout=10,
            )
            assert answer.status_code == 200, (path, version, answer.text)


def test_too_old_desk_stops_keeps_its_outbox_and_says_what_to_install(
    fair: Fair, proxy: FaultProxy, desks: DeskFactory
) -> None:
    require(fair.service, MINIMUM)
    desk = desks("old")
    _walk_in(desk, "old", 1)
    kept = _outbox(desk)
    assert len(kept) == 4 and {status for _i, _n, status in kept} == {PENDING}

    result = desk.engine.sync_once()
    assert not result.ok and result.error == "desk_too_old"
    # Stopped: blocked, so the next try waits the longest backoff and the long poll rests.
    assert desk.engine.link.state == BLOCKED
    assert desk.engine.link.next_delay_s() == BACKOFF_MAX_S
    assert _outbox(desk) == kept
    assert _answered_ids(fair, desk) == [] and _service_people(fair) == 0
    status = desk_status(desk.replica)
    assert status["blocked"] == "version_not_supported" and status["waiting"] == 4
    assert status["last_failure"] == "desk_too_old"
    assert status["desk_version"] == __version__
    assert status["update_required"] == {
        "reason": "desk_too_old",
        "min_desk_version": MINIMUM,
        "installer_url": INSTALLER,
    }

    # Left to its worker, the desk does not knock again within the minute.
    worker = SyncWorker(desk.engine, long_poll_s=1.0)
    worker.start()
    try:
        deadline = time.monotonic() + 30
        while worker.last_result is None and time.monotonic() < deadline:
            time.sleep(0.05)
        assert worker.last_result is not None and worker.last_result.error == "desk_too_old"
        seen = sum(proxy.counts.values())
        time.sleep(2.0)
        assert sum(proxy.counts.values()) == seen
    finally:
        worker.stop()
    assert _outbox(desk) == kept


def test_status_command_reports_the_update(fair: Fair, desks: DeskFactory, tmp_path: Path) -> None:
    require(fair.service, MINIMUM)
    desk = desks("cli")
    _walk_in(desk, "cli", 0)
    assert desk.engine.sync_once().error == "desk_too_old"

    def status(*extra: str) -> str:
        # Its own process, as fair IT runs it: it signs in to open the encrypted replica.
        env = {
            **os.environ,
            "FAIRDESK_CONFIG_DIR": str(tmp_path / "config"),
            "FAIRDESK_PASSWORD": PASSWORD,
            "PYTHONPATH": str(REPO),
        }
        done = subprocess.run(
            [
                sys.executable,
                "-m",
                "desk",
                "--data-dir",
                str(desk.replica.path.parent),
                "status",
                "--username",
                "op_cli",
                *extra,
            ],
            cwd=REPO,
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
        assert done.returncode == 0, done.stderr
        return done.stdout

    report = json.loads(status("--json"))
    assert report["update_required"] == {
        "reason": "desk_too_old",
        "min_desk_version": MINIMUM,
        "installer_url": INSTALLER,
    }
    assert report["waiting"] == 3 and report["link_state"] == BLOCKED
    text = status()
    assert "UPDATE REQUIRED" in text and "须更新" in text
    assert INSTALLER in text and f"version {MINIMUM} or later" in text
    assert "3 waiting commands are kept" in text


def test_desk_at_the_minimum_syncs(fair: Fair, proxy: FaultProxy, desks: DeskFactory) -> None:
    require(fair.service, MINIMUM)
    desk = desks("current")
    desk.engine.client.desk_version = MINIMUM
    _walk_in(desk, "cur", 1)
    heal([desk])
    assert assert_everything_answered(fair.service, [desk]) == 4
    assert desk_status(desk.replica)["update_required"] is None


def test_updated_desk_sends_its_kept_outbox_once(
    fair: Fair, proxy: FaultProxy, desks: DeskFactory
) -> None:
    require(fair.service, MINIMUM)
    old = desks("upd")
    _walk_in(old, "upd", 2)
    for _ in range(3):  # refused each time, nothing taken
        assert old.engine.sync_once().error == "desk_too_old"
    assert _answered_ids(fair, old) == []
    # The new installer over the old one: same data folder, a newer desk version.
    identity = old.replica.identity()
    client = Client(
        proxy.url,
        token=identity.token,
        clock=old.replica.clock,
        read_timeout_s=15.0,
    )
    client.desk_version = "9.0.0"
    updated = Desk(
        "upd", old.replica, SyncEngine(old.replica, client=client, link=Link()), old.operator
    )
    try:
        heal([updated])
        assert assert_everything_answered(fair.service, [updated]) == 5
        assert _answered_ids(fair, updated) == [1, 2, 3, 4, 5]
        assert _service_people(fair) == 2
        status = desk_status(updated.replica)
        assert status["blocked"] is None and status["update_required"] is None
        assert_converged(fair.service, [updated])
    finally:
        updated.engine.close()


def test_minimum_raised_then_lowered_delivers_kept_commands_once(
    fair: Fair, proxy: FaultProxy, desks: DeskFactory
) -> None:
    desk = desks("flip")
    enterprise_id = _walk_in(desk, "flip", 1)
    heal([desk])
    assert _answered_ids(fair, desk) == [1, 2, 3, 4]

    require(fair.service, MINIMUM)
    _add_people(desk, enterprise_id, 2, first=30)
    assert desk.engine.sync_once().error == "desk_too_old"
    assert desk.engine.sync_once().error == "desk_too_old"
    assert [s for _i, _n, s in _outbox(desk)][-2:] == [PENDING, PENDING]
    assert _answered_ids(fair, desk) == [1, 2, 3, 4] and _service_people(fair) == 1
    assert desk_status(desk.replica)["update_required"]["min_desk_version"] == MINIMUM

    require(fair.service, None)
    heal([desk])
    assert assert_everything_answered(fair.service, [desk]) == 6
    assert _answered_ids(fair, desk) == [1, 2, 3, 4, 5, 6]
    assert _service_people(fair) == 3
    status = desk_status(desk.replica)
    assert status["blocked"] is None and status["update_required"] is None
    assert_converged(fair.service, [desk])
