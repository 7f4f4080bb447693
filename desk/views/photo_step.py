"""The photo step of a person: take the photo in the camera dialog, or import a file (button
or drag and drop), check it against the badge photo rules, show what fails in both languages,
offer the automatic fix, and keep only a photo that passes, stored by SHA-256 in the
replica's photo store."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QDragEnterEvent, QDropEvent, QPixmap
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desk.sync import photos
from desk.views import icons
from desk.views.services import DeskServices

if TYPE_CHECKING:
    from desk.models.photo import FixResult, PhotoReport

PREVIEW_W, PREVIEW_H = 132, 176
IMAGE_FILTER = "*.jpg *.jpeg *.png *.bmp *.webp"


class PhotoStep(QWidget):
    """Signals:
    photo_accepted(str): a passing photo is stored; carries its SHA-256.
    """

    photo_accepted = Signal(str)

    def __init__(self, services: DeskServices, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.sha256: str | None = None
        self._candidate: bytes | None = None
        self.setAcceptDrops(True)
        self.preview = QLabel(alignment=Qt.AlignmentFlag.AlignCenter)
        self.preview.setFixedSize(PREVIEW_W, PREVIEW_H)
        self.preview.setStyleSheet("background: #eceff1; border: 1px dashed #90a4ae;")
        self.camera_button = QPushButton(icons.icon("photo"), "")
        self.camera_button.clicked.connect(self.take_photo)
        self.import_button = QPushButton(icons.icon("import"), "")
        self.fix_button = QPushButton(icons.icon("photo"), "")
        self.fix_button.hide()
        self.report = QLabel()
        self.report.setWordWrap(True)
        self.report.setTextFormat(Qt.TextFormat.RichText)
        self.import_button.clicked.connect(self.choose_file)
        self.fix_button.clicked.connect(self.fix)
        buttons = QVBoxLayout()
        buttons.addWidget(self.camera_button)
        buttons.addWidget(self.import_button)
        buttons.addWidget(self.fix_button)
        buttons.addWidget(self.report, 1)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.preview)
        layout.addLayout(buttons, 1)
        self.retranslate()

    # -- taking a photo in --------------------------------------------------------------

    def take_photo(self) -> None:
        """The camera dialog: it accepts only a photo that passes every check."""
        from desk.views.photo_dialog import PhotoDialog

        dialog = PhotoDialog("badge", tasks=self.services.tasks,
                             language=self.services.language, parent=self)
        dialog.photo_accepted.connect(self._taken)
        # Freed when closed, so the camera is released at once.
        dialog.finished.connect(lambda _code: dialog.deleteLater())
        dialog.open()

    def _taken(self, data: bytes) -> None:
        self._candidate = data
        self._show(data)
        self._keep(data)

    def choose_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Choose the badge photo"), "",
                                              self.tr("Pictures") + f" ({IMAGE_FILTER})")
        if path:
            self.load_file(Path(path))

    def load_file(self, path: Path) -> None:
        try:
            data = path.read_bytes()
        except OSError as error:
            self._say_plain(self.tr("The file cannot be read: %1").replace("%1", str(error)))
            return
        self.check(data)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802 (Qt)
        if event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802 (Qt)
        urls = [u for u in event.mimeData().urls() if u.isLocalFile()]
        if urls:
            self.load_file(Path(urls[0].toLocalFile()))
            event.acceptProposedAction()

    def check(self, data: bytes) -> None:
        """Run the badge photo rules off the UI thread (face detection takes a moment)."""
        self._candidate = data
        self._show(data)
        self._say_plain(self.tr("Checking the photo…"))
        def op() -> PhotoReport:
            # Loaded on first use: the face detector and its libraries are large, and most
            # of a counter's day is pick-up, which never needs them.
            from desk.models.photo import check_photo

            return check_photo(data, "badge")

        self.services.tasks.run(op, pool="read",
                                success=lambda report: self._checked(data, report), owner=self)

    def _checked(self, data: bytes, report: PhotoReport) -> None:
        if data is not self._candidate:
            return
        if report.ok:
            self._keep(data)
            return
        self.sha256 = None
        rows = "".join(f"<li>{c.message_zh}<br/><i>{c.message_en}</i></li>"
                       for c in report.failures)
        title = self.tr("The photo does not pass:")
        self.report.setText(f"<b style='color:#b71c1c'>{title}</b><ul>{rows}</ul>")
        self.fix_button.show()

    def fix(self) -> None:
        data = self._candidate
        if data is None:
            return
        self.fix_button.setEnabled(False)
        def op() -> FixResult:
            from desk.models.photo import auto_fix

            return auto_fix(data, "badge")

        self.services.tasks.run(op, pool="read",
                                success=lambda result: self._fixed(data, result), owner=self)

    def _fixed(self, original: bytes, result: FixResult) -> None:
        self.fix_button.setEnabled(True)
        if original is not self._candidate:
            return
        if result.jpeg is None:
            title = self.tr("Cannot fix it:")
            advice = self.tr("Take or import another photo.")
            self.report.setText(f"<b style='color:#b71c1c'>{title}</b> {result.reason_zh}"
                                f"<br/><i>{result.reason_en}</i><br/>{advice}")
            return
        self._candidate = result.jpeg
        self._show(result.jpeg)
        self._keep(result.jpeg)

    def _keep(self, data: bytes) -> None:
        replica = self.services.replica

        def stored(sha: str) -> None:
            self.sha256 = sha
            self.fix_button.hide()
            passes = self.tr("The photo passes.")
            self.report.setText(f"<b style='color:#2e7d32'>{passes}</b>")
            self.photo_accepted.emit(sha)

        self.services.tasks.run(lambda: photos.store(replica, data, "badge"), pool="write",
                                success=stored, owner=self)

    def set_existing(self, sha256: str | None) -> None:
        """A person's stored photo: kept unless a new one is taken."""
        self.sha256 = sha256
        if sha256:
            self.services.load_photo(sha256, self._show_if, owner=self)
            self.report.setText(self.tr("The registered photo is kept unless you import "
                                        "another."))

    def _show_if(self, data: bytes | None) -> None:
        if data:
            self._show(data)

    def _show(self, data: bytes) -> None:
        pixmap = QPixmap()
        if pixmap.loadFromData(data):
            self.preview.setPixmap(pixmap.scaled(PREVIEW_W, PREVIEW_H,
                                                 Qt.AspectRatioMode.KeepAspectRatio,
                                                 Qt.TransformationMode.SmoothTransformation))
        else:
            self.preview.setText(self.tr("Not a picture"))

    def _say_plain(self, text: str) -> None:
        self.report.setText(text.replace("<", "&lt;"))

    def retranslate(self) -> None:
        self.camera_button.setText(self.tr("Take photo…"))
        self.import_button.setText(self.tr("Import photo file…"))
        self.fix_button.setText(self.tr("Fix automatically"))
        if self.sha256 is None and self._candidate is None:
            self.preview.setText(self.tr("Drop a photo here"))
            self.report.setText(self.tr("A badge photo is needed before the badge request."))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
