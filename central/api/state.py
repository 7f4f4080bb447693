"""What one service process holds: settings, the database, the change notifier, the blob store."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from central.core.config import Settings
from central.db.engine import Database
from central.db.notify import ChangeNotifier
from central.services.blobs import BlobStore
from central.services.gateway import NoticeGateway
from central.services.recent import RecentChanges


@dataclass
class AppState:
    settings: Settings
    db: Database
    notifier: ChangeNotifier
    blobs: BlobStore
    gateway: NoticeGateway
    # Desk bookkeeping written at most every few seconds per desk (pull is a read).
    pull_marks: dict[Any, float] = field(default_factory=dict)
    # Recent changes serialised once for every desk that pulls them.
    recent: RecentChanges = field(default_factory=RecentChanges)
