"""The badge token and the print bookkeeping run without Qt (in the service, in tools)."""

from __future__ import annotations

import subprocess
import sys


def test_token_jobs_revisions_and_log_import_without_pyside6() -> None:
    modules = [
        "desk.models.badge_token",
        "desk.printing",
        "desk.printing.content",
        "desk.printing.jobs",
        "desk.printing.revisions",
        "desk.printing.print_log",
    ]
    code = (
        "import importlib, sys\n"
        f"for name in {modules!r}:\n"
        "    importlib.import_module(name)\n"
        "loaded = sorted(m for m in sys.modules if m.split('.')[0] in ('PySide6', 'shiboken6'))\n"
        "assert not loaded, loaded\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
