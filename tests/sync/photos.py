"""Photos for sync tests, made from the shared public-domain portraits."""

from __future__ import annotations

import io

from PIL import Image

from desk.models.photo import auto_fix, check_photo
from tests.conftest import SHARED_DIR

PORTRAIT = SHARED_DIR / "data" / "photos" / "obama.png"


def _on_white(scale: int) -> bytes:
    source = Image.open(PORTRAIT).convert("RGBA")
    source = source.resize((source.width * scale, source.height * scale), Image.Resampling.LANCZOS)
    canvas = Image.new("RGB", source.size, (255, 255, 255))
    canvas.paste(source, mask=source.split()[3])
    out = io.BytesIO()
    canvas.save(out, "JPEG", quality=95)
    return out.getvalue()


def make_good_photo() -> bytes:
    fixed = auto_fix(_on_white(2), "badge")
    assert fixed.jpeg is not None, fixed.reason_en
    assert check_photo(fixed.jpeg, "badge").ok
    return fixed.jpeg


def make_bad_photo() -> bytes:
    """A real JPEG the rules refuse for good (wrong size, head too small)."""
    data = _on_white(1)
    assert not check_photo(data, "badge").ok
    return data
