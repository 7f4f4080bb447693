"""Hostile and broken files: each gives a clear failure with its own code, never an exception."""

from __future__ import annotations

import io
import json
import random
import struct
import time
import zlib

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PIL import Image

from desk.models.photo import FaceDetector, PhotoReport, check_photo
from desk.models.photo.decode import MAX_PIXELS, Decoded, decode
from tests.photo import photo_compose as pc

JPEG_MAGIC = b"\xff\xd8\xff"
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
DECODE_CODES = {
    "file.empty",
    "file.not_image",
    "file.too_many_pixels",
    "file.truncated",
    "file.unreadable",
    "file.metadata",
}


@pytest.fixture(scope="module")
def good_jpeg() -> bytes:
    return pc.jpeg(pc.compose("obama"))


@pytest.fixture(scope="module")
def small_jpeg() -> bytes:
    return pc.jpeg(pc.compose("hopper", size=(150, 200)), quality=80)


@pytest.fixture(scope="module")
def small_png() -> bytes:
    return pc.png(pc.compose("hopper", size=(120, 160)))


def _png_chunk(kind: bytes, data: bytes) -> bytes:
    crc = zlib.crc32(kind + data) & 0xFFFFFFFF
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", crc)


def _png_claiming(width: int, height: int) -> bytes:
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        PNG_MAGIC
        + _png_chunk(b"IHDR", header)
        + _png_chunk(b"IDAT", zlib.compress(b"\x00" * 64))
        + _png_chunk(b"IEND", b"")
    )


def _only_failure(report: PhotoReport) -> str:
    assert len(report.checks) == 1, [c.code for c in report.checks]
    check = report.checks[0]
    assert not check.ok and check.message_en and check.message_zh and check.hint_en
    return check.code


def test_zero_bytes() -> None:
    assert _only_failure(check_photo(b"")) == "file.empty"


def test_not_an_image() -> None:
    assert _only_failure(check_photo(b"GIF89a" + b"\x00" * 200)) == "file.not_image"
    assert _only_failure(check_photo(b"%PDF-1.7\n" * 50)) == "file.not_image"


def test_png_decompression_bomb_is_refused_before_decoding() -> None:
    started = time.perf_counter()
    report = check_photo(_png_claiming(100_000, 100_000))
    assert _only_failure(report) == "file.too_many_pixels"
    assert time.perf_counter() - started < 1.0


def test_image_over_our_own_pixel_limit_is_refused() -> None:
    # 7000 x 7000 is under Pillow's own warning level, over ours.
    assert 7000 * 7000 > MAX_PIXELS
    report = check_photo(_png_claiming(7000, 7000), "licence")
    assert _only_failure(report) == "file.too_many_pixels"
    assert report.checks[0].value == [7000, 7000]


def test_jpeg_claiming_huge_dimensions(good_jpeg: bytes) -> None:
    patched = bytearray(good_jpeg)
    sof = patched.find(b"\xff\xc0")
    assert sof > 0
    patched[sof + 5 : sof + 9] = struct.pack(">HH", 60000, 60000)
    assert _only_failure(check_photo(bytes(patched))) == "file.too_many_pixels"


@pytest.mark.parametrize("keep", [0.5, 0.9])
def test_truncated_jpeg(good_jpeg: bytes, keep: float) -> None:
    cut = good_jpeg[: int(len(good_jpeg) * keep)]
    assert _only_failure(check_photo(cut)) == "file.truncated"


