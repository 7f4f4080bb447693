"""Small widgets every form uses: choice boxes that follow the language, and the error line
shown under each field (every failing field at once, in the operator's language)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from desk.models import refdata
from desk.models.rules import RuleError

ERROR_STYLE = "color: #b71c1c;"
WARNING_STYLE = "color: #8d6e00;"


def choice_items(list_name: str) -> tuple[refdata.Choice, ...]:
    if list_name == "service_sectors":
        return refdata.service_sectors()
    if list_name == "thematic_exhibitions":
        return refdata.thematic_exhibitions()
    if list_name == "provinces":
        return tuple(refdata.Choice(p.code, p.name_zh, p.name_en)
                     for p in refdata.mainland_provinces())
    if list_name == "foreign_countries":
        return tuple(refdata.Choice(c.alpha2, c.name_zh, c.name_en)
                     for c in refdata.foreign_countries())
    return refdata.choices(list_name)


class ChoiceBox(QComboBox):
    """One code of a reference list; labels in the operator's language, codes kept."""

    def __init__(self, list_name: str, *, codes: Sequence[str] | None = None,
                 blank: bool = False, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.list_name = list_name
        self.blank = blank
        self._choices = [c for c in choice_items(list_name) if codes is None or c.code in codes]
        if codes is not None:  # the order given (preferred first)
            order = {code: i for i, code in enumerate(codes)}
            self._choices.sort(key=lambda c: order[c.code])
        self.set_language("zh_CN")

    def set_codes(self, codes: Sequence[str]) -> None:
        current = self.code()
        order = {code: i for i, code in enumerate(codes)}
        self._choices = sorted((c for c in choice_items(self.list_name) if c.code in order),
                               key=lambda c: order[c.code])
        self._fill(self._language, current)

    def set_language(self, language: str) -> None:
        self._language = language
        self._fill(language, self.code() if self.count() else None)

    def _fill(self, language: str, keep: str | None) -> None:
        self.blockSignals(True)
        self.clear()
        if self.blank:
            self.addItem("—", None)
        for choice in self._choices:
            self.addItem(choice.label(language), choice.code)
        self.blockSignals(False)
        self.set_code(keep)

    def code(self) -> str | None:
        data = self.currentData()
        return str(data) if data else None

    def set_code(self, code: str | None) -> None:
        index = self.findData(code) if code else -1
        if index < 0:
            index = 0
        self.setCurrentIndex(index)


class ChoiceChecks(QListWidget):
    """Several codes of a reference list, as check boxes.

    Signals:
        codes_changed(): a box was ticked or cleared.
    """

    codes_changed = Signal()

    def __init__(self, list_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.list_name = list_name
        self._choices = choice_items(list_name)
        for choice in self._choices:
            item = QListWidgetItem(choice.zh)
            item.setData(Qt.ItemDataRole.UserRole, choice.code)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.addItem(item)
        self.itemChanged.connect(lambda _item: self.codes_changed.emit())
        self.setMaximumHeight(min(160, 22 * len(self._choices) + 6))

    def set_language(self, language: str) -> None:
        for row, choice in enumerate(self._choices):
            self.item(row).setText(choice.label(language))

    def codes(self) -> list[str]:
        return [str(self.item(r).data(Qt.ItemDataRole.UserRole)) for r in range(self.count())
                if self.item(r).checkState() == Qt.CheckState.Checked]

    def set_codes(self, codes: Iterable[str]) -> None:
        wanted = set(codes)
        for row in range(self.count()):
            item = self.item(row)
            item.setCheckState(Qt.CheckState.Checked
                               if item.data(Qt.ItemDataRole.UserRole) in wanted
                               else Qt.CheckState.Unchecked)


class ErrorLine(QLabel):
    """The line under a field that says what is wrong with it; hidden when nothing is."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        self.setStyleSheet(ERROR_STYLE)
        self.hide()

    def say(self, text: str, *, warning: bool = False) -> None:
        self.setStyleSheet(WARNING_STYLE if warning else ERROR_STYLE)
        self.setText(text)
        self.setVisible(bool(text))


class FieldForm(QWidget):
    """A form of labelled fields, each with its error line; shows a `FormResult`'s errors
    by field name, all at once, and a line at the top for errors of no field shown here."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        self.general = ErrorLine()
        outer.addWidget(self.general)
        self.layout_form = QFormLayout()
        self.layout_form.setFieldGrowthPolicy(
            QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        outer.addLayout(self.layout_form)
        self.labels: dict[str, QLabel] = {}
        self.fields: dict[str, QWidget] = {}
        self.errors: dict[str, ErrorLine] = {}

    def add(self, name: str, field: QWidget, *, aliases: Sequence[str] = ()) -> QLabel:
        """Add a field; `aliases` are other field names whose errors show under it."""
        label = QLabel()
        label.setBuddy(field)
        box = QWidget()
        # The box takes the full width, so an error line wraps there, not under a check box.
        box.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(1)
        column.addWidget(field)
        error = ErrorLine()
        column.addWidget(error)
        self.layout_form.addRow(label, box)
        for key in (name, *aliases):
            self.errors[key] = error
        self.labels[name] = label
        self.fields[name] = field
        return label

    def set_row_visible(self, name: str, visible: bool) -> None:
        self.layout_form.setRowVisible(self.labels[name], visible)

    def clear_errors(self) -> None:
        self.general.say("")
        for line in self.errors.values():
            line.say("")

    def show_errors(self, errors: Iterable[RuleError], language: str,
                    warnings: Iterable[RuleError] = ()) -> int:
        """Show every error under its field; returns how many there were. The first failing
        field gets the focus, so the operator starts typing where it is needed."""
        self.clear_errors()
        grouped: dict[ErrorLine, list[str]] = {}
        first: QWidget | None = None
        count = 0
        for error in errors:
            count += 1
            line = self.errors.get(error.field, self.general)
            grouped.setdefault(line, []).append(error.message(language))
            if first is None and error.field in self.fields:
                first = self.fields[error.field]
        for line, texts in grouped.items():
            line.say("\n".join(dict.fromkeys(texts)))
        for warning in warnings:
            line = self.errors.get(warning.field, self.general)
            if not line.text():
                line.say(warning.message(language), warning=True)
        if first is not None:
            first.setFocus()
        return count
