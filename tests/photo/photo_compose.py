"""Compose test photographs from the portrait cut-outs in `shared/data/photos/`.

A cut-out is a real photograph of one person with an alpha mask; putting it on a chosen
background at a chosen head size gives a good badge photo, and changing one thing at a time
gives each bad case. Geometry is taken from the mask and from the hand-marked numbers below,
never from the detector under test.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import numpy as np
from PIL import Image, ImageDraw, ImageFilter, ImageFont

REPO = Path(__file__).resolve().parents[2]
PHOTOS = REPO.parent / "shared" / "data" / "photos"

Background = tuple[int, int, int] | Callable[[int, int], np.ndarray]


@dataclass(frozen=True)
class Marks:
    """Points marked on a cut-out (its own pixels) and checked against the picture by eye."""

    chin_y: float
    eyes_x: float
    eyes_y: float
    eye_angle: float  # degrees, positive when the picture's right-hand eye is lower
    face_width: float  # cheek to cheek


MARKS: dict[str, Marks] = {
    "obama": Marks(chin_y=350, eyes_x=436, eyes_y=187, eye_angle=-1.0, face_width=213),
    "biden": Marks(chin_y=245, eyes_x=267, eyes_y=152, eye_angle=12.1, face_width=129),
    "hopper": Marks(chin_y=320, eyes_x=263, eyes_y=189, eye_angle=-1.7, face_width=176),
    "astronaut": Marks(chin_y=167, eyes_x=223, eyes_y=101, eye_angle=1.2, face_width=89),
}


@cache
def cutout(name: str) -> Image.Image:
    path = PHOTOS / f"{name}.png"
    if not path.is_file():
        raise FileNotFoundError(f"portrait cut-out missing: {path} (shared/ beside the checkout)")
    with Image.open(path) as im:
        return im.convert("RGBA")


def crown_y(rgba: Image.Image, centre_x: float, half_width: float) -> float:
    """The first row where 30% of a band around the face centre is the person (from alpha)."""
    alpha = np.asarray(rgba.getchannel("A"))
    x0 = max(0, int(centre_x - half_width))
    x1 = min(alpha.shape[1], int(centre_x + half_width))
    share = (alpha[:, x0:x1] > 64).mean(axis=1)
    return float(np.flatnonzero(share >= 0.3)[0])


def gradient(left: int, right: int) -> Callable[[int, int], np.ndarray]:
    """A horizontal shadow: grey level `left` at the left edge to `right` at the right."""

    def make(width: int, height: int) -> np.ndarray:
        row = np.linspace(left, right, width, dtype=np.float32)
        return np.repeat(np.repeat(row[None, :, None], height, axis=0), 3, axis=2).astype(np.uint8)

    return make


def compose(name: str, **options: Any) -> Image.Image:
    """`composed`, cached for the plain cases (many bad cases start from the same good one)."""
    background = options.get("background", (255, 255, 255))
    if options.get("person") is None and isinstance(background, tuple):
        key = tuple(sorted((k, v) for k, v in options.items() if k != "person"))
        return _cached(name, key).copy()
    return composed(name, **options)


@cache
def _cached(name: str, key: tuple[tuple[str, Any], ...]) -> Image.Image:
    return composed(name, **dict(key))


def composed(
    name: str,
    *,
    size: tuple[int, int] = (600, 800),
    ratio: float = 0.76,
    crown_at: float = 0.06,
    background: Background = (255, 255, 255),
    shift_x: float = 0.0,
    level: bool = True,
    tilt: float = 0.0,
    person: Callable[[np.ndarray, float, float], np.ndarray] | None = None,
) -> Image.Image:
    """One person on a background, crown-to-chin `ratio` of the height, crown at `crown_at`.

    `level` turns the cut-out so its eyes are level; `tilt` then turns it by that many degrees
    (positive: the picture's right-hand eye goes down). `person` changes the person's RGB
    pixels (float, 0-255) before they are placed; it is given the eyes' x and the face width
    in those pixels.
    """
    marks = MARKS[name]
    src = cutout(name)
    angle = (marks.eye_angle if level else 0.0) - tilt
    if angle:
        src = src.rotate(
            angle, resample=Image.Resampling.BICUBIC, center=(marks.eyes_x, marks.eyes_y)
        )
    eye_to_chin = marks.chin_y - marks.eyes_y
    chin = marks.eyes_y + eye_to_chin * np.cos(np.radians(angle))
    crown = crown_y(src, marks.eyes_x, marks.face_width / 2)
    width, height = size
    k = ratio * height / (chin - crown)
    scaled = src.resize(
        (max(1, round(src.width * k)), max(1, round(src.height * k))), Image.Resampling.LANCZOS
    )
    if person is not None:
        arr = np.asarray(scaled).astype(np.float32)
        arr[:, :, :3] = np.clip(
            person(arr[:, :, :3], marks.eyes_x * k, marks.face_width * k), 0, 255
        )
        scaled = Image.fromarray(arr.astype(np.uint8), "RGBA")
    if callable(background):
        base = Image.fromarray(background(width, height)).convert("RGBA")
    else:
        base = Image.new("RGBA", size, (*background, 255))
    ox = round(width / 2 + shift_x * width - marks.eyes_x * k)
    oy = round(crown_at * height - crown * k)
    layer = Image.new("RGBA", size, (0, 0, 0, 0))
    layer.paste(scaled, (ox, oy))
    return Image.alpha_composite(base, layer).convert("RGB")


def gain(factor: float, offset: float = 0.0) -> Callable[[np.ndarray, float, float], np.ndarray]:
    """Light on the person only: multiply (under- or over-exposure) and lift (haze)."""

    def apply(rgb: np.ndarray, eyes_x: float, face_width: float) -> np.ndarray:
        return rgb * factor + offset

    return apply


def side_light(dark: float) -> Callable[[np.ndarray, float, float], np.ndarray]:
    """A light from the picture's left: right of the eyes the face darkens to `dark`."""

    def apply(rgb: np.ndarray, eyes_x: float, face_width: float) -> np.ndarray:
        x = np.arange(rgb.shape[1], dtype=np.float32)
        ramp = np.clip((x - eyes_x) / (face_width / 4), 0.0, 1.0)
        factor = 1.0 - (1.0 - dark) * ramp
        return rgb * factor[None, :, None]

    return apply


def jpeg(image: Image.Image, quality: int = 92, subsampling: int = 2, **extra: object) -> bytes:
    out = io.BytesIO()
    image.save(out, "JPEG", quality=quality, subsampling=subsampling, **extra)
    return out.getvalue()


def png(image: Image.Image, level: int = 1) -> bytes:
    out = io.BytesIO()
    image.save(out, "PNG", compress_level=level)
    return out.getvalue()


def blur(image: Image.Image, sigma: float) -> Image.Image:
    return image.filter(ImageFilter.GaussianBlur(sigma))


def with_orientation(image: Image.Image, tag: int) -> bytes:
    """A JPEG whose pixels are stored turned so that EXIF orientation `tag` shows them upright."""
    stored = {
        6: image.transpose(Image.Transpose.ROTATE_90),
        8: image.transpose(Image.Transpose.ROTATE_270),
    }
    exif = Image.Exif()
    exif[0x0112] = tag
    return jpeg(stored.get(tag, image), exif=exif.tobytes())


def framed(image: Image.Image, width: int, colour: tuple[int, int, int]) -> Image.Image:
    out = image.copy()
    ImageDraw.Draw(out).rectangle(
        [0, 0, out.width - 1, out.height - 1], outline=colour, width=width
    )
    return out


def spotted(image: Image.Image, points: list[tuple[int, int]], radius: int = 4) -> Image.Image:
    out = image.copy()
    draw = ImageDraw.Draw(out)
    for x, y in points:
        draw.ellipse([x - radius, y - radius, x + radius, y + radius], fill=(40, 40, 40))
    return out


def noisy(image: Image.Image, sigma: float, seed: int = 1) -> Image.Image:
    """Sensor-like noise: what makes a camera's quality-100 JPEG large."""
    rng = np.random.default_rng(seed)
    arr = np.asarray(image).astype(np.float32) + rng.normal(
        0.0, sigma, (image.height, image.width, 3)
    )
    return Image.fromarray(np.clip(arr, 0, 255).astype(np.uint8))


def pair(left: str, right: str) -> Image.Image:
    """Two people side by side in one 600x800 photo."""
    out = Image.new("RGB", (600, 800), "white")
    out.paste(compose(left, size=(300, 800), ratio=0.4, crown_at=0.1), (0, 0))
    out.paste(compose(right, size=(300, 800), ratio=0.4, crown_at=0.1), (300, 0))
    return out


def licence_page(size: tuple[int, int] = (1654, 1169)) -> Image.Image:
    """A stand-in for a business licence scan: a framed page of printed lines and a seal."""
    width, height = size
    k = width / 1654
    page = Image.new("RGB", size, (250, 248, 240))
    draw = ImageDraw.Draw(page)
    draw.rectangle(
        [40 * k, 40 * k, width - 40 * k, height - 40 * k],
        outline=(150, 60, 40),
        width=max(1, round(8 * k)),
    )
    draw.text(
        (600 * k, 90 * k),
        "BUSINESS LICENCE",
        font=ImageFont.load_default(size=60 * k),
        fill=(20, 20, 20),
    )
    font = ImageFont.load_default(size=30 * k)
    for i in range(14):
        draw.text(
            (120 * k, (220 + i * 60) * k),
            f"Unified social credit code 91110000{i:04d}MA01XY{i}   Example Trade Co., Ltd.",
            font=font,
            fill=(30, 30, 30),
        )
    draw.ellipse(
        [1250 * k, 800 * k, 1500 * k, 1050 * k], outline=(200, 30, 30), width=max(1, round(10 * k))
    )
    return page
