"""Photo rules for badge, one-inch and licence photos: checks, measures and auto-fix. No Qt.

report = check_photo(data, "badge")
if not report.ok:
    fixed = auto_fix(data, "badge")
"""

from __future__ import annotations

from desk.models.photo.checks import check_photo
from desk.models.photo.detector import Face, FaceDetector, YuFaceDetector, default_detector, warm_up
from desk.models.photo.fix import auto_fix
from desk.models.photo.manual import manual_checks
from desk.models.photo.report import PHOTO_KINDS, Check, FixResult, PhotoKind, PhotoReport

__all__ = [
    "PHOTO_KINDS",
    "Check",
    "Face",
    "FaceDetector",
    "FixResult",
    "PhotoKind",
    "PhotoReport",
    "YuFaceDetector",
    "auto_fix",
    "check_photo",
    "default_detector",
    "manual_checks",
    "warm_up",
]
