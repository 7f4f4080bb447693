"""Fixtures of the review and host-tools tests: the real service on loopback (SQLite and
PostgreSQL, from the central tests), where screenshots go, and a desk's services object for
the Qt panels."""

from __future__ import annotations

import gc
import os
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any, TypeVar

import pytest
import shiboken6

from tests.central.conftest import fair, pg_cluster, sqlite_template, svc  # noqa: F401
from tests.central.harness import Desk, Harness
from tests.review.helpers import token_of

SHOTS_ENV = "FAIRDESK_SHOTS"
W = TypeVar("W")


@pytest.fixture
def shots_dir(tmp_path: Path) -> Path:
    """Where screenshots go: `$FAIRDESK_SHOTS` when set (to look at them), else a temp dir."""
    path = Path(os.environ.get(SHOTS_ENV) or tmp_path / "shots")
    path.mkdir(parents=True, exist_ok=True)
    return path


class DeskUnderTest:
    """A desk's services over a fresh replica, and the panels a test opens on it.

    Panels are kept here until the tasks have stopped: a background task's callbacks hold
    the panel, and a Python-owned widget must not be freed by a worker thread that happens
    to drop the last reference.
    """

    def __init__(self, tmp_path: Path, qtbot: Any) -> None:
        from desk import settings as desk_settings
        from desk.sync.replica import open_replica
        from desk.views.services import DeskServices
        from desk.views.tasks import TaskManager

        self.qtbot = qtbot
        self.replica = open_replica(tmp_path / "replica.sqlite3")
        self.tasks = TaskManager()
        self.services = DeskServices(self.replica, self.tasks, data_dir=tmp_path,
                                     settings=desk_settings.Settings(language="en"))
        self.kept: list[Any] = []

    def attach(self, service: Harness, username: str, desk: Desk | None = None,
               online: bool = True) -> None:
        """Point the desk at `service` and sign `username` in (online: with a session)."""
        from desk.sync.operators import Operator
        from desk.sync.replica import sync_state

        with self.replica.write() as session:
            state = sync_state(session)
            state.service_url = service.url
            if desk is not None:
                state.device_token = desk.token
        user = service.users[username]
        self.services.operator = Operator(
            user_id=uuid.UUID(user["id"]), username=username, role=user["role"],
            display_name=username, host_org_id=None, online=online,
            session_token=token_of(service, username) if online else None)
        self.services.operator_changed.emit()

    def keep(self, widget: W) -> W:
        self.qtbot.addWidget(widget)
        self.kept.append(widget)
        return widget

    def close(self) -> None:
        from PySide6.QtWidgets import QApplication

        self.tasks.shutdown()
        QApplication.processEvents()  # the last callbacks, on this thread
        for widget in self.kept:
            if shiboken6.isValid(widget):
                widget.deleteLater()
        QApplication.processEvents()
        self.kept.clear()
        self.replica.close()
        gc.collect()


@pytest.fixture
def desk_ui(tmp_path: Path, qtbot: Any) -> Iterator[DeskUnderTest]:
    desk = DeskUnderTest(tmp_path, qtbot)
    yield desk
    desk.close()


@pytest.fixture
def use_language(qtbot: Any) -> Iterator[Any]:
    """`use_language(services, "zh_CN")`: Qt's and the review tools' translators, taken out
    again after the test so the next one starts in English."""
    from PySide6.QtCore import QCoreApplication, QLibraryInfo, QTranslator

    from desk.views.i18n import translations_dir

    installed: list[QTranslator] = []

    def switch(services: Any, language: str) -> None:
        services.language = language
        if language == "en":
            return
        app = QCoreApplication.instance()
        assert app is not None
        qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
        for name, folder in ((f"qtbase_{language}", qt_dir),
                             (f"review_{language}", str(translations_dir()))):
            translator = QTranslator()
            assert translator.load(name, folder), name
            app.installTranslator(translator)
            installed.append(translator)
        services.language_changed.emit(language)

    yield switch
    app = QCoreApplication.instance()
    for translator in installed:
        if app is not None:
            app.removeTranslator(translator)
