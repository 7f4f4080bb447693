"""Colour conversions of the photo checks: OpenCV 4's RGB -> Lab and RGB -> grey."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import numpy as np

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
