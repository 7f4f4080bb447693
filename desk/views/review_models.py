"""The review queues: which queue holds what, one queue item, and the table model."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QColor

from desk.models import refdata

CTX = "ReviewQueue"


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:  # noqa: N802 (lupdate's marker)
    """Marks `text` for translation in `context`; translated where it is shown."""
    return text
AnyIndex = QModelIndex | QPersistentModelIndex


def _t(text: str) -> str:
    return QCoreApplication.translate(CTX, text)


@dataclass
class QueueItem:
    """One application waiting for a decision, as the service sent it.

    `row` is the service's row; for a badge request `row["snapshot"]` holds the data as sent,
    which is what the reviewer judges. `requests` are an enterprise's waiting badge requests.
    """

    target: str
    row: dict[str, Any]
    requests: list[dict[str, Any]] = field(default_factory=list)
    names: dict[str, str] = field(default_factory=dict)  # enterprise / host org names

    @property
    def id(self) -> str:
        return str(self.row["id"])

    @property
    def state(self) -> str:
        key = "status" if self.target == "badge_request" else "review_state"
        return str(self.row.get(key) or "")

    @property
    def stage(self) -> int:
        """1 or 2; the committee's one-stage reviews count as stage 2."""
        if self.target in ("host_staff", "guest", "host_org"):
            return 2
        return 2 if self.state == "under_review" else 1

    @property
    def name(self) -> str:
        if self.target == "badge_request":
            return str((self.row.get("snapshot") or {}).get("name") or "")
        return str(self.row.get("name") or "")

    @property
    def photo_sha256(self) -> str | None:
        if self.target == "badge_request":
            sha = (self.row.get("snapshot") or {}).get("photo_sha256")
        elif self.target == "host_org":
            sha = self.row.get("licence_sha256")
        else:
            sha = self.row.get("photo_sha256")
        return str(sha) if sha else None

    @property
    def waiting_request_ids(self) -> list[str]:
        return [str(r["id"]) for r in self.requests]


@dataclass(frozen=True)
class QueueSpec:
    """A queue of the tab: the service's kind and which of its items belong here."""

    key: str
    kind: str
    title: str  # untranslated; shown through `_t`
    keep: Callable[[dict[str, Any]], bool] = lambda _row: True
    committee_only: bool = False


def _participation(value: str) -> Callable[[dict[str, Any]], bool]:
    return lambda row: row.get("participation") == value


def _badge_type(value: str) -> Callable[[dict[str, Any]], bool]:
    return lambda row: row.get("badge_type") == value


QUEUES: tuple[QueueSpec, ...] = (
    QueueSpec("exhibitors", "enterprise", QT_TRANSLATE_NOOP("ReviewQueue", "Exhibitor enterprises"),
              _participation("exhibitor")),
    QueueSpec("attendees", "enterprise", QT_TRANSLATE_NOOP("ReviewQueue", "Attendee enterprises"),
              _participation("attendee")),
    QueueSpec("badges_exhibitor", "badge_request",
              QT_TRANSLATE_NOOP("ReviewQueue", "Exhibitor badges"), _badge_type("exhibitor")),
    QueueSpec("badges_delegate", "badge_request",
              QT_TRANSLATE_NOOP("ReviewQueue", "Delegate badges"), _badge_type("delegate")),
    QueueSpec("badges_buyer", "badge_request", QT_TRANSLATE_NOOP("ReviewQueue", "Buyer badges"),
              _badge_type("buyer")),
    QueueSpec("host_staff", "host_staff",
              QT_TRANSLATE_NOOP("ReviewQueue", "Host organisation staff"), committee_only=True),
    QueueSpec("guests", "guest", QT_TRANSLATE_NOOP("ReviewQueue", "Guests and VIPs"),
              committee_only=True),
    QueueSpec("host_orgs", "host_org", QT_TRANSLATE_NOOP("ReviewQueue", "Host organisations"),
              committee_only=True),
)

COLUMNS: dict[str, tuple[str, ...]] = {
    "enterprise": (
        QT_TRANSLATE_NOOP("ReviewQueue", "Name"),
        QT_TRANSLATE_NOOP("ReviewQueue", "Type"),
        QT_TRANSLATE_NOOP("ReviewQueue", "Registered in"),
        QT_TRANSLATE_NOOP("ReviewQueue", "Stage"),
        QT_TRANSLATE_NOOP("ReviewQueue", "Badge requests"),
        QT_TRANSLATE_NOOP("ReviewQueue", "Applied"),
    ),
    "badge_request": (
        QT_TRANSLATE_NOOP("ReviewQueue", "Name"),
        QT_TRANSLATE_NOOP("ReviewQueue", "Enterprise"),
        QT_TRANSLATE_NOOP("ReviewQueue", "Document"),
        QT_TRANSLATE_NOOP("ReviewQueue", "Stage"),
        QT_TRANSLATE_NOOP("ReviewQueue", "Requested"),
    ),
    "host_staff": (
        QT_TRANSLATE_NOOP("ReviewQueue", "Name"),
        QT_TRANSLATE_NOOP("ReviewQueue", "Position"),
        QT_TRANSLATE_NOOP("ReviewQueue", "Host organisation"),
        QT_TRANSLATE_NOOP("ReviewQueue", "Submitted"),
    ),
    "guest": (
        QT_TRANSLATE_NOOP("ReviewQueue", "Name"),
        QT_TRANSLATE_NOOP("ReviewQueue", "Kind"),
        QT_TRANSLATE_NOOP("ReviewQueue", "Organisation"),
        QT_TRANSLATE_NOOP("ReviewQueue", "Host organisation"),
    ),
    "host_org": (
        QT_TRANSLATE_NOOP("ReviewQueue", "Name"),
        QT_TRANSLATE_NOOP("ReviewQueue", "English name"),
        QT_TRANSLATE_NOOP("ReviewQueue", "Credit code"),
        QT_TRANSLATE_NOOP("ReviewQueue", "Phone"),
    ),
}


