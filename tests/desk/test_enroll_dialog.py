"""First run: the enrollment dialog checks the service address and the code, says what is
wrong in the operator's words, and changes nothing until the service accepts the code."""

from __future__ import annotations

import http.server
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from desk import settings as desk_settings
from desk.sync.replica import Replica, open_replica
from desk.views.i18n import TRANSLATORS
from desk.views.login import EnrollDialog
from desk.views.services import DeskServices
from desk.views.tasks import TaskManager
from tests.sync.harness import Fair, free_port


@pytest.fixture
def dialog(qtbot: QtBot, tmp_path: Path) -> Iterator[tuple[EnrollDialog, Replica]]:
    replica = open_replica(tmp_path / "desk" / "replica.sqlite3")
    TRANSLATORS.install("en")
    settings = desk_settings.Settings(language="en", data_dir=str(tmp_path / "desk"))
    services = DeskServices(replica, TaskManager(), settings=settings, data_dir=tmp_path / "desk")
    window = EnrollDialog(services)
    qtbot.addWidget(window)
    window.show()
    yield window, replica
    services.shutdown()
    replica.close()


@pytest.fixture
def other_web_server() -> Iterator[str]:
    """A plain web server that is not the registration service (a wrong port, say)."""
    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", free_port()), http.server.SimpleHTTPRequestHandler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def submit(qtbot: QtBot, window: EnrollDialog, url: str, code: str, expect: str) -> None:
    window.url.setText(url)
    window.code.setText(code)
    window.buttons.accepted.emit()
    qtbot.waitUntil(lambda: expect in window.form.general.text(), timeout=15_000)
    assert window.buttons.isEnabled()


def test_each_problem_is_named_and_nothing_changes(
    qtbot: QtBot, dialog: tuple[EnrollDialog, Replica], other_web_server: str, fair: Fair
) -> None:
    window, replica = dialog
    submit(qtbot, window, "192.168.1.10:8700", "ABCD", "starts with http://")
    nobody = f"http://127.0.0.1:{free_port()}"
    submit(qtbot, window, nobody, "ABCD", f"No answer from {nobody}")
    submit(qtbot, window, other_web_server, "ABCD", "not the fair's registration service")
    submit(qtbot, window, fair.service.url, "WRONG-CODE", "wrong or was used already")
    assert replica.identity().desk_id is None
    assert window.result() == 0

    window.code.setText(fair.enrollment_code("first-run-desk"))
    window.buttons.accepted.emit()
    qtbot.waitUntil(lambda: window.result() == 1, timeout=15_000)
    assert replica.identity().desk_id is not None
