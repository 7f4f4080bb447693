"""Pixel measures of the face and head: crown and chin, eye line, sharpness, light.

All in working pixels (see `measures.Work`); `checks.py` converts them back to the photo's
own pixels and judges them.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from desk.models.photo import imaging
from desk.models.photo.detector import Face
from desk.models.photo.measures import CHIN_AT_BOX_HEIGHT, Regions, Work

# Crown: the first row above the face where this share of a face-wide band is foreground.
CROWN_BAND_FOREGROUND = 0.30


@dataclass(frozen=True, slots=True)
class Head:
    """Crown, chin and the widest head extent, in working pixels."""

    crown: float
    chin: float
    left: float
    right: float
    top_share: float  # foreground share of the face-wide band on the top three rows

    @property
    def height(self) -> float:
        return self.chin - self.crown

    @property
    def width(self) -> float:
        return self.right - self.left


def head(work: Work, reg: Regions, face: Face, *, frame_top: int = 0) -> Head:
    """Crown, chin and head width. `frame_top` rows at the top belong to a frame, not the
    photo: the crown is looked for below them."""
    # Only the piece of foreground the face belongs to: a frame or an object at the edge is
    # not the crown.
    label = reg.person_label(face)
    fg = reg.parts == label if label else ~reg.background
    x, y, w, h = face.box
    centre = face_centre_x(face)
    chin = y + CHIN_AT_BOX_HEIGHT * h
    top = int(np.clip(round(y), 0, work.height))
    left = int(np.clip(round(centre - w / 2), 0, work.width - 1))
    right = int(np.clip(round(centre + w / 2), left + 1, work.width))
    crown = float(top)
    start = int(np.clip(frame_top, 0, max(0, top - 1)))
    edge = fg[start : start + 3, left:right]
    top_share = float(edge.mean()) if edge.size else 0.0
    if top > start:
        share = fg[start:top, left:right].mean(axis=1)
        rows = np.flatnonzero(share >= CROWN_BAND_FOREGROUND)
        if rows.size:
            crown = float(rows[0] + start)
    # Widest extent from the crown down to the mouth: below it the shoulders may join in.
    mouth = (face.landmarks[3][1] + face.landmarks[4][1]) / 2
    r0 = int(np.clip(round(crown), 0, work.height - 1))
    r1 = int(np.clip(round(mouth), r0 + 1, work.height))
    cx = int(np.clip(round(centre), 0, work.width - 1))
    band = fg[r0:r1]
    leftward = band[:, : cx + 1][:, ::-1]
    rightward = band[:, cx:]
    run_left = np.where(leftward.all(axis=1), leftward.shape[1], np.argmin(leftward, axis=1))
    run_right = np.where(rightward.all(axis=1), rightward.shape[1], np.argmin(rightward, axis=1))
    head_left = float(cx - run_left.max()) + 1 if run_left.size else x
    head_right = float(cx + run_right.max()) if run_right.size else x + w
    return Head(
        crown=crown,
        chin=float(chin),
        left=min(head_left, x),
        right=max(head_right, x + w),
        top_share=top_share,
    )


def face_centre_x(face: Face) -> float:
    x, _, w, _ = face.box
    return x + w / 2


@dataclass(frozen=True, slots=True)
class Eyes:
    distance: float  # px between the eye landmarks
    roll: float  # degrees the eye line is tilted, positive when the picture's right eye is lower
    yaw: float  # nose tip off the eye midpoint along the eye line, as a share of `distance`
    matched: bool  # the roll was refined by matching one eye against the other's mirror image


# The detector's eye landmarks wander by up to 5 degrees on a level face; matching one eye
# against the other's mirror image (eyes are mirror images of each other, with or without
# glasses, and stay so when the head turns) measured within 1.5 degrees of the truth.
_EYE_SPAN = 64  # px between the eyes after normalising
_MIN_EYE_MATCH = 0.5


def eyes(work: Work, face: Face) -> Eyes:
    (lx, ly), (rx, ry), (nx, ny) = face.landmarks[0], face.landmarks[1], face.landmarks[2]
    distance = float(np.hypot(rx - lx, ry - ly))
    if distance < 4.0:
        return Eyes(distance, 0.0, 1.0, False)
    coarse = float(np.degrees(np.arctan2(ry - ly, rx - lx)))
    refined = _mirror_roll(work.grey, (lx + rx) / 2, (ly + ry) / 2, distance, coarse)
    roll = coarse if refined is None else refined
    ux, uy = np.cos(np.radians(roll)), np.sin(np.radians(roll))
    along = (nx - (lx + rx) / 2) * ux + (ny - (ly + ry) / 2) * uy
    return Eyes(distance, roll, float(abs(along) / distance), refined is not None)


def _mirror_roll(
    grey: np.ndarray, mx: float, my: float, distance: float, coarse: float
) -> float | None:
    span = _EYE_SPAN
    width, height = 2 * span, span
    matrix = imaging.rotation_matrix((mx, my), coarse, span / distance)
    matrix[0, 2] += width / 2 - mx
    matrix[1, 2] += height / 2 - my
    level = imaging.warp_affine(grey, matrix, (width, height))
    tw, th = span // 2, int(0.3 * span) // 2 * 2
    left_x, mid_y = width // 2 - span // 2, height // 2
    template = level[mid_y - th // 2 : mid_y + th // 2, left_x - tw // 2 : left_x + tw // 2][
        :, ::-1
    ]
    reach = span // 4
    right_x = width // 2 + span // 2
    area = level[
        mid_y - th // 2 - reach : mid_y + th // 2 + reach,
        right_x - tw // 2 - reach : right_x + tw // 2 + reach,
    ]
    if template.std() < 2.0 or area.std() < 2.0:
        return None  # a flat patch (no eye there) matches anything
    scores = imaging.match_template(area, template)
    by, bx = (int(v) for v in np.unravel_index(int(np.argmax(scores)), scores.shape))
    best = float(scores[by, bx])
    if best < _MIN_EYE_MATCH:
        return None
    dy = by + _peak_offset(scores[:, bx], by) - reach
    dx = span + bx + _peak_offset(scores[by, :], bx) - reach
    return coarse + float(np.degrees(np.arctan2(dy, dx)))


def _peak_offset(line: np.ndarray, i: int) -> float:
    """Sub-pixel position of a peak from its neighbours (a parabola through three points)."""
    if i <= 0 or i >= len(line) - 1:
        return 0.0
    a, b, c = float(line[i - 1]), float(line[i]), float(line[i + 1])
    den = a - 2 * b + c
    return 0.5 * (a - c) / den if abs(den) > 1e-9 else 0.0


# --- sharpness and light ----------------------------------------------------------------------


def _box_slice(work: Work, box: tuple[float, float, float, float]) -> tuple[slice, slice] | None:
    x, y, w, h = box
    x0, y0 = int(max(0, round(x))), int(max(0, round(y)))
    x1, y1 = int(min(work.width, round(x + w))), int(min(work.height, round(y + h)))
    if x1 - x0 < 4 or y1 - y0 < 4:
        return None
    return slice(y0, y1), slice(x0, x1)


def sharpness(work: Work, face: Face, *, width: int) -> float:
    """Variance of the Laplacian of the face box resized to `width` px wide."""
    cut = _box_slice(work, face.box)
    if cut is None:
        return 0.0
    patch = work.grey[cut]
    height = max(1, round(patch.shape[0] * width / patch.shape[1]))
    shrink = patch.shape[1] > width
    resized = imaging.resize(patch, (width, height), "area" if shrink else "linear")
    return imaging.laplacian_variance(resized)


@dataclass(frozen=True, slots=True)
class Light:
    mean_l: float  # mean L* of the inner face
    clipped: float  # share of inner-face pixels burnt out or crushed black
    range_l: float  # L* between the 2nd and 98th percentile
    entropy: float  # bits, of the grey histogram of the inner face
    balance: float  # median L* of the darker half / of the lighter half, 0..1
    overlap: float  # intersection of the halves' L* histograms, 0..1 (reported, not judged)


def light(work: Work, face: Face) -> Light:
    """Exposure of the inner face (the box without its outer fifth: eyes, nose, mouth, cheeks)."""
    x, y, w, h = face.box
    inner = (x + 0.2 * w, y + 0.2 * h, 0.6 * w, 0.65 * h)
    cut = _box_slice(work, inner)
    if cut is None:
        return Light(0.0, 1.0, 0.0, 0.0, 0.0, 0.0)
    lightness = work.lab[cut][:, :, 0]
    grey = work.grey[cut]
    clipped = float(((grey >= 250) | (grey <= 5)).mean())
    low, high = np.percentile(lightness, [2, 98])
    counts = np.bincount(grey.ravel(), minlength=256).astype(np.float64)
    p = counts[counts > 0] / counts.sum()
    entropy = float(-(p * np.log2(p)).sum())
    # Split at the eye midpoint, not the box centre: the box drifts with the hair.
    mid = int(round((face.landmarks[0][0] + face.landmarks[1][0]) / 2 - cut[1].start))
    mid = int(np.clip(mid, 1, lightness.shape[1] - 1))
    left, right = lightness[:, :mid], lightness[:, mid:]
    left_median, right_median = float(np.median(left)), float(np.median(right))
    balance = min(left_median, right_median) / max(left_median, right_median, 1e-6)
    bins = np.linspace(0.0, 100.0, 33)
    left_hist = np.histogram(left, bins=bins)[0] / max(1, left.size)
    right_hist = np.histogram(right, bins=bins)[0] / max(1, right.size)
    overlap = float(np.minimum(left_hist, right_hist).sum())
    return Light(
        mean_l=float(lightness.mean()),
        clipped=clipped,
        range_l=float(high - low),
        entropy=entropy,
        balance=balance,
        overlap=overlap,
    )
