"""Where badges go: a system printer through QPrinter, or a PDF file.

The rest of the desk talks to a `BadgePrinter`, so tests (and a desk with no printer) use
`PdfBadgePrinter` and nothing needs a physical printer.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Protocol

from PySide6.QtGui import QPageLayout
from PySide6.QtPrintSupport import QPrinter, QPrinterInfo

from desk.printing.content import BadgeView
from desk.printing.layout import DEFAULT_BRAND, Brand, Paper
from desk.printing.render import RenderError, render_badges


class PrintError(RuntimeError):
    """Badges that did not reach the printer or the file; nothing was printed."""

    def __init__(self, code: str, message_zh: str, message_en: str) -> None:
        super().__init__(f"{code}: {message_en}")
        self.code = code
        self.message_zh = message_zh
        self.message_en = message_en


class BadgePrinter(Protocol):
    @property
    def target(self) -> str:
        """What the print log says of the target: `printer:NAME` or `pdf`."""
        ...

    def print_badges(self, badges: Sequence[BadgeView], paper: Paper) -> None:
        """Print one badge a page; raise `PrintError` when it could not."""
        ...


def system_printers() -> list[str]:
    """The names of the printers the system knows (none on a machine without any)."""
    return list(QPrinterInfo.availablePrinterNames())


def default_printer() -> str:
    """The system's default printer, or an empty string."""
    return QPrinterInfo.defaultPrinterName()


class QtBadgePrinter:
    """A system printer chosen by name, or a QPrinter set up elsewhere (a print dialog's, or
    one writing a PDF: the same code path as a real printer, which tests use)."""

    def __init__(
        self,
        printer_name: str | None = None,
        *,
        printer: QPrinter | None = None,
        brand: Brand = DEFAULT_BRAND,
    ) -> None:
        if printer is None:
            if not printer_name:
                raise ValueError("name a printer or pass a QPrinter")
            info = QPrinterInfo.printerInfo(printer_name)
            if info.isNull():
                raise PrintError(
                    "no_such_printer",
                    f"找不到打印机：{printer_name}",
                    f"No printer named {printer_name}",
                )
            printer = QPrinter(info, QPrinter.PrinterMode.HighResolution)
        # Badges run to the paper's edge: card printers print borderless.
        printer.setFullPage(True)
        printer.setColorMode(QPrinter.ColorMode.Color)
        printer.setPageOrientation(QPageLayout.Orientation.Portrait)
        self.printer = printer
        self.brand = brand

    @property
    def target(self) -> str:
        if self.printer.outputFormat() == QPrinter.OutputFormat.PdfFormat:
            return "pdf"
        return f"printer:{self.printer.printerName()}"

    def print_badges(self, badges: Sequence[BadgeView], paper: Paper) -> None:
        # The job's name shows in the spooler's queue: codes, not names.
        self.printer.setDocName("Badges " + ", ".join(b.code for b in badges[:5]))
        try:
            render_badges(badges, self.printer, paper, brand=self.brand)
        except RenderError as exc:
            raise PrintError(
                "printer_failed", "打印机未能打印证件", f"The printer did not print: {exc}"
            ) from exc
        if self.printer.printerState() == QPrinter.PrinterState.Error:
            raise PrintError("printer_failed", "打印机报告错误", "The printer reported an error")


class PdfBadgePrinter:
    """Badges into a PDF file, one a page, at the paper's size."""

    def __init__(self, path: str | Path, *, brand: Brand = DEFAULT_BRAND) -> None:
        self.path = Path(path)
        self.brand = brand

    @property
    def target(self) -> str:
        # Not the file's path: an operator may name the file after the holder.
        return "pdf"

    def print_badges(self, badges: Sequence[BadgeView], paper: Paper) -> None:
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            render_badges(badges, self.path, paper, brand=self.brand)
        except (OSError, RenderError) as exc:
            raise PrintError(
                "pdf_failed", "无法写入 PDF 文件", f"Could not write the PDF file: {exc}"
            ) from exc
        if not self.path.is_file() or self.path.stat().st_size == 0:
            raise PrintError("pdf_failed", "无法写入 PDF 文件", "Could not write the PDF file")
