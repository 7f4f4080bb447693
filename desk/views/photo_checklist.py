"""The review side of the photo dialog: the photo Accept would keep, every rule and its state,
and the checks the operator makes by eye.

Rows are kept per rule code and updated in place, so the list does not jump while the camera
runs; a rule missing from the latest report (no face, so no eye distance) stays listed as
not measured instead of vanishing.
"""

from __future__ import annotations

from collections.abc import Iterable
from enum import Enum

import qtawesome as qta
from PySide6.QtCore import QEvent, QSize, Qt, Signal
from PySide6.QtGui import QMouseEvent, QPixmap
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QGridLayout,
    QLabel,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from desk.models.photo import PhotoKind, PhotoReport, manual_checks
from desk.models.photo.rules import RULES
from desk.views.photo_worker import Verdict

ICON_PX = 16
GREEN, RED, GREY, AMBER = "#2e7d32", "#c62828", "#90a4ae", "#ef6c00"
TITLE_STYLE = "font-weight: bold; font-size: 14px; color: #263238;"
THUMB = QSize(240, 320)


class State(Enum):
    PASS = "pass"
    FAIL = "fail"
    BY_FIX = "by_fix"  # failing on the raw frame, but the auto-fix sets it
    UNMEASURED = "unmeasured"
    WAITING = "waiting"


_ICONS = {
    State.PASS: ("fa6s.circle-check", GREEN),
    State.FAIL: ("fa6s.circle-xmark", RED),
    State.BY_FIX: ("fa6s.wand-magic-sparkles", GREY),
    State.UNMEASURED: ("fa6s.circle-minus", GREY),
    State.WAITING: ("fa6s.hourglass-half", GREY),
}


class _Row:
    """One rule: icon, name, the measured message and (when it fails) what to do."""

    def __init__(self, grid: QGridLayout, row: int) -> None:
        self.icon = QLabel()
        self.icon.setFixedWidth(ICON_PX + 6)
        self.icon.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignHCenter)
        self.name = QLabel()
        self.name.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.name.setStyleSheet("color: #546e7a;")
        self.text = QLabel()
        self.text.setWordWrap(True)
        self.text.setTextFormat(Qt.TextFormat.RichText)
        self.state = State.WAITING
        self.place(grid, row)

    def place(self, grid: QGridLayout, row: int) -> None:
        grid.addWidget(self.icon, row, 0)
        grid.addWidget(self.name, row, 1)
        grid.addWidget(self.text, row, 2)

    def show(self, state: State, message: str, hint: str) -> None:
        self.state = state
        name, colour = _ICONS[state]
        self.icon.setPixmap(qta.icon(name, color=colour).pixmap(ICON_PX, ICON_PX))
        body = _escape(message)
        if hint:
            body += f"<br/><span style='color:{AMBER if state is State.FAIL else GREY}'>" \
                    f"{_escape(hint)}</span>"
        colour = "#263238" if state in (State.PASS, State.FAIL) else GREY
        self.text.setText(f"<span style='color:{colour}'>{body}</span>")


class _TickLabel(QLabel):
    """The wrapped text of a check box; a click on it ticks the box, as the box's own would."""

    def __init__(self, box: QCheckBox) -> None:
        super().__init__()
        self.box = box
        self.setWordWrap(True)
        self.setCursor(Qt.CursorShape.PointingHandCursor)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802 (Qt)
        if self.box.isEnabled() and event.button() == Qt.MouseButton.LeftButton:
            self.box.toggle()
        super().mouseReleaseEvent(event)


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


