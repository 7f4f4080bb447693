"""Choosing a file for the host tools: a one-inch photo of a staff member or guest (blue or
white background), or the organisation's licence scan. The file is checked here with the
same rules the service applies, so only a passing file is offered for upload."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, QSize, Qt, Signal
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import QFileDialog, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from desk.models.photo import PhotoKind, PhotoReport, check_photo
from desk.views import icons
from desk.views.tasks import TaskManager

IMAGE_FILTER = "*.jpg *.jpeg *.png"
SIZES = {"one-inch": QSize(100, 140), "licence": QSize(200, 141)}


class HostPhotoPicker(QWidget):
    """Signals:
    checked(bool): a file was checked; True when it passed and is ready to upload.
    """

    checked = Signal(bool)

    def __init__(self, kind: PhotoKind, tasks: TaskManager, language: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.kind = kind
        self.tasks = tasks
        self.language = language
        self.data: bytes | None = None  # the passing file, ready to upload
        self.preview = QLabel(alignment=Qt.AlignmentFlag.AlignCenter)
        self.preview.setFixedSize(SIZES.get(kind, SIZES["one-inch"]))
        self.preview.setStyleSheet("background: #eceff1; border: 1px dashed #90a4ae;")
        self.button = QPushButton(icons.icon("import"), "")
        self.button.clicked.connect(self.choose_file)
        self.report = QLabel()
        self.report.setWordWrap(True)
        side = QVBoxLayout()
        side.addWidget(self.button)
        side.addWidget(self.report, 1)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.preview)
        layout.addLayout(side, 1)
        self.retranslate()

    def choose_file(self) -> None:
        images = self.tr("Images")
        path, _filter = QFileDialog.getOpenFileName(
            self, self.button.text(), "", f"{images} ({IMAGE_FILTER})")
        if path:
            self.load_file(Path(path))

    def load_file(self, path: Path) -> None:
        """Read and check a file off the UI thread."""
        self.report.setText(self.tr("Checking…"))
        kind = self.kind

        def op() -> tuple[bytes, PhotoReport]:
            data = path.read_bytes()
            return data, check_photo(data, kind)

        self.tasks.run(op, pool="read", success=self._checked, failure=self._unreadable,
                       owner=self)

    def _checked(self, result: tuple[bytes, PhotoReport]) -> None:
        data, report = result
        image = QImage.fromData(data)
        if not image.isNull():
            self.preview.setPixmap(QPixmap.fromImage(image).scaled(
                self.preview.size(), Qt.AspectRatioMode.KeepAspectRatio,
                Qt.TransformationMode.SmoothTransformation))
        if report.ok:
            self.data = data
            self.report.setStyleSheet("color: #2e7d32;")
            self.report.setText(self.tr("The file passes the checks."))
        else:
            self.data = None
            self.report.setStyleSheet("color: #b71c1c;")
            self.report.setText("\n".join(c.message(self.language) for c in report.failures))
        self.checked.emit(report.ok)

    def _unreadable(self, _error: BaseException) -> None:
        self.data = None
        self.report.setStyleSheet("color: #b71c1c;")
        self.report.setText(self.tr("The file cannot be read."))
        self.checked.emit(False)

    def retranslate(self) -> None:
        if self.kind == "licence":
            self.button.setText(self.tr("Import licence scan…"))
            self.preview.setToolTip(self.tr("JPG or PNG, clear, at most 300 KB"))
        else:
            self.button.setText(self.tr("Import one-inch photo…"))
            self.preview.setToolTip(self.tr("One-inch ID photo, blue or white background"))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
