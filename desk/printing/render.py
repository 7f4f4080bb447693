"""Drawing badges with QPainter: onto a PDF file or bytes, any QPrinter, or a preview image.

One painter routine serves every target, so the preview is what the printer gets. The painter
works in hundredths of a millimetre (`UNITS_PER_MM`): fonts are sized in whole "pixels" of
the logical coordinates, and at 0.01 mm that is fine enough for any text size.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import segno
from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QMarginsF, QRectF, QSizeF, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QImage,
    QPagedPaintDevice,
    QPageLayout,
    QPageSize,
    QPaintDevice,
    QPainter,
    QPainterPath,
    QPdfWriter,
    QPen,
    QTextLayout,
    QTextOption,
)

from desk.printing.content import BadgeView, badge_view
from desk.printing.layout import (
    DEFAULT_BRAND,
    FONT_FAMILIES,
    INK,
    MUTED,
    BadgeLayout,
    Brand,
    Paper,
    TextBox,
    layout_for,
)

__all__ = [
    "BadgeView",
    "RenderError",
    "badge_view",
    "page_layout",
    "paint_badge",
    "render_badges",
    "render_image",
    "render_pdf_bytes",
]

UNITS_PER_MM = 100.0
PDF_RESOLUTION = 600
QR_QUIET_MODULES = 4  # the quiet zone the QR standard asks for on every side
BLEED_MM = 1.0  # how far colour areas run past the paper's edges (see `_bled`)


class RenderError(RuntimeError):
    """The target could not be painted on (a printer that refused, a file not writable)."""


def _u(mm: float) -> float:
    return mm * UNITS_PER_MM


def _rect(r: QRectF) -> QRectF:
    return QRectF(_u(r.x()), _u(r.y()), _u(r.width()), _u(r.height()))


def _bled(r: QRectF, paper: Paper) -> QRectF:
    """A colour area grown past the paper's edges it touches: a printer's page is never
    exactly the paper (PDF pages are whole points, card printers shift a little), and a
    hairline of white at the edge looks like a misprint."""
    return r.adjusted(
        -BLEED_MM if r.left() <= 0 else 0,
        -BLEED_MM if r.top() <= 0 else 0,
        BLEED_MM if r.right() >= paper.width_mm else 0,
        BLEED_MM if r.bottom() >= paper.height_mm else 0,
    )


def _font(size_mm: float, *, bold: bool, letter_spacing: float = 100.0) -> QFont:
    font = QFont()
    font.setFamilies(list(FONT_FAMILIES))
    font.setPixelSize(max(1, round(_u(size_mm))))
    font.setBold(bold)
    font.setHintingPreference(QFont.HintingPreference.PreferNoHinting)
    if letter_spacing != 100.0:
        font.setLetterSpacing(QFont.SpacingType.PercentageSpacing, letter_spacing)
    return font


def _wrap(text: str, font: QFont, width: float, device: QPaintDevice) -> list[int]:
    """Where each line starts when Qt breaks `text` at `width` (between words, between
    Chinese characters, and inside a word too long for a line)."""
    layout = QTextLayout(text, font, device)
    option = QTextOption()
    option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
    layout.setTextOption(option)
    starts: list[int] = []
    layout.beginLayout()
    while True:
        line = layout.createLine()
        if not line.isValid():
            break
        line.setLineWidth(width)
        starts.append(line.textStart())
    layout.endLayout()
    return starts


def _draw_text(painter: QPainter, text: str, box: TextBox, colour: QColor) -> None:
    """The largest size from `box.size` down to `box.min_size` at which the text fits its
    box in `box.lines` lines; past that, the smallest size with the last line elided."""
    text = " ".join(text.split())
    if not text:
        return
    rect = _rect(box.rect)
    device = painter.device()
    size = box.size
    while True:
        font = _font(size, bold=box.bold, letter_spacing=box.letter_spacing)
        metrics = QFontMetricsF(font, device)
        starts = _wrap(text, font, rect.width(), device)
        height = len(starts) * metrics.lineSpacing()
        if (len(starts) <= box.lines and height <= rect.height()) or size <= box.min_size:
            break
        size = max(box.min_size, size * 0.94)
    bounds = [*starts[: box.lines], len(text)]
    lines = [text[a:b].strip() for a, b in zip(bounds, bounds[1:], strict=False)]
    if len(starts) > box.lines:
        rest = text[starts[box.lines - 1] :]
        lines[-1] = metrics.elidedText(rest, Qt.TextElideMode.ElideRight, rect.width())
    painter.setFont(font)
    painter.setPen(colour)
    step = metrics.lineSpacing()
    top = rect.top() + (rect.height() - len(lines) * step) / 2
    flags = int(box.align | Qt.AlignmentFlag.AlignVCenter) | int(Qt.TextFlag.TextSingleLine)
    for index, line in enumerate(lines):
        painter.drawText(QRectF(rect.left(), top + index * step, rect.width(), step), flags, line)


def _draw_photo(painter: QPainter, photo: bytes | None, box: QRectF, layout: BadgeLayout) -> None:
    target = _rect(box)
    image = QImage.fromData(QByteArray(photo)) if photo else QImage()
    painter.fillRect(target, layout.palette.tint)
    if image.isNull():
        painter.setPen(MUTED)
        painter.setFont(_font(min(box.width() / 7, 3.0), bold=False))
        painter.drawText(target, int(Qt.AlignmentFlag.AlignCenter), "无照片\nNo photo")
    else:
        # Fill the box, cropping the longer side (a 5:7 one-inch photo in a 3:4 box): across,
        # around the centre; down, mostly from the bottom, where the shoulders are. About
        # 300 dpi is kept, more only makes the PDF heavier.
        aspect = box.width() / box.height()
        w, h = image.width(), image.height()
        crop_w, crop_h = (round(h * aspect), h) if w / h > aspect else (w, round(w / aspect))
        image = image.copy((w - crop_w) // 2, (h - crop_h) // 4, crop_w, crop_h)
        max_h = round(box.height() * 12)
        if image.height() > max_h:
            image = image.scaledToHeight(max_h, Qt.TransformationMode.SmoothTransformation)
        painter.drawImage(target, image)
    painter.setPen(QPen(QColor("#c8c8c8"), _u(0.2)))
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.drawRect(target)


def _draw_qr(painter: QPainter, payload: str, box: QRectF) -> None:
    """The QR code as vector squares, dark runs of a row merged into one rectangle, all
    filled as one path so no hairline seams show between modules."""
    qr = segno.make_qr(payload, error="m")
    n = len(qr.matrix)
    module = box.width() / (n + 2 * QR_QUIET_MODULES)
    origin_x = box.x() + QR_QUIET_MODULES * module
    origin_y = box.y() + QR_QUIET_MODULES * module
    painter.fillRect(_rect(box), QColor("#ffffff"))
    path = QPainterPath()
    path.setFillRule(Qt.FillRule.WindingFill)
    for row, cells in enumerate(qr.matrix):
        col = 0
        while col < n:
            if not cells[col]:
                col += 1
                continue
            start = col
            while col < n and cells[col]:
                col += 1
            path.addRect(
                _rect(
                    QRectF(
                        origin_x + start * module,
                        origin_y + row * module,
                        (col - start) * module,
                        module,
                    )
                )
            )
    painter.fillPath(path, QColor("#000000"))


def paint_badge(painter: QPainter, badge: BadgeView, paper: Paper, brand: Brand) -> None:
    """Draw one badge; the painter's coordinates are `UNITS_PER_MM` to the millimetre with
    the paper's top-left corner at the origin."""
    layout = layout_for(badge.badge_type, paper)
    palette = layout.palette
    painter.fillRect(
        _rect(_bled(QRectF(0, 0, paper.width_mm, paper.height_mm), paper)), Qt.GlobalColor.white
    )
    painter.fillRect(_rect(_bled(layout.header, paper)), palette.strong)
    brand_zh = f"{brand.edition}{brand.name_zh}" if brand.edition else brand.name_zh
    _draw_text(painter, brand_zh, layout.brand_zh, palette.on_strong)
    _draw_text(painter, brand.name_en, layout.brand_en, palette.on_strong)
    _draw_photo(painter, badge.photo, layout.photo, layout)
    _draw_qr(painter, badge.payload, layout.qr)
    if badge.name_latin:
        _draw_text(painter, badge.name, layout.name, INK)
        _draw_text(painter, badge.name_latin, layout.name_latin, INK)
    else:
        _draw_text(painter, badge.name, layout.name_alone, INK)
    _draw_text(painter, badge.organisation, layout.organisation, MUTED)
    _draw_text(painter, badge.code, layout.code, MUTED)
    painter.fillRect(_rect(_bled(layout.band, paper)), palette.strong)
    _draw_text(painter, badge.type_zh, layout.type_zh, palette.on_strong)
    _draw_text(painter, badge.type_en.upper(), layout.type_en, palette.on_strong)


