"""Safe decoding of an uploaded photo: any bytes in, an upright RGB image or a coded failure out.

The same code runs on the central service, so nothing here trusts the file name, the header
or the metadata, and nothing raises for bad input.
"""

from __future__ import annotations

import io
import math
import re
from dataclasses import dataclass
from typing import Any

import numpy as np
from PIL import Image

# Far above any camera or scanner we expect (a 600 dpi A4 scan is 35 MP), far below what
# would exhaust memory; checked before a single pixel is decoded.
MAX_PIXELS = 40_000_000
MAX_SIDE = 20_000
# One JPEG APP1 segment holds at most 64 KB; more EXIF than that is split across segments,
# which no camera does. Parsing it is skipped and the file refused.
MAX_EXIF_BYTES = 65_535
MAX_METADATA_BYTES = 1_048_576

JPEG_MAGIC = b"\xff\xd8\xff"
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
# Pillow calls a JPEG with a multi-picture index (phones write them) "MPO".
JPEG_FORMATS = frozenset({"JPEG", "MPO"})


@dataclass(frozen=True, slots=True)
class DecodeFailure:
    """Why the bytes could not be turned into pixels: a stable code and a detail for the log."""

    code: str
    detail: str
    value: Any = None


@dataclass(frozen=True, slots=True)
class Decoded:
    """An upright RGB image and the facts about the file it came from.

    `image` may be a reduced copy of a large JPEG (`scale` = decoded width / upright width);
    `size` is always the full upright size.
    """

    image: Image.Image
    magic: str  # "jpeg" or "png", from the first bytes
    format: str  # Pillow's name for the format
    mode: str  # the stored colour mode, before conversion to RGB
    size: tuple[int, int]  # (width, height) after EXIF orientation
    orientation: int  # the EXIF orientation tag, 1 when absent
    byte_count: int
    exif_bytes: int
    dpi: tuple[float, float] | None
    scale: float = 1.0


def sniff(data: bytes) -> str | None:
    """Which format the first bytes announce: "jpeg", "png" or None."""
    if data.startswith(JPEG_MAGIC):
        return "jpeg"
    if data.startswith(PNG_MAGIC):
        return "png"
    return None


def decode(data: bytes, *, max_long_side: int | None = None) -> Decoded | DecodeFailure:
    """Decode `data` into an upright RGB image, or say why not.

    `max_long_side` lets a large JPEG be decoded at a reduced scale (the DCT does it for free);
    other images are decoded in full and left for the caller to reduce.
    """
    if not data:
        return DecodeFailure("file.empty", "zero bytes", 0)
    magic = sniff(data)
    if magic is None:
        return DecodeFailure("file.not_image", "not JPEG or PNG magic bytes", data[:8].hex())
    try:
        return _decode(data, magic, max_long_side)
    except Image.DecompressionBombError as exc:
        return DecodeFailure("file.too_many_pixels", str(exc))
    except (MemoryError, OverflowError) as exc:
        return DecodeFailure("file.too_many_pixels", type(exc).__name__)
    except Exception as exc:  # noqa: BLE001 - hostile input may make any decoder step fail
        text = str(exc)
        lowered = text.lower()
        if any(s in lowered for s in ("truncated", "broken data stream", "unexpected end")):
            return DecodeFailure("file.truncated", text)
        # Object addresses in a message would make the same bytes give different reports.
        text = re.sub(r" at 0x[0-9a-fA-F]+", "", text)
        return DecodeFailure("file.unreadable", f"{type(exc).__name__}: {text}"[:300])


