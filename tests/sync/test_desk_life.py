"""A desk's life: enrollment and sign-in, the worker and its long poll, revocation and
replacement, a restored replica, and the headless commands."""

from __future__ import annotations

import argparse
import ast
import json
import shutil
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy import select

from central.services import accounts
from desk.models.schema import Account, Enterprise
from desk.sync import cipher, operators
from desk.sync.client import Client
from desk.sync.enrollment import enroll
from desk.sync.errors import LoginRefused
from desk.sync.replica import open_replica
from desk.sync.status import desk_status
from desk.sync.tables import PENDING
from desk.sync.transfer import export_outbox, import_outbox
from desk.sync.worker import SyncWorker
from tests.sync import forms
from tests.sync.checks import assert_converged, assert_everything_answered, heal, outbox_rows
from tests.sync.harness import PASSWORD, REPO, Desk, Fair

DeskFactory = Callable[..., Desk]


def _walk_in(desk: Desk, tag: str) -> str:
    commands = forms.walk_in(f"life{tag}", f"生命周期{tag}有限公司")
    for name, args in commands:
        desk.record(name, **args)
    return str(commands[1][1]["enterprise_id"])


def test_decision_reaches_an_idle_desk_within_3_s(fair: Fair, desks: DeskFactory) -> None:
    maker, watcher = desks("lp1", url=fair.service.url), desks("lp2", url=fair.service.url)
    enterprise_id = _walk_in(maker, "lp")
    heal([maker, watcher])
    worker = SyncWorker(watcher.engine, long_poll_s=20)
    worker.start()
    try:
        time.sleep(1.0)  # idle: the watcher is in its long poll
        fair.decide(fair.reviewer_token(), "enterprise", enterprise_id)
        started = time.monotonic()
        while time.monotonic() - started < 3.0:
            with watcher.replica.read() as session:
                if session.get(Enterprise, forms.uid(enterprise_id)).review_state == "under_review":
                    break
            time.sleep(0.05)
        else:
            pytest.fail("the decision did not reach the idle desk within 3 s")
    finally:
        worker.stop()


def test_worker_pushes_at_once_after_a_local_command(fair: Fair, desks: DeskFactory) -> None:
    desk = desks("poke", url=fair.service.url)
    heal([desk])
    worker = SyncWorker(desk.engine, long_poll_s=20)
    worker.start()
    try:
        time.sleep(0.5)
        _walk_in(desk, "poke")
        deadline = time.monotonic() + 3.0
        while desk_status(desk.replica)["waiting"] and time.monotonic() < deadline:
            time.sleep(0.05)
        assert desk_status(desk.replica)["waiting"] == 0
    finally:
        worker.stop()


def test_operator_signs_in_offline_against_the_kept_verifier(
    fair: Fair, desks: DeskFactory
) -> None:
    desk = desks("login")
    username = desk.operator.username
    unreachable = Client("http://127.0.0.1:9", token="x")
    operator = operators.login(desk.replica, unreachable, username, PASSWORD)
    assert not operator.online and operator.user_id == desk.operator.user_id
    with pytest.raises(LoginRefused):
        operators.login(desk.replica, unreachable, username, "wrong-password-1")
    with pytest.raises(LoginRefused):
        operators.login(desk.replica, unreachable, "nobody", PASSWORD)
    # Refused online (wrong password): the verifier goes, offline sign-in stops working.
    with Client(fair.service.url, token=desk.replica.identity().token) as online:
        with pytest.raises(LoginRefused):
            operators.login(desk.replica, online, username, "wrong-password-1")
    with pytest.raises(LoginRefused):
        operators.login(desk.replica, unreachable, username, PASSWORD)


def test_revoked_desk_stops_keeps_outbox_and_a_replacement_sends_it(
    fair: Fair, desks: DeskFactory, tmp_path: Path
) -> None:
    old = desks("broken", url=fair.service.url)
    _walk_in(old, "rv")
    heal([old])
    extra = forms.walk_in("liferv2", "生命周期追加有限公司")
    for name, args in extra[:2]:
        old.record(name, **args)
    old.engine.sync_once()  # these two are answered; the third is not sent before the revoke
    old.record(extra[2][0], **extra[2][1])
    with fair.service.db().write() as session:
        accounts.revoke_desk(session, "broken")
    result = old.engine.sync_once()
    assert not result.ok and result.error == "desk_revoked"
    status = desk_status(old.replica)
    assert status["blocked"] == "desk_revoked" and status["outbox"][PENDING] == 1
    export_outbox(old.replica, tmp_path / "outbox.json")
    new = desks("replacement", url=fair.service.url)
    with fair.service.db().write() as session:
        accounts.replace_desk(session, "broken", "replacement")
    counts = import_outbox(new.replica, tmp_path / "outbox.json")
    assert counts["added"] == 6
    assert import_outbox(new.replica, tmp_path / "outbox.json")["added"] == 0
    heal([new])
    assert assert_everything_answered(fair.service, [new]) == 6
    with fair.service.db().read() as session:
        names = set(session.scalars(select(Enterprise.name)))
    assert {"生命周期rv有限公司", "生命周期追加有限公司"} <= names
    assert_converged(fair.service, [new])


