"""Auto-fix: every fixed file passes every check it claims to fix; the rest is refused in words."""

from __future__ import annotations

import io
from collections.abc import Callable

import numpy as np
import pytest
from PIL import Image

from desk.models.photo import Face, FaceDetector, FixResult, auto_fix, check_photo
from desk.models.photo.rules import RULES
from tests.photo import photo_cases
from tests.photo import photo_compose as pc

BLUE = photo_cases.BLUE

FIXABLE: dict[str, tuple[str, Callable[[], bytes]]] = {
    "file-too-small": ("badge", lambda: pc.jpeg(pc.compose("obama"), quality=60)),
    "png": ("badge", lambda: pc.png(pc.compose("hopper"))),
    "exif-6": ("badge", lambda: pc.with_orientation(pc.compose("obama"), 6)),
    "exif-8": ("badge", lambda: pc.with_orientation(pc.compose("hopper"), 8)),
    "cmyk": ("badge", lambda: pc.jpeg(pc.compose("hopper").convert("CMYK"))),
    "head-small": ("badge", lambda: pc.jpeg(pc.compose("obama", ratio=0.66, crown_at=0.12))),
    "head-big": ("badge", lambda: pc.jpeg(pc.compose("hopper", ratio=0.93, crown_at=0.03))),
    "large-photo": ("badge", lambda: pc.jpeg(pc.compose("obama", size=(1200, 1600)))),
    "camera-720p": (
        "badge",
        lambda: pc.jpeg(pc.compose("hopper", size=(1280, 720), ratio=0.8, crown_at=0.08)),
    ),
    "camera-1080p": (
        "badge",
        lambda: pc.jpeg(pc.compose("hopper", size=(1920, 1080), ratio=0.66, crown_at=0.1)),
    ),
    "badge-to-one-inch": ("one-inch", lambda: pc.jpeg(pc.compose("obama"))),
    "one-inch-blue-camera": (
        "one-inch",
        lambda: pc.jpeg(pc.compose("hopper", size=(900, 1200), background=BLUE, ratio=0.5)),
    ),
    "licence-too-big": ("licence", lambda: pc.png(pc.noisy(pc.licence_page(), 4))),
    "licence-exif-6": ("licence", lambda: pc.with_orientation(pc.licence_page(), 6)),
}

REFUSED: dict[str, tuple[str, Callable[[], bytes], str]] = {
    "grey-background": (
        "badge",
        lambda: pc.jpeg(pc.compose("obama", background=(228, 228, 228))),
        "background",
    ),
    "shadow": (
        "badge",
        lambda: pc.jpeg(pc.compose("obama", background=pc.gradient(255, 205))),
        "background",
    ),
    "no-face": (
        "badge",
        lambda: pc.jpeg(Image.new("RGB", (600, 800), "white"), quality=95),
        "No face",
    ),
    "two-people": ("badge", lambda: pc.jpeg(pc.pair("obama", "hopper")), "More than one person"),
    "head-cut-off": ("badge", lambda: pc.jpeg(pc.compose("obama", crown_at=-0.03)), "cut off"),
    "head-too-small": (
        "badge",
        lambda: pc.jpeg(pc.compose("obama", ratio=0.55, crown_at=0.15)),
        "too small",
    ),
    "blur": ("badge", lambda: pc.jpeg(pc.blur(pc.compose("obama"), 1.5)), "sharpness"),
    "already-good": ("badge", lambda: pc.jpeg(pc.compose("obama")), "already passes"),
    "empty": ("badge", lambda: b"", "empty"),
    "licence-too-small": ("licence", lambda: pc.jpeg(pc.licence_page((800, 566))), "Long side"),
}


@pytest.fixture(scope="module")
def fixed(detector: FaceDetector) -> dict[str, tuple[bytes, FixResult]]:
    out = {}
    for name, (kind, make) in FIXABLE.items():
        data = make()
        out[name] = (data, auto_fix(data, kind, detector=detector))  # type: ignore[arg-type]
    return out


@pytest.mark.parametrize("name", list(FIXABLE))
def test_fix_passes_what_it_claims(
    name: str, fixed: dict[str, tuple[bytes, FixResult]], detector: FaceDetector
) -> None:
    kind = FIXABLE[name][0]
    original, result = fixed[name]
    before = check_photo(original, kind, detector=detector)  # type: ignore[arg-type]
    assert not before.ok
    assert result.jpeg is not None and result.report is not None, result.reason_en
    assert result.jpeg.startswith(b"\xff\xd8\xff")
    assert set(result.fixed) == {c.code for c in before.failures}
    # Checked again from the bytes alone, not trusting the report handed back.
    again = check_photo(result.jpeg, kind, detector=detector)  # type: ignore[arg-type]
    assert again.ok, [(c.code, c.value) for c in again.failures]
    assert again.as_json("f") == result.report.as_json("f")
    rules = RULES[kind]  # type: ignore[index]
    with Image.open(io.BytesIO(result.jpeg)) as im:
        assert im.format == "JPEG"
        assert 0x0112 not in im.getexif()
        if rules.dimensions:
            assert im.size == rules.dimensions
    if rules.max_bytes:
        assert len(result.jpeg) <= rules.max_bytes
    if rules.min_bytes:
        assert len(result.jpeg) >= rules.min_bytes


@pytest.mark.parametrize("name", [n for n, (k, _) in FIXABLE.items() if k != "licence"])
def test_fix_frames_the_head_as_specified(
    name: str, fixed: dict[str, tuple[bytes, FixResult]]
) -> None:
    kind = FIXABLE[name][0]
    result = fixed[name][1]
    assert result.report is not None
    rules = RULES[kind]  # type: ignore[index]
    assert rules.dimensions is not None
    width, height = rules.dimensions
    head = result.report.measures["head"]
    assert head["crown_chin_ratio"] == pytest.approx(rules.fix_ratio, abs=0.035)
    assert head["crown"] == pytest.approx(rules.fix_crown * height, abs=0.025 * height)
    assert head["centre_x"] == pytest.approx(width / 2, abs=0.05 * width)


def test_fix_keeps_a_licence_legible(fixed: dict[str, tuple[bytes, FixResult]]) -> None:
    result = fixed["licence-too-big"][1]
    assert result.report is not None
    assert max(result.report.measures["width"], result.report.measures["height"]) >= 1000


@pytest.mark.parametrize("name", list(REFUSED))
def test_unfixable_photos_are_refused_with_what_to_do(name: str, detector: FaceDetector) -> None:
    kind, make, words = REFUSED[name]
    result = auto_fix(make(), kind, detector=detector)  # type: ignore[arg-type]
    assert result.jpeg is None and not result.ok
    assert words.lower() in result.reason_en.lower()
    assert result.reason_zh and result.reason_zh != result.reason_en


class FlakyDetector:
    """Finds the real faces on the first photo, none on the next: a fix that breaks a check."""

    def __init__(self, inner: FaceDetector) -> None:
        self.inner = inner
        self.calls = 0

    def detect(self, rgb: np.ndarray) -> list[Face]:
        self.calls += 1
        return self.inner.detect(rgb) if self.calls == 1 else []


def test_a_fix_that_breaks_a_passing_check_is_not_returned(detector: FaceDetector) -> None:
    data = pc.jpeg(pc.compose("obama"), quality=60)
    result = auto_fix(data, detector=FlakyDetector(detector))
    assert result.jpeg is None
    assert result.report is not None and "face.count" in result.reason_en
