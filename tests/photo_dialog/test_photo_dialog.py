"""The photo dialog driven as an operator would: frames from real portraits through the capture
session, live checks, capture, the auto-fix, the boxes to tick, accept; files by Open and by
drag and drop; no camera; a camera too small; both languages. Screens are saved at each stage."""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path

import pytest
from PIL import Image
from PySide6.QtCore import QMimeData, QPointF, QSize, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtMultimedia import QMediaDevices
from PySide6.QtWidgets import QApplication, QFileDialog
from pytestqt.qtbot import QtBot

from desk.models.photo import check_photo
from desk.views.camera import ScriptedFrameSource
from desk.views.photo_checklist import State
from desk.views.photo_dialog import Mode, PhotoDialog
from desk.views.tasks import TaskManager
from tests.photo.photo_compose import composed
from tests.photo_dialog.conftest import GREY, Feeder, camera_frame, snap

CHECK_TIMEOUT = 15_000


def open_dialog(qtbot: QtBot, tasks: TaskManager, source: ScriptedFrameSource | None = None,
                language: str = "en") -> PhotoDialog:
    dialog = PhotoDialog("badge", frame_source=source, tasks=tasks, language=language)
    qtbot.addWidget(dialog)
    dialog.resize(1240, 740)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def wait_live(qtbot: QtBot, dialog: PhotoDialog, background_ok: bool) -> None:
    """Until a live check of the frame now playing has reached the checklist."""

    def shown() -> bool:
        live = dialog._live
        check = live.best_report().get("background.colour") if live else None
        return check is not None and check.ok is background_ok

    qtbot.waitUntil(shown, timeout=CHECK_TIMEOUT)


def tick_all(qtbot: QtBot, dialog: PhotoDialog) -> None:
    for box in dialog.manual.boxes:
        assert not dialog.accept_button.isEnabled(), "accept before every box is ticked"
        qtbot.mouseClick(box, Qt.MouseButton.LeftButton)
    assert dialog.manual.done()


@pytest.fixture(params=["en", "zh"])
def language(request: pytest.FixtureRequest) -> Iterator[str]:
    if request.param == "zh":
        request.getfixturevalue("chinese")
    yield request.param


def test_capture_to_accept(qtbot: QtBot, tasks: TaskManager, source: ScriptedFrameSource,
                           feeder: Feeder, shots: Path, language: str) -> None:
    dialog = open_dialog(qtbot, tasks, source, language)
    zh = language == "zh"
    assert dialog.windowTitle() == ("证件照" if zh else "Badge photo")
    assert dialog.mode is Mode.LIVE and source.started == 1
    assert not dialog.camera_combo.isVisible()  # one camera: nothing to choose
    assert not dialog.accept_button.isEnabled()

    # A grey screen: the live list shows the background failing, in the operator's language.
    feeder.play(camera_frame(background=GREY))
    wait_live(qtbot, dialog, background_ok=False)
    states = dialog.checklist.states()
    assert states["background.colour"] is State.FAIL
    assert states["file.dimensions"] is State.BY_FIX  # the raw frame: the fix will crop it
    background = dialog.checklist._rows["background.colour"].text.text()
    assert ("背景灰色" in background) if zh else ("Background grey" in background)
    assert ("无法自动修正" if zh else "cannot be fixed") in dialog.final.caption.text()
    snap(qtbot, dialog, shots, f"{language}-1-live-grey-screen")

    # The white screen: every automatic check of the live auto-fix passes.
    feeder.play(camera_frame())
    wait_live(qtbot, dialog, background_ok=True)
    assert set(dialog.checklist.states().values()) == {State.PASS}
    assert dialog.final.image.pixmap() is not None and not dialog.final.image.pixmap().isNull()
    assert not dialog.accept_button.isEnabled()  # nothing captured yet
    snap(qtbot, dialog, shots, f"{language}-2-live-white-screen")

    # Space takes the photo; the checks run on it; the auto-fix appears beside it.
    dialog.activateWindow()
    qtbot.keyClick(dialog, Qt.Key.Key_Space)
    assert dialog.mode in (Mode.CAPTURING, Mode.CHECKING, Mode.REVIEW)
    qtbot.waitUntil(lambda: dialog.mode is Mode.REVIEW, timeout=CHECK_TIMEOUT)
    verdict = dialog.verdict
    assert verdict is not None and verdict.size == (1280, 720)
    assert not verdict.report.ok  # the raw frame is no badge photo ...
    assert verdict.fixed_report is not None and verdict.fixed_report.ok  # ... its fix is
    assert dialog.final.use_fixed.isChecked() and dialog.final.use_fixed.isVisible()
    assert "600 × 800" in dialog.final.caption.text()
    assert ("已自动修正" if zh else "Auto-fixed") in dialog.final.caption.text()
    assert not dialog.accept_button.isEnabled()
    snap(qtbot, dialog, shots, f"{language}-3-captured")

    # The original fails (1280x720): choosing it shows why and keeps Accept off.
    dialog.final.use_original.setChecked(True)
    assert dialog.checklist.states()["file.dimensions"] is State.FAIL
    assert "1280 × 720" in dialog.final.caption.text()
    snap(qtbot, dialog, shots, f"{language}-3b-original-chosen")
    dialog.final.use_fixed.setChecked(True)

    tick_all(qtbot, dialog)
    assert dialog.accept_button.isEnabled()
    snap(qtbot, dialog, shots, f"{language}-4-ready-to-accept")
    with qtbot.waitSignal(dialog.photo_accepted, timeout=2000) as accepted:
        qtbot.mouseClick(dialog.accept_button, Qt.MouseButton.LeftButton)
    data = accepted.args[0]
    assert dialog.result() == PhotoDialog.DialogCode.Accepted
    assert dialog.accepted_photo is not None and dialog.accepted_photo[0] == data
    report = check_photo(data, "badge")
    assert report.ok, [c.code for c in report.failures]
    with Image.open(io.BytesIO(data)) as image:
        assert (image.format, image.size) == ("JPEG", (600, 800))