def test_truncated_png(small_png: bytes) -> None:
    assert (
        _only_failure(check_photo(small_png[: len(small_png) // 2], "licence")) == "file.truncated"
    )


def test_cmyk_jpeg_is_measured_but_fails_colour_mode(good_jpeg: bytes) -> None:
    cmyk = pc.jpeg(Image.open(io.BytesIO(good_jpeg)).convert("CMYK"))
    report = check_photo(cmyk)
    codes = {c.code for c in report.failures}
    assert "file.colour_mode" in codes and "analysis.error" not in codes
    assert report.get("file.colour_mode").value == "CMYK"  # type: ignore[union-attr]
    assert report.get("face.count").ok  # type: ignore[union-attr]


def test_16_bit_png_is_decoded_not_clipped() -> None:
    ramp = (np.linspace(0, 65535, 1200, dtype=np.float64)[None, :] * np.ones((900, 1))).astype(
        np.uint16
    )
    out = io.BytesIO()
    Image.fromarray(ramp).save(out, "PNG")
    decoded = decode(out.getvalue())
    assert isinstance(decoded, Decoded)
    assert decoded.mode.startswith("I;16")
    grey = np.asarray(decoded.image.convert("L"))
    # A ramp from black to white, not a white sheet (Pillow's own conversion clips at 255).
    assert grey[:, 0].max() < 5 and grey[:, -1].min() > 250 and 100 < grey[:, 600].mean() < 160
    badge = check_photo(out.getvalue())
    assert {"file.format", "file.colour_mode"} <= {c.code for c in badge.failures}


def test_png_named_jpg_fails_format_by_its_bytes() -> None:
    report = check_photo(pc.png(pc.compose("obama")))
    assert report.get("file.format").value == "PNG"  # type: ignore[union-attr]
    assert not report.get("file.format").ok  # type: ignore[union-attr]


def test_huge_exif_is_refused_without_parsing(good_jpeg: bytes) -> None:
    segment = b"\xff\xe1" + struct.pack(">H", 60002) + b"Exif\x00\x00" + b"\x00" * 59994
    bloated = good_jpeg[:2] + segment * 20 + good_jpeg[2:]
    report = check_photo(bloated)
    assert _only_failure(report) == "file.metadata"
    assert report.checks[0].value["exif"] > 1_000_000


@pytest.mark.filterwarnings("ignore:Corrupt EXIF data")
def test_malformed_exif_counts_as_no_orientation(good_jpeg: bytes) -> None:
    junk = b"Exif\x00\x00MM\x00\x2a\x00\x00\x00\x08\xff\xff" + b"\x01" * 30
    damaged = good_jpeg[:2] + b"\xff\xe1" + struct.pack(">H", len(junk) + 2) + junk + good_jpeg[2:]
    report = check_photo(damaged)
    assert report.ok, [c.code for c in report.failures]
    assert report.measures["orientation"] == 1


@pytest.mark.parametrize("size", [(1, 1), (7, 9), (40, 40)])
def test_tiny_images_fail_cleanly(size: tuple[int, int]) -> None:
    report = check_photo(pc.jpeg(Image.new("RGB", size, (200, 200, 200))))
    codes = {c.code for c in report.failures}
    assert {"file.dimensions", "face.count"} <= codes
    assert "analysis.error" not in codes


def _assert_sane(report: PhotoReport) -> None:
    assert isinstance(report, PhotoReport)
    codes = [c.code for c in report.checks]
    assert "analysis.error" not in codes, report.get("analysis.error")
    if any(code in DECODE_CODES for code in codes):
        assert len(codes) == 1
    json.dumps(report.as_json("fuzz"), allow_nan=False)


def _corrupt(rng: random.Random, data: bytes) -> bytes:
    buf = bytearray(data)
    how = rng.randrange(5)
    if how == 0:  # flip bytes anywhere
        for _ in range(rng.randint(1, 30)):
            buf[rng.randrange(len(buf))] = rng.randrange(256)
    elif how == 1:  # cut short
        del buf[rng.randint(3, len(buf) - 1) :]
    elif how == 2:  # damage the headers, where lengths and sizes live
        for _ in range(rng.randint(1, 8)):
            buf[rng.randrange(min(len(buf), 600))] = rng.randrange(256)
    elif how == 3:  # splice in junk
        at = rng.randrange(len(buf))
        buf[at:at] = bytes(rng.randrange(256) for _ in range(rng.randint(1, 400)))
    else:  # repeat a slice
        a = rng.randrange(len(buf))
        b = min(len(buf), a + rng.randint(1, 2000))
        buf[b:b] = buf[a:b] * rng.randint(1, 5)
    return bytes(buf)


@pytest.mark.filterwarnings("ignore::UserWarning")
def test_hundreds_of_corrupted_files_never_raise(
    small_jpeg: bytes, small_png: bytes, detector: FaceDetector
) -> None:
    rng = random.Random(20250917)
    started = time.perf_counter()
    measured = 0
    for i in range(300):
        source = small_jpeg if i % 3 else small_png
        kind = ("badge", "one-inch", "licence")[i % 3]
        report = check_photo(_corrupt(rng, source), kind, detector=detector)  # type: ignore[arg-type]
        _assert_sane(report)
        measured += report.get("face.count") is not None
    assert time.perf_counter() - started < 60
    # Damaged files that still decode must reach the pixel rules too, or this tests little.
    assert measured >= 30


@pytest.mark.filterwarnings("ignore::UserWarning")
@settings(
    max_examples=150,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    prefix=st.sampled_from([JPEG_MAGIC, PNG_MAGIC, b""]),
    body=st.binary(max_size=3000),
)
def test_arbitrary_bytes_never_raise(prefix: bytes, body: bytes, detector: FaceDetector) -> None:
    _assert_sane(check_photo(prefix + body, detector=detector))
