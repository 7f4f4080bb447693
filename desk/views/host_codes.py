"""A host organisation's invitation codes: each code, used or not and by which enterprise;
copy a code to give it to one enterprise; ask the committee for more."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desk.views import icons
from desk.views.review_models import state_text


class CodesPanel(QWidget):
    """Signals:
    more_codes_asked(int): the user asked the committee for that many more codes.
    """

    more_codes_asked = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.codes: list[dict[str, Any]] = []
        self.requests: list[dict[str, Any]] = []
        self.summary = QLabel()
        self.table = QTableWidget(0, 4)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.copy_button = QPushButton(icons.icon("key"), "")
        self.copy_button.clicked.connect(self.copy_current)
        self.copy_unused_button = QPushButton()
        self.copy_unused_button.clicked.connect(self.copy_unused)
        self.count = QSpinBox()
        self.count.setRange(1, 500)
        self.count.setValue(20)
        self.ask_button = QPushButton(icons.icon("send"), "")
        self.ask_button.clicked.connect(lambda: self.more_codes_asked.emit(self.count.value()))
        self.asked = QLabel()
        self.asked.setWordWrap(True)
        self.message = QLabel()
        row = QHBoxLayout()
        row.addWidget(self.copy_button)
        row.addWidget(self.copy_unused_button)
        row.addStretch(1)
        row.addWidget(self.count)
        row.addWidget(self.ask_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        layout.addLayout(row)
        layout.addWidget(self.message)
        layout.addWidget(self.asked)
        copy = QShortcut(QKeySequence.StandardKey.Copy, self.table)
        copy.setContext(Qt.ShortcutContext.WidgetShortcut)
        copy.activated.connect(self.copy_current)
        self.retranslate()

    def show_codes(self, codes: list[dict[str, Any]], requests: list[dict[str, Any]]) -> None:
        self.codes, self.requests = codes, requests
        self.table.setRowCount(len(codes))
        for row, code in enumerate(codes):
            state = state_text(code.get("enterprise_state")) if code["used"] else ""
            used = self.tr("Used") if code["used"] else self.tr("Unused")
            cells = [
                code["code"],
                used,
                f"{code.get('enterprise_name') or ''}  {f'({state})' if state else ''}".strip(),
                str(code.get("used_at") or "")[:16].replace("T", " "),
            ]
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if column == 1:
                    item.setForeground(Qt.GlobalColor.darkGray if code["used"]
                                       else Qt.GlobalColor.darkGreen)
                self.table.setItem(row, column, item)
        self.retranslate()

    def copy_current(self) -> None:
        row = self.table.currentRow()
        if 0 <= row < len(self.codes):
            QApplication.clipboard().setText(self.codes[row]["code"])
            self.message.setText(self.tr("Copied %1.").replace("%1", self.codes[row]["code"]))

    def copy_unused(self) -> None:
        unused = [c["code"] for c in self.codes if not c["used"]]
        QApplication.clipboard().setText("\n".join(unused))
        self.message.setText(self.tr("Copied %1 unused codes.").replace("%1", str(len(unused))))

    def say(self, text: str) -> None:
        self.message.setText(text)

    def retranslate(self) -> None:
        self.table.setHorizontalHeaderLabels([
            self.tr("Code"), self.tr("State"), self.tr("Used by"), self.tr("Used at")])
        used = sum(1 for c in self.codes if c["used"])
        self.summary.setText(self.tr("%1 codes: %2 used, %3 unused. A code goes to one "
                                     "enterprise, by mail or SMS.")
                             .replace("%1", str(len(self.codes))).replace("%2", str(used))
                             .replace("%3", str(len(self.codes) - used)))
        self.copy_button.setText(self.tr("Copy code (Ctrl+C)"))
        self.copy_unused_button.setText(self.tr("Copy all unused"))
        self.ask_button.setText(self.tr("Ask the committee for more"))
        asked = sum(int(r.get("count") or 0) for r in self.requests)
        self.asked.setText(self.tr("Asked so far: %1 codes in %2 requests.")
                           .replace("%1", str(asked)).replace("%2", str(len(self.requests)))
                           if self.requests else "")

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
