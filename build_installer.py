"""Build the desk's one-folder bundle with PyInstaller and report its size.

    python build_installer.py [--dist DIR] [--work DIR]

The same script builds on Windows and Linux: it only names paths through pathlib.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent
SPEC = ROOT / "packaging" / "fairdesk.spec"
QT_CHINESE = Path("PySide6") / "Qt" / "translations" / "qtbase_zh_CN.qm"


def desk_version() -> str:
    namespace: dict[str, str] = {}
    exec((ROOT / "desk" / "__init__.py").read_text(encoding="utf-8"), namespace)
    return namespace["__version__"]


def compile_translations() -> None:
    """Turn the committed .ts files into the .qm files the desk loads."""
    translations = ROOT / "resources" / "translations"
    lrelease = Path(sys.executable).with_name("pyside6-lrelease")
    for ts in sorted(translations.glob("*.ts")):
        subprocess.run(
            [str(lrelease), "-silent", str(ts), "-qm", str(ts.with_suffix(".qm"))], check=True
        )


def disk_size(path: Path) -> int:
    """Bytes of a file or folder, links counted once (the bundle links Qt's libraries)."""
    if path.is_symlink():
        return 0
    if path.is_file():
        return path.stat().st_size
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file() and not f.is_symlink())


def largest_parts(bundle: Path, count: int = 10) -> list[tuple[int, str]]:
    """The largest files and folders one level inside the bundle's `_internal`."""
    internal = bundle / "_internal"
    parts = [(disk_size(child), str(child.relative_to(bundle))) for child in internal.iterdir()]
    return sorted(parts, reverse=True)[:count]


def strip_symbols(bundle: Path) -> None:
    """Drop the symbol tables of the bundle's ELF libraries (libpython alone: 23 MB -> 6 MB).

    Libraries that auditwheel relocated into a wheel's `*.libs` folder are left alone: they
    were rewritten by patchelf, and stripping them again breaks their program headers
    (numpy's OpenBLAS then fails to load: "ELF load command address/offset not
    page-aligned"). PyInstaller's own `strip` option cannot leave them out. Windows DLLs
    carry no symbol tables, and Windows has no `strip`.
    """
    strip = shutil.which("strip")
    if strip is None or sys.platform == "win32":
        return
    for library in (bundle / "_internal").rglob("*.so*"):
        if library.is_symlink() or not library.is_file():
            continue
        if any(folder.name.endswith(".libs") for folder in library.parents):
            continue
        subprocess.run([strip, "--strip-unneeded", str(library)], check=True)


def build(dist: Path, work: Path) -> Path:
    compile_translations()
    env = {**os.environ, "FAIRDESK_ROOT": str(ROOT)}
    command = [sys.executable, "-m", "PyInstaller", "--noconfirm", "--clean"]
    command += ["--distpath", str(dist), "--workpath", str(work), str(SPEC)]
    subprocess.run(command, check=True, env=env)
    bundle = dist / "fairdesk"
    if not (bundle / "_internal" / QT_CHINESE).is_file():
        raise SystemExit(f"the bundle lacks Qt's Chinese translations: {QT_CHINESE}")
    strip_symbols(bundle)
    return bundle


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dist", type=Path, default=ROOT / "dist")
    parser.add_argument("--work", type=Path, default=ROOT / "build")
    args = parser.parse_args()
    bundle = build(args.dist, args.work)
    total = disk_size(bundle)
    out = sys.stdout
    out.write(f"fairdesk {desk_version()}: {bundle}\n")
    out.write(f"bundle size: {total / 1e6:.1f} MB unpacked\n")
    out.write("largest parts:\n")
    for size, name in largest_parts(bundle):
        out.write(f"  {size / 1e6:8.1f} MB  {name}\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
