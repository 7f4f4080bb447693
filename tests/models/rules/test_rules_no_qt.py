"""The model imports no Qt: it runs in the central service and in headless commands."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import desk

MODELS = Path(desk.__file__).parent / "models"


def _modules() -> list[str]:
    names = []
    for path in sorted(MODELS.rglob("*.py")):
        if "migrations" in path.parts:
            continue
        parts = path.relative_to(MODELS.parent.parent).with_suffix("").parts
        names.append(".".join(parts[:-1] if parts[-1] == "__init__" else parts))
    return names


def test_every_model_module_imports_without_pyside6() -> None:
    modules = _modules()
    assert "desk.models.rules" in modules and "desk.models.refdata" in modules
    code = (
        "import importlib, sys\n"
        f"for name in {modules!r}:\n"
        "    importlib.import_module(name)\n"
        "loaded = sorted(m for m in sys.modules if m.split('.')[0] in ('PySide6', 'shiboken6'))\n"
        "assert not loaded, loaded\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


def test_refdata_and_rules_import_in_either_order() -> None:
    # refdata uses the rules' normaliser and the rules use refdata: neither order may break.
    for first, second in (
        ("desk.models.refdata", "desk.models.rules"),
        ("desk.models.rules", "desk.models.refdata"),
        ("desk.models.rules.person", "desk.models.refdata"),
    ):
        code = f"import {first}, {second}; {second}.__name__"
        result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
        assert result.returncode == 0, (first, result.stderr)