def stage_text(item: QueueItem) -> str:
    if item.target in ("host_staff", "guest", "host_org"):
        return QCoreApplication.translate("ReviewQueue", "Committee")
    if item.stage == 1:
        return QCoreApplication.translate("ReviewQueue", "Stage 1 · host organisation")
    return QCoreApplication.translate("ReviewQueue", "Stage 2 · committee")


def state_text(state: str | None) -> str:
    """A review state as a host organisation reads it."""
    words = {
        "pending": QCoreApplication.translate("ReviewQueue", "Pending review"),
        "under_review": QCoreApplication.translate("ReviewQueue", "Under review"),
        "approved": QCoreApplication.translate("ReviewQueue", "Approved"),
        "rejected": QCoreApplication.translate("ReviewQueue", "Rejected"),
    }
    return words.get(state or "", state or "")


def _date(value: Any) -> str:
    return str(value or "")[:16].replace("T", " ")


def choice_label(list_name: str, code: Any, language: str) -> str:
    if not code:
        return ""
    try:
        return refdata.label(list_name, str(code), "zh" if language.startswith("zh") else "en")
    except (KeyError, ValueError):
        return str(code)


def cell(item: QueueItem, column: int, language: str) -> str:
    """The text of one cell (see `COLUMNS` for what each column holds)."""
    row = item.row
    if item.target == "enterprise":
        kind = row.get("exhibitor_type") or row.get("attendee_type")
        values = [
            item.name,
            choice_label("exhibitor_types" if row.get("exhibitor_type") else "attendee_types",
                         kind, language),
            choice_label("regions", row.get("region"), language),
            stage_text(item),
            str(len(item.requests)) if item.requests else "",
            _date(row.get("applied_at")),
        ]
    elif item.target == "badge_request":
        values = [
            item.name,
            item.names.get("enterprise", ""),
            choice_label("doc_types", (row.get("snapshot") or {}).get("doc_type"), language),
            stage_text(item),
            _date(row.get("requested_at")),
        ]
    elif item.target == "host_staff":
        values = [item.name, choice_label("staff_positions", row.get("position"), language),
                  item.names.get("host_org", ""), _date(row.get("updated_at"))]
    elif item.target == "guest":
        values = [item.name, choice_label("guest_kinds", row.get("kind"), language),
                  str(row.get("organisation") or ""), item.names.get("host_org", "")]
    else:
        values = [item.name, str(row.get("name_en") or ""), str(row.get("uscc") or ""),
                  str(row.get("phone") or "")]
    return values[column] if column < len(values) else ""


class QueueModel(QAbstractTableModel):
    """The items of one queue. Columns depend on the queue's kind (`COLUMNS`):
    enterprises: name, exhibitor/attendee type, where registered, stage, waiting badge
    requests, applied at; badge requests: name as sent, enterprise, document type, stage,
    requested at; host staff: name, position, host organisation, submitted at; guests:
    name, guest or VIP, organisation, host organisation; host organisations: name, English
    name, credit code, phone."""

    def __init__(self) -> None:
        super().__init__()
        self.kind = "enterprise"
        self.items: list[QueueItem] = []
        self.language = "zh_CN"

    def set_items(self, kind: str, items: list[QueueItem]) -> None:
        self.beginResetModel()
        self.kind = kind
        self.items = items
        self.endResetModel()

    def item(self, row: int) -> QueueItem | None:
        return self.items[row] if 0 <= row < len(self.items) else None

    def row_of(self, item_id: str) -> int:
        return next((i for i, item in enumerate(self.items) if item.id == item_id), -1)

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008, N802 (Qt)
        return 0 if parent.isValid() else len(self.items)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008, N802 (Qt)
        return 0 if parent.isValid() else len(COLUMNS[self.kind])

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        item = self.item(index.row())
        if item is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return cell(item, index.column(), self.language)
        if role == Qt.ItemDataRole.ForegroundRole and self.kind in ("enterprise",
                                                                      "badge_request"):
            header = COLUMNS[self.kind][index.column()]
            if header == "Stage":
                return QColor("#8d6e00" if item.stage == 1 else "#1565c0")
        return None

    def headerData(  # noqa: N802 (Qt)
        self, section: int, orientation: Qt.Orientation,
        role: int = Qt.ItemDataRole.DisplayRole,
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole or orientation != Qt.Orientation.Horizontal:
            return None
        columns = COLUMNS[self.kind]
        return _t(columns[section]) if 0 <= section < len(columns) else None

    def retranslate(self, language: str) -> None:
        self.language = language
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, self.columnCount() - 1)
        if self.items:
            self.dataChanged.emit(self.index(0, 0),
                                  self.index(len(self.items) - 1, self.columnCount() - 1))
