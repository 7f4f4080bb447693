"""The print dialog: the badge as it will print, the paper, the printer, and for a reprint
the reason; Print or Cancel.

The preview is drawn by the same painter code as the printed badge. The dialog runs no
command itself: once the badges are on paper it logs them and emits `printed` with the
`record_badge_printed` arguments, which the caller runs through its background-task helper.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desk.printing.jobs import PrintJob
from desk.printing.layout import A6, CR80, DEFAULT_BRAND, PAPERS, Brand, Paper, paper_by_key
from desk.printing.print_log import PrintEntry, PrintLog
from desk.printing.printer import (
    BadgePrinter,
    PdfBadgePrinter,
    PrintError,
    QtBadgePrinter,
    system_printers,
)
from desk.printing.render import render_image

PDF_CHOICE = "\x00pdf"  # the printer list's "Save as PDF…" entry; no printer has this name
PREVIEW_HEIGHT = 460  # logical pixels: a CR80 card at about 1.5x its real size on a laptop

PrinterFactory = Callable[[str], BadgePrinter]
PdfPathChooser = Callable[[QWidget, str], str]


def _ask_pdf_path(parent: QWidget, suggested: str) -> str:
    path, _ = QFileDialog.getSaveFileName(
        parent, parent.tr("Save badges as PDF"), suggested, parent.tr("PDF files (*.pdf)")
    )
    if path and not path.lower().endswith(".pdf"):
        path += ".pdf"
    return path


class BadgePrintDialog(QDialog):
    """Preview and print badge revisions prepared by `jobs.prepare_print`.

    Signals:
        printed(list): the badges reached the printer or file; carries one
            `record_badge_printed` argument dict per badge, in order.
    """

    printed = Signal(list)

    def __init__(
        self,
        jobs: Sequence[PrintJob],
        *,
        parent: QWidget | None = None,
        printers: Sequence[str] | None = None,
        default_printer: str = "",
        paper: Paper = CR80,
        print_log: PrintLog | None = None,
        operator_id: str = "",
        desk_id: str = "",
        language: str = "zh_CN",
        printer_factory: PrinterFactory | None = None,
        choose_pdf_path: PdfPathChooser | None = None,
        brand: Brand = DEFAULT_BRAND,
    ) -> None:
        super().__init__(parent)
        if not jobs:
            raise ValueError("nothing to print")
        self.jobs = list(jobs)
        self.print_log = print_log
        self.operator_id = operator_id
        self.desk_id = desk_id
        self.language = language
        self.brand = brand
        self._printer_factory: PrinterFactory = printer_factory or QtBadgePrinter
        self._choose_pdf_path: PdfPathChooser = choose_pdf_path or _ask_pdf_path
        self._index = 0
        self.setWindowTitle(self.tr("Print badge"))
        self._build(printers if printers is not None else system_printers(), default_printer)
        self.paper_box.setCurrentIndex(PAPERS.index(paper))
        self._refresh()

    # Building --------------------------------------------------------------------------

    def _build(self, printers: Sequence[str], default_printer: str) -> None:
        self.preview = QLabel(alignment=Qt.AlignmentFlag.AlignCenter)
        self.preview.setMinimumSize(
            round(PREVIEW_HEIGHT * A6.width_mm / A6.height_mm), PREVIEW_HEIGHT
        )
        self.previous_button = QPushButton(self.tr("< Previous"))
        self.next_button = QPushButton(self.tr("Next >"))
        self.page_label = QLabel()
        self.previous_button.clicked.connect(lambda: self._step(-1))
        self.next_button.clicked.connect(lambda: self._step(1))
        nav = QHBoxLayout()
        nav.addWidget(self.previous_button)
        nav.addWidget(self.page_label, 1, Qt.AlignmentFlag.AlignCenter)
        nav.addWidget(self.next_button)
        left = QVBoxLayout()
        left.addWidget(self.preview, 1)
        left.addLayout(nav)
        for widget in (self.previous_button, self.next_button, self.page_label):
            widget.setVisible(len(self.jobs) > 1)

        self.paper_box = QComboBox()
        self.paper_box.addItem(self.tr("CR80 card, 54 × 85.6 mm"), CR80.key)
        self.paper_box.addItem(self.tr("A6 paper, 105 × 148 mm"), A6.key)
        self.paper_box.currentIndexChanged.connect(self._refresh)
        self.printer_box = QComboBox()
        for box in (self.paper_box, self.printer_box):
            box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        for name in printers:
            self.printer_box.addItem(name, name)
        self.printer_box.addItem(self.tr("Save as PDF…"), PDF_CHOICE)
        chosen = self.printer_box.findData(default_printer) if default_printer else -1
        self.printer_box.setCurrentIndex(chosen if chosen >= 0 else 0)

        self.reprint_note = QLabel(
            self.tr("This person has a valid badge already. Printing a new one voids it.")
        )
        self.reprint_note.setWordWrap(True)
        self.reason_box = QComboBox()
        self.reason_box.setEditable(True)
        self.reason_box.addItems(
            [
                "",
                self.tr("Badge lost"),
                self.tr("Badge damaged"),
                self.tr("Details corrected"),
                self.tr("Printing fault"),
            ]
        )
        self.reason_box.setCurrentIndex(0)
        self.reason_box.editTextChanged.connect(self._update_print_button)
        self.error_label = QLabel()
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet("color: #b00020;")
        self.error_label.hide()

        form = QFormLayout()
        form.addRow(self.tr("&Paper:"), self.paper_box)
        form.addRow(self.tr("P&rinter:"), self.printer_box)
        reprint = any(job.reprint for job in self.jobs)
        if reprint:
            form.addRow(self.reprint_note)
            form.addRow(self.tr("Reprint &reason:"), self.reason_box)
        self.reprint_note.setVisible(reprint)
        self.reason_box.setVisible(reprint)

        self.buttons = QDialogButtonBox()
        self.print_button = self.buttons.addButton(
            self.tr("&Print"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.print_button.setDefault(True)
        self.buttons.accepted.connect(self._print)
        self.buttons.rejected.connect(self.reject)

        right = QVBoxLayout()
        right.addLayout(form)
        right.addWidget(self.error_label)
        right.addStretch(1)
        right.addWidget(self.buttons)
        outer = QHBoxLayout(self)
        outer.addLayout(left, 1)
        outer.addLayout(right)
        if reprint:
            self.reason_box.setFocus()
        self._update_print_button()

    # State -----------------------------------------------------------------------------

    def selected_paper(self) -> Paper:
        return paper_by_key(str(self.paper_box.currentData()))

    def selected_printer(self) -> str:
        """The chosen printer's name, or `PDF_CHOICE`."""
        return str(self.printer_box.currentData())

    def reprint_reason(self) -> str:
        return self.reason_box.currentText().strip()

    def _needs_reason(self) -> bool:
        return any(job.reprint for job in self.jobs) and not self.reprint_reason()

    def _update_print_button(self) -> None:
        self.print_button.setEnabled(not self._needs_reason())

    def _step(self, delta: int) -> None:
        self._index = max(0, min(len(self.jobs) - 1, self._index + delta))
        self._refresh()

    def _refresh(self) -> None:
        paper = self.selected_paper()
        ratio = self.devicePixelRatioF() or 1.0
        px_per_mm = PREVIEW_HEIGHT / paper.height_mm * ratio
        image = render_image(
            self.jobs[self._index].view, paper, px_per_mm=px_per_mm, brand=self.brand
        )
        pixmap = QPixmap.fromImage(image)
        pixmap.setDevicePixelRatio(ratio)
        self.preview.setPixmap(pixmap)
        self.page_label.setText(
            self.tr("Badge %1 of %2")
            .replace("%1", str(self._index + 1))
            .replace("%2", str(len(self.jobs)))
        )
        self.previous_button.setEnabled(self._index > 0)
        self.next_button.setEnabled(self._index < len(self.jobs) - 1)

    # Printing --------------------------------------------------------------------------

    def _show_error(self, error: PrintError) -> None:
        zh = self.language.lower().startswith("zh")
        self.error_label.setText(error.message_zh if zh else error.message_en)
        self.error_label.show()

    def _printer(self) -> BadgePrinter | None:
        choice = self.selected_printer()
        if choice != PDF_CHOICE:
            return self._printer_factory(choice)
        suggested = str(Path.home() / f"badges-{self.jobs[0].view.code}.pdf")
        path = self._choose_pdf_path(self, suggested)
        return PdfBadgePrinter(path, brand=self.brand) if path else None

    def _print(self) -> None:
        if self._needs_reason():
            return
        paper = self.selected_paper()
        try:
            printer = self._printer()
            if printer is None:  # the operator closed the file dialog
                return
            printer.print_badges([job.view for job in self.jobs], paper)
        except PrintError as error:
            self._show_error(error)
            return
        reason = self.reprint_reason()
        commands = [job.command_args(reason) for job in self.jobs]
        if self.print_log is not None:
            for args in commands:
                self.print_log.record(
                    PrintEntry.from_command(
                        args,
                        operator_id=self.operator_id,
                        desk_id=self.desk_id,
                        target=printer.target,
                        paper=paper.key,
                    )
                )
        self.printed.emit(commands)
        self.accept()