def page_layout(paper: Paper) -> QPageLayout:
    """The paper, portrait, without margins: badges are designed to the edge."""
    size = QPageSize(
        QSizeF(paper.width_mm, paper.height_mm),
        QPageSize.Unit.Millimeter,
        paper.label_en,
        QPageSize.SizeMatchPolicy.ExactMatch,
    )
    return QPageLayout(
        size, QPageLayout.Orientation.Portrait, QMarginsF(0, 0, 0, 0), QPageLayout.Unit.Millimeter
    )


def _paint_pages(
    painter: QPainter,
    device: QPagedPaintDevice,
    badges: Sequence[BadgeView],
    paper: Paper,
    brand: Brand,
) -> None:
    # Scale from the device's own size, not its nominal resolution: a printer's page may be
    # a few dots off the paper's size, and the badge then still fills it.
    scale = min(device.width() / _u(paper.width_mm), device.height() / _u(paper.height_mm))
    for index, badge in enumerate(badges):
        if index and not device.newPage():
            raise RenderError("the printer refused a new page")
        painter.save()
        painter.scale(scale, scale)
        paint_badge(painter, badge, paper, brand)
        painter.restore()


def _pdf_writer(target: str | QIODevice) -> QPdfWriter:
    writer = QPdfWriter(target)
    writer.setResolution(PDF_RESOLUTION)
    writer.setCreator("Fair Desk")
    writer.setTitle("Badges")
    return writer


