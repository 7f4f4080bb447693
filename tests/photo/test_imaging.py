"""The image primitives of the photo checks against small arrays worked out by hand, published
colour values, and plain reference implementations."""

from __future__ import annotations

import subprocess
import sys
from collections import deque

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from desk.models.photo import imaging as im
from desk.models.photo.imaging import colour
from tests.photo.photo_compose import REPO


def _lab(*rgb: int) -> np.ndarray:
    return im.rgb_to_lab(np.array([[rgb]], dtype=np.uint8))[0, 0]


# --- colour -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("rgb", "lab"),
    [
        # CIE L*a*b* (D65) of the sRGB primaries, as published (e.g. Lindbloom's calculator).
        ((255, 255, 255), (100.0, 0.0, 0.0)),
        ((0, 0, 0), (0.0, 0.0, 0.0)),
        ((255, 0, 0), (53.24, 80.09, 67.20)),
        ((0, 255, 0), (87.73, -86.18, 83.18)),
        ((0, 0, 255), (32.30, 79.19, -107.86)),
        ((128, 128, 128), (53.59, 0.0, 0.0)),
    ],
)
def test_lab_of_reference_colours(rgb: tuple[int, int, int], lab: tuple[float, ...]) -> None:
    assert _lab(*rgb) == pytest.approx(lab, abs=0.03)


def test_lab_keeps_opencvs_table_values() -> None:
    # OpenCV 4's float RGB -> Lab interpolates a fixed-point table: red comes out as these
    # exact steps (a* and b* in 1/64), which the thresholds were calibrated on.
    assert _lab(255, 0, 0).tolist() == pytest.approx([53.240967, 80.09375, 67.203125], abs=1e-5)
    assert _lab(0, 255, 0).tolist() == pytest.approx([87.73804, -86.1875, 83.171875], abs=1e-5)


def test_lab_keeps_the_image_shape() -> None:
    rgb = np.zeros((3, 5, 3), dtype=np.uint8)
    rgb[1, 2] = (255, 0, 0)
    lab = im.rgb_to_lab(rgb)
    assert lab.shape == (3, 5, 3) and lab.dtype == np.float32
    assert lab[1, 2, 0] == pytest.approx(53.24, abs=0.01)
    assert not lab[0].any()


def _lab_trilinear(rgb: np.ndarray) -> np.ndarray:
    """OpenCV's Lab by the book: the eight corners of each pixel's cell in the 33^3 table,
    weighted by the products of the 4-bit positions, rounded off the 12 bits at once."""
    grid = colour._lab_grid()  # [blue, green, red, channel]
    code = np.rint(np.arange(256, dtype=np.float32) / np.float32(255) * np.float32(1 << 14))
    cell, frac = code.astype(np.int64) >> 9, (code.astype(np.int64) >> 5) & 15
    ends = ((cell, 16 - frac), (np.minimum(cell + 1, 32), frac))
    r, g, b = (rgb[:, i] for i in range(3))
    total = np.zeros((len(rgb), 3), dtype=np.int64)
    for cb, wb in ends:
        for cg, wg in ends:
            for cr, wr in ends:
                weight = wb[b] * wg[g] * wr[r]
                total += grid[cb[b], cg[g], cr[r]] * weight[:, None]
    codes = ((total + 2048) >> 12).astype(np.float32)
    scale = (np.array([100.0, 256.0, 256.0]) / (1 << 14)).astype(np.float32)
    return codes * scale - np.array([0.0, 128.0, 128.0], dtype=np.float32)


def test_lab_is_the_trilinear_fixed_point_exactly() -> None:
    # The tables regroup OpenCV's integer sums: the same bits, for any byte, 0 and 255 included.
    rng = np.random.default_rng(7)
    edges = np.array(np.meshgrid(*[[0, 1, 127, 128, 254, 255]] * 3)).reshape(3, -1).T
    rgb = np.concatenate([rng.integers(0, 256, (40_000, 3)), edges]).astype(np.uint8)
    assert np.array_equal(im.rgb_to_lab(rgb), _lab_trilinear(rgb))
    # by chunks and from a strided view alike
    assert np.array_equal(im.rgb_to_lab(rgb[::-3]), _lab_trilinear(rgb[::-3]))


