"""The Badges tab: badge requests by state (to print, waiting, rejected...), newest first,
a page at a time; opening one shows the person on the People tab."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desk.views import labels
from desk.views.lookups import RequestListRow, badge_requests, count_requests
from desk.views.people_model import LatestOnly
from desk.views.services import DeskServices

Index = QModelIndex | QPersistentModelIndex
PAGE = 100
FILTERS = (None, "approved", "waiting_enterprise", "pending", "under_review", "rejected",
           "produced", "collected")


class RequestModel(QAbstractTableModel):
    """Columns: 0 name; 1 enterprise; 2 badge type; 3 state; 4 requested at; 5 badge code.
    Pages of `PAGE` rows arrive as the view scrolls (`fetchMore`)."""

    def __init__(self, services: DeskServices, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.rows: list[RequestListRow] = []
        self.status: str | None = None
        self._more = False
        self._append = False
        self.runner = LatestOnly(services.tasks, self)
        self.runner.answered.connect(self._answered)

    def load(self, status: str | None) -> None:
        self.status = status
        self._append = False
        self._ask(0, max(PAGE, len(self.rows)))

    def _ask(self, offset: int, limit: int) -> None:
        replica, status = self.services.replica, self.status

        def op() -> list[RequestListRow]:
            with replica.read() as session:
                return badge_requests(session, status, offset, limit)

        self.runner.ask(op)

    def _answered(self, _generation: int, rows: Any) -> None:
        rows = list(rows or [])
        if self._append:
            self._append = False
            if rows:
                self.beginInsertRows(QModelIndex(), len(self.rows), len(self.rows) + len(rows) - 1)
                self.rows.extend(rows)
                self.endInsertRows()
            self._more = len(rows) == PAGE
            return
        self.beginResetModel()
        self.rows = rows
        self.endResetModel()
        self._more = len(rows) >= PAGE

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008, N802
        return not parent.isValid() and self._more and not self._append

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008, N802
        if self.canFetchMore(parent):
            self._append = True
            self._ask(len(self.rows), PAGE)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else 6

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not 0 <= index.row() < len(self.rows):
            return None
        row = self.rows[index.row()]
        if role == Qt.ItemDataRole.UserRole:
            return row
        if role == Qt.ItemDataRole.ForegroundRole and index.column() == 3:
            colour = labels.STATE_COLOURS.get(row.status)
            return QColor(colour) if colour else None
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        return (row.name, row.enterprise,
                labels.choice("badge_types", row.badge_type, self.services.language),
                labels.request_status(row.status),
                row.requested_at.astimezone().strftime("%Y-%m-%d %H:%M"),
                row.code or "")[index.column()]

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role != Qt.ItemDataRole.DisplayRole or orientation != Qt.Orientation.Horizontal:
            return None
        return (self.tr("Name"), self.tr("Enterprise"), self.tr("Badge type"), self.tr("State"),
                self.tr("Requested"), self.tr("Badge code"))[section]


class BadgesPanel(QWidget):
    """Signals:
    person_chosen(object, str): open this person (id, name) on the People tab.
    """

    person_chosen = Signal(object, str)

    def __init__(self, services: DeskServices, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.filter = QComboBox()
        self.counts = QLabel()
        self.model = RequestModel(services, self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setColumnWidth(1, 260)
        self.table.activated.connect(self._open)
        self.filter_label = QLabel()
        row = QHBoxLayout()
        row.addWidget(self.filter_label)
        row.addWidget(self.filter)
        row.addWidget(self.counts, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(self.table, 1)
        self.filter.currentIndexChanged.connect(self.reload)
        services.data_changed.connect(self.reload)
        self.retranslate()
        self.filter.setCurrentIndex(1)  # approved: what is waiting to be printed

    def reload(self) -> None:
        status = FILTERS[max(0, self.filter.currentIndex())]
        self.model.load(status)
        replica = self.services.replica

        def op() -> dict[str, int]:
            with replica.read() as session:
                return count_requests(session)

        self.services.tasks.run(op, success=self._counts, owner=self)

    def _counts(self, counts: dict[str, int]) -> None:
        parts = [f"{labels.request_status(code)}: {counts.get(code, 0)}"
                 for code in FILTERS[1:] if counts.get(code)]
        self.counts.setText("   ".join(parts))

    def _open(self, index: QModelIndex) -> None:
        row = self.model.data(index, Qt.ItemDataRole.UserRole)
        if row is not None:
            self.person_chosen.emit(row.holder_id, row.name)

    def retranslate(self) -> None:
        self.filter_label.setText(self.tr("Show"))
        current = self.filter.currentIndex()
        self.filter.blockSignals(True)
        self.filter.clear()
        self.filter.addItem(self.tr("All badge requests"))
        for code in FILTERS[1:]:
            self.filter.addItem(labels.request_status(code))
        self.filter.setCurrentIndex(max(0, current))
        self.filter.blockSignals(False)
        self.model.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, 5)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
