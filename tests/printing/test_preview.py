"""The print dialog: preview, paper, printer, reprint reason, and what it hands back."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from desk.printing.content import BadgeView
from desk.printing.jobs import KeySigner, PrintJob, prepare_print
from desk.printing.layout import A6, CR80, Paper
from desk.printing.preview import PDF_CHOICE, BadgePrintDialog
from desk.printing.print_log import PrintLog
from desk.printing.printer import PrintError
from desk.printing.revisions import RevisionAllocator
from tests.printing.fair import Fair, decode_qr, pdf_to_pngs


class RecordingPrinter:
    """A printer that keeps what it was sent, or fails as a jammed printer would."""

    def __init__(self, name: str, fail: bool = False) -> None:
        self.name = name
        self.fail = fail
        self.sent: list[tuple[list[BadgeView], Paper]] = []

    @property
    def target(self) -> str:
        return f"printer:{self.name}"

    def print_badges(self, badges: Sequence[BadgeView], paper: Paper) -> None:
        if self.fail:
            raise PrintError("printer_failed", "打印机卡纸", "The printer jammed")
        self.sent.append((list(badges), paper))


def _jobs(
    fair: Fair, allocator: RevisionAllocator, signer: KeySigner, n: int = 1
) -> list[PrintJob]:
    names = ["张伟", "欧阳晓明", "李娜"]
    return [
        prepare_print(
            fair.session,
            fair.request(name=names[i]),
            allocator=allocator,
            signer=signer,
            photos=fair.load_photo,
        )
        for i in range(n)
    ]


def _dialog(qtbot: QtBot, jobs: list[PrintJob], **kw: object) -> BadgePrintDialog:
    dialog = BadgePrintDialog(jobs, **kw)  # type: ignore[arg-type]
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def test_preview_follows_the_paper_and_lists_printers_then_pdf(
    qtbot: QtBot, fair: Fair, allocator: RevisionAllocator, desk_signer: KeySigner
) -> None:
    dialog = _dialog(
        qtbot,
        _jobs(fair, allocator, desk_signer),
        printers=["Card-1", "Office"],
        default_printer="Office",
    )
    assert [dialog.printer_box.itemData(i) for i in range(3)] == ["Card-1", "Office", PDF_CHOICE]
    assert dialog.selected_printer() == "Office"
    assert dialog.selected_paper() == CR80
    card = dialog.preview.pixmap()
    assert card.height() / card.width() == pytest.approx(CR80.height_mm / CR80.width_mm, 0.02)
    dialog.paper_box.setCurrentIndex(1)
    assert dialog.selected_paper() == A6
    sheet = dialog.preview.pixmap()
    assert sheet.height() / sheet.width() == pytest.approx(A6.height_mm / A6.width_mm, 0.02)
    assert not dialog.reason_box.isVisible()
    assert not dialog.next_button.isVisible()


def test_printing_emits_the_commands_and_logs_them(
    qtbot: QtBot,
    fair: Fair,
    allocator: RevisionAllocator,
    desk_signer: KeySigner,
    tmp_path: Path,
) -> None:
    jobs = _jobs(fair, allocator, desk_signer, 2)
    printer = RecordingPrinter("Card-1")
    log = PrintLog(tmp_path)
    dialog = _dialog(
        qtbot,
        jobs,
        printers=["Card-1"],
        printer_factory=lambda name: printer,
        print_log=log,
        operator_id="op-7",
        desk_id=str(fair.desk_id),
    )
    assert dialog.page_label.text() == "Badge 1 of 2"
    qtbot.mouseClick(dialog.next_button, Qt.MouseButton.LeftButton)
    assert dialog.page_label.text() == "Badge 2 of 2" and not dialog.next_button.isEnabled()
    with qtbot.waitSignal(dialog.printed) as signal:
        qtbot.mouseClick(dialog.print_button, Qt.MouseButton.LeftButton)
    commands = signal.args[0]
    assert [c["badge_id"] for c in commands] == [str(j.badge_id) for j in jobs]
    assert printer.sent == [([j.view for j in jobs], CR80)]
    assert [(e.code, e.target, e.operator_id) for e in log.entries()] == [
        (j.view.code, "printer:Card-1", "op-7") for j in jobs
    ]
    for args in commands:
        fair.run("record_badge_printed", args)
    assert dialog.result() == BadgePrintDialog.DialogCode.Accepted


def test_a_reprint_needs_a_reason_and_carries_it(
    qtbot: QtBot,
    fair: Fair,
    allocator: RevisionAllocator,
    desk_signer: KeySigner,
    tmp_path: Path,
) -> None:
    (first,) = _jobs(fair, allocator, desk_signer)
    fair.run("record_badge_printed", first.command_args())
    again = prepare_print(
        fair.session,
        first.request_id,
        allocator=allocator,
        signer=desk_signer,
        photos=fair.load_photo,
    )
    pdf = tmp_path / "reprint.pdf"
    asked: list[str] = []

    def choose(parent: QWidget, suggested: str) -> str:
        asked.append(suggested)
        return str(pdf)

    dialog = _dialog(qtbot, [again], printers=[], choose_pdf_path=choose)
    assert dialog.selected_printer() == PDF_CHOICE
    assert dialog.reason_box.isVisible() and dialog.reprint_note.isVisible()
    assert not dialog.print_button.isEnabled()
    qtbot.keyClicks(dialog.reason_box.lineEdit(), "  ")
    assert not dialog.print_button.isEnabled()  # blanks are no reason
    line_edit = dialog.reason_box.lineEdit()
    assert line_edit is not None
    line_edit.insert("证件丢失")  # as an input method commits it
    assert dialog.print_button.isEnabled()
    with qtbot.waitSignal(dialog.printed) as signal:
        qtbot.mouseClick(dialog.print_button, Qt.MouseButton.LeftButton)
    (args,) = signal.args[0]
    assert args["reprint_reason"] == "证件丢失"
    assert asked and asked[0].endswith(f"badges-{again.view.code}.pdf")
    fair.run("record_badge_printed", args)
    (png,) = pdf_to_pngs(pdf, tmp_path)
    assert decode_qr(png) == [again.view.payload]


def test_a_failed_print_keeps_the_dialog_open_and_records_nothing(
    qtbot: QtBot,
    fair: Fair,
    allocator: RevisionAllocator,
    desk_signer: KeySigner,
    tmp_path: Path,
) -> None:
    log = PrintLog(tmp_path)
    dialog = _dialog(
        qtbot,
        _jobs(fair, allocator, desk_signer),
        printers=["Card-1"],
        printer_factory=lambda name: RecordingPrinter(name, fail=True),
        print_log=log,
        language="en",
    )
    with qtbot.assertNotEmitted(dialog.printed):
        qtbot.mouseClick(dialog.print_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible()
    assert dialog.error_label.isVisible() and dialog.error_label.text() == "The printer jammed"
    assert log.entries() == []


def test_cancelling_the_pdf_file_dialog_or_the_dialog_prints_nothing(
    qtbot: QtBot, fair: Fair, allocator: RevisionAllocator, desk_signer: KeySigner
) -> None:
    dialog = _dialog(
        qtbot,
        _jobs(fair, allocator, desk_signer),
        printers=[],
        choose_pdf_path=lambda parent, suggested: "",
    )
    with qtbot.assertNotEmitted(dialog.printed):
        qtbot.mouseClick(dialog.print_button, Qt.MouseButton.LeftButton)
        assert dialog.isVisible()
        qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert dialog.result() == BadgePrintDialog.DialogCode.Rejected