def test_grey_is_opencvs_fixed_point_luma() -> None:
    rgb = np.array([[(255, 0, 0), (0, 255, 0), (0, 0, 255), (255, 255, 255), (0, 9, 230)]])
    # 0.299 * 255 = 76.2, 0.587 * 255 = 149.7, 0.114 * 255 = 29.1; the last one is 31.999
    # in 15-bit fixed point, where 14 bits would round it up to 32.
    assert im.rgb_to_grey(rgb.astype(np.uint8)).tolist() == [[76, 150, 29, 255, 31]]


# --- resampling -------------------------------------------------------------------------------


def test_area_halving_rounds_half_up() -> None:
    grey = np.array([[1, 2, 0, 1], [3, 4, 2, 3], [9, 9, 0, 0], [9, 9, 0, 1]], dtype=np.uint8)
    # block sums 10, 6, 36, 1: means 2.5, 1.5, 9, 0.25
    assert im.resize(grey, (2, 2), "area").tolist() == [[3, 2], [9, 0]]


def test_area_by_covered_length() -> None:
    row = np.array([[0, 90, 180]], dtype=np.uint8)
    # 1.5 source pixels per output pixel: (0 + 90 / 2) / 1.5 and (90 / 2 + 180) / 1.5
    assert im.resize(row, (2, 1), "area").tolist() == [[30, 150]]


def test_linear_uses_pixel_centres_and_holds_the_edges() -> None:
    row = np.array([[0, 100]], dtype=np.uint8)
    # source x = (x + 0.5) / 2 - 0.5: -0.25 (held at 0), 0.25, 0.75, 1.25 (held at 100)
    assert im.resize(row, (4, 1), "linear").tolist() == [[0, 25, 75, 100]]


@pytest.mark.parametrize("method", ["area", "linear", "lanczos4"])
def test_resizing_a_flat_image_keeps_it_flat(method: im.Resample) -> None:
    flat = np.full((7, 9, 3), 200, dtype=np.uint8)
    size = (5, 4) if method == "area" else (12, 11)
    out = im.resize(flat, size, method)
    assert out.shape == (size[1], size[0], 3)
    assert (out == 200).all()


def test_lanczos_rings_at_a_step() -> None:
    step = np.repeat(np.array([[40] * 6 + [200] * 6], dtype=np.uint8), 2, axis=0)
    out = im.resize(step, (15, 2), "lanczos4")[0]
    # Lanczos overshoots on both sides of an edge; a box or linear filter never does.
    assert out.min() < 40 and out.max() > 200


def test_pad_repeats_the_edge_or_fills_a_colour() -> None:
    rgb = np.array([[[1, 2, 3], [4, 5, 6]]], dtype=np.uint8)
    edge = im.pad(rgb, 1, 0, 0, 2)
    assert edge[:, :, 0].tolist() == [[1, 4, 4, 4], [1, 4, 4, 4]]
    filled = im.pad(rgb, 0, 1, 1, 0, (9, 8, 7))
    assert filled[:, :, 0].tolist() == [[9, 1, 4], [9, 9, 9]]
    assert filled[1, 0].tolist() == [9, 8, 7]


# --- connected components ---------------------------------------------------------------------

MASK = np.array(
    [
        [1, 1, 0, 0, 1],
        [0, 1, 0, 1, 1],
        [0, 0, 0, 0, 0],
        [1, 0, 1, 1, 0],
        [0, 1, 0, 0, 0],
    ],
    dtype=bool,
)


def test_four_connected_pieces_in_raster_order() -> None:
    found = im.connected_components(MASK, connectivity=4)
    assert found.labels.tolist() == [
        [1, 1, 0, 0, 2],
        [0, 1, 0, 2, 2],
        [0, 0, 0, 0, 0],
        [3, 0, 4, 4, 0],
        [0, 5, 0, 0, 0],
    ]
    assert found.count == 6
    assert found.area.tolist() == [15, 3, 3, 1, 2, 1]


def test_eight_connected_pieces_join_at_corners() -> None:
    found = im.connected_components(MASK, connectivity=8)
    assert found.labels[3:].tolist() == [[3, 0, 3, 3, 0], [0, 3, 0, 0, 0]]
    assert found.count == 4
    third = 3
    assert found.area[third] == 4
    box = (found.left[third], found.top[third], found.width[third], found.height[third])
    assert tuple(int(v) for v in box) == (0, 3, 4, 2)
    assert found.centroid_x[third] == pytest.approx(1.5)  # columns 0, 1, 2, 3
    assert found.centroid_y[third] == pytest.approx(3.25)  # rows 3, 4, 3, 3
    # Label 0 describes the pixels off the mask, as OpenCV's statistics do.
    assert found.area[0] == 15 and found.width[0] == 5 and found.height[0] == 5


