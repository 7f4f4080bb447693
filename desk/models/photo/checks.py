"""The photo rules per kind: bytes in, a `PhotoReport` with every check out.

Deterministic and safe with hostile input: decoding failures become checks, and nothing here
depends on the clock, the file name or global state.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from desk.models.photo import face_measures as fm
from desk.models.photo import imaging
from desk.models.photo import measures as m
from desk.models.photo.decode import Decoded, DecodeFailure, decode
from desk.models.photo.detector import Face, FaceDetector, default_detector
from desk.models.photo.file_checks import file_checks, licence_checks
from desk.models.photo.messages import (
    BACKGROUND_HINT,
    BACKGROUND_SEEN_ZH,
    check,
    decode_check,
    pct,
)
from desk.models.photo.report import Check, PhotoKind, PhotoReport
from desk.models.photo.rules import (
    BORDER_SIDES,
    CROWN_MARGIN_PX,
    CUT_TOP_SHARE,
    MAX_CLIPPED,
    MAX_ROLL_DEGREES,
    MAX_STRIP_DELTA_E,
    MAX_STRIP_SPREAD,
    MAX_YAW_PROXY,
    MIN_BALANCE,
    MIN_ENTROPY_BITS,
    MIN_FACE_CONFIDENCE,
    MIN_STRIP_SHARE,
    RULES,
    Rules,
)

# Photos are measured at most this large (long side); pixel thresholds are converted back.
WORK_LONG_SIDE = 1600
# Below this the pixel rules have nothing to look at (the dimension rule already fails).
MIN_MEASURABLE_SIDE = 32
HEAD_CODES = ("head.size", "head.crown")
FACE_CODES = (
    "face.roll",
    "face.yaw",
    "face.eye_distance",
    *HEAD_CODES,
    "face.sharpness",
    "exposure.clipped",
    "exposure.dynamic_range",
    "exposure.balance",
)


def check_photo(
    data: bytes, kind: PhotoKind = "badge", *, detector: FaceDetector | None = None
) -> PhotoReport:
    """Run every rule of `kind` on the file's bytes. Never raises for bad bytes."""
    if kind not in RULES:
        raise ValueError(f"unknown photo kind {kind!r}; expected one of {sorted(RULES)}")
    rules = RULES[kind]
    report = PhotoReport(kind=kind)
    report.measures["bytes"] = len(data)
    decoded = decode(data, max_long_side=WORK_LONG_SIDE)
    if isinstance(decoded, DecodeFailure):
        report.checks.append(decode_check(decoded))
        report.measures["decode_error"] = decoded.detail
        return report
    report.measures.update(
        format=decoded.format,
        mode=decoded.mode,
        width=decoded.size[0],
        height=decoded.size[1],
        orientation=decoded.orientation,
        dpi=list(decoded.dpi) if decoded.dpi else None,
    )
    report.checks.extend(file_checks(decoded, rules))
    if not rules.face:
        report.checks.extend(licence_checks(decoded, rules, report.measures))
        return report
    try:
        _pixel_checks(decoded, rules, detector or default_detector(), report)
    except Exception as exc:  # noqa: BLE001 - a service must answer every upload
        report.checks.append(
            Check(
                "analysis.error",
                False,
                f"{type(exc).__name__}: {exc}"[:200],
                "照片无法分析",
                "The photo could not be analysed",
                "另存为 JPEG 后重试",
                "Save it as JPEG and try again",
            )
        )
    return report


def _work(d: Decoded) -> m.Work:
    rgb = np.asarray(d.image)
    scale = d.scale
    long_side = max(rgb.shape[:2])
    if long_side > WORK_LONG_SIDE:
        f = WORK_LONG_SIDE / long_side
        size = (max(1, round(rgb.shape[1] * f)), max(1, round(rgb.shape[0] * f)))
        rgb = imaging.resize(rgb, size, "area")
        scale *= f
    return m.make_work(np.ascontiguousarray(rgb), scale)


