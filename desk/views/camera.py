"""Where the photo dialog's frames come from: a camera, or a script of pictures in tests.

Both sources put their frames through a real `QMediaCaptureSession` into a `QVideoSink`, so
the dialog reads the same signal either way; only the producer at the front differs (a
`QCamera`, or a `QVideoFrameInput` fed with pictures).
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Generic, Protocol, TypeVar

from PySide6.QtCore import QObject, QPointF, QRectF, QSize, Qt, Signal, SignalInstance
from PySide6.QtGui import QColor, QImage, QPainter, QPainterPath, QPaintEvent, QPen
from PySide6.QtMultimedia import (
    QCamera,
    QCameraDevice,
    QImageCapture,
    QMediaCaptureSession,
    QMediaDevices,
    QVideoFrame,
    QVideoFrameInput,
    QVideoSink,
)
from PySide6.QtWidgets import QSizePolicy, QWidget

from desk.models.photo import PhotoKind
from desk.models.photo.rules import RULES

log = logging.getLogger(__name__)

# The head must be about 620 px tall in the 600x800 badge photo and may be enlarged at most
# ~1.25x, so the frame needs about 500 px from crown to chin: 720 lines is the least that does.
MIN_LONG_SIDE, MIN_SHORT_SIDE = 1280, 720
# A huge resolution at a few frames a second makes the preview useless for framing a person.
MIN_PREVIEW_FPS = 10.0


class FrameSource(Protocol):
    """What the dialog needs from a camera.

    `sink.videoFrameChanged` delivers preview frames; `capture()` answers with
    `still_captured(QImage)`; `failed(str)` carries the producer's own (untranslated) error.
    """

    @property
    def sink(self) -> QVideoSink: ...

    @property
    def still_captured(self) -> SignalInstance: ...

    @property
    def failed(self) -> SignalInstance: ...

    @property
    def cameras_changed(self) -> SignalInstance: ...

    def cameras(self) -> list[str]:
        """Names of the cameras to choose from; empty when there is none."""
        ...

    def current_camera(self) -> int: ...

    def select_camera(self, index: int) -> None: ...

    def start(self) -> bool:
        """Start delivering frames; False when it cannot (`error_text()` says why)."""
        ...

    def stop(self) -> None: ...

    def capture(self) -> None: ...

    def resolution(self) -> QSize:
        """The frame size the source delivers (or will deliver once started)."""
        ...

    def error_text(self) -> str: ...


class FormatLike(Protocol):
    def resolution(self) -> QSize: ...

    def maxFrameRate(self) -> float: ...  # noqa: N802 (Qt's name)


F = TypeVar("F", bound=FormatLike)


@dataclass(frozen=True)
class FormatChoice(Generic[F]):
    """The format to ask for, and whether it is large enough for a badge photo."""

    format: F | None
    large_enough: bool


def large_enough(size: QSize) -> bool:
    long_side, short_side = max(size.width(), size.height()), min(size.width(), size.height())
    return long_side >= MIN_LONG_SIDE and short_side >= MIN_SHORT_SIDE


def choose_format(formats: Sequence[F]) -> FormatChoice[F]:
    """The largest resolution of at least 1280x720 (the faster frame rate among equals);
    when none is that large, the largest there is, flagged as too small."""

    def key(fmt: F) -> tuple[int, float]:
        size = fmt.resolution()
        return size.width() * size.height(), fmt.maxFrameRate()

    if not formats:
        return FormatChoice(None, False)
    big = [f for f in formats if large_enough(f.resolution())]
    smooth = [f for f in big if f.maxFrameRate() >= MIN_PREVIEW_FPS]
    if smooth or big:
        return FormatChoice(max(smooth or big, key=key), True)
    return FormatChoice(max(formats, key=key), False)


def largest(sizes: Sequence[QSize]) -> QSize | None:
    return max(sizes, key=lambda s: s.width() * s.height(), default=None)


class _CaptureSession(QObject):
    """What both sources share: a capture session whose frames reach a sink, and stills from
    `QImageCapture` or, when the producer cannot take one, from the newest frame.

    Signals:
        still_captured(QImage): the picture taken by `capture()`.
        failed(str): the producer reported an error (Qt's text, for the log and the details).
        cameras_changed(): a camera was plugged in or out; `cameras()` has changed.
    """

    still_captured = Signal(QImage)
    failed = Signal(str)
    cameras_changed = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._session = QMediaCaptureSession(self)
        self._sink = QVideoSink(self)
        self._session.setVideoSink(self._sink)
        self._image_capture = QImageCapture(self)
        self._image_capture.setQuality(QImageCapture.Quality.VeryHighQuality)
        # imageAvailable carries the full still; imageCaptured's picture may be a preview.
        self._image_capture.imageAvailable.connect(self._captured)
        self._image_capture.errorOccurred.connect(self._capture_error)
        self._session.setImageCapture(self._image_capture)

    @property
    def sink(self) -> QVideoSink:
        return self._sink

    def capture(self) -> None:
        # A still has the sensor's photo resolution; a producer that cannot take one (some
        # backends, a frame input) leaves the newest preview frame, at the largest format.
        if self._image_capture.isReadyForCapture():
            self._image_capture.capture()
        else:
            self._capture_last_frame()

    def _captured(self, _request: int, frame: QVideoFrame) -> None:
        image = frame.toImage()
        if image.isNull():
            self._capture_last_frame()
        else:
            self.still_captured.emit(image)

    def _capture_error(self, _request: int, _error: QImageCapture.Error, text: str) -> None:
        log.warning("still capture failed (%s); using the preview frame", text)
        self._capture_last_frame()

    def _capture_last_frame(self) -> None:
        image = self._sink.videoFrame().toImage()
        if image.isNull():
            self.failed.emit("No frame to capture yet")
        else:
            self.still_captured.emit(image)


class CameraFrameSource(_CaptureSession):
    """A real camera: `QCamera` on the capture session, at its largest usable format."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._media_devices = QMediaDevices(self)
        self._media_devices.videoInputsChanged.connect(self._inputs_changed)
        self._camera: QCamera | None = None
        self._devices: list[QCameraDevice] = QMediaDevices.videoInputs()
        self._index = self._default_index()
        self._error = ""

    def cameras(self) -> list[str]:
        return [device.description() for device in self._devices]

    def current_camera(self) -> int:
        return self._index

    def select_camera(self, index: int) -> None:
        """Choose the camera the next `start()` opens."""
        if 0 <= index < len(self._devices):
            self._index = index

    def start(self) -> bool:
        self.stop()
        if not self._devices:
            self._error = "No camera detected"
            return False
        device = self._devices[self._index]
        camera = QCamera(device, self)
        choice = choose_format(device.videoFormats())
        if choice.format is not None:
            camera.setCameraFormat(choice.format)
        photo = largest(device.photoResolutions())
        if photo is not None:
            self._image_capture.setResolution(photo)
        camera.errorOccurred.connect(self._camera_error)
        self._session.setCamera(camera)
        self._camera = camera
        camera.start()
        # With no usable device Qt sets the error without emitting errorOccurred.
        if camera.error() != QCamera.Error.NoError:
            self._error = camera.errorString() or "Camera error"
            return False
        self._error = ""
        return True

    def stop(self) -> None:
        camera, self._camera = self._camera, None
        if camera is not None:
            camera.stop()
            self._session.setCamera(None)  # type: ignore[arg-type]
            camera.deleteLater()

    def resolution(self) -> QSize:
        if not self._devices:
            return QSize()
        if self._camera is not None and not self._camera.cameraFormat().isNull():
            return self._camera.cameraFormat().resolution()
        choice = choose_format(self._devices[self._index].videoFormats())
        return choice.format.resolution() if choice.format is not None else QSize()

    def error_text(self) -> str:
        return self._error

    def _default_index(self) -> int:
        default = QMediaDevices.defaultVideoInput()
        ids = [device.id() for device in self._devices]
        return ids.index(default.id()) if default.id() in ids else 0

    def _inputs_changed(self) -> None:
        current = self._devices[self._index].id() if self._devices else None
        self._devices = QMediaDevices.videoInputs()
        ids = [device.id() for device in self._devices]
        self._index = ids.index(current) if current in ids else self._default_index()
        self.cameras_changed.emit()

    def _camera_error(self, _error: QCamera.Error, text: str) -> None:
        self._error = text
        log.warning("camera error: %s", text)
        self.failed.emit(text)


class ScriptedFrameSource(_CaptureSession):
    """Pictures in place of a camera, sent into the capture session by `QVideoFrameInput`
    (from there on, the path a camera's frames take), for tests and demonstrations.

    `cameras` names the pretend devices; an empty tuple plays a machine without a camera.
    """

    def __init__(
        self,
        *,
        cameras: Sequence[str] = ("Scripted camera",),
        size: QSize | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._names = list(cameras)
        self._size = size if size is not None else QSize(MIN_LONG_SIDE, MIN_SHORT_SIDE)
        self._index = 0
        self._running = False
        self._pending: QVideoFrame | None = None
        self._input = QVideoFrameInput(self)
        self._input.readyToSendVideoFrame.connect(self._send_pending)
        self._session.setVideoFrameInput(self._input)
        self.started = 0  # how many times start() succeeded (tests read it)

    def cameras(self) -> list[str]:
        return list(self._names)

    def current_camera(self) -> int:
        return self._index

    def select_camera(self, index: int) -> None:
        if 0 <= index < len(self._names):
            self._index = index

    def start(self) -> bool:
        self._running = bool(self._names)
        self.started += int(self._running)
        return self._running

    def stop(self) -> None:
        self._running = False

    def resolution(self) -> QSize:
        return QSize(self._size)

    def error_text(self) -> str:
        return "" if self._names else "No camera detected"

    def show_frame(self, image: QImage) -> None:
        """Send one picture as the next camera frame (dropped while stopped, as a camera's)."""
        if not self._running:
            return
        frame = QVideoFrame(image.convertToFormat(QImage.Format.Format_RGB32))
        if not self._input.sendVideoFrame(frame):
            self._pending = frame  # the session is busy: send it when it asks for more

    def _send_pending(self) -> None:
        frame, self._pending = self._pending, None
        if frame is not None and self._running:
            self._input.sendVideoFrame(frame)


# --- the preview ---------------------------------------------------------------------------------

Rect = tuple[float, float, float, float]  # x, y, width, height in picture pixels
GUIDE_COLOUR = QColor("#26a69a")
CROP_COLOUR = QColor("#ffb300")
DIM = QColor(38, 50, 56, 150)


def guide_rect(width: float, height: float, aspect: float) -> Rect:
    """The largest window of the final photo's shape (`aspect` = width / height) centred in
    a `width` x `height` picture: where the head should be framed."""
    w, h = height * aspect, height
    if w > width:
        w, h = width, width / aspect
    return (width - w) / 2, (height - h) / 2, w, h


class PhotoStage(QWidget):
    """The live picture (or the frozen one) with the framing guide drawn over it.

    Live, the guide is the final photo's window: a head oval from the crown at `fix_crown` of
    its height down `fix_ratio` of it (the auto-fix's target), and the shoulder lines. Where the
    auto-fix would really cut, once the checks found the head, is drawn dashed; on a frozen
    photo that window is all that is drawn, with the rest dimmed.
    """

    def __init__(self, kind: PhotoKind, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        rules = RULES[kind]
        self._portrait = rules.face and rules.dimensions is not None
        width, height = rules.dimensions or (3, 4)
        self._aspect = width / height
        self._crown, self._head = rules.fix_crown, rules.fix_ratio
        self._frame: QVideoFrame | None = None
        self._image = QImage()
        self._frozen = False
        self._crop: Rect | None = None
        self._crop_source = (0, 0)
        self._message = ""
        self._shape = 9 / 16  # height over width of the picture, until one is shown
        self.setMinimumSize(480, 270)
        policy = QSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)

    def hasHeightForWidth(self) -> bool:  # noqa: N802 (Qt)
        return True

    def heightForWidth(self, width: int) -> int:  # noqa: N802 (Qt)
        return round(width * self._shape)

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt)
        return QSize(640, self.heightForWidth(640))

    def show_frame(self, frame: QVideoFrame) -> None:
        self._frame, self._frozen = frame, False
        self._image = QImage()  # converted when painted: most frames are never painted
        self.update()

    def freeze(self, image: QImage) -> None:
        self._frame, self._image, self._frozen, self._crop = None, image, True, None
        self.update()

    def clear(self) -> None:
        self._frame, self._image, self._frozen, self._crop = None, QImage(), False, None
        self.update()

    def set_crop(self, crop: Rect | None, measured: tuple[int, int]) -> None:
        """The auto-fix's window, in the pixels of a picture `measured` (w, h) large."""
        self._crop, self._crop_source = crop, measured
        self.update()

    def set_message(self, text: str) -> None:
        self._message = text
        self.update()

    def has_picture(self) -> bool:
        return self._frame is not None or not self._image.isNull()

    def image(self) -> QImage:
        if self._image.isNull() and self._frame is not None:
            self._image = self._frame.toImage()
        if not self._image.isNull():
            shape = self._image.height() / self._image.width()
            if abs(shape - self._shape) > 0.01:  # a portrait file or another camera
                self._shape = min(shape, 1.0)
                self.updateGeometry()
        return self._image

    def paintEvent(self, _event: QPaintEvent) -> None:  # noqa: N802 (Qt)
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        area = QRectF(self.rect()).adjusted(1, 1, -1, -1)
        image = self.image()
        if image.isNull():
            # Nothing to show: an empty, droppable frame with the reason in it.
            painter.setPen(QPen(QColor("#b0bec5"), 1.5, Qt.PenStyle.DashLine))
            painter.setBrush(QColor("#f5f7f8"))
            painter.drawRoundedRect(area, 6, 6)
        else:
            scale = min(area.width() / image.width(), area.height() / image.height())
            shown = QRectF(0, 0, image.width() * scale, image.height() * scale)
            shown.moveCenter(area.center())
            painter.drawImage(shown, image)
            painter.save()
            painter.translate(shown.topLeft())
            painter.scale(scale, scale)
            self._overlay(painter, image.width(), image.height(), 1 / scale)
            painter.restore()
        if self._message and image.isNull():
            painter.setPen(QColor("#455a64"))
            font = painter.font()
            font.setPointSizeF(font.pointSizeF() * 1.2)
            painter.setFont(font)
            painter.drawText(area.adjusted(40, 40, -40, -40),
                             Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap,
                             self._message)
        painter.end()

    def _overlay(self, painter: QPainter, width: int, height: int, px: float) -> None:
        """Draw in picture pixels; `px` is one screen pixel in them (for line widths)."""
        crop = self._crop_in(width, height)
        if self._frozen:
            if crop is not None:
                self._dim_outside(painter, crop, width, height)
                painter.setPen(QPen(GUIDE_COLOUR, 2.5 * px))
                painter.drawRect(crop)
            return
        if not self._portrait:
            return
        guide = QRectF(*guide_rect(width, height, self._aspect))
        self._dim_outside(painter, guide, width, height)
        pen = QPen(GUIDE_COLOUR, 2.5 * px)
        painter.setPen(pen)
        painter.drawRect(guide)
        x, y, w, h = guide.x(), guide.y(), guide.width(), guide.height()
        head_h = self._head * h
        head_w = head_h * 0.70  # a head with its hair is about 0.7 as wide as it is tall
        cx, top = x + w / 2, y + self._crown * h
        painter.drawEllipse(QRectF(cx - head_w / 2, top, head_w, head_h))
        chin = top + head_h
        for side in (-1, 1):
            shoulder = QPainterPath(QPointF(cx + side * head_w * 0.30, chin - 0.02 * h))
            shoulder.cubicTo(QPointF(cx + side * head_w * 0.34, chin + 0.06 * h),
                             QPointF(cx + side * w * 0.36, chin + 0.05 * h),
                             QPointF(cx + side * w * 0.48, y + h))
            painter.drawPath(shoulder)
        if crop is not None:
            painter.setPen(QPen(CROP_COLOUR, 2 * px, Qt.PenStyle.DashLine))
            painter.drawRect(crop)

    def _crop_in(self, width: int, height: int) -> QRectF | None:
        if self._crop is None or not self._crop_source[0]:
            return None
        k = width / self._crop_source[0]  # measured at another size: scale to this picture
        x, y, w, h = (v * k for v in self._crop)
        return QRectF(x, y, w, h)

    @staticmethod
    def _dim_outside(painter: QPainter, keep: QRectF, width: int, height: int) -> None:
        outside = QPainterPath()
        outside.addRect(QRectF(0, 0, width, height))
        window = QPainterPath()
        window.addRect(keep)
        painter.fillPath(outside.subtracted(window), DIM)