def test_runs_joined_only_further_down_are_one_piece() -> None:
    u_shape = np.array([[1, 0, 1, 0, 1], [1, 0, 1, 0, 1], [1, 1, 1, 1, 1]], dtype=bool)
    found = im.connected_components(u_shape, connectivity=4)
    assert found.count == 2
    assert (found.labels[u_shape] == 1).all()


def test_empty_and_full_masks() -> None:
    empty = im.connected_components(np.zeros((3, 4), dtype=bool))
    assert empty.count == 1 and not empty.labels.any() and empty.area[0] == 12
    full = im.connected_components(np.ones((3, 4), dtype=bool))
    assert full.count == 2 and (full.labels == 1).all() and full.area[1] == 12


def _flood_labels(mask: np.ndarray, connectivity: int) -> np.ndarray:
    """A plain breadth-first flood fill, numbering pieces in raster order."""
    steps = [(-1, 0), (1, 0), (0, -1), (0, 1)]
    if connectivity == 8:
        steps += [(-1, -1), (-1, 1), (1, -1), (1, 1)]
    h, w = mask.shape
    labels = np.zeros((h, w), dtype=np.int64)
    count = 0
    for y in range(h):
        for x in range(w):
            if mask[y, x] and not labels[y, x]:
                count += 1
                labels[y, x] = count
                queue = deque([(y, x)])
                while queue:
                    cy, cx = queue.popleft()
                    for dy, dx in steps:
                        ny, nx = cy + dy, cx + dx
                        if 0 <= ny < h and 0 <= nx < w and mask[ny, nx] and not labels[ny, nx]:
                            labels[ny, nx] = count
                            queue.append((ny, nx))
    return labels


@settings(max_examples=60, deadline=None)
@given(
    mask=hnp.arrays(bool, st.tuples(st.integers(1, 14), st.integers(1, 14))),
    connectivity=st.sampled_from([4, 8]),
)
def test_labels_match_a_flood_fill(mask: np.ndarray, connectivity: int) -> None:
    found = im.connected_components(mask, connectivity=connectivity)  # type: ignore[arg-type]
    expected = _flood_labels(mask, connectivity)
    assert found.labels.tolist() == expected.tolist()
    assert found.area[1:].tolist() == np.bincount(expected.ravel())[1:].tolist()


# --- morphology -------------------------------------------------------------------------------


def test_disc_rows_are_opencvs_ellipse() -> None:
    assert im.disc_half_widths(2).tolist() == [0, 2, 2, 2, 0]
    # radius 6: round(sqrt(36 - dy^2)) for dy = 0..6 is 6, 6, 6, 5, 4, 3, 0
    assert im.disc_half_widths(6).tolist()[6:] == [6, 6, 6, 5, 4, 3, 0]


def test_dilating_one_pixel_draws_the_disc() -> None:
    mask = np.zeros((7, 7), dtype=bool)
    mask[3, 3] = True
    disc = im.dilate_disc(mask, 2).astype(int)
    assert disc[1:6, 1:6].tolist() == [
        [0, 0, 1, 0, 0],
        [1, 1, 1, 1, 1],
        [1, 1, 1, 1, 1],
        [1, 1, 1, 1, 1],
        [0, 0, 1, 0, 0],
    ]
    assert disc.sum() == 17


def test_dilation_stops_at_the_image_edge() -> None:
    mask = np.zeros((6, 6), dtype=bool)
    mask[0, 0] = True
    grown = im.dilate_disc(mask, 2)
    assert grown[:3, :3].sum() == 7  # the quarter of the disc inside the image
    assert not grown[-1].any() and not grown[:, -1].any()  # nothing wraps around


# --- geometry ---------------------------------------------------------------------------------


