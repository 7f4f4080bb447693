"""Image primitives of the photo checks, on numpy arrays.

The measures were calibrated on OpenCV 4's conventions (pixel centres, rounding, borders, the
Lab constants), so each primitive here follows the OpenCV function it stands for, and says
which and how closely. Arrays are H x W (x 3), uint8 unless a docstring says otherwise.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

import numpy as np

# --- colour -----------------------------------------------------------------------------------

# OpenCV's float RGB -> Lab reads a 33 x 33 x 33 table of Lab values (fixed point, 1.0 == 2^14)
# at the grid of sRGB values k/32 and interpolates it trilinearly, the position in each cell
# on 4 bits. For 8-bit colours the position depends only on each channel's byte, so the
# interpolation along red is done once, ahead, into a table over (blue cell, green cell, red
# byte) of about 5 MB; green and blue are interpolated per pixel from its four corners. The
# integer sums are OpenCV's regrouped, so exact. (A table interpolated along green too, over
# every green byte, needs half the look-ups but 26 MB, and on noisy photos its random reads
# miss the cache: slower.)
_LAB_GRID = 33
_LAB_CELLS = _LAB_GRID + 1  # one cell more along green and blue, only ever weighted 0
_LAB_ONE = 1 << 14
_LAB_FIELD = 27  # bits per field when L* and a* share one int64
_LAB_CHUNK = 1 << 15  # pixels at a time, so that the temporaries stay in cache
_WHITE_D65 = (0.950456, 1.0, 1.088754)
_SRGB_TO_XYZ = (
    (0.412453, 0.357580, 0.180423),
    (0.212671, 0.715160, 0.072169),
    (0.019334, 0.119193, 0.950227),
)


@dataclass(frozen=True, slots=True)
class _LabTables:
    corners: tuple[np.ndarray, ...]  # int64 (n, 2) pairs (L* code | a* code << 27, b* code)
    # interpolated along red, over (blue cell, green cell, red byte), as views starting at the
    # corners (0, 0), (0, 1), (1, 0), (1, 1) of (blue, green) so that one index reads all four
    offset: np.ndarray  # int64 per (blue byte, green byte): the index of its (blue, green) cell
    frac: np.ndarray  # int64 (256, 2) per byte: its position in its cell, 0..15, twice


def srgb_to_linear(values: np.ndarray) -> np.ndarray:
    """The sRGB transfer curve undone, for values in [0, 1] (float64)."""
    v = np.clip(np.asarray(values, dtype=np.float64), 0.0, 1.0)
    return np.where(v <= 0.04045, v / 12.92, ((v + 0.055) / 1.055) ** 2.4)


def _lab_grid() -> np.ndarray:
    """OpenCV's Lab codes (L*, a*, b*) at the sRGB grid, indexed [blue, green, red], int64;
    computed in float32 steps as OpenCV's soft-float code does."""
    f32 = np.float32
    grid = np.arange(_LAB_GRID, dtype=np.float32) / f32(_LAB_GRID - 1)
    lin = srgb_to_linear(grid).astype(np.float32)
    m = (np.array(_SRGB_TO_XYZ) / np.array(_WHITE_D65)[:, None]).astype(np.float32)
    blue, green, red = np.meshgrid(lin, lin, lin, indexing="ij")
    x, y, z = (red * m[i, 0] + green * m[i, 1] + blue * m[i, 2] for i in range(3))
    edge = f32(216) / f32(24389)  # (6/29)^3
    slope, offset = f32(841) / f32(108), f32(16) / f32(116)

    def f(t: np.ndarray) -> np.ndarray:
        return np.where(
            t > edge, np.cbrt(t.astype(np.float64)).astype(np.float32), t * slope + offset
        )

    fx, fy, fz = f(x), f(y), f(z)
    lightness = np.where(y > edge, f32(116) * fy - f32(16), f32(24389) / f32(27) * y)
    a, b = f32(500) * (fx - fy), f32(200) * (fy - fz)
    one = f32(_LAB_ONE)
    codes = (
        one * lightness / f32(100),
        one * (a + f32(128)) / f32(256),
        one * (b + f32(128)) / f32(256),
    )
    return np.stack([np.rint(c) for c in codes], axis=-1).astype(np.int64)