class PhotoChecklist(QWidget):
    """The automatic checks of one report, a row per rule."""

    def __init__(self, language: str = "zh", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.language = language
        self._report: PhotoReport | None = None
        self._by_fix: frozenset[str] = frozenset()
        self._rows: dict[str, _Row] = {}
        self.title = QLabel()
        self.title.setStyleSheet(TITLE_STYLE)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self._grid = QGridLayout()
        self._grid.setHorizontalSpacing(8)
        self._grid.setVerticalSpacing(5)
        self._grid.setColumnStretch(2, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(self.summary)
        layout.addSpacing(4)
        layout.addLayout(self._grid)
        layout.addStretch(1)
        self.retranslate()

    # -- automatic checks ------------------------------------------------------------------

    def show_report(self, report: PhotoReport | None, by_fix: Iterable[str] = ()) -> None:
        """Show `report` (None: waiting for the first one). Failures of codes in `by_fix`
        are shown as left to the auto-fix, not as faults (the live preview's raw frame)."""
        self._report = report
        self._by_fix = frozenset(by_fix)
        self._refresh()

    def states(self) -> dict[str, State]:
        return {code: row.state for code, row in self._rows.items()}

    def _refresh(self) -> None:
        report = self._report
        codes = [c.code for c in report.checks] if report is not None else []
        new = [code for code in codes if code not in self._rows]
        for code in new:
            self._rows[code] = _Row(self._grid, len(self._rows))
        if new:
            self._reorder(codes)
        names = self._names()
        failing = 0
        for code, row in self._rows.items():
            row.name.setText(names.get(code, self.tr("File")))
            check = report.get(code) if report is not None else None
            if check is None:
                state = State.WAITING if report is None else State.UNMEASURED
                row.show(state, self._missing_text(state), "")
            elif check.ok:
                row.show(State.PASS, check.message(self.language), "")
            elif code in self._by_fix:
                row.show(State.BY_FIX, check.message(self.language), self.tr(
                    "The auto-fix crops and saves the final photo to this rule."))
            else:
                failing += 1
                row.show(State.FAIL, check.message(self.language), check.hint(self.language))
        self._summarise(failing)

    def _reorder(self, codes: list[str]) -> None:
        # The report's order (most basic first), rules no longer reported after it.
        order = codes + [code for code in self._rows if code not in codes]
        self._rows = {code: self._rows[code] for code in order}
        for i, row in enumerate(self._rows.values()):
            for widget in (row.icon, row.name, row.text):
                self._grid.removeWidget(widget)
            row.place(self._grid, i)

    def _summarise(self, failing: int) -> None:
        if self._report is None:
            text, colour = self.tr("Waiting for a picture…"), GREY
        elif failing == 0:
            text, colour = self.tr("Every automatic check passes."), GREEN
        elif failing == 1:
            text, colour = self.tr("1 check fails: see the hint under it."), RED
        else:
            text = self.tr("%1 checks fail: see the hints under them.").replace(
                "%1", str(failing))
            colour = RED
        self.summary.setText(text)
        self.summary.setStyleSheet(f"color: {colour};")

    def _missing_text(self, state: State) -> str:
        if state is State.WAITING:
            return self.tr("Not checked yet")
        return self.tr("Not measured: it needs one face on a plain background")

    def _names(self) -> dict[str, str]:
        return {
            "file.format": self.tr("File type"),
            "file.size": self.tr("File size"),
            "file.orientation": self.tr("Rotation"),
            "file.colour_mode": self.tr("Colour mode"),
            "file.dimensions": self.tr("Pixel size"),
            "background.colour": self.tr("Background"),
            "background.border": self.tr("Frame"),
            "background.spots": self.tr("Spots"),
            "face.count": self.tr("Face"),
            "face.roll": self.tr("Head level"),
            "face.yaw": self.tr("Facing"),
            "face.eye_distance": self.tr("Eye distance"),
            "head.size": self.tr("Head size"),
            "head.crown": self.tr("Top of head"),
            "face.sharpness": self.tr("Sharpness"),
            "exposure.clipped": self.tr("Exposure"),
            "exposure.dynamic_range": self.tr("Contrast"),
            "exposure.balance": self.tr("Even light"),
            "licence.resolution": self.tr("Resolution"),
            "licence.content": self.tr("Content"),
            "analysis.error": self.tr("Analysis"),
        }

    def set_language(self, language: str) -> None:
        self.language = language
        self.retranslate()

    def retranslate(self) -> None:
        self.title.setText(self.tr("Automatic checks"))
        self._refresh()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)


class ManualChecks(QWidget):
    """What the operator checks by eye, each box with why the software cannot.

    Signals:
        manual_changed(bool): a box was ticked or cleared; True when every box is ticked.
    """

    manual_changed = Signal(bool)

    def __init__(self, kind: PhotoKind, language: str = "zh", parent: QWidget | None = None):
        super().__init__(parent)
        self.kind = kind
        self.language = language
        self.title = QLabel()
        self.title.setStyleSheet(TITLE_STYLE)
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.intro.setStyleSheet("color: #546e7a;")
        self.boxes: list[QCheckBox] = []
        self._texts: list[QLabel] = []
        self._whys: list[QLabel] = []
        grid = QGridLayout()
        grid.setHorizontalSpacing(6)
        grid.setVerticalSpacing(1)
        grid.setColumnStretch(1, 1)
        for i, _check in enumerate(manual_checks(kind)):
            # A check box does not wrap its text; the label beside it does, and ticks it.
            box = QCheckBox()
            box.setEnabled(False)
            box.toggled.connect(self._ticked)
            text = _TickLabel(box)
            text.setEnabled(False)
            why = QLabel()
            why.setWordWrap(True)
            why.setContentsMargins(0, 0, 0, 6)
            why.setStyleSheet("color: #78909c; font-size: 11px;")
            grid.addWidget(box, 2 * i, 0, Qt.AlignmentFlag.AlignTop)
            grid.addWidget(text, 2 * i, 1)
            grid.addWidget(why, 2 * i + 1, 1)
            self.boxes.append(box)
            self._texts.append(text)
            self._whys.append(why)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(self.intro)
        layout.addSpacing(2)
        layout.addLayout(grid)
        self.retranslate()

    # -- ticking ----------------------------------------------------------------------------

    def reset(self, *, tickable: bool) -> None:
        """Boxes can be ticked only with a photo to look at; a new photo clears them."""
        for box, text in zip(self.boxes, self._texts, strict=True):
            box.blockSignals(True)
            box.setChecked(False)
            box.setEnabled(tickable)
            box.blockSignals(False)
            text.setEnabled(tickable)
        self.manual_changed.emit(False)

    def done(self) -> bool:
        return all(box.isChecked() for box in self.boxes)

    def _ticked(self, _checked: bool) -> None:
        self.manual_changed.emit(self.done())

    def set_language(self, language: str) -> None:
        self.language = language
        self.retranslate()

    def retranslate(self) -> None:
        self.title.setText(self.tr("Check by eye"))
        self.intro.setText(self.tr(
            "The software cannot judge these. Look at the photo and tick each one."))
        zh = self.language.lower().startswith("zh")
        for text, why, (_code, text_zh, text_en, why_zh, why_en) in zip(
                self._texts, self._whys, manual_checks(self.kind), strict=True):
            text.setText(text_zh if zh else text_en)
            why.setText(why_zh if zh else why_en)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)


