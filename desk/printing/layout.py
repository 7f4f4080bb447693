"""Badge layouts: where each thing sits on each paper, and each badge type's colours.

Everything is in millimetres from the paper's top-left corner, portrait. Two papers: a CR80
card (54 x 85.6 mm, the card printers' size) and A6 (105 x 148 mm, a lanyard pouch size that
any office printer takes). A badge type has its own colour, used for the header strip and the
band with the type's name, so gate staff tell the types apart from a distance.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor

# Chinese-capable sans-serif families, in order of preference: the first one installed wins
# (Windows ships Microsoft YaHei, Debian's small CJK package is WenQuanYi Micro Hei).
FONT_FAMILIES = (
    "Noto Sans CJK SC",
    "Source Han Sans SC",
    "Microsoft YaHei",
    "PingFang SC",
    "WenQuanYi Micro Hei",
    "Droid Sans Fallback",
)


@dataclass(frozen=True, slots=True)
class Paper:
    key: str
    label_zh: str
    label_en: str
    width_mm: float
    height_mm: float


CR80 = Paper("cr80", "CR80 证卡 54×85.6 mm", "CR80 card 54×85.6 mm", 53.98, 85.6)
A6 = Paper("a6", "A6 纸 105×148 mm", "A6 paper 105×148 mm", 105.0, 148.0)
PAPERS = (CR80, A6)


def paper_by_key(key: str) -> Paper:
    for paper in PAPERS:
        if paper.key == key:
            return paper
    raise KeyError(f"unknown paper {key!r}")


@dataclass(frozen=True, slots=True)
class Brand:
    """The fair's name on the header strip (the organiser's to set)."""

    name_zh: str = "服务贸易交易会"
    name_en: str = "FAIR FOR TRADE IN SERVICES"
    edition: str = "2026"


DEFAULT_BRAND = Brand()


@dataclass(frozen=True, slots=True)
class Palette:
    strong: QColor  # header strip and type band
    on_strong: QColor  # text on them
    tint: QColor  # a pale version of the colour, behind the photo


def _palette(hex_colour: str, tint: str) -> Palette:
    return Palette(QColor(hex_colour), QColor("#ffffff"), QColor(tint))


TYPE_PALETTES: dict[str, Palette] = {
    "exhibitor": _palette("#1456a8", "#e7eef8"),
    "delegate": _palette("#c0272d", "#f9e9e9"),
    "buyer": _palette("#1d7a3a", "#e6f3ea"),
}
# An unknown type prints grey rather than borrowing another type's colour.
FALLBACK_PALETTE = _palette("#555555", "#eeeeee")

INK = QColor("#1a1a1a")
MUTED = QColor("#555555")


@dataclass(frozen=True, slots=True)
class TextBox:
    """A text's box and how its size may shrink to fit: from `size` down to `min_size`
    (both the font's em in mm), over at most `lines` lines, then elided."""

    rect: QRectF
    size: float
    min_size: float
    lines: int = 1
    bold: bool = False
    align: Qt.AlignmentFlag = Qt.AlignmentFlag.AlignHCenter
    letter_spacing: float = 100.0  # percent


@dataclass(frozen=True, slots=True)
class BadgeLayout:
    paper: Paper
    palette: Palette
    header: QRectF
    brand_zh: TextBox
    brand_en: TextBox
    photo: QRectF
    qr: QRectF  # square, the quiet zone included
    name: TextBox
    name_alone: TextBox  # the name when there is no Latin line under it
    name_latin: TextBox
    organisation: TextBox
    code: TextBox
    band: QRectF
    type_zh: TextBox
    type_en: TextBox


def _box(
    x: float,
    y: float,
    w: float,
    h: float,
    size: float,
    min_size: float | None = None,
    *,
    lines: int = 1,
    bold: bool = False,
    letter_spacing: float = 100.0,
) -> TextBox:
    return TextBox(
        QRectF(x, y, w, h),
        size,
        size if min_size is None else min_size,
        lines=lines,
        bold=bold,
        letter_spacing=letter_spacing,
    )


def _cr80(palette: Palette) -> BadgeLayout:
    w = CR80.width_mm
    inner = w - 5.0
    qr_side = 26.5
    return BadgeLayout(
        paper=CR80,
        palette=palette,
        header=QRectF(0, 0, w, 10.0),
        brand_zh=_box(2.5, 1.2, inner, 4.8, 3.6, 2.6, bold=True),
        brand_en=_box(2.5, 6.0, inner, 3.0, 1.9, 1.5, letter_spacing=104.0),
        photo=QRectF(3.5, 13.0, 21.0, 28.0),
        qr=QRectF(w - 1.0 - qr_side, 13.0 + (28.0 - qr_side) / 2, qr_side, qr_side),
        name=_box(2.5, 43.0, inner, 10.5, 8.5, 4.6, bold=True),
        name_alone=_box(2.5, 43.0, inner, 15.5, 7.0, 4.0, lines=2, bold=True),
        name_latin=_box(2.5, 53.4, inner, 5.0, 3.8, 2.6),
        organisation=_box(2.5, 59.2, inner, 8.2, 3.2, 2.3, lines=2),
        code=_box(2.5, 67.6, inner, 3.6, 2.5, letter_spacing=108.0),
        band=QRectF(0, 72.0, w, CR80.height_mm - 72.0),
        type_zh=_box(2.0, 72.9, w - 4.0, 7.8, 6.6, 4.5, bold=True, letter_spacing=110.0),
        type_en=_box(2.0, 80.3, w - 4.0, 4.2, 3.0, 2.2, bold=True, letter_spacing=112.0),
    )


def _a6(palette: Palette) -> BadgeLayout:
    w, h = A6.width_mm, A6.height_mm
    inner = w - 12.0
    qr_side = 52.0
    return BadgeLayout(
        paper=A6,
        palette=palette,
        header=QRectF(0, 0, w, 19.0),
        brand_zh=_box(6.0, 2.6, inner, 8.8, 6.8, 4.8, bold=True),
        brand_en=_box(6.0, 11.6, inner, 5.2, 3.5, 2.6, letter_spacing=104.0),
        photo=QRectF(8.0, 25.0, 36.0, 48.0),
        qr=QRectF(w - 3.0 - qr_side, 25.0 + (48.0 - qr_side) / 2, qr_side, qr_side),
        name=_box(6.0, 78.0, inner, 17.0, 14.0, 8.0, bold=True),
        name_alone=_box(6.0, 78.0, inner, 25.0, 11.0, 6.5, lines=2, bold=True),
        name_latin=_box(6.0, 95.0, inner, 8.0, 6.0, 4.0),
        organisation=_box(6.0, 103.5, inner, 13.0, 5.0, 3.6, lines=2),
        code=_box(6.0, 117.0, inner, 5.4, 3.8, letter_spacing=108.0),
        band=QRectF(0, 125.0, w, h - 125.0),
        type_zh=_box(4.0, 126.6, w - 8.0, 13.0, 11.0, 8.0, bold=True, letter_spacing=110.0),
        type_en=_box(4.0, 139.0, w - 8.0, 7.0, 5.0, 3.8, bold=True, letter_spacing=112.0),
    )


_GEOMETRY = {CR80.key: _cr80, A6.key: _a6}


def layout_for(badge_type: str, paper: Paper) -> BadgeLayout:
    """The layout of one badge type on one paper."""
    palette = TYPE_PALETTES.get(badge_type, FALLBACK_PALETTE)
    return replace(_GEOMETRY[paper.key](palette), paper=paper)
