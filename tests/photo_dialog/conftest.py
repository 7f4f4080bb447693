"""Fixtures for the photo dialog: camera frames composed from real portraits, a task manager,
the dialog's Chinese catalogue compiled from its .ts, and a folder for screenshots."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest
from PIL import Image
from PySide6.QtCore import QCoreApplication, QObject, QTimer, QTranslator
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from desk.views.camera import ScriptedFrameSource
from desk.views.tasks import TaskManager
from tests.photo.photo_compose import composed

REPO = Path(__file__).resolve().parents[2]
TS_FILE = REPO / "resources" / "translations" / "photo_zh_CN.ts"
FRAME = (1280, 720)
WHITE, GREY = (255, 255, 255), (228, 228, 228)


def to_qimage(image: Image.Image) -> QImage:
    rgb = np.ascontiguousarray(np.asarray(image.convert("RGB")))
    height, width = rgb.shape[:2]
    return QImage(rgb.data, width, height, 3 * width, QImage.Format.Format_RGB888).copy()


def camera_frame(name: str = "obama", background: tuple[int, int, int] = WHITE,
                 ratio: float = 0.78) -> QImage:
    """What a 1280x720 camera sees: one person framed by the dialog's guide (crown at 6% of
    the height, crown to chin 78%) in front of the screen."""
    return to_qimage(composed(name, size=FRAME, ratio=ratio, crown_at=0.06,
                              background=background))


class Feeder(QObject):
    """Plays one picture into a scripted source at about 30 frames a second, as a camera."""

    def __init__(self, source: ScriptedFrameSource) -> None:
        super().__init__()
        self.source = source
        self.image: QImage | None = None
        self.sent = 0
        self._timer = QTimer(self)
        self._timer.setInterval(33)
        self._timer.timeout.connect(self._send)

    def play(self, image: QImage) -> None:
        self.image = image
        self._send()
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()

    def _send(self) -> None:
        if self.image is not None:
            self.source.show_frame(self.image)
            self.sent += 1


@pytest.fixture
def tasks() -> Iterator[TaskManager]:
    manager = TaskManager()
    yield manager
    manager.shutdown()


@pytest.fixture
def source() -> ScriptedFrameSource:
    return ScriptedFrameSource()


@pytest.fixture
def feeder(source: ScriptedFrameSource) -> Iterator[Feeder]:
    feed = Feeder(source)
    yield feed
    feed.stop()


@pytest.fixture(scope="session")
def catalogue(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The committed .ts compiled now, so the test sees the translations as written."""
    target = tmp_path_factory.mktemp("qm") / "photo_zh_CN.qm"
    tool = Path(sys.executable).parent / "pyside6-lrelease"
    subprocess.run([str(tool), str(TS_FILE), "-qm", str(target)], check=True,
                   capture_output=True)
    return target


@pytest.fixture
def chinese(catalogue: Path, qapp: QCoreApplication) -> Iterator[QTranslator]:
    translator = QTranslator()
    assert translator.load(str(catalogue)), "the photo catalogue does not load"
    QCoreApplication.installTranslator(translator)
    yield translator
    QCoreApplication.removeTranslator(translator)


@pytest.fixture
def shots(tmp_path: Path) -> Path:
    """Where screenshots go: PHOTO_DIALOG_SHOTS to keep them, else the test's folder."""
    folder = Path(os.environ.get("PHOTO_DIALOG_SHOTS") or tmp_path / "shots")
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def snap(qtbot: QtBot, widget: QWidget, folder: Path, name: str) -> Path:
    qtbot.wait(30)  # let the layout settle before grabbing
    path = folder / f"{name}.png"
    assert widget.grab().save(str(path)), f"could not save {path}"
    return path
