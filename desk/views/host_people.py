"""A host organisation's own staff and guests with their review state; adding one opens
the registration dialog."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desk.models.rules.masking import mask_phone
from desk.views import icons, labels
from desk.views.review_models import choice_label, state_text


class HostPeoplePanel(QWidget):
    """Signals:
    add_requested(str): the user wants to add a "staff" member or a "guest".
    """

    add_requested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.language = "zh_CN"
        self.rows: list[tuple[str, dict[str, Any]]] = []
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.table = QTableWidget(0, 6)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.add_staff = QPushButton(icons.icon("walk_in"), "")
        self.add_staff.clicked.connect(lambda: self.add_requested.emit("staff"))
        self.add_guest = QPushButton(icons.icon("walk_in"), "")
        self.add_guest.clicked.connect(lambda: self.add_requested.emit("guest"))
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_staff)
        buttons.addWidget(self.add_guest)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.note)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        self.retranslate()

    def set_allowed(self, allowed: bool) -> None:
        """Adding people waits until the committee approved the organisation's record."""
        self.add_staff.setEnabled(allowed)
        self.add_guest.setEnabled(allowed)

    def show_people(self, people: dict[str, list[dict[str, Any]]]) -> None:
        self.rows = [("staff", p) for p in people.get("staff", [])]
        self.rows += [("guest", p) for p in people.get("guests", [])]
        self._fill()

    def _fill(self) -> None:
        self.table.setRowCount(len(self.rows))
        for row, (kind, person) in enumerate(self.rows):
            if kind == "staff":
                what = self.tr("Staff")
                role = choice_label("staff_positions", person.get("position"), self.language)
            else:
                what = choice_label("guest_kinds", person.get("kind"), self.language)
                role = " ".join(str(person.get(k) or "") for k in ("organisation", "position"))
            state = str(person.get("review_state") or "")
            # Pending the committee's decision is "under review" from the organisation's side.
            shown = state_text("under_review" if state == "pending" else state)
            cells = [what, str(person.get("name") or ""), role.strip(),
                     mask_phone(person.get("mobile")), shown,
                     str(person.get("review_reason") or "")]
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if column == 4:
                    item.setForeground(QColor(labels.STATE_COLOURS.get(
                        "under_review" if state == "pending" else state, "#37474f")))
                self.table.setItem(row, column, item)

    def retranslate(self) -> None:
        self.table.setHorizontalHeaderLabels([
            self.tr("Kind"), self.tr("Name"), self.tr("Position"), self.tr("Mobile"),
            self.tr("Review"), self.tr("Reason")])
        self.note.setText(self.tr("Your staff and guests receive delegate badges once the "
                                  "committee approves them. Each needs a one-inch ID photo "
                                  "on a blue or white background."))
        self.add_staff.setText(self.tr("Add staff member"))
        self.add_guest.setText(self.tr("Add guest or VIP"))
        self._fill()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
