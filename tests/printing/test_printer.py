"""Printers: a PDF file, and QPrinter (here writing PDF: no physical printer is needed)."""

from __future__ import annotations

from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from PySide6.QtPrintSupport import QPrinter

from desk.models.badge_token import verify_badge
from desk.printing.jobs import KeySigner, prepare_print
from desk.printing.layout import A6, CR80
from desk.printing.printer import (
    BadgePrinter,
    PdfBadgePrinter,
    PrintError,
    QtBadgePrinter,
    system_printers,
)
from desk.printing.revisions import RevisionAllocator
from tests.printing.fair import Fair, decode_qr, pdf_info, pdf_to_pngs

pytestmark = pytest.mark.usefixtures("qapp")


def test_qprinter_path_prints_what_the_pdf_path_prints(
    fair: Fair,
    allocator: RevisionAllocator,
    desk_signer: KeySigner,
    public_keys: dict[str, Ed25519PublicKey],
    tmp_path: Path,
) -> None:
    request_id = fair.request(name="李娜", badge_type="exhibitor", photo="hopper")
    view = prepare_print(
        fair.session, request_id, allocator=allocator, signer=desk_signer, photos=fair.load_photo
    ).view
    qprinter = QPrinter(QPrinter.PrinterMode.HighResolution)
    qprinter.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    qprinter.setOutputFileName(str(tmp_path / "via-qprinter.pdf"))
    printers: list[BadgePrinter] = [
        QtBadgePrinter(printer=qprinter),
        PdfBadgePrinter(tmp_path / "out" / "via-writer.pdf"),
    ]
    for printer in printers:
        printer.print_badges([view], CR80)
        assert printer.target == "pdf"
    for pdf in (tmp_path / "via-qprinter.pdf", tmp_path / "out" / "via-writer.pdf"):
        assert "153 x 243 pts" in pdf_info(pdf)
        (png,) = pdf_to_pngs(pdf, tmp_path)
        assert decode_qr(png) == [view.payload]
    assert verify_badge(view.payload, public_keys).signed_by == "desk"


def test_a_printer_that_does_not_exist_is_a_clear_error() -> None:
    assert "no such printer" not in system_printers()
    with pytest.raises(PrintError) as err:
        QtBadgePrinter("no such printer")
    assert err.value.code == "no_such_printer"
    assert "no such printer" in err.value.message_zh


def test_an_unwritable_pdf_is_a_print_error(
    fair: Fair, allocator: RevisionAllocator, desk_signer: KeySigner, tmp_path: Path
) -> None:
    view = prepare_print(fair.session, fair.request(), allocator=allocator, signer=desk_signer).view
    blocker = tmp_path / "a-file"
    blocker.write_text("")
    with pytest.raises(PrintError) as err:
        PdfBadgePrinter(blocker / "badge.pdf").print_badges([view], A6)
    assert err.value.code == "pdf_failed"