class FinalPhoto(QWidget):
    """The photo Accept would keep: the auto-fix (of the live picture or of the photo), the
    original when it passes as it is, or why there is no fix; and, once a photo has both a
    fix and an original, the choice between them.

    Signals:
        choice_changed(): the operator chose the original or the auto-fix.
    """

    choice_changed = Signal()

    def __init__(self, kind: PhotoKind, language: str = "zh", parent: QWidget | None = None):
        super().__init__(parent)
        self.kind = kind
        self.language = language
        self._verdict: Verdict | None = None
        self._reviewing = self._checking = False
        self.title = QLabel()
        self.title.setStyleSheet(TITLE_STYLE)
        self.image = QLabel(alignment=Qt.AlignmentFlag.AlignCenter)
        self.image.setFixedSize(THUMB)
        self.image.setWordWrap(True)
        self.image.setStyleSheet("background: #eceff1; border: 1px solid #cfd8dc;"
                                 " color: #78909c; padding: 8px;")
        self.caption = QLabel()
        self.caption.setWordWrap(True)
        self.caption.setFixedWidth(THUMB.width())
        self.use_fixed = QRadioButton()
        self.use_original = QRadioButton()
        group = QButtonGroup(self)
        group.addButton(self.use_fixed)
        group.addButton(self.use_original)
        self.use_fixed.toggled.connect(self._toggled)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for widget in (self.title, self.image, self.caption, self.use_fixed, self.use_original):
            layout.addWidget(widget)
        layout.addStretch(1)
        self.retranslate()

    def show_live(self, verdict: Verdict | None, *, checking: bool = False) -> None:
        """The live picture's auto-fix (or nothing yet); no choice to make."""
        self._verdict, self._reviewing, self._checking = verdict, False, checking
        self._render()

    def show_photo(self, verdict: Verdict) -> None:
        """A captured or imported photo: the fix is chosen when there is one."""
        self._verdict, self._reviewing, self._checking = verdict, True, False
        self.use_fixed.blockSignals(True)
        self.use_fixed.setChecked(verdict.fixed is not None)
        self.use_original.setChecked(verdict.fixed is None)
        self.use_fixed.blockSignals(False)
        self._render()

    def prefers_fix(self) -> bool:
        return self.use_fixed.isChecked()

    def _toggled(self, _checked: bool) -> None:
        self._render()
        self.choice_changed.emit()

    def _render(self) -> None:
        v = self._verdict
        both = self._reviewing and v is not None and v.fixed is not None
        self.use_fixed.setVisible(both)
        self.use_original.setVisible(both)
        caption, warning, shown = "", False, None
        if v is None:
            placeholder = (self.tr("Checking…") if self._checking
                           else self.tr("The final photo appears here."))
        elif v.fix is not None and v.fixed is None:
            placeholder = self.tr("No automatic fix")
            caption, warning = v.fix.reason(self.language), True
        else:
            placeholder = self.tr("Not a picture")
            original = v.fixed is None or (both and self.use_original.isChecked())
            shown = v.fixed if not original and v.fixed is not None else v.original
            caption = self._caption(v, shown, original)
        pixmap = QPixmap()
        if shown is not None and pixmap.loadFromData(shown):
            self.image.setPixmap(pixmap.scaled(THUMB, Qt.AspectRatioMode.KeepAspectRatio,
                                               Qt.TransformationMode.SmoothTransformation))
        else:
            self.image.setPixmap(QPixmap())
            self.image.setText(placeholder)
        self.caption.setText(caption)
        self.caption.setStyleSheet("color: #bf360c;" if warning else "color: #37474f;")

    def _caption(self, v: Verdict, shown: bytes, original: bool) -> str:
        size = f"{len(shown) / 1000:.0f} KB"
        if v.fix is None:
            return self.tr("The original passes as it is (%1).").replace("%1", size)
        if original:
            width, height = v.size
            return self.tr("Original: %1").replace("%1", f"{width} × {height}, {size}")
        dims = RULES[self.kind].dimensions
        pixels = f"{dims[0]} × {dims[1]}, " if dims else ""
        if v.live:
            return self.tr("Auto-fix of the live picture: %1").replace("%1", pixels + size)
        return self.tr("Auto-fixed: %1").replace("%1", pixels + size)

    def set_language(self, language: str) -> None:
        self.language = language
        self._render()

    def retranslate(self) -> None:
        self.title.setText(self.tr("Final photo"))
        self.use_fixed.setText(self.tr("Use the auto-fixed photo"))
        self.use_original.setText(self.tr("Use the original"))
        self._render()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