def render_badges(
    badges: Sequence[BadgeView],
    target: str | Path | QPagedPaintDevice,
    paper: Paper,
    *,
    brand: Brand = DEFAULT_BRAND,
) -> None:
    """One badge a page, onto a PDF file (a path) or a paint device (QPdfWriter, QPrinter)
    whose page this sets to `paper`."""
    if not badges:
        raise ValueError("no badge to render")
    if isinstance(target, (str, Path)):
        render_badges(badges, _pdf_writer(str(target)), paper, brand=brand)
        return
    if not target.setPageLayout(page_layout(paper)):
        raise RenderError(f"the target does not take {paper.label_en}")
    painter = QPainter()
    if not painter.begin(target):
        raise RenderError("could not start painting on the target")
    try:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        _paint_pages(painter, target, badges, paper, brand)
    finally:
        painter.end()


def render_pdf_bytes(
    badges: Sequence[BadgeView], paper: Paper, *, brand: Brand = DEFAULT_BRAND
) -> bytes:
    """The badges as a PDF document in memory (for the service, or an e-mail)."""
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    render_badges(badges, _pdf_writer(buffer), paper, brand=brand)  # ended: the file is whole
    return bytes(buffer.data().data())


def render_image(
    badge: BadgeView, paper: Paper, *, px_per_mm: float = 8.0, brand: Brand = DEFAULT_BRAND
) -> QImage:
    """The badge as an image (the preview), drawn by the same code as the printed one."""
    width, height = round(paper.width_mm * px_per_mm), round(paper.height_mm * px_per_mm)
    image = QImage(width, height, QImage.Format.Format_ARGB32_Premultiplied)
    image.setDotsPerMeterX(round(px_per_mm * 1000))
    image.setDotsPerMeterY(round(px_per_mm * 1000))
    image.fill(QColor("#ffffff"))
    painter = QPainter(image)
    try:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        scale = min(width / _u(paper.width_mm), height / _u(paper.height_mm))
        painter.scale(scale, scale)
        paint_badge(painter, badge, paper, brand)
    finally:
        painter.end()
    return image
