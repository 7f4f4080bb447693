"""The shape every form check returns, and the field readers the checks are built from.

A check reads a plain mapping (a form, a JSON body), never raises on bad input, and reports
every failing field at once. `values` holds the normalised value of every field of the form:
optional text left empty is "", any other field without a value is None (also a field that
does not apply, such as a province for an enterprise registered abroad).
"""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from desk.models.rules import messages
from desk.models.rules.doccheck import DocumentCheck
from desk.models.rules.errors import RuleError, ValidationFailed
from desk.models.rules.normalize import normalize_text

EARLIEST_DATE = date(1900, 1, 1)
_ISO_DATE = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})")


@dataclass
class FormResult:
    """Normalised values of a form, and everything wrong with it."""

    values: dict[str, Any] = field(default_factory=dict)
    errors: list[RuleError] = field(default_factory=list)
    warnings: list[RuleError] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors

    def values_or_raise(self) -> dict[str, Any]:
        if self.errors:
            raise ValidationFailed(self.errors)
        return self.values

    def errors_by_field(self) -> dict[str, list[RuleError]]:
        grouped: dict[str, list[RuleError]] = {}
        for error in self.errors:
            grouped.setdefault(error.field, []).append(error)
        return grouped


def _blank(value: object) -> bool:
    if value is None:
        return True
    if isinstance(value, str):
        return not normalize_text(value)
    if isinstance(value, list | tuple | set | frozenset):
        return not value
    return False