@lru_cache(maxsize=1)
def _lab_tables() -> _LabTables:
    """Built on first use (about 5 MB)."""
    code = np.rint(np.arange(256, dtype=np.float32) / np.float32(255) * np.float32(_LAB_ONE))
    code = code.astype(np.int64)
    cell = code >> 9
    frac = (code >> 5) & 15
    after = np.minimum(cell + 1, _LAB_GRID - 1)
    padded = np.append(np.arange(_LAB_GRID), _LAB_GRID - 1)
    grid = _lab_grid()[padded][:, padded]
    # Along red, for every red byte; + 8 is the rounding half of the 12 bits of the three
    # weights, spread over the 16 x 16 weights of green and blue.
    red = grid[:, :, cell] * (16 - frac)[:, None] + grid[:, :, after] * frac[:, None] + 8
    pairs = np.stack([red[..., 0] | (red[..., 1] << _LAB_FIELD), red[..., 2]], axis=-1)
    pairs = pairs.reshape(-1, 2)
    green_step, blue_step = 256, _LAB_CELLS * 256
    return _LabTables(
        corners=tuple(pairs[step:] for step in (0, green_step, blue_step, blue_step + green_step)),
        offset=(cell[:, None] * blue_step + cell[None, :] * green_step).ravel(),
        frac=np.repeat(frac[:, None], 2, axis=1),
    )


_LAB_SCALE = (np.array([[100.0], [256.0], [256.0]]) / _LAB_ONE).astype(np.float32)
_LAB_SHIFT = np.array([[0.0], [128.0], [128.0]], dtype=np.float32)


def rgb_to_lab(rgb: np.ndarray) -> np.ndarray:
    """CIE L*a*b* (D65) of 8-bit sRGB pixels as float32 (L* 0..100): OpenCV's `COLOR_RGB2Lab`
    on value / 255 as float32, table and trilinear fixed point included, so the results are
    OpenCV's to within one step of its table (0.006 L*, 0.016 a* or b*) on rare colours."""
    tables = _lab_tables()
    flat = np.ascontiguousarray(rgb, dtype=np.uint8).reshape(-1, 3)
    out = np.empty(flat.shape, dtype=np.float32)
    if not len(flat):
        return out.reshape(*np.shape(rgb)[:-1], 3)
    # Each pixel's green and blue bytes read as one little-endian uint16: green | blue << 8.
    green_blue = np.ndarray((len(flat),), dtype="<u2", buffer=flat, offset=1, strides=(3,))
    red, green, blue = flat.T
    c00, c01, c10, c11 = tables.corners
    mask = (1 << 15) - 1
    for start in range(0, len(flat), _LAB_CHUNK):
        part = slice(start, start + _LAB_CHUNK)
        at = tables.offset.take(green_blue[part])
        at += red[part]
        green_frac = tables.frac.take(green[part], axis=0)
        green_rest = 16 - green_frac
        # Per pixel (L*|a*, b*): along green at both blue corners, then along blue.
        lab = c00.take(at, axis=0)
        lab *= green_rest
        lab += c01.take(at, axis=0) * green_frac
        lab_blue = c10.take(at, axis=0)
        lab_blue *= green_rest
        lab_blue += c11.take(at, axis=0) * green_frac
        blue_frac = tables.frac.take(blue[part], axis=0)
        lab_blue *= blue_frac
        blue_frac -= 16
        lab *= blue_frac
        np.subtract(lab_blue, lab, out=lab)
        # Drop the 12 bits of the weights, L* and a* together: L* is left below bit 15, and a*
        # above bit 27, as L* (< 2^27 before) never carries into it.
        lab >>= 12
        planes = np.empty((3, len(at)), dtype=np.float32)
        np.bitwise_and(lab[:, 0], mask, out=planes[0], casting="unsafe")
        np.right_shift(lab[:, 0], _LAB_FIELD, out=planes[1], casting="unsafe")
        planes[2] = lab[:, 1]
        planes *= _LAB_SCALE
        planes -= _LAB_SHIFT
        for channel in range(3):
            out[part, channel] = planes[channel]
    return out.reshape(*np.shape(rgb)[:-1], 3)