def test_space_takes_the_photo_whichever_button_has_focus(
        qtbot: QtBot, tasks: TaskManager, source: ScriptedFrameSource, feeder: Feeder,
        monkeypatch: pytest.MonkeyPatch) -> None:
    opened: list[object] = []

    def pick(*args: object) -> tuple[str, str]:
        opened.append(args)
        return "", ""

    monkeypatch.setattr(QFileDialog, "getOpenFileName", pick)
    dialog = open_dialog(qtbot, tasks, source)
    qtbot.keyClick(dialog, Qt.Key.Key_Space)
    assert dialog.mode is Mode.LIVE  # nothing seen yet, nothing to take
    feeder.play(camera_frame())
    qtbot.waitUntil(lambda: source.sink.videoFrame().isValid(), timeout=2000)
    dialog.activateWindow()
    dialog.open_button.setFocus()
    qtbot.keyClick(dialog.open_button, Qt.Key.Key_Space)
    assert not opened and dialog.mode is not Mode.LIVE
    qtbot.waitUntil(lambda: dialog.mode is Mode.REVIEW, timeout=CHECK_TIMEOUT)
    # Reviewing, Space is the operator's to tick a focused box with.
    box = dialog.manual.boxes[0]
    box.setFocus()
    qtbot.keyClick(box, Qt.Key.Key_Space)
    assert box.isChecked() and dialog.mode is Mode.REVIEW


def test_retake_clears_the_photo_and_the_ticks(qtbot: QtBot, tasks: TaskManager,
                                               source: ScriptedFrameSource,
                                               feeder: Feeder) -> None:
    dialog = open_dialog(qtbot, tasks, source)
    feeder.play(camera_frame())
    qtbot.waitUntil(lambda: source.sink.videoFrame().isValid(), timeout=2000)
    qtbot.mouseClick(dialog.capture_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.mode is Mode.REVIEW, timeout=CHECK_TIMEOUT)
    tick_all(qtbot, dialog)
    assert dialog.accept_button.isEnabled()
    qtbot.mouseClick(dialog.retake_button, Qt.MouseButton.LeftButton)
    assert dialog.mode is Mode.LIVE and dialog.verdict is None
    assert not any(box.isChecked() or box.isEnabled() for box in dialog.manual.boxes)
    assert not dialog.accept_button.isEnabled()
    assert dialog.chosen() is None


