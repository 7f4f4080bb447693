"""Image primitives of the photo checks, on numpy arrays.

The measures were calibrated on OpenCV 4's conventions (pixel centres, rounding, borders, the
Lab constants), so each primitive here follows the OpenCV function it stands for, and says
which and how closely. Arrays are H x W (x 3), uint8 unless a docstring says otherwise.
"""

from desk.models.photo.imaging.alignment import (
    laplacian_variance,
    match_template,
    rotation_matrix,
    warp_affine,
)
from desk.models.photo.imaging.colour import rgb_to_grey, rgb_to_lab, srgb_to_linear
from desk.models.photo.imaging.regions import (
    Components,
    connected_components,
    convex_hull,
    dilate_disc,
    disc_half_widths,
    signed_distance,
)
from desk.models.photo.imaging.resample import Resample, pad, resize

__all__ = [
    "Components",
    "Resample",
    "connected_components",
    "convex_hull",
    "dilate_disc",
    "disc_half_widths",
    "laplacian_variance",
    "match_template",
    "pad",
    "resize",
    "rgb_to_grey",
    "rgb_to_lab",
    "rotation_matrix",
    "signed_distance",
    "srgb_to_linear",
    "warp_affine",
]