def rgb_to_grey(rgb: np.ndarray) -> np.ndarray:
    """Luma 0.299 R + 0.587 G + 0.114 B as uint8, in OpenCV 4's 15-bit fixed point
    (`COLOR_RGB2GRAY`, rounding half up): identical to it."""
    total = rgb[..., 0] * np.int32(9798)
    total += rgb[..., 1] * np.int32(19235)
    total += rgb[..., 2] * np.int32(3735)
    total += 1 << 14
    total >>= 15
    return total.astype(np.uint8)


# --- resampling -------------------------------------------------------------------------------

Resample = Literal["area", "linear", "lanczos4"]

_COEF_BITS = 11  # OpenCV's fixed-point resize coefficients: 1.0 == 2048
_COEF_ONE = 1 << _COEF_BITS


@dataclass(frozen=True, slots=True)
class _Taps:
    """Per output position, the source positions (clamped to the image) and their weights."""

    index: np.ndarray  # out x k, int
    weight: np.ndarray  # out x k: float for area, int (1.0 == 2048) for linear and lanczos4


@lru_cache(maxsize=64)
def _area_taps(size_in: int, size_out: int) -> _Taps:
    """Each output pixel averages the source pixels its cell covers, by covered length
    (OpenCV's `computeResizeAreaTab`, including its 1e-3 tolerance at cell edges)."""
    scale = size_in / size_out
    rows: list[list[tuple[int, float]]] = []
    for d in range(size_out):
        start = d * scale
        end = start + scale
        cell = min(scale, size_in - start)
        first, last = int(np.ceil(start)), min(int(np.floor(end)), size_in - 1)
        first = min(first, last)
        taps = []
        if first - start > 1e-3:
            taps.append((first - 1, (first - start) / cell))
        taps.extend((s, 1.0 / cell) for s in range(first, last))
        if end - last > 1e-3:
            taps.append((last, min(end - last, 1.0, cell) / cell))
        rows.append(taps)
    return _pack(rows, size_in, integer=False)


@lru_cache(maxsize=64)
def _kernel_taps(size_in: int, size_out: int, method: Resample, *, columns: bool) -> _Taps:
    """Pixel-centre aligned taps, `src = (dst + 0.5) * in / out - 0.5`, weights rounded to
    1/2048 (OpenCV's `resize` for uint8). Past the edge the edge pixel repeats; linear
    columns are moved onto the edge pixel first, rows keep their weights (as OpenCV does)."""
    scale = size_in / size_out
    rows: list[list[tuple[int, float]]] = []
    for d in range(size_out):
        f = float(np.float32((d + 0.5) * scale - 0.5))
        s = int(np.floor(f))
        f = float(np.float32(f - s))
        if method == "linear":
            if columns and s < 0:
                s, f = 0, 0.0
            if columns and s >= size_in - 1:
                s, f = size_in - 1, 0.0
            one = np.float32(1.0)
            weights = [float(one - np.float32(f)), f]
            rows.append([(s, weights[0]), (s + 1, weights[1])])
        else:
            rows.append(list(zip(range(s - 3, s + 5), _lanczos4(f), strict=True)))
    return _pack(rows, size_in, integer=True)