def test_hull_of_a_square_and_distances_to_it() -> None:
    mask = np.zeros((10, 10), dtype=bool)
    mask[3:7, 3:7] = True
    mask[4, 4] = False  # a hole changes nothing
    hull = im.convex_hull(mask)
    assert sorted(map(tuple, hull.tolist())) == [(3, 3), (3, 6), (6, 3), (6, 6)]
    points = np.array([(4.5, 4.5), (4.5, 0.0), (6.0, 5.0), (9.0, 10.0)])
    assert im.signed_distance(hull, points).tolist() == pytest.approx([1.5, -3.0, 0.0, -5.0])


def test_hull_drops_collinear_points() -> None:
    mask = np.zeros((5, 9), dtype=bool)
    mask[1:4, 1:8] = True
    mask[0, 4] = True  # a peak on the top edge
    hull = im.convex_hull(mask)
    assert sorted(map(tuple, hull.tolist())) == [(1, 1), (1, 3), (4, 0), (7, 1), (7, 3)]


def test_rotation_matrix_turns_about_the_centre() -> None:
    matrix = im.rotation_matrix((2.0, 1.0), 90.0, 1.0)
    # counter-clockwise as shown with y down: a point right of the centre goes above it
    x, y = matrix @ np.array([3.0, 1.0, 1.0])
    assert (x, y) == pytest.approx((2.0, 0.0))
    x, y = matrix @ np.array([2.0, 1.0, 1.0])
    assert (x, y) == pytest.approx((2.0, 1.0))


def test_warp_shifts_with_black_outside() -> None:
    grey = (np.arange(12, dtype=np.uint8) * 10).reshape(3, 4)
    shifted = im.warp_affine(grey, np.array([[1.0, 0.0, 1.0], [0.0, 1.0, 0.0]]), (4, 3))
    assert shifted.tolist() == [[0, 0, 10, 20], [0, 40, 50, 60], [0, 80, 90, 100]]
    half = im.warp_affine(grey, np.array([[1.0, 0.0, -0.5], [0.0, 1.0, 0.0]]), (4, 3))
    # halfway between neighbours, rounded half up; past the right edge black comes in
    assert half[0].tolist() == [5, 15, 25, 15]


# --- matching and sharpness -------------------------------------------------------------------


def test_template_found_where_it_was_cut() -> None:
    rng = np.random.default_rng(7)
    image = rng.integers(0, 256, (12, 15)).astype(np.uint8)
    template = image[4:9, 6:11]
    scores = im.match_template(image, template)
    assert scores.shape == (8, 11)
    assert np.unravel_index(int(np.argmax(scores)), scores.shape) == (4, 6)
    assert scores[4, 6] == pytest.approx(1.0)
    assert (scores <= 1.0).all() and (scores >= -1.0).all()


def test_template_against_a_flat_window_scores_zero() -> None:
    image = np.zeros((6, 6), dtype=np.uint8)
    image[3:, 3:] = np.arange(9, dtype=np.uint8).reshape(3, 3)
    scores = im.match_template(image, image[3:, 3:])
    assert scores[0, 0] == 0.0  # all-black window
    assert scores[3, 3] == pytest.approx(1.0)
    inverted = im.match_template(255 - image, image[3:, 3:])
    assert inverted[3, 3] == pytest.approx(-1.0)


def test_laplacian_variance_of_a_dot() -> None:
    dot = np.zeros((3, 3), dtype=np.uint8)
    dot[1, 1] = 4
    # Mirrored edges: Laplacian [[0, 8, 0], [8, -16, 8], [0, 8, 0]], mean 16/9.
    expected = (4 * 64 + 256) / 9 - (16 / 9) ** 2
    assert im.laplacian_variance(dot) == pytest.approx(expected)
    assert im.laplacian_variance(np.full((5, 5), 90, dtype=np.uint8)) == 0.0


# --- packaging --------------------------------------------------------------------------------


# OpenCV's module name, spelt in two parts so that searching the tree for it finds imports only.
_OPENCV = "cv" + "2"


def test_photo_checks_run_without_opencv() -> None:
    script = (
        "import sys\n"
        "from tests.photo import photo_compose as pc\n"
        "from desk.models.photo import auto_fix, check_photo\n"
        "report = check_photo(pc.jpeg(pc.compose('hopper')))\n"
        "assert report.get('face.count').ok, report.measures\n"
        "assert auto_fix(pc.png(pc.compose('hopper'))).ok\n"
        f"print({_OPENCV!r} in sys.modules)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    assert result.stdout.strip() == "False"