def _pixel_checks(d: Decoded, rules: Rules, detector: FaceDetector, report: PhotoReport) -> None:
    measures = report.measures
    if min(d.size) < MIN_MEASURABLE_SIDE:
        report.checks.append(_face_count_check([], too_small=True))
        measures["not_measured"] = [
            "background.colour",
            "background.border",
            "background.spots",
            *FACE_CODES,
        ]
        return
    work = _work(d)
    reg = m.regions(work)
    border = m.border_sides(work)
    faces = [f for f in detector.detect(work.rgb) if f.confidence >= MIN_FACE_CONFIDENCE]
    measures["faces"] = [f.scaled(1 / work.scale).as_json() for f in faces]
    subject = max(faces, key=lambda f: f.box[2] * f.box[3]) if faces else None
    head = fm.head(work, reg, subject, frame_top=border.get("top", 0)) if subject else None
    head_box = None
    if head is not None:
        margin = 0.02 * work.width
        head_box = (
            head.left - margin,
            head.crown - margin,
            head.right + margin,
            head.chin + margin,
        )
    background = _background_check(work, rules, measures, head_box)
    report.checks.append(background)
    report.checks.append(_border_check(border, work, measures))
    # The head outline and the spots are found against the background colour: behind a
    # busy background (an office, a flag) they would be guesses, so they are not reported.
    busy = measures["background"]["seen"] == "uneven"
    not_measured: list[str] = []
    if busy:
        not_measured.append("background.spots")
    else:
        report.checks.append(_spots_check(m.spots(work, reg, face=subject), measures))
    report.checks.append(_face_count_check(faces))
    if subject is None or head is None:
        not_measured.extend(FACE_CODES)
    else:
        checks = _face_checks(work, rules, subject, head, measures)
        if busy:
            checks = [c for c in checks if c.code not in HEAD_CODES]
            not_measured.extend(HEAD_CODES)
            measures.pop("head", None)
        report.checks.extend(checks)
    if not_measured:
        measures["not_measured"] = not_measured


def _background_check(
    work: m.Work,
    rules: Rules,
    measures: dict[str, Any],
    head_box: tuple[float, float, float, float] | None,
) -> Check:
    stats = m.strip_stats(work, head_box)
    spread = m.max_mean_spread(stats)
    uneven = spread > MAX_STRIP_DELTA_E or any(s.l_spread > MAX_STRIP_SPREAD for s in stats)
    mean = np.mean([s.mean for s in stats], axis=0) if stats else np.zeros(3)
    chroma = float(np.hypot(mean[1], mean[2]))
    if uneven:
        seen = "uneven"
    elif stats and all(s.white >= MIN_STRIP_SHARE for s in stats):
        seen = "white"
    elif stats and all(s.blue >= MIN_STRIP_SHARE for s in stats):
        seen = "blue"
    elif chroma <= 8.0 and min((s.mean[0] for s in stats), default=0.0) < 92.0:
        seen = "grey"
    elif chroma <= 8.0:
        seen = "covered"  # light and neutral, but something stands in front of the screen
    else:
        seen = "coloured"
    value: dict[str, Any] = {
        "seen": seen,
        "lab": [round(float(v), 1) for v in mean],
        "white_share": {s.name: round(s.white, 3) for s in stats},
        "l_spread": {s.name: round(s.l_spread, 1) for s in stats},
        "strip_delta_e": round(spread, 1),
    }
    if "blue" in rules.backgrounds:
        value["blue_share"] = {s.name: round(s.blue, 3) for s in stats}
    measures["background"] = value
    hint = BACKGROUND_HINT[seen]
    if rules.backgrounds == ("white", "blue") and seen in ("coloured", "grey"):
        hint = ("使用白色或蓝色背景布", "Use the white or the blue screen")
    allowed_zh = "或".join(BACKGROUND_SEEN_ZH[b] for b in rules.backgrounds)
    return check(
        "background.colour",
        seen in rules.backgrounds,
        value,
        (
            f"背景{BACKGROUND_SEEN_ZH[seen]}（须为{allowed_zh}）",
            f"Background {seen} ({' or '.join(rules.backgrounds)} required)",
        ),
        hint,
    )