def _lanczos4(f: float) -> list[float]:
    """The eight Lanczos (a = 4) weights for a source offset `f` in [0, 1), summing to 1, in
    OpenCV's arithmetic: sin of each tap from one sine and cosine, float32 sum."""
    if f < np.finfo(np.float32).eps:
        return [0.0, 0.0, 0.0, 1.0, 0.0, 0.0, 0.0, 0.0]
    y0 = -(f + 3) * np.pi * 0.25
    s0, c0 = np.sin(y0), np.cos(y0)
    weights = np.empty(8, dtype=np.float32)
    for i, (cs, cc) in enumerate(_LANCZOS_TURNS):
        y = -(f + 3 - i) * np.pi * 0.25
        weights[i] = np.float32((cs * s0 + cc * c0) / (y * y))
    total = np.float32(0.0)
    for w in weights:
        total = np.float32(total + w)
    return [float(np.float32(w * (np.float32(1.0) / total))) for w in weights]


_S45 = 0.70710678118654752440084436210485
# sin and cos of each tap's turn by 45 degrees, as (coefficient of sin, coefficient of cos)
_LANCZOS_TURNS = (
    (1.0, 0.0),
    (-_S45, -_S45),
    (0.0, 1.0),
    (_S45, -_S45),
    (-1.0, 0.0),
    (_S45, _S45),
    (0.0, -1.0),
    (-_S45, _S45),
)


def _pack(rows: list[list[tuple[int, float]]], size_in: int, *, integer: bool) -> _Taps:
    width = max(len(r) for r in rows)
    index = np.zeros((len(rows), width), dtype=np.intp)
    weight = np.zeros((len(rows), width), dtype=np.float64)
    for d, taps in enumerate(rows):
        for k, (s, w) in enumerate(taps):
            index[d, k] = s
            weight[d, k] = w
    index = np.clip(index, 0, size_in - 1)
    if integer:
        return _Taps(index, np.rint(weight.astype(np.float32) * _COEF_ONE).astype(np.int64))
    return _Taps(index, weight)


def resize(rgb: np.ndarray, size: tuple[int, int], method: Resample) -> np.ndarray:
    """`rgb` resampled to `size` (width, height), uint8, H x W or H x W x C.

    "area" averages the covered source pixels (for shrinking; OpenCV's `INTER_AREA`: exact for
    whole-number factors, otherwise within 1 level); "linear" and "lanczos4" follow OpenCV's
    `INTER_LINEAR` and `INTER_LANCZOS4` fixed point exactly.
    """
    width, height = size
    h, w = rgb.shape[:2]
    if (w, h) == (width, height):
        return rgb.copy()
    if method == "area":
        fx, fy = w / width, h / height
        if fx == int(fx) and fy == int(fy) and fx >= 1 and fy >= 1:
            return _area_whole(rgb, int(fx), int(fy))
        return _resample_float(rgb, _area_taps(h, height), _area_taps(w, width))
    return _resample_fixed(
        rgb,
        _kernel_taps(h, height, method, columns=False),
        _kernel_taps(w, width, method, columns=True),
        method,
    )


def _area_whole(rgb: np.ndarray, fx: int, fy: int) -> np.ndarray:
    """Block means for whole-number factors; 2x2 rounds half up, larger blocks half to even,
    as OpenCV's fast area path does."""
    total = rgb[::fy, ::fx].astype(np.int32)
    for dy in range(fy):
        for dx in range(fx):
            if dy or dx:
                total += rgb[dy::fy, dx::fx]
    if fx == 2 and fy == 2:
        return ((total + 2) >> 2).astype(np.uint8)
    mean = total.astype(np.float32) * np.float32(1.0 / (fx * fy))
    return np.clip(np.rint(mean), 0, 255).astype(np.uint8)


def _along_rows(src: np.ndarray, taps: _Taps, dtype: type[np.generic]) -> np.ndarray:
    """Sum over taps of whole source rows times their weights: out[i] = sum w[i,k] src[j[i,k]].

    Rows are gathered whole, which numpy does as block copies; columns are done on the
    transposed image."""
    shape = (-1, *([1] * (src.ndim - 1)))
    weights = taps.weight.astype(dtype)
    out = src[taps.index[:, 0]] * weights[:, 0].reshape(shape)
    for k in range(1, taps.index.shape[1]):
        out += src[taps.index[:, k]] * weights[:, k].reshape(shape)
    return out


