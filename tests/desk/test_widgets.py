"""Pieces of the desk that need no service: the scanner heard anywhere, the MRZ box, the
language switch at run time, and logs that never carry personal numbers."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QApplication, QDialog, QDialogButtonBox, QLineEdit, QVBoxLayout
from pytestqt.qtbot import QtBot

from desk.app import RedactingFilter, redact
from desk.views.person_form import PersonFields
from desk.views.scanner import SCAN_PROPERTY, ScannerFilter

MRZ_1 = "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<"
MRZ_2 = "L898902C36UTO7408122F1204159ZE184226B<<<<<10"


class Clock:
    """Keys a scanner sends 5 ms apart; a person's are further apart."""

    def __init__(self, step: float) -> None:
        self.now, self.step = 0.0, step

    def __call__(self) -> float:
        self.now += self.step
        return self.now


def _form(qtbot: QtBot) -> tuple[QDialog, QLineEdit, QLineEdit]:
    dialog = QDialog()
    plain, scans = QLineEdit(), QLineEdit()
    scans.setProperty(SCAN_PROPERTY, True)
    layout = QVBoxLayout(dialog)
    layout.addWidget(plain)
    layout.addWidget(scans)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    return dialog, plain, scans


@pytest.mark.parametrize("step, is_scan", [(0.005, True), (0.15, False)])
def test_scanner_heard_from_any_field(qtbot: QtBot, step: float, is_scan: bool) -> None:
    dialog, plain, _scans = _form(qtbot)
    scanner = ScannerFilter(clock=Clock(step))
    QApplication.instance().installEventFilter(scanner)  # type: ignore[union-attr]
    try:
        plain.setFocus()
        qtbot.waitUntil(lambda: QApplication.focusWidget() is plain)
        plain.setText("王")
        plain.end(False)
        heard: list[str] = []
        scanner.scanned.connect(heard.append)
        qtbot.keyClicks(plain, "E7KQ2M000123")
        qtbot.keyClick(plain, Qt.Key.Key_Return)
    finally:
        QApplication.instance().removeEventFilter(scanner)  # type: ignore[union-attr]
    if is_scan:
        assert heard == ["E7KQ2M000123"]
        assert plain.text() == "王"  # what the scanner typed into the field is taken out
    else:
        assert heard == []
        assert plain.text() == "王E7KQ2M000123"


def test_fields_that_take_scans_keep_them(qtbot: QtBot) -> None:
    _dialog, _plain, scans = _form(qtbot)
    scanner = ScannerFilter(clock=Clock(0.005))
    QApplication.instance().installEventFilter(scanner)  # type: ignore[union-attr]
    try:
        scans.setFocus()
        qtbot.waitUntil(lambda: QApplication.focusWidget() is scans)
        heard: list[str] = []
        scanner.scanned.connect(heard.append)
        qtbot.keyClicks(scans, "11010519491231002X")
        qtbot.keyClick(scans, Qt.Key.Key_Return)
    finally:
        QApplication.instance().removeEventFilter(scanner)  # type: ignore[union-attr]
    assert heard == [] and scans.text() == "11010519491231002X"


def test_mrz_scanned_fills_passport_fields_and_enter_does_not_submit(qtbot: QtBot) -> None:
    dialog = QDialog()
    fields = PersonFields("en")
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok)
    buttons.accepted.connect(dialog.accept)
    buttons.button(QDialogButtonBox.StandardButton.Ok).setDefault(True)
    layout = QVBoxLayout(dialog)
    layout.addWidget(fields)
    layout.addWidget(buttons)
    qtbot.addWidget(dialog)
    dialog.show()
    fields.nationality.set_code("abroad")
    fields.doc_type.set_code("passport")
    assert not fields.mrz.isHidden()
    fields.mrz.setFocus()
    qtbot.keyClicks(fields.mrz, MRZ_1.lower())  # Caps Lock off: still read
    qtbot.keyClick(fields.mrz, Qt.Key.Key_Return)  # Enter after line 1
    assert dialog.isVisible() and dialog.result() == 0
    qtbot.keyClicks(fields.mrz, MRZ_2)
    assert fields.doc_number.text() == "L898902C3"
    assert fields.birthday.text() == "1974-08-12"
    assert fields.gender.code() == "female"
    assert fields.name.text() == "Anna Maria Eriksson"


def test_resident_id_fills_birthday_and_gender(qtbot: QtBot) -> None:
    fields = PersonFields("en")
    qtbot.addWidget(fields)
    fields.doc_number.setText("11010519491231002X")
    fields.doc_number.editingFinished.emit()
    assert fields.birthday.text() == "1949-12-31"
    assert fields.gender.code() == "female"


def test_language_switches_at_run_time(qtbot: QtBot) -> None:
    import subprocess
    import sys

    from desk.views.i18n import TRANSLATORS, translations_dir

    root = Path(__file__).resolve().parents[2]
    subprocess.run([sys.executable, str(root / "scripts" / "update_translations.py"),
                    "--no-update"], check=True, capture_output=True)
    assert (translations_dir() / "desk_zh_CN.qm").exists()
    fields = PersonFields("en")
    qtbot.addWidget(fields)
    try:
        TRANSLATORS.install("zh_CN")
        qtbot.waitUntil(lambda: fields.form.labels["doc_number"].text() == "证件号码")
        assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "取消"  # Qt's own
    finally:
        TRANSLATORS.install("en")
    qtbot.waitUntil(lambda: fields.form.labels["doc_number"].text() == "Document number")


def test_logs_never_carry_numbers_mail_or_tokens(tmp_path: Path) -> None:
    assert "11010519491231002X" not in redact("checked 11010519491231002X for +8613800138000")
    assert "+8613800138000" not in redact("mobile +86 138 0013 8000")
    assert "@" not in redact("mail wang@example.cn")
    assert "dGhpcy" not in redact("token dGhpcyBpcyBhIHNlY3JldCB0b2tlbiB2YWx1ZQ-_xyzxyz")
    handler = logging.FileHandler(tmp_path / "x.log", encoding="utf-8")
    handler.addFilter(RedactingFilter())
    logger = logging.getLogger("desk.test")
    logger.addHandler(handler)
    try:
        logger.warning("person %s at %s", "11010519491231002X", "wang@example.cn")
    finally:
        logger.removeHandler(handler)
        handler.close()
    text = (tmp_path / "x.log").read_text(encoding="utf-8")
    assert "11010519491231002X" not in text and "wang@" not in text and "person" in text