def _border_check(border: dict[str, int], work: m.Work, measures: dict[str, Any]) -> Check:
    sides = sorted(border)
    measures["border_sides"] = sides
    if "top" in border:
        measures["frame_top"] = round(border["top"] / work.scale, 1)
    framed = len(sides) >= BORDER_SIDES
    return check(
        "background.border",
        not framed,
        sides,
        (
            (f"照片有边框（{len(sides)} 条边）", f"The photo has a frame ({len(sides)} sides)")
            if framed
            else ("无边框", "No frame")
        ),
        ("用没有边框的原始照片", "Use the original photo, without the frame"),
    )


def _spots_check(found: list[dict[str, int]], measures: dict[str, Any]) -> Check:
    measures["spots"] = found[:20]
    return check(
        "background.spots",
        not found,
        len(found),
        (
            (f"背景上有 {len(found)} 个斑点", f"{len(found)} spot(s) on the background")
            if found
            else ("背景无斑点", "No spots on the background")
        ),
        ("清洁背景布和镜头后重拍", "Clean the screen and the lens, then take the photo again"),
    )


def _face_count_check(faces: list[Face], *, too_small: bool = False) -> Check:
    n = len(faces)
    hint = ("", "")
    if n == 1:
        text = (
            f"一张人脸（置信度 {faces[0].confidence:.2f}）",
            f"One face (confidence {faces[0].confidence:.2f})",
        )
    elif n == 0:
        text = (
            ("图片太小，无法找人脸", "The picture is too small to find a face")
            if too_small
            else ("没有找到人脸", "No face found")
        )
        hint = (
            "正对镜头，露出整张脸，再拍一次",
            "Face the camera with the whole face showing and take it again",
        )
    else:
        text = (f"找到 {n} 张人脸", f"{n} faces found")
        hint = ("一张照片只能有一个人", "Only one person may be in the photo")
    return check("face.count", n == 1, n, text, hint)


