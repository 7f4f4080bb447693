"""Rules about the file itself (format, size, orientation, colour mode, dimensions) and the
licence scan rules: everything that needs no face."""

from __future__ import annotations

from typing import Any

import numpy as np
from PIL import Image

from desk.models.photo.decode import Decoded
from desk.models.photo.messages import check, kb
from desk.models.photo.report import Check
from desk.models.photo.rules import Rules

# A scan whose darkest and lightest 2% differ by less than this is blank paper or a closed lid.
MIN_CONTENT_RANGE = 60.0


def file_checks(d: Decoded, rules: Rules) -> list[Check]:
    out = [_format(d, rules)]
    if rules.min_bytes is not None or rules.max_bytes is not None:
        out.append(_size(d, rules))
    out.append(_orientation(d))
    if rules.colour_modes is not None:
        out.append(
            check(
                "file.colour_mode",
                d.mode in rules.colour_modes,
                d.mode,
                (
                    f"色彩模式 {d.mode}（须为 RGB 或灰度）",
                    f"Colour mode {d.mode} (RGB or greyscale required)",
                ),
                ("另存为 RGB 的 JPEG，或用自动修正", "Save it as an RGB JPEG, or use auto-fix"),
            )
        )
    if rules.dimensions is not None:
        w, h = rules.dimensions
        out.append(
            check(
                "file.dimensions",
                d.size == (w, h),
                [d.size[0], d.size[1]],
                (
                    f"尺寸 {d.size[0]}×{d.size[1]}（须为 {w}×{h}，宽×高）",
                    f"Size {d.size[0]}x{d.size[1]} ({w}x{h} required, width x height)",
                ),
                ("用自动修正裁切缩放", "Use auto-fix to crop and scale"),
            )
        )
    return out


def _format(d: Decoded, rules: Rules) -> Check:
    # Judged by the magic bytes, whatever the file is called: a PNG named .jpg fails here.
    wanted = " / ".join(sorted(f.upper() for f in rules.formats))
    return check(
        "file.format",
        d.magic in rules.formats,
        d.format,
        (f"格式 {d.format}（须为 {wanted}）", f"Format {d.format} ({wanted} required)"),
        (f"另存为 {wanted}，或用自动修正", f"Save it as {wanted}, or use auto-fix"),
    )


def _size(d: Decoded, rules: Rules) -> Check:
    low, high = rules.min_bytes or 0, rules.max_bytes
    ok = d.byte_count >= low and (high is None or d.byte_count <= high)
    if low and high:
        window = (f"{kb(low)}–{kb(high)}", f"{kb(low)}-{kb(high)}")
    else:
        window = (f"不超过 {kb(high or 0)}", f"at most {kb(high or 0)}")
    if d.byte_count < low:
        hint = (
            "用更高的 JPEG 质量保存，或用自动修正",
            "Save at a higher JPEG quality, or use auto-fix",
        )
    else:
        hint = (
            "用较低的 JPEG 质量保存，或用自动修正",
            "Save at a lower JPEG quality, or use auto-fix",
        )
    return check(
        "file.size",
        ok,
        d.byte_count,
        (
            f"文件大小 {kb(d.byte_count)}（须 {window[0]}）",
            f"File size {kb(d.byte_count)} ({window[1]} required)",
        ),
        hint,
    )


def _orientation(d: Decoded) -> Check:
    if d.orientation == 1:
        text = ("像素方向正常，无旋转标记", "Pixels upright, no rotation tag")
    else:
        text = (
            f"EXIF 方向标记为 {d.orientation}：像素未转正",
            f"EXIF orientation tag {d.orientation}: the pixels are stored turned",
        )
    return check(
        "file.orientation",
        d.orientation == 1,
        d.orientation,
        text,
        (
            "用自动修正把像素转正并去掉标记",
            "Use auto-fix: it turns the pixels upright and drops the tag",
        ),
    )


def licence_checks(d: Decoded, rules: Rules, measures: dict[str, Any]) -> list[Check]:
    """What can be measured on a licence scan: resolution and that it shows something.

    Whether it is the right way up, complete, legible and unmarked needs reading the text;
    those are the operator's checks (`manual_checks("licence")`).
    """
    long_side = max(d.size)
    preview = d.image.convert("L")
    if max(preview.size) > 800:
        preview = preview.copy()
        preview.thumbnail((800, 800), Image.Resampling.BILINEAR)
    low, high = (float(v) for v in np.percentile(np.asarray(preview), [2, 98]))
    content = high - low
    measures["grey_range"] = round(content, 1)
    return [
        check(
            "licence.resolution",
            long_side >= rules.min_long_side,
            long_side,
            (
                f"长边 {long_side} 像素（至少 {rules.min_long_side}）",
                f"Long side {long_side} px (at least {rules.min_long_side})",
            ),
            ("用 150 dpi 以上重新扫描", "Scan it again at 150 dpi or more"),
        ),
        check(
            "licence.content",
            content >= MIN_CONTENT_RANGE,
            round(content, 1),
            (
                ("图片有内容", "The picture shows content")
                if content >= MIN_CONTENT_RANGE
                else ("图片几乎是一片空白或全黑", "The picture is almost blank or black")
            ),
            (
                "检查扫描仪盖板和原件位置后重新扫描",
                "Check the scanner lid and the page, then scan again",
            ),
        ),
    ]
