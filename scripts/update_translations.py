"""Update the desk's translation source and build the compiled catalogues.

Runs `pyside6-lupdate` over `desk/views` (new strings are added to
`resources/translations/desk_zh_CN.ts`, translations already there are kept, strings gone
from the code are dropped), leaving out the files another catalogue of that folder already
covers (`review_zh_CN.ts`, `photo_zh_CN.ts`...), then `pyside6-lrelease` on every `.ts`
there to write the `.qm` beside it. The `.ts` files are committed; the `.qm` are built.

    python scripts/update_translations.py [--no-update]   # --no-update: only compile
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCES = ROOT / "desk" / "views"
TRANSLATIONS = ROOT / "resources" / "translations"
LANGUAGES = ("zh_CN",)


def tool(name: str) -> str:
    """The PySide6 tool beside this Python (a virtualenv's bin), else on the PATH."""
    local = Path(sys.executable).parent / name
    found = str(local) if local.exists() else shutil.which(name)
    if found is None:
        raise SystemExit(f"{name} not found: install PySide6")
    return found


def claimed_elsewhere(target: Path) -> set[Path]:
    """Source files another catalogue of the folder takes its strings from."""
    claimed: set[Path] = set()
    for other in TRANSLATIONS.glob("*.ts"):
        if other != target:
            text = other.read_text(encoding="utf-8")
            claimed |= {(other.parent / name).resolve()
                        for name in re.findall(r'filename="([^"]+)"', text)}
    return claimed


def update(language: str) -> Path:
    target = TRANSLATIONS / f"desk_{language}.ts"
    others = claimed_elsewhere(target)
    files = sorted(str(p.relative_to(ROOT)) for p in SOURCES.rglob("*.py")
                   if p.resolve() not in others)
    subprocess.run([tool("pyside6-lupdate"), *files, "-target-language", language,
                    "-no-obsolete", "-ts", str(target.relative_to(ROOT))], cwd=ROOT, check=True)
    return target


def release(source: Path) -> Path:
    compiled = source.with_suffix(".qm")
    subprocess.run([tool("pyside6-lrelease"), str(source), "-qm", str(compiled)], check=True)
    return compiled


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--no-update", action="store_true", help="only compile the .ts files")
    args = parser.parse_args()
    TRANSLATIONS.mkdir(parents=True, exist_ok=True)
    if not args.no_update:
        for language in LANGUAGES:
            update(language)
    for source in sorted(TRANSLATIONS.glob("*.ts")):
        release(source)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