def test_restored_replica_stops_and_reenrolls_with_a_new_client_id(
    fair: Fair, desks: DeskFactory, tmp_path: Path
) -> None:
    desk = desks("restored", url=fair.service.url)
    _walk_in(desk, "rs")
    heal([desk])
    path = desk.replica.path
    # A copy of the encrypted file, as a backup tool would take it (after a checkpoint).
    with desk.replica.engine.connect() as conn:
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    shutil.copy2(path, tmp_path / "copy.sqlite3")
    _walk_in(desk, "rs2")
    heal([desk])
    desk.close()
    for suffix in ("-wal", "-shm"):
        Path(str(path) + suffix).unlink(missing_ok=True)
    shutil.copy2(tmp_path / "copy.sqlite3", path)
    restored = make_desk_from(fair, path)
    try:
        name, args = forms.walk_in("liferest", "恢复副本有限公司")[0]
        restored.record(name, **args)
        result = restored.engine.sync_once()
        assert result.error == "replica_restored"
        assert desk_status(restored.replica)["blocked"] == "replica_restored"
        assert desk_status(restored.replica)["outbox"][PENDING] == 1
        old_client = restored.replica.identity().client_id
        enrolled = enroll(restored.replica, fair.service.url, fair.enrollment_code("restored2"))
        assert enrolled.new_client_id and enrolled.client_id != old_client
        with fair.service.db().write() as session:
            accounts.replace_desk(session, "restored", "restored2")
        restored.engine.client.token = restored.replica.identity().token
        restored.engine.link.unblock()
        heal([restored])
        rows = outbox_rows(restored)
        assert all(r.status != PENDING for r in rows)
        # The command made on the restored copy went under the new client id, not lost.
        assert [r.client_id for r in rows if r.name == "create_account"][-1] == enrolled.client_id
        with fair.service.db().read() as session:
            assert session.scalar(select(Account.id).where(Account.identifier == "liferest"))
        assert_converged(fair.service, [restored])
    finally:
        restored.close()


def make_desk_from(fair: Fair, path: Path) -> Desk:
    from desk.sync.engine import SyncEngine
    from desk.sync.link import Link

    replica = open_replica(path)
    operator = operators.offline_login(replica, "op_restored", PASSWORD)
    engine = SyncEngine(replica, link=Link(interval_s=0.2))
    return Desk("restored", replica, engine, operator)


def test_headless_commands(
    fair: Fair, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from desk.cli import enroll as enroll_cli
    from desk.cli import outbox_io, status, sync_once

    monkeypatch.setenv("FAIRDESK_CONFIG_DIR", str(tmp_path / "config"))
    monkeypatch.setenv("FAIRDESK_PASSWORD", PASSWORD)
    username = fair.operator("op_cli")
    data_dir = str(tmp_path / "data")
    parser = argparse.ArgumentParser()
    parser.add_argument("--data-dir")
    sub = parser.add_subparsers(dest="command")
    for module in (enroll_cli, status, sync_once, outbox_io, outbox_io):
        module.register(sub)

    def run(*argv: str) -> tuple[int, str]:
        args = parser.parse_args(["--data-dir", data_dir, *argv])
        code = int(args.func(args))
        return code, capsys.readouterr().out

    code, out = run("enroll", fair.service.url, fair.enrollment_code("cli"), "--json")
    assert code == 0 and json.loads(out)["desk_name"] == "cli"
    # Each command runs as its own process would: nothing of the replica's key survives.
    cipher.forget(tmp_path / "data" / "replica.sqlite3")
    assert run("sync", "--once", "--json")[0] == 1  # locked, and nobody signed in
    assert run("sync", "--once", "--json", "--username", username)[0] == 0
    cipher.forget(tmp_path / "data" / "replica.sqlite3")
    code, out = run("status", "--json", "--username", username)
    report = json.loads(out)
    for key in (
        "link_state",
        "outbox",
        "last_success_at",
        "last_failure_at",
        "cursor",
        "attention",
        "last_command_id",
        "clock_skew_s",
    ):
        assert key in report
    assert report["link_state"] == "online" and report["cursor"] > 0
    cipher.forget(tmp_path / "data" / "replica.sqlite3")
    exported = run("export-outbox", str(tmp_path / "out.json"), "--json", "--username", username)
    assert exported[0] == 0
    assert json.loads((tmp_path / "out.json").read_text())["format"] == "fairdesk-outbox"
    assert "token" not in (tmp_path / "config" / "settings.toml").read_text()


def test_sync_modules_stay_free_of_qt_and_print() -> None:
    for path in [*(REPO / "desk" / "sync").rglob("*.py"), REPO / "desk" / "settings.py"]:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import | ast.ImportFrom):
                names = [a.name for a in node.names] + [getattr(node, "module", "") or ""]
                assert not any(n.startswith("PySide6") for n in names), path
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "print":
                pytest.fail(f"print() in {path}")
