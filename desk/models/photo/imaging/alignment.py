"""Turning, matching and sharpness: OpenCV 4's `getRotationMatrix2D`, `warpAffine`,
`matchTemplate` and `Laplacian`."""

from __future__ import annotations

import numpy as np


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