def test_a_photo_the_fix_cannot_save_is_never_accepted(
        qtbot: QtBot, tasks: TaskManager, source: ScriptedFrameSource, feeder: Feeder,
        shots: Path) -> None:
    dialog = open_dialog(qtbot, tasks, source)
    feeder.play(camera_frame(background=GREY))
    qtbot.waitUntil(lambda: source.sink.videoFrame().isValid(), timeout=2000)
    dialog.capture()
    qtbot.waitUntil(lambda: dialog.mode is Mode.REVIEW, timeout=CHECK_TIMEOUT)
    assert dialog.verdict is not None and dialog.verdict.fixed is None
    assert "cannot be fixed" in dialog.final.caption.text()
    assert not dialog.final.use_fixed.isVisible()
    for box in dialog.manual.boxes:
        box.setChecked(True)
    assert not dialog.accept_button.isEnabled()
    dialog.accept_photo()  # even called directly, it keeps nothing
    assert dialog.accepted_photo is None and dialog.isVisible()
    snap(qtbot, dialog, shots, "en-5-grey-screen-captured")


def passing_jpeg(path: Path) -> bytes:
    composed("obama").save(path, "JPEG", quality=95)
    return path.read_bytes()


def test_open_a_file_that_passes_as_it_is(qtbot: QtBot, tasks: TaskManager,
                                          source: ScriptedFrameSource, tmp_path: Path,
                                          shots: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    dialog = open_dialog(qtbot, tasks, source)
    data = passing_jpeg(tmp_path / "ready.jpg")
    asked: list[str] = []

    def pick(_parent: object, _title: str, _folder: str, patterns: str) -> tuple[str, str]:
        asked.append(patterns)
        return str(tmp_path / "ready.jpg"), patterns

    monkeypatch.setattr(QFileDialog, "getOpenFileName", pick)
    qtbot.mouseClick(dialog.open_button, Qt.MouseButton.LeftButton)
    assert asked and "*.jpg" in asked[0]
    assert dialog.mode is Mode.CHECKING
    qtbot.waitUntil(lambda: dialog.mode is Mode.REVIEW, timeout=CHECK_TIMEOUT)
    assert dialog.verdict is not None and dialog.verdict.fix is None
    assert "passes as it is" in dialog.final.caption.text()
    assert not dialog.final.use_fixed.isVisible()
    tick_all(qtbot, dialog)
    snap(qtbot, dialog, shots, "en-6-file-passes-as-it-is")
    with qtbot.waitSignal(dialog.photo_accepted) as accepted:
        dialog.accept_button.click()
    assert accepted.args[0] == data  # kept byte for byte, not re-encoded


def drop(dialog: PhotoDialog, path: Path) -> bool:
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path))])
    where = QPointF(dialog.stage.geometry().center())
    action = Qt.DropAction.CopyAction
    enter = QDragEnterEvent(where.toPoint(), action, mime, Qt.MouseButton.LeftButton,
                            Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(dialog, enter)
    if not enter.isAccepted():
        return False
    event = QDropEvent(where, action, mime, Qt.MouseButton.LeftButton,
                       Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(dialog, event)
    return event.isAccepted()


def test_drop_a_file_that_needs_the_fix(qtbot: QtBot, tasks: TaskManager,
                                        source: ScriptedFrameSource, tmp_path: Path) -> None:
    dialog = open_dialog(qtbot, tasks, source)
    path = tmp_path / "holiday.png"
    composed("hopper", size=(1280, 720), ratio=0.78).save(path)
    assert drop(dialog, path)
    qtbot.waitUntil(lambda: dialog.mode is Mode.REVIEW, timeout=CHECK_TIMEOUT)
    verdict = dialog.verdict
    assert verdict is not None and verdict.fix is not None and verdict.fixed is not None
    assert "file.format" in verdict.fix.fixed  # a PNG, made a JPEG by the fix
    assert dialog.chosen() == (verdict.fixed, verdict.fixed_report)


def test_a_file_that_is_no_picture(qtbot: QtBot, tasks: TaskManager,
                                   source: ScriptedFrameSource, tmp_path: Path) -> None:
    dialog = open_dialog(qtbot, tasks, source)
    path = tmp_path / "notes.jpg"
    path.write_text("not a photo")
    dialog.load_file(path)
    qtbot.waitUntil(lambda: dialog.mode is Mode.REVIEW, timeout=CHECK_TIMEOUT)
    assert dialog.checklist.states() and State.FAIL in dialog.checklist.states().values()
    tick_all(qtbot, dialog)
    assert not dialog.accept_button.isEnabled()


@pytest.mark.parametrize("real", [True, False], ids=["qcamera", "scripted"])
def test_no_camera_says_so_and_files_still_work(
        qtbot: QtBot, tasks: TaskManager, tmp_path: Path, shots: Path, real: bool,
        language: str) -> None:
    if real and QMediaDevices.videoInputs():
        pytest.skip("this machine has a camera")
    source = None if real else ScriptedFrameSource(cameras=())
    dialog = open_dialog(qtbot, tasks, source, language)
    assert dialog.mode is Mode.IDLE
    assert dialog.stage._message.startswith("未找到摄像头" if language == "zh"
                                            else "No camera found")
    assert not dialog.capture_button.isEnabled()
    assert not dialog.retake_button.isVisible()
    assert dialog.open_button.isEnabled()
    snap(qtbot, dialog, shots, f"{language}-7-no-camera-{'qcamera' if real else 'scripted'}")
    passing_jpeg(tmp_path / "ready.jpg")
    dialog.load_file(tmp_path / "ready.jpg")
    qtbot.waitUntil(lambda: dialog.mode is Mode.REVIEW, timeout=CHECK_TIMEOUT)
    assert dialog.stage._message == ""
    tick_all(qtbot, dialog)
    assert dialog.accept_button.isEnabled()


def test_camera_choice_and_a_camera_below_720p(qtbot: QtBot, tasks: TaskManager,
                                               shots: Path, language: str) -> None:
    source = ScriptedFrameSource(cameras=("Desk camera", "Document camera"), size=QSize(640, 480))
    dialog = open_dialog(qtbot, tasks, source, language)
    assert dialog.camera_combo.isVisible() and dialog.camera_combo.count() == 2
    assert dialog.camera_note.isVisible()
    assert "640 × 480" in dialog.camera_note.text()
    snap(qtbot, dialog, shots, f"{language}-8-two-cameras-small")
    dialog.camera_combo.setCurrentIndex(1)
    assert source.current_camera() == 1 and source.started == 2


def test_switching_language_retranslates(qtbot: QtBot, tasks: TaskManager, chinese: object,
                                         source: ScriptedFrameSource, feeder: Feeder) -> None:
    dialog = open_dialog(qtbot, tasks, source, "zh")
    feeder.play(camera_frame(background=GREY))
    wait_live(qtbot, dialog, background_ok=False)
    assert dialog.accept_button.text() == "采用照片"
    assert "背景" in dialog.checklist._rows["background.colour"].text.text()
    QApplication.removeTranslator(chinese)  # type: ignore[arg-type]
    dialog.set_language("en")
    qtbot.wait(20)
    assert dialog.accept_button.text() == "Accept photo"
    assert dialog.checklist.title.text() == "Automatic checks"
    assert "Background grey" in dialog.checklist._rows["background.colour"].text.text()
    assert dialog.manual._texts[0].text().startswith("Bare-headed")


def test_a_camera_that_fails_can_be_retried(qtbot: QtBot, tasks: TaskManager,
                                            source: ScriptedFrameSource, feeder: Feeder,
                                            shots: Path) -> None:
    dialog = open_dialog(qtbot, tasks, source)
    feeder.play(camera_frame())
    qtbot.waitUntil(lambda: dialog.stage.has_picture(), timeout=2000)
    source.failed.emit("Camera disconnected")
    assert dialog.mode is Mode.IDLE
    assert "Camera disconnected" in dialog.stage._message
    assert not dialog.stage.has_picture()  # the message is shown, not a stale frame
    snap(qtbot, dialog, shots, "en-9-camera-failed")
    assert dialog.retake_button.isVisible() and not dialog.capture_button.isVisible()
    qtbot.mouseClick(dialog.retake_button, Qt.MouseButton.LeftButton)
    assert dialog.mode is Mode.LIVE and source.started == 2


def test_one_inch_photo(qtbot: QtBot, tasks: TaskManager, source: ScriptedFrameSource,
                        feeder: Feeder) -> None:
    dialog = PhotoDialog("one-inch", frame_source=source, tasks=tasks, language="en")
    qtbot.addWidget(dialog)
    dialog.show()
    feeder.play(camera_frame(ratio=0.62))
    qtbot.waitUntil(lambda: dialog.stage.has_picture(), timeout=2000)
    dialog.capture()
    qtbot.waitUntil(lambda: dialog.mode is Mode.REVIEW, timeout=CHECK_TIMEOUT)
    tick_all(qtbot, dialog)
    dialog.accept_photo()
    assert dialog.accepted_photo is not None
    data, report = dialog.accepted_photo
    assert report.ok and check_photo(data, "one-inch").ok
    with Image.open(io.BytesIO(data)) as image:
        assert image.size == (295, 413)
