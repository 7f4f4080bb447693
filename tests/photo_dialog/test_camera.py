"""The frame sources and the throttled checker, below the dialog."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from PySide6.QtCore import QSize
from PySide6.QtMultimedia import QMediaDevices, QVideoFrame
from pytestqt.qtbot import QtBot

from desk.views.camera import (
    CameraFrameSource,
    ScriptedFrameSource,
    choose_format,
    guide_rect,
    large_enough,
)
from desk.views.photo_worker import PhotoChecker, Verdict, crop_window
from desk.views.tasks import TaskManager
from tests.photo_dialog.conftest import GREY, Feeder, camera_frame


@dataclass
class FakeFormat:
    """Answers what `choose_format` asks of a QCameraFormat."""

    width: int
    height: int
    fps: float = 30.0

    def resolution(self) -> QSize:
        return QSize(self.width, self.height)

    def maxFrameRate(self) -> float:  # noqa: N802 (Qt's name)
        return self.fps


def test_the_largest_format_of_at_least_1280x720_is_chosen() -> None:
    formats = [FakeFormat(640, 480), FakeFormat(1920, 1080, 5), FakeFormat(1920, 1080, 30),
               FakeFormat(1280, 720), FakeFormat(3840, 2160, 2)]
    choice = choose_format(formats)
    # 4K at 2 frames a second cannot be used to frame a person; 1080p at 30 can.
    assert choice.format is formats[2]
    assert choice.large_enough


def test_a_slow_large_format_beats_a_small_one() -> None:
    formats = [FakeFormat(640, 480, 30), FakeFormat(1600, 1200, 5)]
    assert choose_format(formats).format is formats[1]


def test_a_camera_without_720p_gets_its_largest_format_flagged() -> None:
    formats = [FakeFormat(320, 240), FakeFormat(800, 600), FakeFormat(640, 480)]
    choice = choose_format(formats)
    assert choice.format is formats[1]
    assert not choice.large_enough
    assert choose_format([]) == choose_format([])  # no formats: nothing, not large enough
    assert choose_format([]).format is None


def test_large_enough_accepts_a_portrait_camera() -> None:
    assert large_enough(QSize(720, 1280))
    assert not large_enough(QSize(1280, 719))


def test_guide_rect_is_the_final_photo_shape_at_full_height() -> None:
    x, y, w, h = guide_rect(1280, 720, 600 / 800)
    assert (y, h) == (0, 720)
    assert w == pytest.approx(540)
    assert x == pytest.approx((1280 - 540) / 2)
    # A portrait frame narrower than the photo's shape: fit the width instead.
    x, y, w, h = guide_rect(600, 1000, 0.75)
    assert (x, w) == (0, 600) and h == pytest.approx(800)


def test_frames_reach_the_sink_through_the_capture_session(qtbot: QtBot) -> None:
    source = ScriptedFrameSource()
    image = camera_frame(background=GREY)
    source.show_frame(image)  # stopped: a camera that is off sends nothing
    assert source.sink.videoFrame().toImage().isNull()
    assert source.start()
    with qtbot.waitSignal(source.sink.videoFrameChanged, timeout=2000) as arrived:
        source.show_frame(image)
    frame = arrived.args[0]
    assert isinstance(frame, QVideoFrame)
    assert frame.size() == QSize(1280, 720)
    assert frame.toImage().pixelColor(5, 5).red() == 228
    with qtbot.waitSignal(source.still_captured, timeout=2000) as still:
        source.capture()
    assert still.args[0].size() == QSize(1280, 720)


@pytest.mark.skipif(bool(QMediaDevices.videoInputs()), reason="this machine has a camera")
def test_the_real_camera_source_says_there_is_no_camera() -> None:
    source = CameraFrameSource()
    assert source.cameras() == []
    assert not source.start()
    assert "camera" in source.error_text().lower()
    assert not source.resolution().isValid()


def test_live_checks_are_throttled_and_stale_answers_dropped(
        qtbot: QtBot, tasks: TaskManager) -> None:
    source = ScriptedFrameSource()
    source.start()
    checker = PhotoChecker("badge", tasks, interval_ms=300)
    source.sink.videoFrameChanged.connect(checker.offer_frame)
    answers: list[Verdict] = []
    checker.live_checked.connect(answers.append)
    feed = Feeder(source)
    checker.start_live()
    feed.play(camera_frame(background=GREY))
    qtbot.waitUntil(lambda: len(answers) >= 2, timeout=10_000)
    qtbot.wait(1000)
    feed.stop()
    # About 30 frames a second arrived; at most one check per 300 ms was started.
    assert feed.sent > 3 * checker.live_runs
    assert checker.live_runs <= 1 + feed.sent * 33 // 300
    assert all(v.live and not v.report.ok for v in answers)
    assert answers[-1].report.get("background.colour").ok is False  # type: ignore[union-attr]
    # A check still running when the live view stops must never be reported.
    feed.play(camera_frame())
    qtbot.waitUntil(lambda: checker._live_busy, timeout=5000)
    checker.stop_live()
    before = len(answers)
    qtbot.waitUntil(lambda: not checker._live_busy, timeout=10_000)
    qtbot.wait(50)
    assert len(answers) == before
    feed.stop()


def test_crop_window_matches_the_auto_fix(tasks: TaskManager, qtbot: QtBot) -> None:
    from desk.views.photo_worker import assess, image_bytes

    verdict = assess(image_bytes(camera_frame()), "badge")
    assert verdict.fixed is not None and verdict.crop is not None
    x, y, w, h = verdict.crop
    # 600x800 cut from a 720-line frame with the head at 78%: nearly the whole height.
    assert w / h == pytest.approx(0.75)
    assert 640 <= h <= 760 and abs(x + w / 2 - 640) < 40
    assert crop_window(verdict.report, "licence") is None


def test_one_live_check_at_a_time_and_never_the_same_frame_twice(
        qtbot: QtBot, tasks: TaskManager, monkeypatch: pytest.MonkeyPatch) -> None:
    import threading
    import time

    from desk.views import photo_worker

    running, most = 0, 0
    lock = threading.Lock()
    real_assess = photo_worker.assess

    def slow_assess(data: bytes, kind: str, *, live: bool = False) -> Verdict:
        nonlocal running, most
        with lock:
            running += 1
            most = max(most, running)
        time.sleep(0.5)  # a check slower than the interval, as on a busy desk PC
        try:
            return real_assess(data, kind, live=live)  # type: ignore[arg-type]
        finally:
            with lock:
                running -= 1

    monkeypatch.setattr(photo_worker, "assess", slow_assess)
    source = ScriptedFrameSource()
    source.start()
    checker = PhotoChecker("badge", tasks, interval_ms=100)
    source.sink.videoFrameChanged.connect(checker.offer_frame)
    answers: list[Verdict] = []
    checker.live_checked.connect(answers.append)
    checker.start_live()
    feed = Feeder(source)
    feed.play(camera_frame())
    qtbot.waitUntil(lambda: len(answers) >= 3, timeout=15_000)
    feed.stop()
    assert most == 1
    # The camera paused: once the newest frame is checked, nothing runs again.
    for _ in range(2):  # the check in flight, then perhaps one of the newest frame
        qtbot.waitUntil(lambda: not checker._live_busy, timeout=5000)
        qtbot.wait(200)
    runs = checker.live_runs
    qtbot.wait(700)
    assert checker.live_runs == runs and not checker._live_busy
    checker.stop_live()