def _decode(data: bytes, magic: str, max_long_side: int | None) -> Decoded | DecodeFailure:
    im = Image.open(io.BytesIO(data), formats=["JPEG", "PNG"])
    width, height = im.size
    if width < 1 or height < 1 or width > MAX_SIDE or height > MAX_SIDE:
        return DecodeFailure("file.too_many_pixels", "side out of range", [width, height])
    if width * height > MAX_PIXELS:
        return DecodeFailure("file.too_many_pixels", "pixel limit", [width, height])
    fmt = str(im.format)
    exif_raw = im.info.get("exif", b"")
    exif_bytes = len(exif_raw) if isinstance(exif_raw, bytes | bytearray) else 0
    metadata_bytes = sum(
        len(v) for k, v in im.info.items() if isinstance(v, bytes | bytearray | str) and k != "dpi"
    )
    if exif_bytes > MAX_EXIF_BYTES or metadata_bytes > MAX_METADATA_BYTES:
        return DecodeFailure(
            "file.metadata", "metadata too large", {"exif": exif_bytes, "all": metadata_bytes}
        )
    orientation = _orientation(im) if exif_bytes else 1
    mode = im.mode
    scale = 1.0
    if max_long_side and fmt in JPEG_FORMATS and max(width, height) > 2 * max_long_side:
        # The draft keeps the image at least as large as asked; only the JPEG decoder obeys it.
        ratio = max_long_side / max(width, height)
        im.draft(im.mode, (max(1, int(width * ratio)), max(1, int(height * ratio))))
    im.load()
    image = _to_rgb(im)
    if image.size != (width, height):
        scale = image.size[0] / width
    if orientation in range(2, 9):
        image = _transpose(image, orientation)
    upright = (height, width) if orientation in (5, 6, 7, 8) else (width, height)
    dpi_raw = im.info.get("dpi")
    dpi: tuple[float, float] | None = None
    if isinstance(dpi_raw, tuple) and len(dpi_raw) == 2:
        try:
            pair = (float(dpi_raw[0]), float(dpi_raw[1]))
        except (TypeError, ValueError):
            pair = (math.nan, math.nan)
        if all(math.isfinite(v) and v > 0 for v in pair):
            dpi = (round(pair[0], 2), round(pair[1], 2))
    return Decoded(
        image=image,
        magic=magic,
        format=fmt,
        mode=mode,
        size=upright,
        orientation=orientation,
        byte_count=len(data),
        exif_bytes=exif_bytes,
        dpi=dpi,
        scale=scale,
    )


def _orientation(im: Image.Image) -> int:
    """The EXIF orientation tag; a malformed EXIF block counts as no tag."""
    try:
        value = im.getexif().get(0x0112, 1)
    except Exception:  # noqa: BLE001 - a malformed EXIF block is common and harmless
        return 1
    try:
        return int(value)
    except (TypeError, ValueError):
        return 0


_TRANSPOSE: dict[int, tuple[Image.Transpose, ...]] = {
    2: (Image.Transpose.FLIP_LEFT_RIGHT,),
    3: (Image.Transpose.ROTATE_180,),
    4: (Image.Transpose.FLIP_TOP_BOTTOM,),
    5: (Image.Transpose.TRANSPOSE,),
    6: (Image.Transpose.ROTATE_270,),
    7: (Image.Transpose.TRANSVERSE,),
    8: (Image.Transpose.ROTATE_90,),
}


def _transpose(image: Image.Image, orientation: int) -> Image.Image:
    # Done by hand rather than ImageOps.exif_transpose: that one re-parses the EXIF we
    # already judged, and the pixels here carry no metadata any more.
    for step in _TRANSPOSE[orientation]:
        image = image.transpose(step)
    return image


def _to_rgb(im: Image.Image) -> Image.Image:
    """8-bit RGB from any mode Pillow gives for JPEG or PNG."""
    if im.mode == "RGB":
        return im
    if im.mode.startswith("I;16") or im.mode == "I":
        # 16-bit greyscale PNG: Pillow's own conversion clips at 255, so scale it down here.
        arr = np.asarray(im).astype(np.uint32)
        peak = 65535 if im.mode.startswith("I;16") or int(arr.max(initial=0)) > 255 else 255
        grey = (arr * 255 // peak).clip(0, 255).astype(np.uint8)
        return Image.fromarray(grey).convert("RGB")
    if im.mode in ("RGBA", "LA", "PA") or (im.mode == "P" and "transparency" in im.info):
        # Transparent areas read as white paper, as a viewer shows them.
        rgba = im.convert("RGBA")
        white = Image.new("RGBA", rgba.size, (255, 255, 255, 255))
        return Image.alpha_composite(white, rgba).convert("RGB")
    return im.convert("RGB")
