"""Resizing and padding, in OpenCV 4's conventions (`INTER_AREA`, `INTER_LINEAR`,
`INTER_LANCZOS4`, `copyMakeBorder`)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

import numpy as np

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