def _face_checks(
    work: m.Work, rules: Rules, face: Face, head: fm.Head, measures: dict[str, Any]
) -> list[Check]:
    back = 1.0 / work.scale
    eyes = fm.eyes(work, face)
    eye_px = eyes.distance * back
    ratio = head.height / work.height
    area = max(0.0, head.height) * max(0.0, head.width) / (work.height * work.width)
    crown_px = head.crown * back
    sharp = fm.sharpness(work, face, width=rules.sharpness_width)
    light = fm.light(work, face)
    measures["head"] = {
        "crown": round(crown_px, 1),
        "chin": round(head.chin * back, 1),
        "left": round(head.left * back, 1),
        "right": round(head.right * back, 1),
        "centre_x": round(fm.face_centre_x(face) * back, 1),
        "top_edge_share": round(head.top_share, 3),
        "crown_chin_ratio": round(ratio, 3),
        "head_area_ratio": round(area, 3),
    }
    measures["eyes"] = {
        "distance": round(eye_px, 1),
        "roll": round(eyes.roll, 1),
        "yaw": round(eyes.yaw, 3),
        "roll_matched": eyes.matched,
    }
    measures["sharpness"] = round(sharp, 1)
    measures["light"] = {
        "mean_l": round(light.mean_l, 1),
        "clipped": round(light.clipped, 4),
        "range_l": round(light.range_l, 1),
        "entropy": round(light.entropy, 2),
        "balance": round(light.balance, 3),
        "overlap": round(light.overlap, 3),
    }
    # Cut off: the crown on the top edge (inside a frame, if any), or the head running off
    # it (a white cap or white hair can hide the crown row itself).
    frame_px = float(measures.get("frame_top", 0.0))
    cut = crown_px - frame_px <= CROWN_MARGIN_PX or head.top_share >= CUT_TOP_SHARE
    low, high = rules.head_ratio
    if ratio < low:
        size_hint = ("靠近镜头，或用自动修正放大", "Move closer to the camera, or use auto-fix")
    else:
        size_hint = ("退后一步，或用自动修正", "Step back from the camera, or use auto-fix")
    roll = abs(eyes.roll)
    return [
        check(
            "face.roll",
            roll <= MAX_ROLL_DEGREES,
            round(eyes.roll, 1),
            (
                f"双眼连线倾斜 {roll:.1f}°（上限 {MAX_ROLL_DEGREES:.0f}°）",
                f"Eye line tilted {roll:.1f} degrees (at most {MAX_ROLL_DEGREES:.0f})",
            ),
            ("请把头摆正", "Ask the person to hold the head straight"),
        ),
        check(
            "face.yaw",
            eyes.yaw <= MAX_YAW_PROXY,
            round(eyes.yaw, 3),
            (
                f"脸部左右偏转 {eyes.yaw:.2f}（上限 {MAX_YAW_PROXY:.2f}）",
                f"Face turned sideways {eyes.yaw:.2f} (at most {MAX_YAW_PROXY:.2f})",
            ),
            ("请正对镜头", "Ask the person to face the camera squarely"),
        ),
        check(
            "face.eye_distance",
            eye_px >= rules.min_eye_distance,
            round(eye_px, 1),
            (
                f"两眼间距 {eye_px:.0f} 像素（至少 {rules.min_eye_distance:.0f}）",
                f"Eye distance {eye_px:.0f} px (at least {rules.min_eye_distance:.0f})",
            ),
            ("靠近镜头，或用相机的最高分辨率", "Move closer, or use the camera's full resolution"),
        ),
        check(
            "head.size",
            low <= ratio <= high,
            {"crown_chin_ratio": round(ratio, 3), "head_area_ratio": round(area, 3)},
            (
                f"头顶到下巴占高度 {pct(ratio)}（须 {pct(low)}–{pct(high)}）",
                f"Crown to chin is {pct(ratio)} of the height ({pct(low)}-{pct(high)} required)",
            ),
            size_hint,
        ),
        check(
            "head.crown",
            not cut,
            round(crown_px, 1),
            (
                ("头顶被截掉了", "The top of the head is cut off")
                if cut
                else (f"头顶上方留白 {crown_px:.0f} 像素", f"{crown_px:.0f} px above the crown")
            ),
            (
                "把取景框上移，头顶上方留出空白后重拍",
                "Aim higher so there is space above the head, and take it again",
            ),
        ),
        check(
            "face.sharpness",
            sharp >= rules.min_sharpness,
            round(sharp, 1),
            (
                f"脸部清晰度 {sharp:.0f}（至少 {rules.min_sharpness:.0f}）",
                f"Face sharpness {sharp:.0f} (at least {rules.min_sharpness:.0f})",
            ),
            (
                "对焦到脸上，保持不动，光线充足时重拍",
                "Focus on the face, hold still, add light, and take it again",
            ),
        ),
        check(
            "exposure.clipped",
            light.clipped <= MAX_CLIPPED,
            round(light.clipped, 4),
            (
                f"脸部过曝或死黑的像素 {pct(light.clipped)}（上限 {pct(MAX_CLIPPED)}）",
                f"{pct(light.clipped)} of the face burnt out or black (at most {pct(MAX_CLIPPED)})",
            ),
            ("减弱灯光或降低曝光后重拍", "Dim the light or lower the exposure, and take it again"),
        ),
        check(
            "exposure.dynamic_range",
            light.entropy >= MIN_ENTROPY_BITS,
            round(light.entropy, 2),
            (
                f"脸部明暗层次 {light.entropy:.1f} bit（至少 {MIN_ENTROPY_BITS:.1f}）",
                f"Face tonal range {light.entropy:.1f} bits (at least {MIN_ENTROPY_BITS:.1f})",
            ),
            (
                "脸部太暗或发灰：加强正面照明后重拍",
                "The face is dark or flat: add light from the front and take it again",
            ),
        ),
        check(
            "exposure.balance",
            light.balance >= MIN_BALANCE,
            round(light.balance, 3),
            (
                f"脸部左右亮度比 {light.balance:.2f}（至少 {MIN_BALANCE:.2f}）",
                f"Face light, darker side to lighter side {light.balance:.2f} "
                f"(at least {MIN_BALANCE:.2f})",
            ),
            ("避免侧光：从正面均匀照明", "Avoid side light: light the face evenly from the front"),
        ),
    ]
