"""What a photo check returns: one `Check` per rule, gathered in a `PhotoReport`."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

PhotoKind = Literal["badge", "one-inch", "licence"]
PHOTO_KINDS: tuple[PhotoKind, ...] = ("badge", "one-inch", "licence")


@dataclass(frozen=True, slots=True)
class Check:
    """One rule applied to one photo.

    `code` is stable (the desk and the service key on it), `value` is the measured value as
    plain JSON, and the hint says what the operator can do about a failure.
    """

    code: str
    ok: bool
    value: Any
    message_zh: str
    message_en: str
    hint_zh: str = ""
    hint_en: str = ""

    def message(self, language: str) -> str:
        """The message in the operator's language ("zh..." or anything else for English)."""
        return self.message_zh if language.lower().startswith("zh") else self.message_en

    def hint(self, language: str) -> str:
        return self.hint_zh if language.lower().startswith("zh") else self.hint_en


@dataclass(slots=True)
class PhotoReport:
    """Every check run on one photo, and the raw measures behind them (JSON-able)."""

    checks: list[Check] = field(default_factory=list)
    measures: dict[str, Any] = field(default_factory=dict)
    kind: PhotoKind = "badge"

    @property
    def ok(self) -> bool:
        return all(c.ok for c in self.checks)

    @property
    def failures(self) -> list[Check]:
        return [c for c in self.checks if not c.ok]

    def get(self, code: str) -> Check | None:
        """The check with this code, or None when it was not run."""
        return next((c for c in self.checks if c.code == code), None)

    def as_json(self, file: str) -> dict[str, Any]:
        """The object `fairdesk check-photo --json` writes for one file."""
        return {
            "file": file,
            "ok": self.ok,
            "failures": [
                {
                    "code": c.code,
                    "message_zh": c.message_zh,
                    "message_en": c.message_en,
                    "value": c.value,
                }
                for c in self.failures
            ],
            "measures": self.measures,
        }


@dataclass(frozen=True, slots=True)
class FixResult:
    """The outcome of `auto_fix`.

    `jpeg` holds the fixed file and `report` its checks; when no fix is possible `jpeg` is
    None and the reasons say what to do instead. `fixed` lists the codes the fix addresses.
    """

    jpeg: bytes | None
    report: PhotoReport | None
    reason_zh: str = ""
    reason_en: str = ""
    fixed: tuple[str, ...] = ()

    @property
    def ok(self) -> bool:
        return self.jpeg is not None

    def reason(self, language: str) -> str:
        return self.reason_zh if language.lower().startswith("zh") else self.reason_en
