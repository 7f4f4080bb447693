"""Pixel measures of the picture around the person: background strips, foreground, frame, spots.

Each function takes arrays at the working scale and returns plain numbers; `checks.py` turns
them into rules with the thresholds of `rules.py`. The numbers that define what a measure
*is* (what counts as "near the background colour") are fixed here and named.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from desk.models.photo import imaging
from desk.models.photo.detector import Face

# Pixels within this delta-E of the background colour count as background when they are
# connected to the top strip; a white shirt enclosed by a jacket stays foreground.
NEAR_BACKGROUND_DE = 12.0
STRIP_FRACTION = 0.04  # the sampled strips are 4% of the height (top) or width (sides) ...
SIDE_STRIP_HEIGHT = 0.55  # ... the sides only over the upper 55%, above the shoulders
STRIP_SKIP = 3  # outer pixels skipped: a JPEG edge or a scanner line is not the background
# The detector's box ends a little below the chin; 0.95 of its height matched the chin on the
# four reference portraits to within 2% of the face height.
CHIN_AT_BOX_HEIGHT = 0.95
SPOT_DE = 25.0


@dataclass(frozen=True, slots=True)
class Work:
    """The image being measured: RGB, CIE Lab and grey at the working scale.

    `scale` is working pixels per original pixel (1.0 unless a large photo was reduced).
    """

    rgb: np.ndarray
    lab: np.ndarray
    grey: np.ndarray
    scale: float

    @property
    def height(self) -> int:
        return int(self.rgb.shape[0])

    @property
    def width(self) -> int:
        return int(self.rgb.shape[1])


def make_work(rgb: np.ndarray, scale: float) -> Work:
    return Work(rgb=rgb, lab=imaging.rgb_to_lab(rgb), grey=imaging.rgb_to_grey(rgb), scale=scale)


def delta_e(lab: np.ndarray, colour: np.ndarray) -> np.ndarray:
    """CIE76 delta-E of every pixel from one Lab colour, float32."""
    c = np.asarray(colour, dtype=np.float32)
    total = np.square(lab[..., 0] - c[0])
    total += np.square(lab[..., 1] - c[1])
    total += np.square(lab[..., 2] - c[2])
    return np.sqrt(total, out=total)


# --- background -------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Strip:
    name: str
    pixels: np.ndarray  # N x 3 Lab


def strips(work: Work, exclude: tuple[float, float, float, float] | None = None) -> list[Strip]:
    """The top strip and the upper left and right strips, without the outer few pixels.

    Pixels inside `exclude` (x0, y0, x1, y1: the head box) are left out, so a head placed high
    is judged as a head, not as a dark background.
    """
    h, w = work.height, work.width
    skip = min(STRIP_SKIP, max(0, min(h, w) // 8))
    depth_v = max(1, round(h * STRIP_FRACTION))
    depth_h = max(1, round(w * STRIP_FRACTION))
    side_end = max(skip + 1, round(h * SIDE_STRIP_HEIGHT))
    boxes = {
        "top": (skip, skip + depth_v, skip, w - skip),
        "left": (skip, side_end, skip, skip + depth_h),
        "right": (skip, side_end, max(0, w - skip - depth_h), w - skip),
    }
    out = []
    for name, (r0, r1, c0, c1) in boxes.items():
        region = work.lab[r0:r1, c0:c1]
        if not region.size:
            continue
        if exclude is not None:
            rows = np.arange(r0, r0 + region.shape[0])[:, None]
            cols = np.arange(c0, c0 + region.shape[1])[None, :]
            x0, y0, x1, y1 = exclude
            keep = ~((cols >= x0) & (cols < x1) & (rows >= y0) & (rows < y1))
            pixels = region[keep]
        else:
            pixels = region.reshape(-1, 3)
        if len(pixels):
            out.append(Strip(name, pixels))
    return out


def chroma_hue(pixels: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    a, b = pixels[:, 1], pixels[:, 2]
    chroma = np.hypot(a, b)
    hue = np.degrees(np.arctan2(b, a)) % 360.0
    return chroma, hue


def is_white(pixels: np.ndarray) -> np.ndarray:
    chroma, _ = chroma_hue(pixels)
    return (pixels[:, 0] >= 92.0) & (chroma <= 8.0)


def is_blue(pixels: np.ndarray) -> np.ndarray:
    chroma, hue = chroma_hue(pixels)
    lightness = pixels[:, 0]
    return (
        (chroma >= 20.0) & (hue >= 240.0) & (hue <= 300.0) & (lightness >= 25) & (lightness <= 85)
    )


@dataclass(frozen=True, slots=True)
class StripStats:
    name: str
    mean: tuple[float, float, float]
    l_spread: float  # robust standard deviation of L*: a stray hair does not move it, a shadow does
    white: float  # share of white pixels
    blue: float


def strip_stats(
    work: Work, exclude: tuple[float, float, float, float] | None = None
) -> list[StripStats]:
    out = []
    for strip in strips(work, exclude):
        px = strip.pixels
        mean = px.mean(axis=0)
        out.append(
            StripStats(
                name=strip.name,
                mean=(float(mean[0]), float(mean[1]), float(mean[2])),
                l_spread=float(np.subtract(*np.percentile(px[:, 0], [75, 25])) / 1.349),
                white=float(is_white(px).mean()),
                blue=float(is_blue(px).mean()),
            )
        )
    return out


def max_mean_spread(stats: list[StripStats]) -> float:
    """The largest delta-E between two strips' mean colours."""
    means = np.array([s.mean for s in stats], dtype=np.float64)
    if len(means) < 2:
        return 0.0
    diff = means[:, None, :] - means[None, :, :]
    return float(np.sqrt((diff**2).sum(axis=2)).max())


