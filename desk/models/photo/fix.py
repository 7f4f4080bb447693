"""Auto-fix: crop, scale and re-encode a photo so it meets the rules it can meet.

Only geometry and encoding are changed. A wrong background, a blurred face or a second person
cannot be fixed by pixels honestly, so those answer with what to do instead.
"""

from __future__ import annotations

import io
from dataclasses import dataclass

import numpy as np
from PIL import Image

from desk.models.photo import imaging
from desk.models.photo import measures as m
from desk.models.photo.checks import check_photo
from desk.models.photo.decode import DecodeFailure, decode
from desk.models.photo.detector import FaceDetector, default_detector
from desk.models.photo.messages import BACKGROUND_HINT, BACKGROUND_SEEN_ZH
from desk.models.photo.report import FixResult, PhotoKind, PhotoReport
from desk.models.photo.rules import RULES, Rules

# Enlarging more than this visibly softens the face (photo-rules.md: "about 1.25").
MAX_UPSCALE = 1.25
PORTRAIT_FIXABLE = frozenset(
    {
        "file.format",
        "file.size",
        "file.orientation",
        "file.colour_mode",
        "file.dimensions",
        "head.size",
        "face.eye_distance",
    }
)
LICENCE_FIXABLE = frozenset({"file.format", "file.size", "file.orientation"})
# Badge JPEG settings tried in order until the file lands inside the size window: rising
# quality first (a clean portrait is only ~40 KB at quality 75), then 4:4:4 chroma, then
# falling quality for a busy photo that comes out too large.
_UP_LADDER = ((90, 2), (93, 2), (95, 2), (97, 2), (95, 0), (97, 0), (100, 0))
_DOWN_LADDER = ((85, 2), (80, 2), (75, 2), (70, 2), (60, 2), (50, 2))
# Aim inside the window, not on its edge.
_WINDOW_MARGIN = 0.03


@dataclass(frozen=True, slots=True)
class _Refusal:
    zh: str
    en: str


def auto_fix(
    data: bytes, kind: PhotoKind = "badge", *, detector: FaceDetector | None = None
) -> FixResult:
    """Fix `data` for `kind`, or say why it cannot be fixed and what to do instead."""
    detector = detector or default_detector()
    rules = RULES[kind]
    before = check_photo(data, kind, detector=detector)
    if before.ok:
        return FixResult(
            None, None, "照片已符合要求，无需修正", "The photo already passes; nothing to fix"
        )
    fixable = LICENCE_FIXABLE if kind == "licence" else PORTRAIT_FIXABLE
    blocking = [c for c in before.failures if c.code not in fixable]
    if blocking:
        # Every reason, most basic first (the order of the checks), so one retake fixes all.
        reasons = [_explain(c.code, before) for c in blocking]
        return FixResult(
            None, None, "；".join(r.zh for r in reasons), " ".join(r.en for r in reasons)
        )
    decoded = decode(data)
    if isinstance(decoded, DecodeFailure):  # decoded once already; kept for type safety
        return FixResult(None, None, "图片无法解码", "The picture cannot be decoded")
    rgb = np.ascontiguousarray(np.asarray(decoded.image))
    if kind == "licence":
        encoded: bytes | _Refusal = _licence_jpeg(rgb, rules)
    else:
        encoded = _portrait_jpeg(rgb, rules, before)
    if isinstance(encoded, _Refusal):
        return FixResult(None, None, encoded.zh, encoded.en)
    after = check_photo(encoded, kind, detector=detector)
    claimed = tuple(c.code for c in before.failures)
    return _verify(encoded, before, after, claimed)


def _verify(
    jpeg: bytes, before: PhotoReport, after: PhotoReport, claimed: tuple[str, ...]
) -> FixResult:
    """Keep the fix only if it passes what it claims to fix and breaks nothing that passed."""
    passed_before = {c.code for c in before.checks if c.ok}
    broken = [c.code for c in after.failures if c.code in claimed or c.code in passed_before]
    if broken:
        return FixResult(
            None,
            after,
            "自动修正后仍不合格（" + "、".join(broken) + "）：请重拍",
            "After auto-fix the photo still fails " + ", ".join(broken) + ": take it again",
        )
    return FixResult(jpeg, after, fixed=claimed)


