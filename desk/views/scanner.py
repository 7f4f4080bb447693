"""A barcode scanner that types like a keyboard, heard from anywhere in the window.

A scanner sends its characters much faster than a person types and ends with Enter or Tab.
Keys pass through untouched (no delay for people); when a terminator follows a fast burst
of enough characters, the burst is a scan: the characters it typed into a line edit are taken
out again, the terminator is swallowed, and `scanned` is emitted. Fields that take scans
themselves (the search box, the document field, the MRZ box) opt out with the
`accepts_scans` property, and keep what was typed.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QLineEdit

# A person rarely types two characters within 35 ms; a scanner sends them 2-10 ms apart.
MAX_GAP_S = 0.035
MIN_LENGTH = 6
TERMINATORS = (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Tab)
SCAN_PROPERTY = "accepts_scans"


class ScannerFilter(QObject):
    """Install on the application; `scanned(text)` fires for each scan.

    Signals:
        scanned(str): a scanner typed this code (badge code or document number) and Enter.
    """

    scanned = Signal(str)

    def __init__(self, parent: QObject | None = None,
                 clock: Callable[[], float] = time.monotonic) -> None:
        super().__init__(parent)
        self._clock = clock
        self._burst: list[str] = []
        self._last = 0.0
        self.enabled = True

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt)
        if not self.enabled or event.type() != QEvent.Type.KeyPress:
            return False
        if not isinstance(event, QKeyEvent) or event.isAutoRepeat():
            return False
        if watched is not QApplication.focusWidget() and QApplication.focusWidget() is not None:
            return False  # the same key event visits parents too: count it once
        now = self._clock()
        key = event.key()
        if key in TERMINATORS:
            burst = "".join(self._burst)
            self._burst.clear()
            if len(burst) >= MIN_LENGTH and now - self._last <= MAX_GAP_S * 3:
                return self._take(burst)
            return False
        text = event.text()
        if len(text) != 1 or not text.isprintable() or event.modifiers() & (
            Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier
        ):
            self._burst.clear()
            return False
        if now - self._last > MAX_GAP_S:
            self._burst.clear()
        self._burst.append(text)
        self._last = now
        return False

    def _take(self, burst: str) -> bool:
        focus = QApplication.focusWidget()
        if focus is not None and focus.property(SCAN_PROPERTY):
            return False  # this field wants scans: let Enter through as well
        if isinstance(focus, QLineEdit) and focus.text().endswith(burst):
            focus.setText(focus.text()[: -len(burst)])
        self.scanned.emit(burst.strip())
        return True
