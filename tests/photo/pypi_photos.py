"""Unprocessed real photographs that ship inside packages on PyPI, fetched once and cached.

`pip download --no-deps` fetches the pinned archive into `.cache/test-photos/` beside the
checkout; the wanted file is read out of it and checked against its SHA-256, so a run either
uses exactly these bytes or fails loudly.
"""

from __future__ import annotations

import hashlib
import subprocess
import sys
import tarfile
import zipfile
from dataclasses import dataclass
from pathlib import Path

from tests.photo.photo_compose import REPO

CACHE = REPO / ".cache" / "test-photos"


@dataclass(frozen=True)
class Source:
    requirement: str
    pip_args: tuple[str, ...]
    archive_glob: str
    member: str
    sha256: str


_FACE_RECOGNITION = (
    "face_recognition==1.3.0",
    ("--no-binary", ":all:"),
    "face_recognition-1.3.0.tar.gz",
)
# A fixed platform and Python, so every machine fetches the same wheel.
_MATPLOTLIB = (
    "matplotlib==3.9.2",
    (
        "--only-binary",
        ":all:",
        "--python-version",
        "3.11",
        "--implementation",
        "cp",
        "--abi",
        "cp311",
        "--platform",
        "manylinux2014_x86_64",
    ),
    "matplotlib-3.9.2-*.whl",
)


def _fr(name: str, sha256: str) -> Source:
    req, args, glob = _FACE_RECOGNITION
    return Source(req, args, glob, f"face_recognition-1.3.0/tests/test_images/{name}", sha256)


SOURCES: dict[str, Source] = {
    "obama.jpg": _fr(
        "obama.jpg", "0930e3aa8cae5920329c0c8cbc6a2ab70f47b0e67b432875beaa95cbf7e741f6"
    ),
    "biden.jpg": _fr(
        "biden.jpg", "3c17508bb91554c637a2eabddfae790e5bb1caba93130814fc2ac50be9760c4c"
    ),
    "obama_partial_face.jpg": _fr(
        "obama_partial_face.jpg", "c2d1f09e7ef3042352b41e41286e6eb0522f64f88308be13886991b95db52117"
    ),
    "32bit.png": _fr(
        "32bit.png", "44dca895a7d635a4aedddd91a4f37af9a8a5b44e66154282a24645a757b5f627"
    ),
    "grace_hopper.jpg": Source(
        *_MATPLOTLIB,
        member="matplotlib/mpl-data/sample_data/grace_hopper.jpg",
        sha256="a8ca6d734765703b09728ab47fe59f473d93ae3967fc24c7c0288c3c7adb7130",
    ),
}


def fetch(name: str) -> bytes:
    """The bytes of one photo, from the cache or freshly fetched; raises if that fails."""
    source = SOURCES[name]
    target = CACHE / name
    if target.is_file():
        data = target.read_bytes()
        if hashlib.sha256(data).hexdigest() == source.sha256:
            return data
    archive = _archive(source)
    data = _read_member(archive, source.member)
    digest = hashlib.sha256(data).hexdigest()
    if digest != source.sha256:
        raise RuntimeError(f"{name} from {archive.name} has SHA-256 {digest}, not {source.sha256}")
    partial = target.with_suffix(target.suffix + ".part")
    partial.write_bytes(data)
    partial.replace(target)
    return data


def _archive(source: Source) -> Path:
    folder = CACHE / "archives"
    folder.mkdir(parents=True, exist_ok=True)
    found = sorted(folder.glob(source.archive_glob))
    if found:
        return found[0]
    command = [
        sys.executable,
        "-m",
        "pip",
        "download",
        "--no-deps",
        "--disable-pip-version-check",
        "--timeout",
        "60",
        "--retries",
        "3",
        "--dest",
        str(folder),
        *source.pip_args,
        source.requirement,
    ]
    result = subprocess.run(command, capture_output=True, text=True, timeout=600, check=False)
    found = sorted(folder.glob(source.archive_glob))
    if result.returncode != 0 or not found:
        raise RuntimeError(
            f"could not fetch {source.requirement} from PyPI "
            f"(exit {result.returncode}):\n{result.stderr[-2000:]}"
        )
    return found[0]


def _read_member(archive: Path, member: str) -> bytes:
    if archive.name.endswith(".whl"):
        with zipfile.ZipFile(archive) as zf:
            return zf.read(member)
    with tarfile.open(archive, "r:gz") as tf:
        extracted = tf.extractfile(member)
        if extracted is None:
            raise RuntimeError(f"{member} is not a file in {archive.name}")
        return extracted.read()