def _explain(code: str, report: PhotoReport) -> _Refusal:
    check = report.get(code)
    hint_zh, hint_en = (check.hint_zh, check.hint_en) if check else ("请重拍", "Take it again")
    if code == "background.colour":
        seen = str(report.measures.get("background", {}).get("seen", "coloured"))
        zh, en = BACKGROUND_HINT.get(seen, BACKGROUND_HINT["coloured"])
        return _Refusal(
            f"背景{BACKGROUND_SEEN_ZH.get(seen, seen)}，无法自动修正：{zh}",
            f"The background ({seen}) cannot be fixed automatically: {en}.",
        )
    if code == "face.count":
        count = check.value if check else 0
        if count == 0:
            return _Refusal(
                "没有找到人脸，无法自动修正：正对镜头，露出整张脸后重拍",
                "No face was found, so nothing can be fixed: face the camera and take it again.",
            )
        return _Refusal(
            "照片里不止一个人，无法自动修正：每人单独拍一张",
            "More than one person is in the photo: take one photo per person.",
        )
    if code == "head.crown":
        return _Refusal(
            "头顶被截掉，无法补回：" + hint_zh,
            "The top of the head is cut off and cannot be restored: " + hint_en + ".",
        )
    text_zh = check.message_zh if check else code
    text_en = check.message_en if check else code
    return _Refusal(
        f"无法自动修正：{text_zh}。{hint_zh}",
        f"Cannot be fixed automatically: {text_en}. {hint_en}.",
    )


# --- portrait ---------------------------------------------------------------------------------


def _portrait_jpeg(rgb: np.ndarray, rules: Rules, before: PhotoReport) -> bytes | _Refusal:
    head = before.measures.get("head")
    faces = before.measures.get("faces") or []
    if not head or not faces or rules.dimensions is None:
        return _Refusal("无法测量头部位置：请重拍", "The head could not be measured: take it again")
    out_w, out_h = rules.dimensions
    crown, chin = float(head["crown"]), float(head["chin"])
    centre = float(head["centre_x"])
    k = rules.fix_ratio * out_h / max(1.0, chin - crown)
    if k > MAX_UPSCALE:
        return _Refusal(
            f"头部太小，需要放大 {k:.2f} 倍（上限 {MAX_UPSCALE}），会变模糊："
            "靠近镜头或用相机最高分辨率",
            f"The head is too small: it would need enlarging {k:.2f}x (at most {MAX_UPSCALE}) and "
            "would blur. Move closer, or use the camera's full resolution",
        )
    src_w, src_h = out_w / k, out_h / k
    x0 = round(centre - src_w / 2)
    y0 = round(crown - rules.fix_crown * out_h / k)
    x1, y1 = round(x0 + src_w), round(y0 + src_h)
    crop = _padded_crop(rgb, x0, y0, x1, y1)
    shrink = crop.shape[1] > out_w
    # Pillow's C resampling: the repaired photo is checked again anyway, so it need not
    # match the checks' own resizing to the pixel, and this is the costly step of a repair.
    method = Image.Resampling.BOX if shrink else Image.Resampling.LANCZOS
    image = Image.fromarray(crop).resize((out_w, out_h), method)
    if rules.min_bytes is None and rules.max_bytes is None:
        return _encode(image, 92, 2, dpi=(300, 300))
    return _fit_window(image, rules.min_bytes or 0, rules.max_bytes or 1 << 40)


