"""Looking for personal data, secrets and photos in raw bytes (files, logs, stderr).

Ciphertext is random, so short byte patterns turn up in it by chance (`FF D8 FF` about once
per 16 MB): the scan looks for what a leak really looks like, a whole value or a JPEG's
SOI + APPn/DQT header, rather than for any three bytes.
"""

from __future__ import annotations

import base64
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

_CJK_RUN = re.compile(rb"(?:[\xe3-\xe9][\x80-\xbf]{2}){2,}")
_DIGIT_RUN = re.compile(rb"\d{6,}[\dXx]?")
_EMAIL = re.compile(rb"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
# Start of image, then an APP0..APP15, DQT or COM segment, as every JPEG encoder writes.
_JPEG_HEADER = re.compile(rb"\xff\xd8\xff[\xe0-\xef\xdb\xfe]..(?:JFIF|Exif|\xff|\x00)", re.S)


@dataclass
class Secrets:
    """What must not be found: personal values, and secrets in clear (text and bytes)."""

    names: set[str] = field(default_factory=set)
    numbers: set[str] = field(default_factory=set)  # document numbers and phones
    emails: set[str] = field(default_factory=set)
    other: set[str] = field(default_factory=set)  # pinyin, tokens, keys as text
    raw: set[bytes] = field(default_factory=set)  # keys and photo prefixes as bytes

    def add_person(self, name: str, doc: str | None, mobile: str | None, email: str | None):
        self.names.add(name)
        for value in (doc, mobile):
            if value:
                self.add_number(value)
        if email:
            self.emails.add(email)

    def add_number(self, value: str) -> None:
        """As stored (+8613700137000) and as typed (13700137000): digits only, either way."""
        digits = "".join(c for c in value if c.isdigit() or c in "Xx")
        self.numbers.add(digits)
        if value.startswith("+86") and len(digits) == 13:
            self.numbers.add(digits[2:])

    def add_photo(self, jpeg: bytes) -> None:
        self.raw.add(jpeg[:48])
        self.other.add(base64.b64encode(jpeg[:48]).decode())
        self.other.add(jpeg[:16].hex())

    def add_key(self, key: bytes) -> None:
        self.raw.add(key)
        self.other.update({key.hex(), base64.b64encode(key).decode()})


def leaks(blob: bytes, secrets: Secrets) -> list[str]:
    """What of `secrets` is in `blob` (described, never quoted in full)."""
    found: list[str] = []
    for match in _CJK_RUN.finditer(blob):
        text = match.group().decode("utf-8", "ignore")
        found += [f"name {n[:1]}…" for n in secrets.names if n and n in text]
    for match in _DIGIT_RUN.finditer(blob):
        text = match.group().decode()
        found += [f"number …{n[-4:]}" for n in secrets.numbers if n in text]
    for match in _EMAIL.finditer(blob):
        text = match.group().decode("utf-8", "ignore").lower()
        found += [f"e-mail {e[:2]}…" for e in secrets.emails if e.lower() in text]
    found += [f"secret {s[:4]}…" for s in secrets.other if s and s.encode() in blob]
    found += [f"bytes {r[:2].hex()}…" for r in secrets.raw if r in blob]
    if _JPEG_HEADER.search(blob):
        found.append("a JPEG header")
    return found


def scan_files(paths: Iterable[Path], secrets: Secrets) -> dict[str, list[str]]:
    """Leaks per file, for every file given (only files with any)."""
    report: dict[str, list[str]] = {}
    for path in paths:
        found = leaks(path.read_bytes(), secrets)
        if found:
            report[str(path)] = found
    return report


def files_under(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.is_file())
