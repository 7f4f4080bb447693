"""The Review tab of reviewer accounts: the queues in their scope, the detail of the item
under the cursor, and the decision bar. Decisions go straight to the service with the
reviewer's own session; offline, the tab says so and decides nothing.

Keyboard: arrows move, A approves, R rejects, Ctrl+Enter confirms, Esc cancels; Shift or
Ctrl with the arrows selects several to approve at once.
"""

from __future__ import annotations

import logging
from collections import OrderedDict
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QEvent, QItemSelectionModel, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desk.reviewing import Refused, ServiceSession, SittingResult, approve_in_one_sitting
from desk.views import icons
from desk.views.errors import describe
from desk.views.review_access import OnlineAccess
from desk.views.review_decision import DecisionBar
from desk.views.review_detail import ReviewDetail
from desk.views.review_models import CTX, QUEUES, QueueItem, QueueModel, QueueSpec
from desk.views.services import DeskServices

log = logging.getLogger(__name__)

COMMITTEE = "committee_reviewer"
AUTO_REFRESH_MS = 30_000
PHOTO_CACHE = 300


def fetch_queues(client: ServiceSession, kinds: list[str]) -> dict[str, list[QueueItem]]:
    """Every queue kind in scope, with the names its items refer to (runs off the UI thread)."""
    out: dict[str, list[QueueItem]] = {}
    for kind in kinds:
        items = []
        for entry in client.queue(kind):
            row = entry.get(kind) or {}
            items.append(QueueItem(kind, row, list(entry.get("badge_requests") or [])))
        out[kind] = items
    enterprise_ids = [str(i.row.get("enterprise_id")) for i in out.get("badge_request", [])
                      if i.row.get("enterprise_id")]
    org_ids = [str(i.row.get("host_org_id")) for k in ("host_staff", "guest")
               for i in out.get(k, []) if i.row.get("host_org_id")]
    names = client.names(enterprise_ids, org_ids)
    for item in out.get("badge_request", []):
        entry = names.get("enterprises", {}).get(str(item.row.get("enterprise_id")), {})
        item.names["enterprise"] = str(entry.get("name") or "")
    for kind in ("host_staff", "guest"):
        for item in out.get(kind, []):
            org = names.get("host_orgs", {}).get(str(item.row.get("host_org_id")), {})
            item.names["host_org"] = str(org.get("name") or "")
    return out


