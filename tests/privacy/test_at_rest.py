"""Without a sign-in, nothing on the desk's disk gives anything away."""

from __future__ import annotations

import json

from desk.sync import cipher, keyslots
from desk.sync.errors import ReplicaLocked
from desk.sync.replica import open_desk_replica
from tests.privacy.flow import Session
from tests.privacy.scan import files_under, leaks, scan_files


def test_no_file_in_the_data_folder_reveals_anything(desk_session: Session) -> None:
    data = desk_session.data_dir
    files = files_under(data)
    names = {p.name for p in files}
    assert {"replica.sqlite3", "replica.keys.json", "settings.toml", "desk.log"} <= names
    # The export, made outside on purpose, holds the visitors' data: the scan sees it.
    export = desk_session.outside / "outbox.json"
    assert leaks(export.read_bytes(), desk_session.secrets), "the scan finds nothing at all"
    assert scan_files(files, desk_session.secrets) == {}
    assert not any(p.read_bytes().startswith(cipher.SQLITE_HEADER) for p in files)


def test_files_of_an_open_replica_reveal_nothing_either(desk_session: Session) -> None:
    """A laptop taken while the desk runs: the WAL and its index are on disk too."""
    data = desk_session.data_dir
    cipher.forget(data / "replica.sqlite3")
    replica = open_desk_replica(data)
    slots = replica.keyslots()
    assert replica.locked and slots is not None
    try:
        replica.read().__enter__()
    except ReplicaLocked as error:
        assert error.code == "locked"
    # Opened by key only to keep a connection and its WAL alive, as a running desk does.
    replica.unlock(slots.open_password("op_privacy1", "desk-pass-2026") or b"")
    with replica.write() as session:
        session.connection().exec_driver_sql("CREATE TABLE IF NOT EXISTS scratch (x)")
    with replica.read():
        files = files_under(data)
        assert any(p.name.endswith("-wal") for p in files)
        assert scan_files(files, desk_session.secrets) == {}
    replica.close()


def test_key_slots_hold_no_personal_data_and_no_key(desk_session: Session) -> None:
    path = keyslots.slots_path(desk_session.data_dir / "replica.sqlite3")
    document = json.loads(path.read_text(encoding="utf-8"))
    kinds = sorted(slot["kind"] for slot in document["slots"])
    assert kinds == ["escrow", "password", "password"]
    text = path.read_text(encoding="utf-8")
    assert "op_privacy" not in text  # usernames only as salted hashes
    assert set(document) == {
        "format",
        "version",
        "desk_id",
        "desk_name",
        "service_url",
        "client_id",
        "slots",
    }
