"""Fixtures for the desk's window tests: a real central service in a subprocess on loopback
(the sync tests' harness, so it can be stopped and started again), a desk enrolled with it,
and the main window over that desk, offscreen, in pytest-qt's one session-wide QApplication."""

from __future__ import annotations

import os
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication, QDialog, QWidget
from pytestqt.qtbot import QtBot

from desk.models.search import install_search_index
from desk.sync.client import Client
from desk.sync.engine import SyncEngine
from desk.sync.enrollment import enroll
from desk.sync.link import Link
from desk.sync.operators import login
from desk.sync.replica import open_replica
from desk.sync.worker import SyncWorker
from tests.sync.harness import PASSWORD, Fair, Service

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


@pytest.fixture(autouse=True)
def _private_settings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Settings and window geometry of the test, not of the machine."""
    monkeypatch.setenv("FAIRDESK_CONFIG_DIR", str(tmp_path / "config"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg"))


@pytest.fixture
def service(tmp_path: Path) -> Iterator[Service]:
    svc = Service(tmp_path / "service")
    svc.db()
    svc.start()
    yield svc
    svc.close()


@pytest.fixture
def fair(service: Service) -> Fair:
    return Fair(service).setup()


@pytest.fixture(scope="session")
def good_photo() -> bytes:
    from tests.sync.photos import make_good_photo

    return make_good_photo()


@dataclass
class DeskUnderTest:
    window: Any  # MainWindow
    services: Any  # DeskServices
    fair: Fair
    tmp: Path

    def synced(self, qtbot: QtBot, timeout: int = 15_000) -> None:
        """Wait until the desk has nothing left to send and has pulled after that."""
        engine = self.services.engine

        def done() -> bool:
            result = engine.sync_once()
            return bool(result.ok and result.waiting == 0)

        qtbot.waitUntil(done, timeout=timeout)
        self.services.refresh_search(then=self.services.data_changed.emit)


@pytest.fixture
def desk(qtbot: QtBot, fair: Fair, tmp_path: Path) -> Iterator[DeskUnderTest]:
    from desk import settings as desk_settings
    from desk.views.i18n import TRANSLATORS
    from desk.views.main_window import MainWindow
    from desk.views.services import DeskServices
    from desk.views.tasks import TaskManager

    replica = open_replica(tmp_path / "desk" / "replica.sqlite3")
    with replica.engine.begin() as conn:
        install_search_index(conn)
    enroll(replica, fair.service.url, fair.enrollment_code("test-desk"))
    username = fair.operator("op_test")
    identity = replica.identity()
    with Client(fair.service.url, token=identity.token) as client:
        operator = login(replica, client, username, PASSWORD)
    client = Client(fair.service.url, token=identity.token, clock=replica.clock,
                    read_timeout_s=10.0)
    engine = SyncEngine(replica, client=client, link=Link(interval_s=0.3))
    settings = desk_settings.Settings(language="en", data_dir=str(tmp_path / "desk"))
    TRANSLATORS.install("en")
    services = DeskServices(replica, TaskManager(), settings=settings,
                            data_dir=tmp_path / "desk", engine=engine)
    services.operator = operator
    services.print_dialog_options = {
        "printers": [], "choose_pdf_path": lambda _parent, _suggested: str(tmp_path / "b.pdf")}
    services.start_sync(SyncWorker(engine, long_poll_s=2.0))
    window = MainWindow(services)
    qtbot.addWidget(window)
    window.show()
    yield DeskUnderTest(window, services, fair, tmp_path)
    window.close()
    services.shutdown()
    replica.close()


def answer_next_dialog(qtbot: QtBot, act: Callable[[QDialog], None],
                       kind: type[QWidget] = QDialog) -> None:
    """Run `act` on the next modal dialog of `kind` once it is open (it blocks the test's
    call that opens it, so the answer has to be scheduled first)."""

    def attempt() -> None:
        dialog = QApplication.activeModalWidget()
        if isinstance(dialog, kind):
            act(dialog)  # type: ignore[arg-type]
        else:
            QTimer.singleShot(30, attempt)

    QTimer.singleShot(30, attempt)


def type_text(widget: QWidget, text: str) -> None:
    """Type as an input method commits Chinese: one committed character at a time (QTest
    key clicks only know ASCII keys)."""
    for char in text:
        event = QInputMethodEvent("", [])
        event.setCommitString(char)
        QApplication.sendEvent(widget, event)


def new_id() -> str:
    return str(uuid.uuid4())