def _across(rgb: np.ndarray, cols: _Taps, dtype: type[np.generic]) -> np.ndarray:
    """The horizontal pass, contiguous, output rows x output columns (x channels)."""
    turned = np.ascontiguousarray(rgb.swapaxes(0, 1))
    return np.ascontiguousarray(_along_rows(turned, cols, dtype).swapaxes(0, 1))


def _resample_float(rgb: np.ndarray, rows: _Taps, cols: _Taps) -> np.ndarray:
    out = _along_rows(_across(rgb, cols, np.float32), rows, np.float32)
    return np.clip(np.rint(out), 0, 255).astype(np.uint8)


def _resample_fixed(rgb: np.ndarray, rows: _Taps, cols: _Taps, method: Resample) -> np.ndarray:
    # uint8 times weights below 2^12 in a few taps: the horizontal sums fit int32.
    across = _across(rgb, cols, np.int32)
    if method == "linear":
        # OpenCV's two-row linear pass: each row pre-shifted, then rounded on 2 bits.
        column = (-1, *([1] * (across.ndim - 1)))
        shifted = across >> 4
        a = (rows.weight[:, 0].reshape(column) * shifted[rows.index[:, 0]]) >> 16
        b = (rows.weight[:, 1].reshape(column) * shifted[rows.index[:, 1]]) >> 16
        out = (a + b + 2) >> 2
    else:
        total = _along_rows(across.astype(np.int64), rows, np.int64)
        out = (total + (1 << (2 * _COEF_BITS - 1))) >> (2 * _COEF_BITS)
    return np.clip(out, 0, 255).astype(np.uint8)


def pad(
    rgb: np.ndarray,
    top: int,
    bottom: int,
    left: int,
    right: int,
    colour: tuple[int, ...] | None = None,
) -> np.ndarray:
    """`rgb` with a border: the edge pixels repeated when `colour` is None (OpenCV's
    `BORDER_REPLICATE`), else filled with `colour` (`BORDER_CONSTANT`)."""
    widths = ((top, bottom), (left, right)) + ((0, 0),) * (rgb.ndim - 2)
    if colour is None:
        return np.pad(rgb, widths, mode="edge")
    out = np.empty(
        (rgb.shape[0] + top + bottom, rgb.shape[1] + left + right, *rgb.shape[2:]), rgb.dtype
    )
    out[...] = np.asarray(colour, dtype=rgb.dtype)
    out[top : top + rgb.shape[0], left : left + rgb.shape[1]] = rgb
    return out


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


def rotation_matrix(centre: tuple[float, float], degrees: float, scale: float) -> np.ndarray:
    """The 2 x 3 affine matrix turning by `degrees` (counter-clockwise as shown, y down) about
    `centre` and scaling by `scale`: OpenCV's `getRotationMatrix2D`."""
    angle = np.radians(degrees)
    alpha, beta = scale * np.cos(angle), scale * np.sin(angle)
    cx, cy = (float(np.float32(v)) for v in centre)  # OpenCV takes the centre as float32
    return np.array(
        [
            [alpha, beta, (1 - alpha) * cx - beta * cy],
            [-beta, alpha, beta * cx + (1 - alpha) * cy],
        ]
    )


_INTER_BITS = 5  # source positions are kept to 1/32 pixel ...
_AB_BITS = 10  # ... after accumulating at 1/1024
_REMAP_BITS = 15


