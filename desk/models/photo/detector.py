"""Face detection behind a small interface, so the network can be swapped without touching rules.

The implementation runs yuface (the libfacedetection CNN, weights compiled into the wheel: no
download, no network). It gives a box and five landmarks, which is all the rules need, so no
eye-cascade fallback is kept.
"""

from __future__ import annotations

import os
import threading
from dataclasses import dataclass
from functools import cache
from typing import Protocol

import numpy as np

from desk.models.photo.imaging import resize

# yuface runs on OpenMP. Its threads spin while they wait, which on a busy machine (a desk
# PC running the camera, a service checking uploads on several threads) made a 35 ms check
# take 2 s; passive waiting keeps it near 200 ms under the same load. Read once, when the
# OpenMP library is loaded by the first detection; an explicit setting is respected.
os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")

Point = tuple[float, float]


@dataclass(frozen=True, slots=True)
class Face:
    """A detected face in the pixel coordinates of the image given to `detect`.

    Landmarks are the eye, eye, nose tip, mouth corner, mouth corner, each pair in image
    order (the first eye is the one further left in the picture, the subject's right eye).
    """

    box: tuple[float, float, float, float]  # x, y, width, height
    confidence: float  # 0..1
    landmarks: tuple[Point, Point, Point, Point, Point]

    @property
    def left_eye(self) -> Point:
        return self.landmarks[0]

    @property
    def right_eye(self) -> Point:
        return self.landmarks[1]

    @property
    def nose(self) -> Point:
        return self.landmarks[2]

    def scaled(self, factor: float) -> Face:
        """The same face with every coordinate multiplied by `factor`."""
        x, y, w, h = self.box
        marks = tuple((px * factor, py * factor) for px, py in self.landmarks)
        return Face(
            (x * factor, y * factor, w * factor, h * factor),
            self.confidence,
            marks,  # type: ignore[arg-type]
        )

    def as_json(self) -> dict[str, object]:
        return {
            "box": [round(v, 1) for v in self.box],
            "confidence": round(self.confidence, 2),
            "landmarks": [[round(px, 1), round(py, 1)] for px, py in self.landmarks],
        }


class FaceDetector(Protocol):
    """Finds faces in an RGB image (H x W x 3, uint8), most confident first."""

    def detect(self, rgb: np.ndarray) -> list[Face]: ...


class YuFaceDetector:
    """yuface on a copy reduced to about 300x400, where it takes 12-22 ms on two cores."""

    def __init__(self, *, work_long_side: int = 400, min_confidence: float = 0.3) -> None:
        self.work_long_side = work_long_side
        self.min_confidence = min_confidence
        # The extension keeps no documented promise about concurrent calls; the service may
        # check uploads on several threads.
        self._lock = threading.Lock()

    def detect(self, rgb: np.ndarray) -> list[Face]:
        import yuface  # deferred: importing loads the shared library (part of the cold start)

        if rgb.ndim != 3 or rgb.shape[2] != 3 or min(rgb.shape[:2]) < 8:
            return []
        height, width = rgb.shape[:2]
        factor = min(1.0, self.work_long_side / max(height, width))
        if factor < 1.0:
            size = (max(1, round(width * factor)), max(1, round(height * factor)))
            small = resize(rgb, size, "area")
        else:
            small = rgb
        bgr = np.ascontiguousarray(small[:, :, ::-1])
        with self._lock:
            rows = np.asarray(yuface.c_detect(bgr))
        faces: list[Face] = []
        back_x = width / small.shape[1]
        back_y = height / small.shape[0]
        if rows.ndim != 2 or rows.shape[1] < 15:
            return []
        for row in rows:
            confidence = float(row[0]) / 100.0
            if confidence < self.min_confidence:
                continue
            x, y, w, h = (float(v) for v in row[1:5])
            marks = [
                (float(row[5 + 2 * i]) * back_x, float(row[6 + 2 * i]) * back_y) for i in range(5)
            ]
            faces.append(
                Face(
                    (x * back_x, y * back_y, w * back_x, h * back_y),
                    confidence,
                    (marks[0], marks[1], marks[2], marks[3], marks[4]),
                )
            )
        # Most confident first, then larger: a stable order for equal confidences.
        faces.sort(key=lambda f: (-f.confidence, -f.box[2] * f.box[3], f.box[0], f.box[1]))
        return faces


@cache
def default_detector() -> YuFaceDetector:
    """The shared detector (one per process)."""
    return YuFaceDetector()


def warm_up(detector: FaceDetector | None = None) -> None:
    """Load the detector and run it once, so the first real photo is not the slow one."""
    (detector or default_detector()).detect(np.full((400, 300, 3), 255, dtype=np.uint8))
