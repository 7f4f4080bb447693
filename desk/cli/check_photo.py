"""`fairdesk check-photo`: check photo files (or folders of them) against the photo rules.

Exit status: 0 when every file passes, 1 when any fails (an unreadable file fails with its
own code), 2 for a usage error.
"""

from __future__ import annotations

import argparse
import os
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from desk.cli.output import emit, emit_json, fail

if TYPE_CHECKING:
    from desk.models.photo.report import PhotoKind, PhotoReport

# No photo comes near this; reading a stray video in a folder into memory is pointless.
MAX_FILE_BYTES = 64 * 1024 * 1024
# Files a camera, a scanner or an operating system leaves in a folder that are not photos.
_JUNK_NAMES = frozenset({"thumbs.db", "desktop.ini"})
_JUNK_DIRS = frozenset({"__macosx"})


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "check-photo",
        help="check photos against the badge, one-inch or licence rules",
        description="Check photo files against the fair's photo rules. Folders are walked.",
    )
    parser.add_argument("files", nargs="+", metavar="FILE", help="a photo file or a folder")
    parser.add_argument(
        "--kind",
        choices=("badge", "one-inch", "licence"),
        default="badge",
        help="which rules to apply (default: badge)",
    )
    parser.add_argument("--json", action="store_true", help="one JSON object per line")
    parser.add_argument(
        "--fix",
        metavar="OUTDIR",
        type=Path,
        help="write a fixed JPEG into OUTDIR when a fix is possible, and report the fixed file",
    )
    parser.add_argument(
        "--lang", choices=("en", "zh"), default="en", help="language of the table (default: en)"
    )
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    # Imported here so `fairdesk --help` does not load numpy and the detector.
    from desk.models.photo import manual_checks

    outdir: Path | None = args.fix
    if outdir is not None:
        try:
            outdir.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            fail(f"check-photo: cannot create {outdir}: {exc.strerror or exc}")
            return 2
    paths = list(_walk(args.files))
    if not paths:
        fail("check-photo: no files found")
        return 2
    used: set[Path] = set()
    all_ok = True
    rows: list[tuple[str, dict[str, Any], PhotoReport]] = []
    for shown, path, base in paths:
        obj, report = _check_one(shown, path, base, args.kind, outdir, used)
        all_ok &= bool(obj["ok"])
        if args.json:
            emit_json(obj)
        else:
            rows.append((shown, obj, report))
    if not args.json:
        _table(rows, args.lang, manual_checks(args.kind))
    return 0 if all_ok else 1


def _walk(names: list[str]) -> Iterator[tuple[str, Path, Path | None]]:
    """(name as shown, path, folder it was found under) for each file, folders walked sorted."""
    for name in names:
        path = Path(name)
        if path.is_dir():
            for root, dirs, files in os.walk(path):
                dirs[:] = sorted(d for d in dirs if not _junk(d, is_dir=True))
                for file in sorted(files):
                    full = Path(root) / file
                    if not _junk(file, is_dir=False) and full.is_file():
                        yield str(full), full, path
        else:
            yield name, path, None


def _junk(name: str, *, is_dir: bool) -> bool:
    lower = name.lower()
    return lower.startswith(".") or lower in (_JUNK_DIRS if is_dir else _JUNK_NAMES)


def _check_one(
    shown: str,
    path: Path,
    base: Path | None,
    kind: PhotoKind,
    outdir: Path | None,
    used: set[Path],
) -> tuple[dict[str, Any], PhotoReport]:
    """The JSON object for one file, and the report it came from (for the table's hints)."""
    from desk.models.photo import PhotoReport, auto_fix, check_photo
    from desk.models.photo.messages import missing_check, too_large_check

    try:
        if not path.is_file():  # a folder entry that is a pipe or a device would block a read
            raise FileNotFoundError(2, "not a regular file")
        size = path.stat().st_size
        data = path.read_bytes() if size <= MAX_FILE_BYTES else b""
    except OSError as exc:
        report = PhotoReport(kind=kind)
        report.checks.append(missing_check(exc.strerror or type(exc).__name__))
        return report.as_json(shown), report
    if size > MAX_FILE_BYTES:
        report = PhotoReport(kind=kind)
        report.checks.append(too_large_check(size))
        return report.as_json(shown), report
    report = check_photo(data, kind)
    if outdir is None or report.ok:
        return report.as_json(shown), report
    result = auto_fix(data, kind)
    if result.jpeg is None or result.report is None:
        obj = report.as_json(shown)
        obj["not_fixed"] = {"reason_zh": result.reason_zh, "reason_en": result.reason_en}
        return obj, report
    target = _target(path, base, outdir, used)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(result.jpeg)
    except OSError as exc:
        obj = report.as_json(shown)
        obj["not_fixed"] = {
            "reason_zh": f"无法写入 {target}",
            "reason_en": f"cannot write {target}: {exc.strerror or exc}",
        }
        return obj, report
    obj = result.report.as_json(shown)
    obj["fixed"] = str(target)
    return obj, result.report


def _target(path: Path, base: Path | None, outdir: Path, used: set[Path]) -> Path:
    """Where the fixed copy goes: the same relative place under OUTDIR, as .jpg, never over
    the original or another fixed file."""
    relative = path.relative_to(base) if base is not None else Path(path.name)
    target = outdir / relative.with_suffix(".jpg")
    stem, n = target.stem, 1
    while target in used or _same_file(target, path):
        target = target.with_name(f"{stem}-{n}.jpg")
        n += 1
    used.add(target)
    return target


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.resolve() == b.resolve()
    except OSError:
        return False


def _table(
    rows: list[tuple[str, dict[str, Any], PhotoReport]],
    lang: str,
    manual: list[tuple[str, str, str, str, str]],
) -> None:
    zh = lang == "zh"
    width = min(48, max([len(name) for name, _, _ in rows] + [4]))
    indent = " " * (width + 10)
    emit(f"{'FILE':<{width}}  RESULT  CHECK                    MESSAGE")
    for name, obj, report in rows:
        shown = name if len(name) <= width else "..." + name[-(width - 3) :]
        verdict = ("ok" if obj["ok"] else "FAIL") + ("*" if "fixed" in obj else "")
        if not report.failures:
            emit(f"{shown:<{width}}  {verdict}")
        for i, check in enumerate(report.failures):
            first = f"{shown:<{width}}  {verdict:<6}" if i == 0 else " " * (width + 8)
            emit(f"{first}  {check.code:<23}  {check.message(lang)}")
            if check.hint(lang):
                emit(f"{indent}{' ' * 25}-> {check.hint(lang)}")
        if "fixed" in obj:
            emit(indent + ("* 已修正并写入 " if zh else "* fixed, written to ") + obj["fixed"])
        elif "not_fixed" in obj:
            emit(indent + "x " + obj["not_fixed"]["reason_zh" if zh else "reason_en"])
    passed = sum(1 for _, obj, _ in rows if obj["ok"])
    emit()
    emit(f"{passed} / {len(rows)} " + ("张照片合格" if zh else "photos pass"))
    if manual:
        label = "另请逐张目视检查：" if zh else "Also check each photo by eye: "
        emit(label + ("；" if zh else "; ").join(item[1] if zh else item[2] for item in manual))
