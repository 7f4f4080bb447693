"""The photo checks, off the UI thread: live on the preview (throttled, stale answers dropped)
and once on a captured or imported photo.

A check takes 40-400 ms (face detection, then the auto-fix's JPEG size search), longer than a
frame lasts, so the preview is sampled: at most one check runs at a time, a new one starts no
sooner than `interval_ms` after the last, and only the newest frame is ever checked.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from functools import cache

from PySide6.QtCore import QBuffer, QByteArray, QCoreApplication, QIODevice, QObject, QTimer, Signal
from PySide6.QtGui import QImage, QImageWriter
from PySide6.QtMultimedia import QVideoFrame

from desk.models.photo import FixResult, PhotoKind, PhotoReport, auto_fix, check_photo, warm_up
from desk.models.photo.rules import RULES
from desk.views.tasks import TaskManager

log = logging.getLogger(__name__)

LIVE_INTERVAL_MS = 340  # about three checks a second at most
FRAME_JPEG_QUALITY = 95  # the frame is re-encoded once before the fix: keep it close to raw

Rect = tuple[float, float, float, float]  # x, y, width, height


@dataclass(frozen=True)
class Verdict:
    """A photo, its checks, and its auto-fix.

    `fix` is None when the original passes as it is. `crop` is the window of the original that
    the auto-fix turns into the final photo (None when the head could not be found).
    """

    original: bytes
    report: PhotoReport
    fix: FixResult | None
    crop: Rect | None
    size: tuple[int, int]  # width, height of the original as measured
    live: bool = False

    @property
    def fixed(self) -> bytes | None:
        return self.fix.jpeg if self.fix is not None else None

    @property
    def fixed_report(self) -> PhotoReport | None:
        return self.fix.report if self.fix is not None and self.fix.jpeg is not None else None

    def best_report(self) -> PhotoReport:
        """The report of the photo that would be kept: the fix when there is one."""
        return self.fixed_report or self.report


def crop_window(report: PhotoReport, kind: PhotoKind) -> Rect | None:
    """Where the auto-fix will cut the final photo from this one (the same arithmetic)."""
    head = report.measures.get("head")
    rules = RULES[kind]
    if not head or rules.dimensions is None:
        return None
    out_w, out_h = rules.dimensions
    crown, chin, centre = float(head["crown"]), float(head["chin"]), float(head["centre_x"])
    k = rules.fix_ratio * out_h / max(1.0, chin - crown)
    width, height = out_w / k, out_h / k
    return centre - width / 2, crown - rules.fix_crown * out_h / k, width, height


def assess(data: bytes, kind: PhotoKind, *, live: bool = False) -> Verdict:
    """Check a photo and try the auto-fix (runs on a worker thread; no widgets here)."""
    report = check_photo(data, kind)
    fix = None if report.ok else auto_fix(data, kind)
    size = (int(report.measures.get("width", 0)), int(report.measures.get("height", 0)))
    return Verdict(data, report, fix, crop_window(report, kind), size, live)


def image_bytes(image: QImage) -> bytes:
    """A camera frame as a JPEG file (QImage is safe to encode on a worker thread)."""
    array = QByteArray()
    buffer = QBuffer(array)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QImageWriter(buffer, QByteArray(b"jpeg"))
    writer.setQuality(FRAME_JPEG_QUALITY)
    writer.write(image.convertToFormat(QImage.Format.Format_RGB888))
    buffer.close()
    return bytes(array.data())


@cache
def shared_tasks() -> TaskManager:
    """A task manager for a dialog opened without one (it lives as long as the application)."""
    return TaskManager(QCoreApplication.instance())


class PhotoChecker(QObject):
    """Runs `assess` on the newest preview frame (throttled) or on a given photo.

    Any new request (a capture, an import, a retake) makes every answer still on its way
    stale, and stale answers are dropped.

    Signals:
        live_checked(object): a `Verdict` on a recent preview frame.
        photo_checked(object): the `Verdict` on the photo given to `check()`.
        check_failed(str): the check of a given photo raised (the text is for the log).
    """

    live_checked = Signal(object)
    photo_checked = Signal(object)
    check_failed = Signal(str)

    def __init__(
        self,
        kind: PhotoKind,
        tasks: TaskManager | None = None,
        *,
        interval_ms: int = LIVE_INTERVAL_MS,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.kind = kind
        self._tasks = tasks or shared_tasks()
        self._generation = 0
        self._live_busy = False
        self._frame: QVideoFrame | None = None
        self._frame_serial = 0
        self._checked_serial = 0
        self._timer = QTimer(self)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self._tick)
        self.live_runs = 0  # live checks started (tests read it to see the throttle work)

    def warm_up(self) -> None:
        """Load the face detector now, so the first real check is not the slow one."""
        self._tasks.run(warm_up, success=lambda _none: None,
                        failure=lambda error: log.warning("warm-up failed: %s", error),
                        owner=self)

    # -- live ------------------------------------------------------------------------------

    def start_live(self) -> None:
        self._generation += 1
        self._timer.start()

    def stop_live(self) -> None:
        self._generation += 1
        self._timer.stop()
        self._frame = None

    @property
    def live(self) -> bool:
        return self._timer.isActive()

    def offer_frame(self, frame: QVideoFrame) -> None:
        """The newest preview frame; cheap, called for every frame."""
        if self._timer.isActive():
            self._frame = frame
            self._frame_serial += 1

    def _tick(self) -> None:
        if self._live_busy or self._frame is None or self._frame_serial == self._checked_serial:
            return
        image = self._frame.toImage()
        if image.isNull():
            return
        self._checked_serial = self._frame_serial
        self._live_busy = True
        self.live_runs += 1
        generation, kind = self._generation, self.kind

        def done(verdict: Verdict) -> None:
            self._live_busy = False
            if generation == self._generation:
                self.live_checked.emit(verdict)

        def failed(error: BaseException) -> None:
            self._live_busy = False
            log.warning("a live photo check failed: %s", error)

        self._tasks.run(lambda: assess(image_bytes(image), kind, live=True),
                        success=done, failure=failed, owner=self)

    # -- one photo -------------------------------------------------------------------------

    def check(self, photo: bytes | QImage) -> None:
        """Check an imported file's bytes or a captured picture (encoded as JPEG on the
        worker); the answer comes as `photo_checked`."""
        self.stop_live()
        generation, kind = self._generation, self.kind

        def run() -> Verdict:
            data = image_bytes(photo) if isinstance(photo, QImage) else photo
            return assess(data, kind)

        def done(verdict: Verdict) -> None:
            if generation == self._generation:
                self.photo_checked.emit(verdict)

        def failed(error: BaseException) -> None:
            if generation == self._generation:
                log.error("a photo check failed", exc_info=error)
                self.check_failed.emit(f"{type(error).__name__}: {error}")

        self._tasks.run(run, success=done, failure=failed, owner=self)

    def cancel(self) -> None:
        """Forget every answer on its way (the dialog is closing or starting over)."""
        self.stop_live()
