"""Wiping a desk: by hand (`fairdesk wipe`), and by itself when the service revoked it with
`--wipe`, never taking unanswered commands with it unless they were exported or forced."""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable
from pathlib import Path

import pytest

from central.services import accounts
from desk.cli import outbox_io
from desk.cli import wipe as wipe_cli
from desk.sync import cipher, keyslots
from desk.sync.replica import open_desk_replica
from desk.sync.status import desk_status
from desk.sync.transfer import export_outbox
from desk.sync.wipe import WipeRefused, wipe_replica
from tests.sync import forms
from tests.sync.harness import PASSWORD, Desk, Fair

DeskFactory = Callable[..., Desk]


def _walk_in(desk: Desk, tag: str) -> None:
    for name, args in forms.walk_in(f"wipe{tag}", f"擦除测试{tag}有限公司"):
        desk.record(name, **args)


def _gone(path: Path) -> bool:
    files = [keyslots.slots_path(path), *cipher.replica_files(path)]
    return not any(f.exists() for f in files)


def _cli(data_dir: Path, capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str]:
    parser = argparse.ArgumentParser()
    parser.add_argument("--data-dir")
    sub = parser.add_subparsers(dest="command")
    wipe_cli.register(sub)
    outbox_io.register(sub)
    cipher.forget(data_dir / "replica.sqlite3")
    args = parser.parse_args(["--data-dir", str(data_dir), *argv])
    code = int(args.func(args))
    captured = capsys.readouterr()
    return code, captured.out + captured.err


def test_wipe_refuses_to_lose_unanswered_commands(
    fair: Fair,
    desks: DeskFactory,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setenv("FAIRDESK_CONFIG_DIR", str(tmp_path / "config"))
    monkeypatch.setenv("FAIRDESK_PASSWORD", PASSWORD)
    desk = desks("wp1", url="http://127.0.0.1:9")  # offline: nothing gets answered
    username, path = desk.operator.username, desk.replica.path
    _walk_in(desk, "a")
    with pytest.raises(WipeRefused) as refused:
        wipe_replica(desk.replica)
    assert refused.value.unsaved == 3
    desk.close()
    data = path.parent
    code, out = _cli(data, capsys, "wipe", "--username", username)
    assert code == 1 and "3 commands" in out and path.exists()
    code, _ = _cli(
        data, capsys, "export-outbox", str(tmp_path / "saved.json"), "--username", username
    )
    assert code == 0
    code, out = _cli(data, capsys, "wipe", "--username", username, "--json")
    assert code == 0 and json.loads(out.splitlines()[0])["wiped"] is True
    assert _gone(path)
    assert len(json.loads((tmp_path / "saved.json").read_text())["clients"][0]["commands"]) == 3
    # What starts next on this folder is a new, empty desk.
    fresh = open_desk_replica(data)
    assert fresh.identity().desk_id is None
    fresh.close()


def test_wipe_force_needs_no_sign_in(
    fair: Fair,
    desks: DeskFactory,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setenv("FAIRDESK_CONFIG_DIR", str(tmp_path / "config"))
    desk = desks("wp2", url="http://127.0.0.1:9")
    _walk_in(desk, "b")
    path = desk.replica.path
    desk.close()
    code, out = _cli(path.parent, capsys, "wipe", "--force", "--yes")
    assert code == 0 and _gone(path)
    assert _cli(path.parent, capsys, "wipe")[0] == 0  # nothing left to wipe


def test_revoked_with_wipe_wipes_itself_once_nothing_would_be_lost(
    fair: Fair, desks: DeskFactory, tmp_path: Path
) -> None:
    done = desks("wp3", url=fair.service.url)
    waiting = desks("wp4", url=fair.service.url)
    _walk_in(done, "c")
    _walk_in(waiting, "d")
    assert done.sync(tries=5).waiting == 0
    _walk_in(waiting, "e")  # neither walk-in of this desk was sent before the revoke
    with fair.service.db().write() as session:
        accounts.revoke_desk(session, "wp3", wipe=True)
        accounts.revoke_desk(session, "wp4", wipe=True)
    result = done.engine.sync_once()
    assert result.wiped and result.error == "desk_wiped" and _gone(done.replica.path)
    assert done.engine.sync_once().wiped  # and it stays so, touching nothing
    # The other still owes commands the service will not take any more: it keeps them.
    result = waiting.engine.sync_once()
    assert not result.wiped and result.error == "desk_revoked"
    status = desk_status(waiting.replica)
    assert status["wipe_ordered"] and status["unsaved"] == 6
    export_outbox(waiting.replica, tmp_path / "wp4.json")
    assert desk_status(waiting.replica)["unsaved"] == 0
    result = waiting.engine.sync_once()
    assert result.wiped and _gone(waiting.replica.path)
