"""Pieces of a mask: connected components, dilation by a disc, the convex hull and the signed
distance to it, in OpenCV 4's conventions."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import numpy as np

# --- connected components ---------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Components:
    """Connected pieces of a mask. `labels` is 0 off the mask and 1..count-1 on it, numbered
    in raster order of each piece's first pixel; the per-label arrays (index 0 describes the
    pixels off the mask) are what OpenCV's `connectedComponentsWithStats` gives."""

    labels: np.ndarray  # int32, H x W
    area: np.ndarray  # pixels
    left: np.ndarray  # bounding box: first column, first row, width and height
    top: np.ndarray
    width: np.ndarray
    height: np.ndarray
    centroid_x: np.ndarray  # float64, mean column
    centroid_y: np.ndarray  # float64, mean row

    @property
    def count(self) -> int:
        """Labels including 0."""
        return len(self.area)


def _runs(mask: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Row, first column and end column (exclusive) of every horizontal run of the mask."""
    h, w = mask.shape
    framed = np.zeros((h, w + 2), dtype=np.int8)
    framed[:, 1:-1] = mask
    change = np.diff(framed, axis=1)
    starts = np.flatnonzero(change == 1)
    ends = np.flatnonzero(change == -1)
    return starts // (w + 1), starts % (w + 1), ends % (w + 1)


def _touching_runs(
    row: np.ndarray, start: np.ndarray, end: np.ndarray, width: int, diagonal: bool
) -> tuple[np.ndarray, np.ndarray]:
    """Pairs (run, run on the row above) that touch: overlap (4-connectivity) or also meet
    at a corner (8-connectivity). Runs come sorted by row, then column."""
    stride = width + 2
    reach = 1 if diagonal else 0
    above = (row - 1) * stride
    end_keys = row * stride + end
    start_keys = row * stride + start
    lo = np.searchsorted(end_keys, above + start - reach, side="right")
    hi = np.searchsorted(start_keys, above + end + reach, side="left")
    counts = np.maximum(hi - lo, 0)
    total = int(counts.sum())
    below = np.repeat(np.arange(len(row)), counts)
    first = np.cumsum(counts) - counts
    upper = np.repeat(lo - first, counts) + np.arange(total)
    return below, upper


def _merge(count: int, a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """The smallest member of each node's connected set, for `count` nodes joined by edges
    (a[i], b[i]): hook the larger root under the smaller, then halve paths, until stable."""
    parent = np.arange(count)
    while True:
        while True:
            grand = parent[parent]
            if np.array_equal(grand, parent):
                break
            parent = grand
        pa, pb = parent[a], parent[b]
        differ = pa != pb
        if not differ.any():
            return parent
        pa, pb = pa[differ], pb[differ]
        np.minimum.at(parent, np.maximum(pa, pb), np.minimum(pa, pb))


def connected_components(mask: np.ndarray, connectivity: Literal[4, 8] = 8) -> Components:
    """Label the connected pieces of a boolean mask (run-length labelling, runs merged by
    union-find). Same pieces and statistics as OpenCV's `connectedComponentsWithStats`."""
    mask = np.asarray(mask, dtype=bool)
    h, w = mask.shape
    row, start, end = _runs(mask)
    below, upper = _touching_runs(row, start, end, w, connectivity == 8)
    roots = _merge(len(row), below, upper)
    _, run_label = np.unique(roots, return_inverse=True)
    run_label = run_label.astype(np.int64) + 1
    count = int(run_label.max()) + 1 if len(row) else 1
    # Paint: +label where a run starts, -label where it ends, summed along the flat image.
    marks = np.zeros(h * (w + 1) + 1, dtype=np.int32)
    marks[row * (w + 1) + start] = run_label
    marks[row * (w + 1) + end] -= run_label
    labels = np.cumsum(marks[:-1], dtype=np.int32).reshape(h, w + 1)[:, :w]

    length = (end - start).astype(np.float64)
    area = np.bincount(run_label, weights=length, minlength=count)
    left = np.full(count, w, dtype=np.int64)
    right = np.zeros(count, dtype=np.int64)
    top = np.full(count, h, dtype=np.int64)
    bottom = np.zeros(count, dtype=np.int64)
    np.minimum.at(left, run_label, start)
    np.maximum.at(right, run_label, end)
    np.minimum.at(top, run_label, row)
    np.maximum.at(bottom, run_label, row + 1)
    sum_x = np.bincount(run_label, weights=length * (start + end - 1) / 2.0, minlength=count)
    sum_y = np.bincount(run_label, weights=length * row, minlength=count)

    # Label 0: every pixel off the mask.
    off = ~mask
    area[0] = off.sum()
    if area[0]:
        cols, rows = np.flatnonzero(off.any(axis=0)), np.flatnonzero(off.any(axis=1))
        left[0], right[0] = cols[0], cols[-1] + 1
        top[0], bottom[0] = rows[0], rows[-1] + 1
        sum_x[0] = h * w * (w - 1) / 2.0 - sum_x[1:].sum()
        sum_y[0] = h * w * (h - 1) / 2.0 - sum_y[1:].sum()
    else:
        left[0] = right[0] = top[0] = bottom[0] = 0
    with np.errstate(invalid="ignore", divide="ignore"):
        cx, cy = sum_x / area, sum_y / area
    return Components(
        labels=labels,
        area=area.astype(np.int64),
        left=left,
        top=top,
        width=right - left,
        height=bottom - top,
        centroid_x=cx,
        centroid_y=cy,
    )


# --- morphology -------------------------------------------------------------------------------


def disc_half_widths(radius: int) -> np.ndarray:
    """Half-width of each row of a disc of `radius` (rows -radius..radius): OpenCV's
    `getStructuringElement(MORPH_ELLIPSE, (2r + 1, 2r + 1))`, round(sqrt(r^2 - dy^2))."""
    dy = np.arange(-radius, radius + 1)
    return np.rint(np.sqrt(np.maximum(radius * radius - dy * dy, 0))).astype(np.intp)


def dilate_disc(mask: np.ndarray, radius: int) -> np.ndarray:
    """Boolean dilation by a disc of `radius` (the disc of `disc_half_widths`); nothing is
    added from outside the image (OpenCV's `dilate` default border). Each disc row is a
    horizontal dilation, grown one pixel at a time, shifted into place."""
    mask = np.asarray(mask, dtype=bool)
    h = mask.shape[0]
    halves = disc_half_widths(radius)
    grown = {0: mask}
    current = mask
    for half in range(1, int(halves.max(initial=0)) + 1):
        wider = current.copy()
        wider[:, 1:] |= current[:, :-1]
        wider[:, :-1] |= current[:, 1:]
        grown[half] = current = wider
    out = np.zeros_like(mask)
    for dy, half in zip(range(-radius, radius + 1), halves, strict=True):
        band = grown[int(half)]
        if dy >= 0:
            out[: h - dy] |= band[dy:]
        else:
            out[-dy:] |= band[: h + dy]
    return out


# --- geometry ---------------------------------------------------------------------------------


def convex_hull(mask: np.ndarray) -> np.ndarray:
    """The convex hull of the mask's pixels (x, y), counter-clockwise in image coordinates
    without repeated or collinear points; empty when the mask is. Built from each row's
    outermost pixels by Andrew's monotone chain."""
    rows = np.flatnonzero(mask.any(axis=1))
    if not rows.size:
        return np.zeros((0, 2), dtype=np.float64)
    band = mask[rows]
    first = np.argmax(band, axis=1)
    last = band.shape[1] - 1 - np.argmax(band[:, ::-1], axis=1)
    points = np.unique(
        np.concatenate([np.stack([first, rows], 1), np.stack([last, rows], 1)]), axis=0
    )
    if len(points) < 3:
        return points.astype(np.float64)

    def chain(ordered: list[tuple[int, int]]) -> list[tuple[int, int]]:
        kept: list[tuple[int, int]] = []
        for p in ordered:
            while len(kept) >= 2:
                (ax, ay), (bx, by) = kept[-2], kept[-1]
                if (bx - ax) * (p[1] - ay) - (by - ay) * (p[0] - ax) > 0:
                    break
                kept.pop()
            kept.append(p)
        return kept

    ordered = [(int(x), int(y)) for x, y in points]
    lower, upper = chain(ordered), chain(ordered[::-1])
    return np.array(lower[:-1] + upper[:-1], dtype=np.float64)


def signed_distance(polygon: np.ndarray, points: np.ndarray) -> np.ndarray:
    """Distance of each point (N x 2) to the edge of a convex polygon, positive inside,
    negative outside, 0 on it (OpenCV's `pointPolygonTest` with `measureDist`)."""
    points = np.asarray(points, dtype=np.float64).reshape(-1, 2)
    poly = np.asarray(polygon, dtype=np.float64).reshape(-1, 2)
    if not len(poly):
        return np.full(len(points), -np.inf)
    a = poly[None, :, :]
    b = np.roll(poly, -1, axis=0)[None, :, :]
    p = points[:, None, :]
    edge = b - a
    length2 = (edge**2).sum(axis=2)
    safe = np.where(length2 > 0, length2, 1.0)
    t = np.clip(((p - a) * edge).sum(axis=2) / safe, 0.0, 1.0)
    nearest = a + t[:, :, None] * edge
    distance = np.sqrt(((p - nearest) ** 2).sum(axis=2)).min(axis=1)
    if len(poly) < 3:
        return -distance
    cross = edge[..., 0] * (p[..., 1] - a[..., 1]) - edge[..., 1] * (p[..., 0] - a[..., 0])
    inside = (cross >= 0).all(axis=1) | (cross <= 0).all(axis=1)
    return np.where(inside, distance, -distance)