def background_colour(work: Work) -> np.ndarray:
    """The median Lab colour of the top strip (of the whole top rows if the image is tiny)."""
    found = strips(work)
    pixels = found[0].pixels if found else work.lab.reshape(-1, 3)
    return np.median(pixels, axis=0).astype(np.float32)


@dataclass(frozen=True, slots=True)
class Regions:
    """Background and foreground, with the delta-E map they came from.

    `pieces` are the 8-connected pieces of foreground (label 0 = background), with their
    areas, boxes and centres.
    """

    colour: np.ndarray  # Lab
    distance: np.ndarray  # delta-E from `colour`, float32 H x W
    background: np.ndarray  # bool: near the colour and connected to the top strip
    pieces: imaging.Components

    @property
    def parts(self) -> np.ndarray:
        """The label of the foreground piece under each pixel (0 on the background)."""
        return self.pieces.labels

    def person_label(self, face: Face | None) -> int:
        """The foreground piece the face belongs to (0 when there is none)."""
        if face is None:
            return 0
        x, y, w, h = face.box
        rows = slice(int(max(0, y + 0.3 * h)), int(max(0, y + 0.7 * h)))
        cols = slice(int(max(0, x + 0.3 * w)), int(max(0, x + 0.7 * w)))
        inner = self.parts[rows, cols]
        inner = inner[inner > 0]
        if inner.size == 0:
            return 0
        return int(np.bincount(inner).argmax())


def regions(work: Work) -> Regions:
    colour = background_colour(work)
    distance = delta_e(work.lab, colour)
    near = distance < NEAR_BACKGROUND_DE
    found = imaging.connected_components(near, connectivity=4)
    labels = found.labels
    depth = max(1, round(work.height * STRIP_FRACTION))
    seeds = np.unique(labels[:depth][near[:depth]])
    lookup = np.zeros(found.count, dtype=bool)
    lookup[seeds] = True
    lookup[0] = False  # label 0 is everything not near the colour
    background = lookup[labels]
    pieces = imaging.connected_components(~background, connectivity=8)
    return Regions(colour, distance, background, pieces)


# --- border -----------------------------------------------------------------------------------