def warp_affine(grey: np.ndarray, matrix: np.ndarray, size: tuple[int, int]) -> np.ndarray:
    """`grey` (uint8, H x W) mapped by the 2 x 3 `matrix` (source to output) into an image of
    `size` (width, height), bilinear, with black outside the source: OpenCV's `warpAffine`
    with `INTER_LINEAR` and `BORDER_CONSTANT`, including its fixed-point positions."""
    width, height = size
    inverse = _invert_affine(np.asarray(matrix, dtype=np.float64))
    one = 1 << _AB_BITS
    xs, ys = np.arange(width), np.arange(height)
    # OpenCV rounds each term to 1/1024 separately, then truncates the sum to 1/32.
    half = one >> (_INTER_BITS + 1)
    ax = np.rint(inverse[0, 0] * xs * one).astype(np.int64)
    ay = np.rint(inverse[1, 0] * xs * one).astype(np.int64)
    bx = np.rint((inverse[0, 1] * ys + inverse[0, 2]) * one).astype(np.int64) + half
    by = np.rint((inverse[1, 1] * ys + inverse[1, 2]) * one).astype(np.int64) + half
    shift = _AB_BITS - _INTER_BITS
    fx_all = (bx[:, None] + ax[None, :]) >> shift
    fy_all = (by[:, None] + ay[None, :]) >> shift
    sx, sy = fx_all >> _INTER_BITS, fy_all >> _INTER_BITS
    tab = 1 << _INTER_BITS
    fx, fy = fx_all & (tab - 1), fy_all & (tab - 1)
    h, w = grey.shape
    total = np.zeros((height, width), dtype=np.int64)
    weight_scale = (1 << _REMAP_BITS) // (tab * tab)
    for dx, dy, wx, wy in ((0, 0, tab - fx, tab - fy), (1, 0, fx, tab - fy)) + (
        (0, 1, tab - fx, fy),
        (1, 1, fx, fy),
    ):
        px, py = sx + dx, sy + dy
        inside = (px >= 0) & (px < w) & (py >= 0) & (py < h)
        value = np.where(inside, grey[np.clip(py, 0, h - 1), np.clip(px, 0, w - 1)], 0)
        total += value * wx * wy * weight_scale
    out = (total + (1 << (_REMAP_BITS - 1))) >> _REMAP_BITS
    return np.clip(out, 0, 255).astype(np.uint8)


def _invert_affine(m: np.ndarray) -> np.ndarray:
    det = m[0, 0] * m[1, 1] - m[0, 1] * m[1, 0]
    d = 1.0 / det if det != 0 else 0.0
    a11, a22, a12, a21 = m[1, 1] * d, m[0, 0] * d, -m[0, 1] * d, -m[1, 0] * d
    b1 = -a11 * m[0, 2] - a12 * m[1, 2]
    b2 = -a21 * m[0, 2] - a22 * m[1, 2]
    return np.array([[a11, a12, b1], [a21, a22, b2]])


# --- matching and sharpness -------------------------------------------------------------------


def match_template(image: np.ndarray, template: np.ndarray) -> np.ndarray:
    """Normalised correlation of the mean-removed template with every window of `image`
    (OpenCV's `matchTemplate` with `TM_CCOEFF_NORMED`), float64 of shape
    (H - h + 1) x (W - w + 1). A flat window scores 0, as in OpenCV."""
    img = np.asarray(image, dtype=np.float64)
    tpl = np.asarray(template, dtype=np.float64)
    th, tw = tpl.shape
    centred = tpl - tpl.mean()
    norm = float(np.sqrt((centred**2).sum()))
    windows = np.lib.stride_tricks.sliding_window_view(img, (th, tw))
    n = th * tw
    cross = np.einsum("ijkl,kl->ij", windows, centred)
    sums = windows.sum(axis=(2, 3))
    squares = np.einsum("ijkl,ijkl->ij", windows, windows)
    spread = np.sqrt(np.maximum(squares - sums * sums / n, 0.0)) * norm
    with np.errstate(invalid="ignore", divide="ignore"):
        score = np.where(spread > 0, cross / spread, 0.0)
    return np.clip(score, -1.0, 1.0)


def laplacian_variance(grey: np.ndarray) -> float:
    """Variance of the 4-neighbour Laplacian, edges mirrored without repeating the edge pixel
    (OpenCV's `Laplacian(..., CV_64F).var()` with its default border): identical to it."""
    g = np.pad(np.asarray(grey, dtype=np.float64), 1, mode="reflect")
    lap = g[:-2, 1:-1] + g[2:, 1:-1] + g[1:-1, :-2] + g[1:-1, 2:] - 4.0 * g[1:-1, 1:-1]
    return float(lap.var())
