"""The person form's photo step takes the badge photo in the camera dialog and keeps only a
photo that passed every check, stored by SHA-256 in the replica."""

from __future__ import annotations

import hashlib
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from desk.sync import photos
from desk.views.photo_dialog import Mode, PhotoDialog
from desk.views.photo_step import PhotoStep
from tests.desk.conftest import DeskUnderTest
from tests.photo.photo_compose import composed


def test_camera_dialog_result_is_stored_for_the_person(
    qtbot: QtBot, desk: DeskUnderTest, tmp_path: Path
) -> None:
    step = PhotoStep(desk.services)
    qtbot.addWidget(step)
    step.show()
    qtbot.mouseClick(step.camera_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(
        lambda: any(
            isinstance(w, PhotoDialog) and w.isVisible() for w in QApplication.topLevelWidgets()
        ),
        timeout=10_000,
    )
    dialog = next(
        w for w in QApplication.topLevelWidgets() if isinstance(w, PhotoDialog) and w.isVisible()
    )
    path = tmp_path / "visitor.png"
    composed("obama", size=(1280, 720), ratio=0.78).save(path)
    dialog.load_file(path)
    qtbot.waitUntil(lambda: dialog.mode is Mode.REVIEW, timeout=20_000)
    for box in dialog.manual.boxes:
        assert not dialog.accept_button.isEnabled()
        qtbot.mouseClick(box, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(dialog.accept_button.isEnabled, timeout=5_000)
    with qtbot.waitSignal(step.photo_accepted, timeout=20_000) as accepted:
        qtbot.mouseClick(dialog.accept_button, Qt.MouseButton.LeftButton)
    sha = accepted.args[0]
    assert step.sha256 == sha
    stored = photos.load(desk.services.replica, sha)
    assert stored is not None and hashlib.sha256(stored).hexdigest() == sha
    assert stored[:3] == b"\xff\xd8\xff"  # the fixed JPEG, not the PNG that was imported
