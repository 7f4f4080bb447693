"""The desk's bundle builds from this checkout and passes its self-test in a bare environment."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO_ROOT


@pytest.mark.slow
def test_bundle_builds_and_passes_its_self_test(tmp_path: Path) -> None:
    build = subprocess.run(
        [
            sys.executable,
            str(REPO_ROOT / "build_installer.py"),
            "--dist",
            str(tmp_path / "dist"),
            "--work",
            str(tmp_path / "work"),
        ],
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert build.returncode == 0, build.stdout[-3000:] + build.stderr[-3000:]
    assert "bundle size:" in build.stdout
    bundle = tmp_path / "dist" / "fairdesk"
    assert (bundle / "_internal" / "PySide6" / "Qt" / "translations" / "qtbase_zh_CN.qm").is_file()
    executable = bundle / ("fairdesk-cli.exe" if os.name == "nt" else "fairdesk-cli")
    bare = {"LANG": "C.UTF-8", "HOME": str(tmp_path / "home"), "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run(
        [str(executable), "--self-test"], env=bare, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "self-test passed" in result.stdout
    for step in ("replica", "photo checks", "badge PDF", "languages"):
        assert f"ok    {step}" in result.stdout