class FormReader:
    """Reads fields of one mapping into `values`, collecting errors and warnings."""

    def __init__(self, data: object, form: str = "") -> None:
        self.form = form
        self.values: dict[str, Any] = {}
        self.errors: list[RuleError] = []
        self.warnings: list[RuleError] = []
        if isinstance(data, Mapping):
            self.data: Mapping[str, Any] = data
        else:
            self.data = {}
            self.errors.append(
                RuleError("", "bad_type", "表单数据格式不正确", "The form data is not a mapping")
            )

    # -- bookkeeping -------------------------------------------------------------------

    def label(self, name: str) -> messages.Label:
        return messages.label(name, self.form)

    def add(self, error: RuleError | None) -> None:
        if error is not None:
            self.errors.append(error)

    def warn(self, warning: RuleError) -> None:
        self.warnings.append(warning)

    def present(self, name: str) -> bool:
        return not _blank(self.data.get(name))

    def set(self, name: str, value: Any) -> None:
        self.values[name] = value

    def result(self) -> FormResult:
        return FormResult(dict(self.values), list(self.errors), list(self.warnings))

    # -- readers -----------------------------------------------------------------------

    def text(
        self,
        name: str,
        *,
        required: bool = True,
        max_len: int,
        min_len: int = 0,
        multiline: bool = False,
    ) -> str | None:
        """Free text; stores "" when optional and empty, None when it failed."""
        raw = self.data.get(name)
        self.values[name] = None if required else ""
        if raw is None:
            self.add(messages.required(name, labels=self.label(name)) if required else None)
            return None if required else ""
        if not isinstance(raw, str):
            self.add(messages.bad_type(name, labels=self.label(name)))
            return None
        text = normalize_text(raw, multiline=multiline)
        if not text:
            self.add(messages.required(name, labels=self.label(name)) if required else None)
            return None if required else ""
        if len(text) < min_len:
            self.add(messages.too_short(name, min_len, labels=self.label(name)))
            return None
        if len(text) > max_len:
            self.add(messages.too_long(name, max_len, labels=self.label(name)))
            return None
        self.values[name] = text
        return text

    def raw_text(self, name: str, *, required: bool = True) -> str | None:
        """The text of a field for a rule of its own: None (with an error) when missing."""
        raw = self.data.get(name)
        self.values[name] = None
        if _blank(raw):
            self.add(messages.required(name, labels=self.label(name)) if required else None)
            return None
        if not isinstance(raw, str):
            self.add(messages.bad_type(name, labels=self.label(name)))
            return None
        return raw

    def choice(
        self,
        name: str,
        allowed: Collection[str],
        *,
        required: bool = True,
        default: str | None = None,
    ) -> str | None:
        """One code of `allowed`; case and width do not matter."""
        raw = self.data.get(name)
        self.values[name] = None
        if _blank(raw):
            if default is not None:
                self.values[name] = default
                return default
            self.add(
                messages.required(name, choose=True, labels=self.label(name)) if required else None
            )
            return None
        if not isinstance(raw, str):
            self.add(messages.bad_type(name, labels=self.label(name)))
            return None
        code = normalize_text(raw).lower()
        if code not in allowed:
            self.add(messages.not_in_list(name, labels=self.label(name)))
            return None
        self.values[name] = code
        return code

    def choice_list(self, name: str, allowed: Collection[str], *, min_items: int = 1) -> list[str]:
        """Several codes of `allowed`, duplicates dropped, order kept."""
        raw = self.data.get(name)
        self.values[name] = []
        if _blank(raw):
            self.add(
                messages.required(name, choose=True, labels=self.label(name)) if min_items else None
            )
            return []
        if not isinstance(raw, list | tuple | set | frozenset) or not all(
            isinstance(item, str) for item in raw
        ):
            self.add(messages.bad_type(name, labels=self.label(name)))
            return []
        items = list(dict.fromkeys(normalize_text(item).lower() for item in raw))
        if any(item not in allowed for item in items):
            self.add(messages.not_in_list(name, labels=self.label(name)))
            return []
        self.values[name] = items
        return items

    def flag(self, name: str, *, required: bool = True) -> bool | None:
        raw = self.data.get(name)
        self.values[name] = None
        if raw is None:
            self.add(
                messages.required(name, choose=True, labels=self.label(name)) if required else None
            )
            return None
        if not isinstance(raw, bool):
            self.add(messages.bad_type(name, labels=self.label(name)))
            return None
        self.values[name] = raw
        return raw

    def past_date(self, name: str, *, today: date, required: bool = True) -> date | None:
        """A real date, not after today, not before 1900: a date or "YYYY-MM-DD"."""
        raw = self.data.get(name)
        self.values[name] = None
        if _blank(raw):
            self.add(messages.required(name, labels=self.label(name)) if required else None)
            return None
        if isinstance(raw, datetime):
            value = raw.date()
        elif isinstance(raw, date):
            value = raw
        elif isinstance(raw, str):
            parsed = _parse_iso_date(normalize_text(raw))
            if parsed is None:
                self.add(messages.bad_date(name, labels=self.label(name)))
                return None
            value = parsed
        else:
            self.add(messages.bad_type(name, labels=self.label(name)))
            return None
        zh, en = self.label(name)
        if value > today:
            self.add(RuleError(name, "future_date", f"{zh}不能晚于今天", f"{en} is in the future"))
            return None
        if value < EARLIEST_DATE:
            self.add(RuleError(name, "too_early", f"{zh}不能早于1900年", f"{en} is before 1900"))
            return None
        self.values[name] = value
        return value

    def checked(
        self, name: str, check: DocumentCheck, *, store: bool = True
    ) -> DocumentCheck | None:
        """Record a document/phone/e-mail check on `name`: its value, error and warnings."""
        self.values[name] = check.normalized if (check.ok and store) else None
        if not check.ok:
            # Missing or mistyped values get the form's own wording, with the field's label.
            if check.code == "required":
                self.add(messages.required(name, labels=self.label(name)))
            elif check.code == "bad_type":
                self.add(messages.bad_type(name, labels=self.label(name)))
            else:
                self.add(check.error_for(name))
            return None
        self.warnings.extend(check.warning_errors(name))
        return check


def _parse_iso_date(text: str) -> date | None:
    match = _ISO_DATE.fullmatch(text)
    if match is None:
        return None
    try:
        return date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
    except ValueError:
        return None