class ReviewPanel(QWidget):
    """Signals:
    queues_loaded(): the queues were read from the service.
    decisions_done(object): a confirmed decision finished; carries the `SittingResult`.
    """

    queues_loaded = Signal()
    decisions_done = Signal(object)

    def __init__(self, services: DeskServices, parent: QWidget | None = None, *,
                 access: OnlineAccess | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.access = access or OnlineAccess(services, self)
        self.items: dict[str, list[QueueItem]] = {}
        self._photos: OrderedDict[str, bytes] = OrderedDict()
        self._loading = False
        self._keep_row: int | None = None
        self.banner = QLabel()
        self.banner.setWordWrap(True)
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.returnPressed.connect(self.sign_in)
        self.sign_in_button = QPushButton()
        self.sign_in_button.clicked.connect(self.sign_in)
        self.stage = QComboBox()
        self.stage.currentIndexChanged.connect(lambda _i: self._show_queue())
        self.refresh_button = QPushButton(icons.icon("sync"), "")
        self.refresh_button.clicked.connect(self.refresh)
        self.queues = QListWidget()
        self.queues.setMaximumWidth(220)
        self.queues.currentRowChanged.connect(lambda _r: self._show_queue())
        self.model = QueueModel()
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.selectionModel().selectionChanged.connect(lambda *_a: self._selected())
        self.detail = ReviewDetail(self.load_photo)
        self.bar = DecisionBar()
        self.bar.decided.connect(self.decide)
        top = QHBoxLayout()
        top.addWidget(self.banner, 1)
        top.addWidget(self.password)
        top.addWidget(self.sign_in_button)
        top.addWidget(self.stage)
        top.addWidget(self.refresh_button)
        splitter = QSplitter()
        splitter.addWidget(self.queues)
        splitter.addWidget(self.table)
        splitter.addWidget(self.detail)
        splitter.setSizes([180, 700, 460])
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.bar)
        self._shortcuts()
        self.timer = QTimer(self)
        self.timer.setInterval(AUTO_REFRESH_MS)
        self.timer.timeout.connect(self._auto_refresh)
        self.timer.start()
        self.access.state_changed.connect(self._access_changed)
        services.language_changed.connect(self._language)
        self.retranslate()
        self._fill_queue_list()
        self._access_changed()

    # -- set-up ---------------------------------------------------------------------------

    def _shortcuts(self) -> None:
        keys: list[tuple[str, Callable[[], None]]] = [
            ("A", self.bar.arm_approve), ("R", self.bar.arm_reject),
            ("Ctrl+Return", self.bar.confirm), ("Ctrl+Enter", self.bar.confirm),
            ("Esc", self.bar.cancel),
        ]
        for key, slot in keys:
            shortcut = QShortcut(QKeySequence(key), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(slot)

    @property
    def committee(self) -> bool:
        return self.access.role == COMMITTEE

    def specs(self) -> list[QueueSpec]:
        return [q for q in QUEUES if self.committee or not q.committee_only]

    def _fill_queue_list(self) -> None:
        current = self.queues.currentRow()
        self.queues.blockSignals(True)
        self.queues.clear()
        for spec in self.specs():
            count = len([i for i in self.items.get(spec.kind, []) if spec.keep(i.row)])
            text = QCoreApplication.translate(CTX, spec.title)
            entry = QListWidgetItem(f"{text}  ({count})" if spec.kind in self.items else text)
            entry.setData(Qt.ItemDataRole.UserRole, spec.key)
            self.queues.addItem(entry)
        self.queues.setCurrentRow(max(0, current))
        self.queues.blockSignals(False)
        self.stage.setVisible(self.committee)

    def current_spec(self) -> QueueSpec:
        specs = self.specs()
        row = self.queues.currentRow()
        return specs[row] if 0 <= row < len(specs) else specs[0]

    # -- link and sign-in -----------------------------------------------------------------

    def _access_changed(self) -> None:
        online, signed_in = self.access.online, self.access.signed_in
        self.password.setVisible(online and not signed_in)
        self.sign_in_button.setVisible(online and not signed_in)
        self.bar.set_enabled_for_link(online and signed_in)
        if not online:
            self._banner(self.tr("Offline: review decisions need the link to the service. "
                                 "What is shown may be out of date."), "#b71c1c")
        elif not signed_in:
            self._banner(self.tr("You signed in offline. Enter your password to review "
                                 "online."), "#8d6e00")
        else:
            self._banner(self.tr("Online as %1 — decisions go straight to the service.")
                         .replace("%1", self.access.username), "#2e7d32")
            if not self.items:
                self.refresh()

    def _banner(self, text: str, colour: str) -> None:
        self.banner.setText(text)
        self.banner.setStyleSheet(f"color: {colour}; font-weight: bold;")

    def sign_in(self) -> None:
        password = self.password.text()
        if not password:
            return
        self.password.clear()
        self.sign_in_button.setEnabled(False)

        def done() -> None:
            self.sign_in_button.setEnabled(True)
            self.refresh()

        def failed(error: BaseException) -> None:
            self.sign_in_button.setEnabled(True)
            self.bar.say(self._words(error), error=True)

        self.access.sign_in(password, success=done, failure=failed, owner=self)

    # -- queues ---------------------------------------------------------------------------

    def refresh(self, keep_row: int | None = None) -> None:
        """Read the queues again; the cursor stays on the same item, or on `keep_row` when
        that item was just decided."""
        if keep_row is not None:
            self._keep_row = keep_row
        if self._loading:
            return
        self.access.retry_link()
        if not self.access.signed_in:
            return
        self._loading = True
        kinds = list(dict.fromkeys(spec.kind for spec in self.specs()))

        def done(items: dict[str, list[QueueItem]]) -> None:
            self._loading = False
            self.items = items
            self._fill_queue_list()
            self._show_queue(self._keep_row)
            self._keep_row = None
            self.queues_loaded.emit()

        def failed(error: BaseException) -> None:
            self._loading = False
            self.bar.say(self._words(error), error=True)

        self.access.run(lambda client: fetch_queues(client, kinds), success=done,
                        failure=failed, owner=self)

    def _auto_refresh(self) -> None:
        if self.isVisible() and self.bar.mode is None and self.access.online:
            self.refresh()

    def _show_queue(self, keep_row: int | None = None) -> None:
        current = self.model.item(self.table.currentIndex().row())
        spec = self.current_spec()
        wanted = self.stage.currentData() if self.committee else None
        items = [i for i in self.items.get(spec.kind, []) if spec.keep(i.row)
                 and (wanted is None or i.stage == wanted)]
        self.model.set_items(spec.kind, items)
        self.table.resizeColumnsToContents()
        if items:
            row = self.model.row_of(current.id) if current is not None else -1
            if keep_row is not None or row < 0:
                row = min(keep_row or 0, len(items) - 1)
            self.table.selectionModel().setCurrentIndex(
                self.model.index(row, 0),
                QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows)
        self._selected()

    def selected_items(self) -> list[QueueItem]:
        rows = sorted({i.row() for i in self.table.selectionModel().selectedRows()})
        return [item for r in rows if (item := self.model.item(r)) is not None]

    def _selected(self) -> None:
        items = self.selected_items()
        current = self.model.item(self.table.currentIndex().row())
        self.detail.show_item(current if current in items else (items[0] if items else None))
        waiting = sum(len(i.requests) for i in items if i.target == "enterprise")
        self.bar.set_selection(len(items), waiting)

    # -- decisions ------------------------------------------------------------------------

    def decide(self, decision: str, reason: str, with_requests: bool) -> None:
        items = self.selected_items()
        if not items:
            return
        committee = self.committee
        keep_row = min(i.row() for i in self.table.selectionModel().selectedRows())
        self.bar.setEnabled(False)
        self.bar.say(self.tr("Sending %1 decision(s)…").replace("%1", str(len(items))))

        def op(client: ServiceSession) -> SittingResult:
            result = SittingResult()
            for item in items:
                if decision == "approve" and item.target == "enterprise" and with_requests:
                    sitting = approve_in_one_sitting(
                        client, enterprise_id=item.id, request_ids=item.waiting_request_ids,
                        committee=committee)
                    result.states.update(sitting.states)
                    result.refused.update(sitting.refused)
                    continue
                try:
                    result.states[item.id] = client.decide(item.target, item.id, decision,
                                                           reason)
                except Refused as error:
                    result.refused[item.id] = error
            return result

        def done(result: SittingResult) -> None:
            self.bar.setEnabled(self.access.online and self.access.signed_in)
            self.bar.say(self._summary(result), error=bool(result.refused))
            self.decisions_done.emit(result)
            self.refresh(keep_row)

        def failed(error: BaseException) -> None:
            self.bar.setEnabled(self.access.online and self.access.signed_in)
            self.bar.say(self._words(error), error=True)
            self.refresh(keep_row)

        self.access.run(op, success=done, failure=failed, owner=self)

    def _summary(self, result: SittingResult) -> str:
        text = self.tr("%1 decided.").replace("%1", str(result.decided))
        if result.refused:
            first = next(iter(result.refused.values()))
            scope = sum(1 for e in result.refused.values() if e.code == "out_of_scope")
            text += " " + self.tr("%1 not decided: %2").replace(
                "%1", str(len(result.refused))).replace("%2", first.words(self.services.language))
            if scope:
                text += " " + self.tr("(they wait for another reviewer)")
        return text

    def _words(self, error: BaseException) -> str:
        if isinstance(error, Refused):
            return error.words(self.services.language)
        return describe(error, self.services.language) or type(error).__name__

    # -- photos ---------------------------------------------------------------------------

    def load_photo(self, sha256: str, done: Callable[[bytes | None], None]) -> None:
        """Photos come with the reviewer's session and are kept in memory only."""
        cached = self._photos.get(sha256)
        if cached is not None:
            self._photos.move_to_end(sha256)
            done(cached)
            return

        def keep(data: bytes) -> None:
            self._photos[sha256] = data
            while len(self._photos) > PHOTO_CACHE:
                self._photos.popitem(last=False)
            done(data)

        self.access.run(lambda client: client.blob(sha256), success=keep,
                        failure=lambda _error: done(None), owner=self)

    # -- language -------------------------------------------------------------------------

    def _language(self, language: str) -> None:
        self.model.retranslate(language)
        self.detail.set_language(language)

    def retranslate(self) -> None:
        self.sign_in_button.setText(self.tr("Sign in online"))
        self.password.setPlaceholderText(self.tr("Password"))
        self.refresh_button.setText(self.tr("Refresh"))
        current = self.stage.currentIndex()
        self.stage.blockSignals(True)
        self.stage.clear()
        self.stage.addItem(self.tr("Both stages"), None)
        self.stage.addItem(self.tr("Stage 1 (host organisation)"), 1)
        self.stage.addItem(self.tr("Stage 2 (committee)"), 2)
        self.stage.setCurrentIndex(max(0, current))
        self.stage.blockSignals(False)
        self.model.language = self.services.language
        self.detail.language = self.services.language
        self._fill_queue_list()
        self._access_changed()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
            self.model.retranslate(self.services.language)
        super().changeEvent(event)
