"""The People list: a table model fed by `search_people` a page at a time, off the UI
thread, with answers to queries the operator has typed past dropped on arrival. It lists
every badge holder: enterprise personnel, host organisations' staff and their guests."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor

from desk.models.search import PAGE, PersonHit, search_people, tune_connection
from desk.sync.replica import Replica
from desk.views import labels
from desk.views.tasks import TaskManager

Index = QModelIndex | QPersistentModelIndex
# The role that answers the kind of holder of a row: person, host_staff or guest.
HOLDER_KIND_ROLE = Qt.ItemDataRole.UserRole + 1


class LatestOnly(QObject):
    """Runs searches one after another on the read pool and hands back only the answer to
    the newest one; an answer to a query typed past is dropped, and a query still queued
    when a newer one arrives is skipped without touching the database.

    Signals:
        answered(int, object): generation and result of the newest query.
    """

    answered = Signal(int, object)

    def __init__(self, tasks: TaskManager, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.tasks = tasks
        self.generation = 0

    def ask(self, op: Callable[[], Any]) -> int:
        self.generation += 1
        mine = self.generation

        def run() -> Any:
            if mine != self.generation:
                return None  # typed past before we started: do not even query
            return op()

        def done(result: Any) -> None:
            if mine == self.generation:
                self.answered.emit(mine, result)

        self.tasks.run(run, pool="read", success=done, owner=self)
        return mine


class PeopleModel(QAbstractTableModel):
    """Columns: 0 name (marked when a host organisation's staff member or guest);
    1 enterprise (or host organisation); 2 document type and masked number; 3 masked mobile;
    4 badge request state (and badge type); 5 code of the valid printed badge.

    `search(text)` starts again from the first page; `fetchMore` asks for the next one.

    Signals:
        results_arrived(str, int): the query text and how many rows the list now holds.
    """

    results_arrived = Signal(str, int)

    COLUMNS = 6

    def __init__(self, replica: Replica, tasks: TaskManager, language: Callable[[], str],
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.replica = replica
        self.language = language
        self.runner = LatestOnly(tasks, self)
        self.runner.answered.connect(self._answered)
        self.text = ""
        self.hits: list[PersonHit] = []
        self._more = False
        self._loading = False
        self._appending = False

    # -- querying -----------------------------------------------------------------------

    def search(self, text: str) -> None:
        self.text = text
        self._appending = False
        if not text.strip():
            self.runner.generation += 1  # drop anything in flight
            self._replace([], more=False)
            self.results_arrived.emit(text, 0)
            return
        self._loading = True
        self.runner.ask(lambda: self._page(text, 0))

    def refresh(self) -> None:
        """Run the current query again (rows changed); the list keeps its length."""
        if self.text.strip():
            self._appending = False
            size = max(PAGE, len(self.hits))
            text = self.text
            self.runner.ask(lambda: self._page(text, 0, size))

    def _page(self, text: str, offset: int, limit: int = PAGE) -> tuple[str, list[PersonHit]]:
        with self.replica.read() as session:
            tune_connection(session.connection())
            return text, search_people(session, text, offset=offset, limit=limit)

    def _answered(self, _generation: int, result: Any) -> None:
        self._loading = False
        if result is None:
            return
        text, hits = result
        if self._appending:
            self._appending = False
            if hits:
                first = len(self.hits)
                self.beginInsertRows(QModelIndex(), first, first + len(hits) - 1)
                self.hits.extend(hits)
                self.endInsertRows()
            self._more = len(hits) == PAGE
        else:
            self._replace(hits, more=len(hits) >= PAGE)
        self.results_arrived.emit(text, len(self.hits))

    def _replace(self, hits: list[PersonHit], *, more: bool) -> None:
        self.beginResetModel()
        self.hits = hits
        self._more = more
        self.endResetModel()

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008, N802
        return not parent.isValid() and self._more and not self._loading

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008, N802
        if not self.canFetchMore(parent):
            return
        self._loading = True
        self._appending = True
        text, offset = self.text, len(self.hits)
        self.runner.ask(lambda: self._page(text, offset))

    # -- the table ----------------------------------------------------------------------

    def hit(self, row: int) -> PersonHit | None:
        return self.hits[row] if 0 <= row < len(self.hits) else None

    def row_of(self, person_id: uuid.UUID) -> int:
        return next((i for i, h in enumerate(self.hits) if h.id == person_id), -1)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.hits)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else self.COLUMNS

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        hit = self.hit(index.row())
        if hit is None:
            return None
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            language = self.language()
            if column == 0:
                kind = self.kind_label(hit.kind)
                return f"{hit.name}  ·  {kind}" if kind else hit.name
            if column == 1:
                return hit.enterprise
            if column == 2:
                return f"{labels.choice('doc_types', hit.doc_type, language)} {hit.doc_masked}"
            if column == 3:
                return hit.mobile_masked
            if column == 4:
                state = labels.request_status(hit.request_status)
                kind = labels.choice("badge_types", hit.badge_type, language)
                return f"{state} · {kind}" if kind else state
            if column == 5:
                return hit.badge_code or ""
        if role == Qt.ItemDataRole.ForegroundRole and column == 4:
            colour = labels.STATE_COLOURS.get(hit.request_status or "")
            return QColor(colour) if colour else None
        if role == Qt.ItemDataRole.UserRole:
            return hit.id
        if role == HOLDER_KIND_ROLE:
            return hit.kind
        return None

    def kind_label(self, kind: str) -> str:
        """How a holder who is not enterprise personnel is marked in the list."""
        if kind == "host_staff":
            return self.tr("Host staff")
        if kind == "guest":
            return self.tr("Guest")
        return ""

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role != Qt.ItemDataRole.DisplayRole or orientation != Qt.Orientation.Horizontal:
            return None
        return (self.tr("Name"), self.tr("Enterprise"), self.tr("Document"), self.tr("Mobile"),
                self.tr("Badge"), self.tr("Badge code"))[section]

    def retranslate(self) -> None:
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, self.COLUMNS - 1)
        if self.hits:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self.hits) - 1,
                                                               self.COLUMNS - 1))
