"""`fairdesk --self-test`: prove an installed desk has every part it needs, offscreen.

Each step returns a line for the report or raises; the command exits 0 only when every step
worked. It touches nothing of the operator's: the replica is a fresh one in a temporary folder.
"""

from __future__ import annotations

import io
import os
import tempfile
import uuid
from collections.abc import Callable
from pathlib import Path

from desk.cli.output import emit, fail


def check_replica(folder: Path) -> str:
    """A fresh replica opens and both schema histories reach their heads."""
    from sqlalchemy import inspect

    from desk.sync.replica import open_replica

    replica = open_replica(folder / "replica.db")
    try:
        tables = set(inspect(replica.engine).get_table_names())
    finally:
        replica.close()
    needed = {"person", "enterprise", "badge_request", "outbox", "schema_version_shared"}
    missing = needed - tables
    if missing:
        raise RuntimeError(f"replica lacks tables: {sorted(missing)}")
    return f"replica: {len(tables)} tables"


def drawn_photo() -> bytes:
    """A grey card with a drawn oval: no face, a grey background, the wrong size."""
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (400, 500), (170, 170, 170))
    ImageDraw.Draw(image).ellipse((120, 80, 280, 300), fill=(220, 180, 150))
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=90)
    return buffer.getvalue()


def check_photo_rules() -> str:
    """The photo checks run (face detector included) and refuse what they must."""
    from desk.models.photo import check_photo

    report = check_photo(drawn_photo(), "badge")
    failed = {check.code for check in report.failures}
    expected = {"file.dimensions", "background.colour", "face.count"}
    if not expected <= failed:
        raise RuntimeError(
            f"photo checks missed {sorted(expected - failed)}; failed {sorted(failed)}"
        )
    return f"photo checks: {len(report.checks)} run, expected failures found"


def check_badge_pdf(folder: Path) -> str:
    """A badge renders to PDF with its signed QR code."""
    from desk.models.badge_token import generate_private_key, key_id_for, sign_badge
    from desk.printing.content import BadgeView
    from desk.printing.layout import paper_by_key
    from desk.printing.render import render_pdf_bytes

    key = generate_private_key()
    payload = sign_badge(
        key,
        badge_id=uuid.uuid4(),
        revision_desk=str(uuid.uuid4()),
        revision_counter=1,
        key_id=key_id_for(key, "desk"),
    )
    view = BadgeView(
        "delegate", "自检", "ZI Jian", "Fair Desk", "参会代表", "Delegate", "SELF-1", payload
    )
    pdf = render_pdf_bytes([view], paper_by_key("cr80"))
    if not pdf.startswith(b"%PDF") or len(pdf) < 1000:
        raise RuntimeError("badge PDF is empty")
    (folder / "badge.pdf").write_bytes(pdf)
    return f"badge PDF: {len(pdf)} bytes"


def check_languages() -> str:
    """Qt's own Chinese and the desk's Chinese load, and English is the source."""
    from PySide6.QtCore import QCoreApplication, QLibraryInfo, QTranslator

    from desk.paths import resources_dir

    loaded = []
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    for name, folder in (
        ("qtbase_zh_CN", qt_dir),
        ("desk_zh_CN", str(resources_dir() / "translations")),
    ):
        translator = QTranslator()
        if not translator.load(name, folder) or translator.isEmpty():
            raise RuntimeError(f"cannot load {name} from {folder}")
        loaded.append(translator)
    app = QCoreApplication.instance()
    assert app is not None
    for translator in loaded:
        app.installTranslator(translator)
    if QCoreApplication.translate("QPlatformTheme", "Cancel") == "Cancel":
        raise RuntimeError("Qt's Chinese strings did not apply")
    return "languages: zh_CN and en"


def run_self_test() -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication([])
    steps: list[Callable[[], str]]
    with tempfile.TemporaryDirectory(prefix="fairdesk-selftest-") as tmp:
        folder = Path(tmp)
        steps = [
            lambda: check_replica(folder),
            check_photo_rules,
            lambda: check_badge_pdf(folder),
            check_languages,
        ]
        failures = 0
        for step in steps:
            try:
                emit(f"ok    {step()}")
            except Exception as exc:  # every step is reported, whatever broke
                failures += 1
                fail(f"FAIL  {type(exc).__name__}: {exc}")
    del app
    emit("self-test passed" if failures == 0 else f"self-test failed: {failures} step(s)")
    return 0 if failures == 0 else 1
