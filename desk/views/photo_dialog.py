"""Take a badge photo at the counter: live preview with a framing guide, live checks, capture
or import, the auto-fix beside the original, and the checks only a person can make.

    dialog = PhotoDialog("badge", tasks=services.tasks, language=services.language)
    if dialog.exec() == QDialog.DialogCode.Accepted:
        jpeg, report = dialog.accepted_photo
"""

from __future__ import annotations

from enum import Enum
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import (
    QDragEnterEvent,
    QDropEvent,
    QImage,
    QImageReader,
    QKeyEvent,
    QKeySequence,
    QShortcut,
)
from PySide6.QtMultimedia import QVideoFrame
from PySide6.QtWidgets import (
    QAbstractButton,
    QComboBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from desk.models.photo import PhotoKind, PhotoReport
from desk.models.photo.fix import LICENCE_FIXABLE, PORTRAIT_FIXABLE
from desk.views import icons
from desk.views.camera import CameraFrameSource, FrameSource, PhotoStage, large_enough
from desk.views.photo_checklist import FinalPhoto, ManualChecks, PhotoChecklist
from desk.views.photo_worker import PhotoChecker, Verdict
from desk.views.tasks import TaskManager

IMAGE_SUFFIXES = (".jpg", ".jpeg", ".png")  # what the photo rules read
DISPLAY_LONG_SIDE = 1600  # a file is shown at most this large; it is checked at full size
PRIMARY = ("QPushButton { background: #00796b; color: white; border: none; border-radius: 4px;"
           " padding: 10px 22px; font-size: 15px; font-weight: bold; }"
           " QPushButton:disabled { background: #b0bec5; }")


class Mode(Enum):
    IDLE = "idle"  # no camera running, no photo yet
    LIVE = "live"
    CAPTURING = "capturing"  # waiting for the camera's still
    CHECKING = "checking"
    REVIEW = "review"


class PhotoDialog(QDialog):
    """Signals:
    photo_accepted(bytes): the operator accepted a photo; carries the JPEG file's bytes.
    """

    photo_accepted = Signal(bytes)

    def __init__(
        self,
        kind: PhotoKind = "badge",
        *,
        frame_source: FrameSource | None = None,
        tasks: TaskManager | None = None,
        parent: QWidget | None = None,
        language: str = "zh",
    ) -> None:
        super().__init__(parent)
        self.kind = kind
        self.language = language
        self.mode = Mode.IDLE
        self.verdict: Verdict | None = None
        self._live: Verdict | None = None
        self._accepted: tuple[bytes, PhotoReport] | None = None
        self._camera_problem = ""  # untranslated detail from the camera, if it failed
        self._notice = ""  # what went wrong last, for the status line
        self._fixable = LICENCE_FIXABLE if kind == "licence" else PORTRAIT_FIXABLE
        self.source: FrameSource = frame_source or CameraFrameSource(self)
        self.checker = PhotoChecker(kind, tasks, parent=self)
        self.setAcceptDrops(True)
        self.setMinimumSize(1100, 680)
        self._build()
        self.source.sink.videoFrameChanged.connect(self._frame_arrived)
        self.source.still_captured.connect(self._still_arrived)
        self.source.failed.connect(self._camera_failed)
        self.source.cameras_changed.connect(self._cameras_changed)
        self.checker.live_checked.connect(self._live_checked)
        self.checker.photo_checked.connect(self._photo_checked)
        self.checker.check_failed.connect(self._check_failed)
        self.checker.warm_up()
        self.retranslate()
        self._fill_cameras()
        self.go_live()

    def _build(self) -> None:
        self.camera_label = QLabel()
        self.camera_combo = QComboBox()
        self.camera_combo.currentIndexChanged.connect(self._camera_chosen)
        self.camera_note = QLabel()
        self.camera_note.setWordWrap(True)
        self.camera_note.setStyleSheet("color: #ef6c00;")
        top = QHBoxLayout()
        top.addWidget(self.camera_label)
        top.addWidget(self.camera_combo)
        top.addWidget(self.camera_note, 1)

        self.stage = PhotoStage(self.kind)
        self.stage_hint = QLabel()
        self.stage_hint.setStyleSheet("color: #546e7a;")
        self.capture_button = QPushButton(icons.icon("photo", "white"), "")
        self.capture_button.setStyleSheet(PRIMARY)
        self.capture_button.clicked.connect(self.capture)
        self.retake_button = QPushButton(icons.icon("reprint"), "")
        self.open_button = QPushButton(icons.icon("import"), "")
        self.retake_button.clicked.connect(self.go_live)
        self.open_button.clicked.connect(self.choose_file)
        for button in (self.retake_button, self.open_button):
            button.setMinimumHeight(40)
        buttons = QHBoxLayout()
        buttons.addWidget(self.capture_button)
        buttons.addWidget(self.retake_button)
        buttons.addStretch(1)
        buttons.addWidget(self.open_button)
        camera = QVBoxLayout()
        camera.addWidget(self.stage)
        camera.addWidget(self.stage_hint)
        camera.addLayout(buttons)
        camera.addStretch(1)

        self.final = FinalPhoto(self.kind, self.language)
        self.final.choice_changed.connect(self._choice_changed)

        # The photo and its auto-fix side by side, the boxes to tick under them (where the
        # operator is already looking), every automatic rule in a column of its own.
        self.manual = ManualChecks(self.kind, self.language)
        self.manual.manual_changed.connect(lambda _done: self._update_accept())
        photos = QHBoxLayout()
        photos.addLayout(camera, 1)
        photos.addSpacing(12)
        photos.addWidget(self.final)
        left = QVBoxLayout()
        left.addLayout(photos)
        left.addSpacing(8)
        left.addWidget(self.manual)
        left.addStretch(1)
        self.checklist = PhotoChecklist(self.language)
        scroll = QScrollArea()
        scroll.setWidget(self.checklist)
        scroll.setWidgetResizable(True)
        scroll.setMinimumWidth(360)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        body = QHBoxLayout()
        body.addLayout(left, 2)
        body.addSpacing(16)
        body.addWidget(scroll, 1)

        self.status = QLabel()
        self.status.setStyleSheet("color: #546e7a;")
        self.cancel_button = QPushButton()
        self.cancel_button.clicked.connect(self.reject)
        self.accept_button = QPushButton(icons.icon("ok", "white"), "")
        self.accept_button.setStyleSheet(PRIMARY)
        self.accept_button.clicked.connect(self.accept_photo)
        for button in (self.capture_button, self.retake_button, self.open_button,
                       self.cancel_button, self.accept_button):
            button.setAutoDefault(False)  # Enter must never take or accept a photo by itself
        bottom = QHBoxLayout()
        bottom.addWidget(self.status, 1)
        bottom.addWidget(self.cancel_button)
        bottom.addWidget(self.accept_button)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.addLayout(top)
        layout.addLayout(body, 1)
        layout.addLayout(bottom)
        QShortcut(QKeySequence.StandardKey.Open, self).activated.connect(self.choose_file)
        # Space takes the photo wherever the focus is: a focused button would otherwise
        # take the key for itself (and "Open file…" would open instead of the shutter).
        self.installEventFilter(self)
        for widget in self.findChildren(QAbstractButton) + self.findChildren(QComboBox):
            widget.installEventFilter(self)

    # -- the result ------------------------------------------------------------------------

    @property
    def accepted_photo(self) -> tuple[bytes, PhotoReport] | None:
        """The accepted JPEG and its report, once the operator accepted one."""
        return self._accepted

    def chosen(self) -> tuple[bytes, PhotoReport] | None:
        """The photo Accept would keep: the auto-fix unless the original is chosen."""
        v = self.verdict
        if v is None or self.mode is not Mode.REVIEW:
            return None
        if v.fixed is not None and v.fixed_report is not None and self.final.prefers_fix():
            return v.fixed, v.fixed_report
        return v.original, v.report

    def accept_photo(self) -> None:
        chosen = self.chosen()
        if chosen is None or not chosen[1].ok or not self.manual.done():
            return
        self._accepted = chosen
        self.photo_accepted.emit(chosen[0])
        self.accept()

    def done(self, result: int) -> None:
        self.checker.cancel()
        self.source.stop()
        super().done(result)

    # -- camera ----------------------------------------------------------------------------

    def _fill_cameras(self) -> None:
        names = self.source.cameras()
        self.camera_combo.blockSignals(True)
        self.camera_combo.clear()
        self.camera_combo.addItems(names)
        self.camera_combo.setCurrentIndex(self.source.current_camera())
        self.camera_combo.blockSignals(False)
        several = len(names) > 1
        self.camera_label.setVisible(several)
        self.camera_combo.setVisible(several)
        self._update_texts()

    def _cameras_changed(self) -> None:
        self._fill_cameras()
        if self.mode is Mode.IDLE and self.verdict is None and self.source.cameras():
            self.go_live()  # a camera was plugged in while the dialog waited for a file

    def _camera_chosen(self, index: int) -> None:
        self.source.select_camera(index)
        if self.mode in (Mode.LIVE, Mode.IDLE):
            self.go_live()

    def go_live(self) -> None:
        """Start (or return to) the live preview; with no camera, wait for a file."""
        self.verdict = None
        self._live = None
        self.manual.reset(tickable=False)
        self.checklist.show_report(None)
        self.stage.clear()
        self._camera_problem = ""
        self._notice = ""
        if not self.source.cameras():
            self.mode = Mode.IDLE
        elif self.source.start():
            self.mode = Mode.LIVE
            self.checker.start_live()
        else:
            self.mode = Mode.IDLE
            self._camera_problem = self.source.error_text()
        self._update_texts()

    def capture(self) -> None:
        """Take the photo (Space); ignored until the camera has shown a picture."""
        if self.mode is Mode.LIVE and self.stage.has_picture():
            self.mode = Mode.CAPTURING
            self.checker.stop_live()
            self.source.capture()
            self._update_texts()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt)
        if (self.mode is Mode.LIVE and event.type() == QEvent.Type.KeyPress
                and isinstance(event, QKeyEvent) and event.key() == Qt.Key.Key_Space
                and event.modifiers() == Qt.KeyboardModifier.NoModifier):
            if not event.isAutoRepeat():
                self.capture()
            return True
        return super().eventFilter(watched, event)

    def _frame_arrived(self, frame: QVideoFrame) -> None:
        if self.mode is Mode.LIVE:
            self.stage.show_frame(frame)
            self.checker.offer_frame(frame)

    def _still_arrived(self, image: QImage) -> None:
        if self.mode is Mode.CAPTURING:
            self._examine(image, image)

    def _camera_failed(self, text: str) -> None:
        if self.mode in (Mode.LIVE, Mode.CAPTURING):
            self.checker.stop_live()
            self.mode = Mode.IDLE
            self.stage.clear()
            self._live = None
            self.checklist.show_report(None)
            self._camera_problem = text
            self._update_texts()

    # -- files -----------------------------------------------------------------------------

    def choose_file(self) -> None:
        pattern = " ".join(f"*{suffix}" for suffix in IMAGE_SUFFIXES)
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Open a photo"), "",
                                              self.tr("Pictures") + f" ({pattern})")
        if path:
            self.load_file(Path(path))

    def load_file(self, path: Path) -> None:
        try:
            data = path.read_bytes()
        except OSError as error:
            self._notice = self.tr("The file cannot be read: %1").replace("%1", str(error))
            self.status.setText(self._notice)
            return
        reader = QImageReader(str(path))
        reader.setAutoTransform(True)  # show it the way the EXIF tag says it stands
        size = reader.size()
        if max(size.width(), size.height()) > DISPLAY_LONG_SIDE:  # decode less on this thread
            reader.setScaledSize(size.scaled(DISPLAY_LONG_SIDE, DISPLAY_LONG_SIDE,
                                             Qt.AspectRatioMode.KeepAspectRatio))
        self.source.stop()
        self._examine(data, reader.read())

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802 (Qt)
        if any(url.isLocalFile() for url in event.mimeData().urls()):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802 (Qt)
        files = [Path(url.toLocalFile()) for url in event.mimeData().urls() if url.isLocalFile()]
        if files:
            event.acceptProposedAction()
            self.load_file(files[0])

    # -- checks ----------------------------------------------------------------------------

    def _examine(self, photo: bytes | QImage, shown: QImage) -> None:
        self.mode = Mode.CHECKING
        self._notice = ""
        self.verdict = None
        self.stage.freeze(shown)
        self.checklist.show_report(None)
        self.manual.reset(tickable=True)
        self.checker.check(photo)
        self._update_texts()

    def _live_checked(self, verdict: Verdict) -> None:
        if self.mode is not Mode.LIVE:
            return
        self._live = verdict
        raw = verdict.fixed is None
        self.checklist.show_report(verdict.best_report(), self._fixable if raw else ())
        self.stage.set_crop(verdict.crop, verdict.size)
        self._update_result()

    def _photo_checked(self, verdict: Verdict) -> None:
        if self.mode is not Mode.CHECKING:
            return
        self.mode = Mode.REVIEW
        self.verdict = verdict
        self.stage.set_crop(verdict.crop, verdict.size)
        self.final.show_photo(verdict)
        self._choice_changed()
        self._update_texts()

    def _check_failed(self, _detail: str) -> None:
        self.mode = Mode.IDLE
        self._notice = self.tr("The photo could not be checked. Take or open another.")
        self._update_texts()

    def _choice_changed(self) -> None:
        chosen = self.chosen()
        if chosen is not None:
            self.checklist.show_report(chosen[1])
        self._update_accept()

    def _update_accept(self) -> None:
        chosen = self.chosen()
        passes = chosen is not None and chosen[1].ok
        self.accept_button.setEnabled(passes and self.manual.done())
        if self.mode is not Mode.REVIEW:
            return
        if not passes:
            text = self.tr("This photo fails a check above: retake it or open another file.")
        elif not self.manual.done():
            text = self.tr("Look at the photo and tick each box under it.")
        else:
            text = self.tr("Ready: Accept keeps this photo.")
        self.status.setText(text)

    # -- texts -----------------------------------------------------------------------------

    def _update_result(self) -> None:
        if self.mode is not Mode.REVIEW:  # a photo under review is shown by show_photo
            self.final.show_live(self._live, checking=self.mode is Mode.CHECKING)

    def _update_texts(self) -> None:
        mode, has_camera = self.mode, bool(self.source.cameras())
        live = mode is Mode.LIVE
        # One way forward at a time: take the photo while live, retake once there is one.
        taking = has_camera and mode in (Mode.LIVE, Mode.CAPTURING)
        self.capture_button.setVisible(taking)
        self.capture_button.setEnabled(live)
        self.retake_button.setVisible(has_camera and not taking)
        self.retake_button.setEnabled(mode is not Mode.CAPTURING)
        self.stage.set_message(self._stage_message())
        if live:
            hint = self.tr("Head inside the oval, shoulders on the lines, eyes level. "
                           "Space takes the photo.")
        elif mode is Mode.REVIEW and self.verdict is not None and self.verdict.crop:
            hint = self.tr("The frame shows what the final photo keeps.")
        else:
            hint = ""
        self.stage_hint.setText(hint)
        # Without a camera, opening a file is the way forward: make it the obvious button.
        self.open_button.setStyleSheet(PRIMARY if mode is Mode.IDLE else "")
        self.open_button.setIcon(icons.icon("import", "white" if mode is Mode.IDLE
                                            else "#37474f"))
        resolution = self.source.resolution()
        small = has_camera and resolution.isValid() and not large_enough(resolution)
        self.camera_note.setVisible(small)
        if small:
            self.camera_note.setText(self.tr(
                "This camera gives only %1; at least 1280 × 720 is needed for a sharp badge "
                "photo. Choose another camera or open a photo file.").replace(
                "%1", f"{resolution.width()} × {resolution.height()}"))
        status = {
            Mode.LIVE: self.tr("Checks run live while the camera is on."),
            Mode.CAPTURING: self.tr("Taking the photo…"),
            Mode.CHECKING: self.tr("Checking the photo…"),
            Mode.REVIEW: "",  # said by _update_accept
            Mode.IDLE: self._notice,
        }
        self.status.setText(status[mode])
        self._update_result()
        self._update_accept()

    def _stage_message(self) -> str:
        if self.mode is Mode.LIVE:
            return self.tr("Waiting for the camera…")  # drawn only until the first frame
        if self.mode is not Mode.IDLE:
            return ""
        if not self.source.cameras():
            return self.tr("No camera found.\nConnect a camera, or open a photo file "
                           "(Open… or drop it here).")
        if self._camera_problem:
            return self.tr("The camera cannot be used: %1\nTry Retake, choose another camera, "
                           "or open a photo file.").replace("%1", self._camera_problem)
        return self.tr("Open a photo file or drop it here.")

    # -- language --------------------------------------------------------------------------

    def set_language(self, language: str) -> None:
        """The language of the rule messages (the interface follows the installed translator)."""
        self.language = language
        self.checklist.set_language(language)
        self.manual.set_language(language)
        self.final.set_language(language)
        self._update_texts()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Badge photo") if self.kind == "badge" else self.tr("Photo"))
        self.camera_label.setText(self.tr("Camera:"))
        self.capture_button.setText(self.tr("Take photo (Space)"))
        self.retake_button.setText(self.tr("Retake"))
        self.open_button.setText(self.tr("Open file…"))
        self.cancel_button.setText(self.tr("Cancel"))
        self.accept_button.setText(self.tr("Accept photo"))
        self._update_texts()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
