"""The one structured error every rule returns."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import asdict, dataclass
from typing import Any


@dataclass(frozen=True, slots=True)
class RuleError:
    """A failed rule: which field, a stable code, and what to tell the operator."""

    field: str
    code: str
    message_zh: str
    message_en: str

    def message(self, language: str) -> str:
        """The message in the operator's language ("zh..." or anything else for English)."""
        return self.message_zh if language.lower().startswith("zh") else self.message_en

    def for_field(self, field: str) -> RuleError:
        """The same error attached to another field name (a nested form's prefix)."""
        return RuleError(field, self.code, self.message_zh, self.message_en)

    def as_dict(self) -> dict[str, str]:
        return asdict(self)


class ValidationFailed(Exception):
    """Raised with every failure of a form at once; nothing was changed."""

    def __init__(self, errors: Iterable[RuleError]) -> None:
        self.errors: tuple[RuleError, ...] = tuple(errors)
        super().__init__("; ".join(f"{e.field}: {e.code}" for e in self.errors))

    def as_dicts(self) -> list[dict[str, Any]]:
        return [e.as_dict() for e in self.errors]