def border_sides(work: Work, *, depth_px: float = 40.0, change_de: float = 12.0) -> dict[str, int]:
    """Sides whose outer lines are uniform and then change colour, for good, within `depth_px`,
    with the depth (working px) where the change happens."""
    depth = max(2, round(depth_px * work.scale))
    persist = 4
    lab = work.lab
    reach = min(depth + persist, min(work.height, work.width) // 2)
    if reach < persist + 2:
        return {}
    # Each side as (line, pixel, channel), line 0 on the edge; every other pixel along a line
    # is plenty for a median and halves the work.
    sides = {
        "top": lab[:reach, ::2],
        "bottom": lab[::-1][:reach, ::2],
        "left": lab[::2, :reach].transpose(1, 0, 2),
        "right": lab[::2, ::-1][:, :reach].transpose(1, 0, 2),
    }
    found: dict[str, int] = {}
    for side, lines in sides.items():
        medians = np.median(lines, axis=1)
        spread = np.sqrt(((lines - medians[:, None, :]) ** 2).sum(axis=2))
        uniform = (spread < 6.0).mean(axis=1)
        gaps = np.sqrt(((medians - medians[0]) ** 2).sum(axis=1))
        for k in range(1, min(depth, reach - persist) + 1):
            if gaps[k] <= change_de:
                continue
            outer_ok = bool((uniform[:k] >= 0.9).all() and (gaps[:k] < 6.0).all())
            if outer_ok and bool((gaps[k : k + persist] > change_de).all()):
                found[side] = k
            break
    return found


# --- spots ------------------------------------------------------------------------------------


def spots(
    work: Work,
    reg: Regions,
    *,
    face: Face | None = None,
    max_share: float = 0.002,
    min_px: float = 12.0,
) -> list[dict[str, int]]:
    """Blobs enclosed by the background, 12 px up to 0.2% of the area, delta-E >= 25 from it.

    Left out: blobs within 1% of the width of the person (a loose hair), and blobs inside the
    person's outline row by row (buttons on a white shirt, the crown of a white cap: where
    the clothes merge with the background). Marks on the face itself are the face-flaw
    question no pixel rule answers.
    """
    h, w = work.height, work.width
    pieces = reg.pieces
    labels, count = pieces.labels, pieces.count
    if count <= 1:
        return []
    area = pieces.area
    x, y = pieces.left, pieces.top
    bw, bh = pieces.width, pieces.height
    touches = (x == 0) | (y == 0) | (x + bw >= w) | (y + bh >= h)
    largest = max_share * h * w
    smallest = max(1.0, min_px * work.scale * work.scale)
    big = touches | (area > largest)
    big[0] = False
    candidate = ~big & (area >= smallest) & (area <= largest)
    candidate[0] = False
    if not candidate.any():
        return []
    far = np.bincount(labels[reg.distance >= SPOT_DE], minlength=count)
    candidate &= far >= 1
    if not candidate.any():
        return []
    radius = max(1, round(0.01 * w))
    near_person = imaging.dilate_disc(big[labels], radius)
    touching = np.bincount(labels[near_person], minlength=count)
    candidate &= touching == 0
    candidate &= ~_inside_outline(reg, big, face)
    back = 1.0 / work.scale
    return [
        {
            "x": round(float(x[i]) * back),
            "y": round(float(y[i]) * back),
            "area": round(float(area[i]) * back * back),
        }
        for i in np.flatnonzero(candidate)
    ]


def _inside_outline(reg: Regions, big: np.ndarray, face: Face | None) -> np.ndarray:
    """Per piece: does its centre lie on the person?

    On the person means between the person's leftmost and rightmost pixel on its row, or,
    above the chin, within 2% of the width of the convex hull of the head (a white cap or
    white hair merges with the background and would leave its own edge as a "spot"). The
    person is the piece under the face, else the largest one touching the border.
    """
    pieces = reg.pieces
    area = pieces.area
    person_label = reg.person_label(face)
    if person_label == 0 or not big[person_label]:
        sizes = np.where(big, area, 0)
        person_label = int(np.argmax(sizes)) if sizes.max() > 0 else 0
    if person_label == 0:
        return np.zeros(len(area), dtype=bool)
    person = reg.parts == person_label
    rows_with = person.any(axis=1)
    left = np.argmax(person, axis=1)
    right = person.shape[1] - 1 - np.argmax(person[:, ::-1], axis=1)
    row = np.clip(np.round(pieces.centroid_y).astype(int), 0, person.shape[0] - 1)
    col = pieces.centroid_x
    inside = rows_with[row] & (left[row] <= col) & (col <= right[row])
    if face is not None:
        chin = int(np.clip(face.box[1] + CHIN_AT_BOX_HEIGHT * face.box[3], 1, person.shape[0]))
        hull = imaging.convex_hull(person[:chin])
        outside = np.flatnonzero(~inside)
        if len(hull) >= 3 and outside.size:
            margin = 0.02 * person.shape[1]  # the white dome of a cap lies just outside
            centres = np.stack([col[outside], pieces.centroid_y[outside]], axis=1)
            inside[outside] = imaging.signed_distance(hull, centres) >= -margin
    return np.asarray(inside, dtype=bool)
