"""The few services a view needs, handed to it (not a global): the replica, the signed-in
operator, the background tasks, the sync worker's news and the operator's language."""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Signal

from desk import settings as desk_settings
from desk.models.search import refresh_search_index
from desk.sync import outbox, photos
from desk.sync.client import Client
from desk.sync.engine import CycleResult, SyncEngine
from desk.sync.operators import Operator
from desk.sync.replica import Replica
from desk.sync.worker import SyncWorker
from desk.views.tasks import Failure, TaskManager

log = logging.getLogger(__name__)

# Minutes without a key or a click before the window locks (a public counter).


class DeskServices(QObject):
    """What views get instead of globals.

    Signals:
        data_changed(): rows changed here (a recorded command) or arrived (a pull); lists
            and cards showing replica data reload.
        sync_finished(object): a sync cycle ended; carries its `CycleResult`.
        operator_changed(): an operator signed in or out.
        language_changed(str): the interface language changed ("zh_CN" or "en").
    """

    data_changed = Signal()
    sync_finished = Signal(object)
    operator_changed = Signal()
    language_changed = Signal(str)

    def __init__(
        self,
        replica: Replica,
        tasks: TaskManager,
        *,
        settings: desk_settings.Settings,
        data_dir: Path,
        engine: SyncEngine | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.replica = replica
        self.tasks = tasks
        self.settings = settings
        self.data_dir = data_dir
        self.engine = engine
        self.worker: SyncWorker | None = None
        self.operator: Operator | None = None
        self.language = settings.language or "zh_CN"
        self.lock_minutes = settings.lock_minutes
        # Extra arguments of the print dialog (a test's PDF target, say).
        self.print_dialog_options: dict[str, Any] = {}
        # Non-modal dialogs kept alive while open.
        self.open_dialogs: list[QObject] = []
        self.sync_finished.connect(self._after_cycle)

    # -- sync -----------------------------------------------------------------------------

    def start_sync(self, worker: SyncWorker) -> None:
        """Run `worker`; its cycle reports (on its own thread) come back as `sync_finished`."""
        self.worker = worker
        worker.on_cycle(self.sync_finished.emit)
        worker.start()

    def sync_now(self) -> None:
        if self.worker is not None:
            self.worker.poke()

    def _after_cycle(self, result: CycleResult) -> None:
        if result.pulled or result.answered or result.reset:
            self.refresh_search(then=self.data_changed.emit)

    def refresh_search(self, then: Callable[[], None] | None = None) -> None:
        """Take rows noted as changed into the search tables (cheap when few changed)."""

        def op() -> int:
            with self.replica.write() as session:
                return refresh_search_index(session)

        self.tasks.run(op, pool="write", success=lambda _n: then() if then else None,
                       failure=lambda error: log.warning("search refresh failed: %s", error))

    def client(self) -> Client | None:
        return self.engine.client if self.engine is not None else None

    # -- commands -------------------------------------------------------------------------

    @property
    def operator_id(self) -> uuid.UUID:
        if self.operator is None:
            raise RuntimeError("no operator is signed in")
        return self.operator.user_id

    def record(
        self,
        name: str,
        args: Mapping[str, Any],
        *,
        success: Callable[[outbox.Recorded], None] | None = None,
        failure: Failure | None = None,
        owner: QObject | None = None,
    ) -> None:
        """Run a command on the replica and queue it for the service, off the UI thread."""
        operator_id = self.operator_id

        def done(recorded: outbox.Recorded) -> None:
            self.data_changed.emit()
            if success is not None:
                success(recorded)

        self.tasks.run(lambda: outbox.record(self.replica, name, args, operator_id=operator_id),
                       pool="write", success=done, failure=failure, owner=owner)

    def record_many(
        self,
        commands: list[tuple[str, dict[str, Any]]],
        *,
        success: Callable[[list[outbox.Recorded]], None] | None = None,
        failure: Failure | None = None,
        owner: QObject | None = None,
    ) -> None:
        """Several commands in order on the write worker; stops at the first refusal (the
        ones before it stay recorded: each is its own transaction, as on the service)."""
        operator_id = self.operator_id

        def op() -> list[outbox.Recorded]:
            return [outbox.record(self.replica, name, args, operator_id=operator_id)
                    for name, args in commands]

        def done(recorded: list[outbox.Recorded]) -> None:
            self.data_changed.emit()
            if success is not None:
                success(recorded)

        self.tasks.run(op, pool="write", success=done, failure=failure, owner=owner)

    # -- photos ---------------------------------------------------------------------------

    def load_photo(self, sha256: str, success: Callable[[bytes | None], None],
                   owner: QObject | None = None) -> None:
        """A photo from the replica, else fetched from the service (then kept); None when
        neither has it or the service is out of reach."""
        client = self.client()

        def op() -> bytes | None:
            cached = photos.load(self.replica, sha256)
            if cached is not None or client is None:
                return cached
            try:
                return photos.fetch(self.replica, client, sha256)
            except Exception as error:  # offline or not on the service: show no photo
                log.info("photo not available: %s", type(error).__name__)
                return None

        self.tasks.run(op, pool="net", success=success, owner=owner,
                       failure=lambda _error: success(None))

    # -- language -------------------------------------------------------------------------

    @property
    def chinese(self) -> bool:
        return self.language.lower().startswith("zh")

    def set_language(self, language: str) -> None:
        if language == self.language:
            return
        self.language = language
        try:
            self.settings = desk_settings.update(language=language)
        except OSError as error:
            log.warning("could not store the language: %s", error)
        self.language_changed.emit(language)

    def shutdown(self) -> None:
        if self.worker is not None:
            self.worker.stop()
        self.tasks.shutdown()
        if self.engine is not None:
            self.engine.close()
