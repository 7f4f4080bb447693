"""The rules' edges with a detector we control, the report's shape, determinism."""

from __future__ import annotations

import dataclasses
import json
import subprocess
import sys
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import numpy as np
import pytest

from desk.models.photo import (
    Check,
    Face,
    FaceDetector,
    PhotoReport,
    check_photo,
    manual_checks,
)
from tests.photo import photo_cases
from tests.photo import photo_compose as pc

GOOD_BADGE = next(c for c in photo_cases.good_cases() if c.name == "obama")


class StubDetector:
    """Returns the faces it was given, whatever the picture."""

    def __init__(self, faces: list[Face]) -> None:
        self.faces = faces

    def detect(self, rgb: np.ndarray) -> list[Face]:
        return list(self.faces)


@pytest.fixture(scope="module")
def good_bytes(photo: Callable[[photo_cases.Case], bytes]) -> bytes:
    return photo(GOOD_BADGE)


@pytest.fixture(scope="module")
def real_face(good_bytes: bytes, detector: FaceDetector) -> Face:
    faces = detector.detect(np.asarray(pc.compose("obama")))
    assert len(faces) == 1
    return faces[0]


def _moved(
    face: Face, *, nose_dx: float = 0.0, eye_scale: float = 1.0, conf: float | None = None
) -> Face:
    (lx, ly), (rx, ry), (nx, ny), m1, m2 = face.landmarks
    mx = (lx + rx) / 2
    half = (rx - lx) / 2 * eye_scale
    return Face(
        face.box,
        face.confidence if conf is None else conf,
        ((mx - half, ly), (mx + half, ry), (mx + nose_dx, ny), m1, m2),
    )


def _codes(report: PhotoReport) -> set[str]:
    return {c.code for c in report.failures}


def test_no_face_fails_count_and_measures_nothing_about_a_face(good_bytes: bytes) -> None:
    report = check_photo(good_bytes, detector=StubDetector([]))
    assert _codes(report) == {"face.count"}
    assert report.get("face.count") is not None and report.get("face.count").value == 0  # type: ignore[union-attr]
    assert "face.sharpness" in report.measures["not_measured"]
    assert report.get("face.sharpness") is None


def test_two_confident_faces_fail_count(good_bytes: bytes, real_face: Face) -> None:
    other = dataclasses.replace(real_face, confidence=0.9)
    report = check_photo(good_bytes, detector=StubDetector([real_face, other]))
    assert "face.count" in _codes(report)
    assert report.get("face.count").value == 2  # type: ignore[union-attr]


def test_a_face_under_the_confidence_floor_is_not_counted(
    good_bytes: bytes, real_face: Face
) -> None:
    faint = dataclasses.replace(real_face, confidence=0.55)
    assert check_photo(good_bytes, detector=StubDetector([real_face, faint])).ok
    only_faint = check_photo(good_bytes, detector=StubDetector([faint]))
    assert "face.count" in _codes(only_faint)


@pytest.mark.parametrize(("share", "ok"), [(0.0, True), (0.12, True), (0.28, False), (0.45, False)])
def test_yaw_proxy_limit(good_bytes: bytes, real_face: Face, share: float, ok: bool) -> None:
    eye_distance = real_face.right_eye[0] - real_face.left_eye[0]
    turned = _moved(real_face, nose_dx=share * eye_distance)
    report = check_photo(good_bytes, detector=StubDetector([turned]))
    assert report.get("face.yaw").ok is ok  # type: ignore[union-attr]
    assert report.get("face.yaw").value == pytest.approx(share, abs=0.03)  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("distance", "ok"), [(80.0, False), (89.0, False), (95.0, True), (140.0, True)]
)
def test_eye_distance_floor(good_bytes: bytes, real_face: Face, distance: float, ok: bool) -> None:
    eye_distance = real_face.right_eye[0] - real_face.left_eye[0]
    narrowed = _moved(real_face, eye_scale=distance / eye_distance)
    report = check_photo(good_bytes, detector=StubDetector([narrowed]))
    assert report.get("face.eye_distance").ok is ok  # type: ignore[union-attr]


def test_same_bytes_same_report(good_bytes: bytes, detector: FaceDetector) -> None:
    first = check_photo(good_bytes, detector=detector).as_json("a.jpg")
    second = check_photo(good_bytes, detector=detector).as_json("a.jpg")
    assert first == second


def test_concurrent_checks_match_sequential(
    photo: Callable[[photo_cases.Case], bytes], detector: FaceDetector
) -> None:
    cases = [c for c in photo_cases.good_cases() + photo_cases.bad_cases() if c.kind == "badge"][:8]
    payloads = [photo(c) for c in cases]
    sequential = [check_photo(p, detector=detector).as_json("f") for p in payloads]
    with ThreadPoolExecutor(max_workers=4) as pool:
        parallel = list(
            pool.map(lambda p: check_photo(p, detector=detector).as_json("f"), payloads)
        )
    assert parallel == sequential


def test_report_json_shape(good_bytes: bytes, detector: FaceDetector) -> None:
    bad = check_photo(good_bytes, "one-inch", detector=detector)
    obj = bad.as_json("photos/a.jpg")
    assert set(obj) == {"file", "ok", "failures", "measures"}
    assert obj["file"] == "photos/a.jpg" and obj["ok"] is False
    assert [f["code"] for f in obj["failures"]] == ["file.dimensions"]
    assert set(obj["failures"][0]) == {"code", "message_zh", "message_en", "value"}
    assert obj["failures"][0]["value"] == [600, 800]


def test_check_is_frozen() -> None:
    item = Check("x", True, 1, "中", "en")
    with pytest.raises(dataclasses.FrozenInstanceError):
        item.ok = False  # type: ignore[misc]


def test_manual_checks_cover_what_pixels_cannot() -> None:
    portrait = {code for code, *_ in manual_checks("badge")}
    assert {"manual.bare_headed", "manual.eyes_open", "manual.neutral_expression"} <= portrait
    assert portrait == {code for code, *_ in manual_checks("one-inch")}
    licence = {code for code, *_ in manual_checks("licence")}
    assert "manual.licence_upright" in licence and not licence & portrait
    for kind in ("badge", "licence"):
        for item in manual_checks(kind):  # type: ignore[arg-type]
            assert len(item) == 5 and all(item)


def test_licence_runs_no_face_rules(photo: Callable[[photo_cases.Case], bytes]) -> None:
    case = next(c for c in photo_cases.good_cases() if c.name == "scan-jpeg")
    report = check_photo(photo(case), "licence", detector=StubDetector([]))
    assert report.ok
    assert not any(c.code.startswith(("face.", "head.", "background.")) for c in report.checks)


def test_models_import_no_qt() -> None:
    code = (
        "import sys, desk.models.photo, desk.cli.check_photo; "
        "assert not [m for m in sys.modules if m.startswith('PySide6')]"
    )
    subprocess.run([sys.executable, "-c", code], check=True, timeout=120)


def test_another_process_gives_the_same_report(
    good_bytes: bytes, detector: FaceDetector, tmp_path: Path
) -> None:
    """The service re-checks uploads: a fresh process must reach the very same verdict."""
    path = tmp_path / "a.jpg"
    path.write_bytes(good_bytes)
    code = (
        "import json, sys; from desk.models.photo import check_photo; "
        f"sys.stdout.write(json.dumps(check_photo(open({str(path)!r}, 'rb').read()).as_json('a')))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=120
    )
    assert json.loads(done.stdout) == check_photo(good_bytes, detector=detector).as_json("a")