def _padded_crop(rgb: np.ndarray, x0: int, y0: int, x1: int, y1: int) -> np.ndarray:
    """rgb[y0:y1, x0:x1], padded where the window leaves the photo.

    A side whose edge is background is padded with the background colour; a side the person
    runs into (shoulders at the bottom) repeats its edge, so the body does not end in a band.
    """
    h, w = rgb.shape[:2]
    pads = {
        "top": max(0, -y0),
        "bottom": max(0, y1 - h),
        "left": max(0, -x0),
        "right": max(0, x1 - w),
    }
    if any(pads.values()):
        colour, edge_is_background = _edge_background(rgb)
        rep = {s: (p if not edge_is_background[s] else 0) for s, p in pads.items()}
        const = {s: (p if edge_is_background[s] else 0) for s, p in pads.items()}
        if any(rep.values()):
            rgb = imaging.pad(rgb, rep["top"], rep["bottom"], rep["left"], rep["right"])
        if any(const.values()):
            rgb = imaging.pad(
                rgb, const["top"], const["bottom"], const["left"], const["right"], colour
            )
        x0, x1 = x0 + pads["left"], x1 + pads["left"]
        y0, y1 = y0 + pads["top"], y1 + pads["top"]
    return np.ascontiguousarray(rgb[y0:y1, x0:x1])


def _edge_background(rgb: np.ndarray) -> tuple[tuple[int, int, int], dict[str, bool]]:
    """The background colour (median of the top rows) and which edges are mostly that colour."""
    h, w = rgb.shape[:2]
    depth = max(1, round(h * m.STRIP_FRACTION))
    skip = min(m.STRIP_SKIP, h // 8, w // 8)
    top = rgb[skip : skip + depth, skip : max(skip + 1, w - skip)].reshape(-1, 3)
    colour = np.median(top, axis=0).astype(np.uint8)
    lab_colour = imaging.rgb_to_lab(colour.reshape(1, 1, 3))
    edges = {"top": rgb[0], "bottom": rgb[-1], "left": rgb[:, 0], "right": rgb[:, -1]}
    result = {}
    for side, line in edges.items():
        lab = imaging.rgb_to_lab(line.reshape(1, -1, 3))
        distance = np.sqrt(((lab - lab_colour) ** 2).sum(axis=2))
        result[side] = bool((distance < m.NEAR_BACKGROUND_DE).mean() >= 0.9)
    return (int(colour[0]), int(colour[1]), int(colour[2])), result


def _encode(image: Image.Image, quality: int, subsampling: int, **extra: object) -> bytes:
    out = io.BytesIO()
    # No exif argument: the pixels are upright and the file carries no orientation tag.
    image.save(out, "JPEG", quality=quality, subsampling=subsampling, **extra)
    return out.getvalue()


def _fit_window(image: Image.Image, low: int, high: int) -> bytes | _Refusal:
    lo, hi = low * (1 + _WINDOW_MARGIN), high * (1 - _WINDOW_MARGIN)
    first = _encode(image, *_UP_LADDER[0])
    ladder = _UP_LADDER[1:] if len(first) < lo else _DOWN_LADDER
    best = first
    for quality, subsampling in ladder:
        if lo <= len(best) <= hi:
            return best
        best = _encode(image, quality, subsampling)
    if low <= len(best) <= high:
        return best
    return _Refusal(
        f"无法把文件大小调到 {low // 1000}–{high // 1000} KB 之间",
        f"The file size cannot be brought into {low // 1000}-{high // 1000} KB",
    )


# --- licence ----------------------------------------------------------------------------------

_LICENCE_MAX_SIDE = 2400


def _licence_jpeg(rgb: np.ndarray, rules: Rules) -> bytes | _Refusal:
    image = Image.fromarray(rgb)
    limit = rules.max_bytes or 1 << 40
    if max(image.size) > _LICENCE_MAX_SIDE:
        image.thumbnail((_LICENCE_MAX_SIDE, _LICENCE_MAX_SIDE), Image.Resampling.LANCZOS)
    while True:
        for quality in (90, 85, 80, 75, 70, 60, 50):
            data = _encode(image, quality, 2)
            if len(data) <= limit * (1 - _WINDOW_MARGIN):
                return data
        smaller = round(max(image.size) * 0.8)
        if smaller < max(rules.min_long_side, 64):
            return _Refusal(
                "无法在保持可读的前提下压到 300 KB 以内：请用黑白或灰度模式重新扫描",
                "It cannot be brought under 300 KB and stay legible: "
                "scan it again in black and white or greyscale",
            )
        image.thumbnail((smaller, smaller), Image.Resampling.LANCZOS)
