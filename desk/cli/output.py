"""The one place the command-line tools write their answers."""

from __future__ import annotations

import json
import sys
from typing import Any


def emit(text: str = "") -> None:
    """Write a line of human-readable output."""
    sys.stdout.write(text + "\n")


def emit_json(obj: Any) -> None:
    """Write one JSON object on one line, non-ASCII kept readable."""
    sys.stdout.write(json.dumps(obj, ensure_ascii=False, sort_keys=False) + "\n")


def fail(text: str) -> None:
    """Write an error line to standard error."""
    sys.stderr.write(text + "\n")
