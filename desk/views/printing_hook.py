"""Printing a badge from a card: prepare the revision off the UI thread, show the print
dialog of `desk.printing`, and record `record_badge_printed` once the page is out.

When the printing package cannot be loaded (a bundle without it), nothing is recorded and
the operator is told printing is not available: a badge is never marked printed unprinted.
"""

from __future__ import annotations

import contextlib
import logging
import uuid
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget

from desk.sync import enrollment
from desk.sync import photos as photo_store
from desk.views.services import DeskServices

translate = QCoreApplication.translate

log = logging.getLogger(__name__)


def printing_available() -> bool:
    try:
        import desk.printing.jobs  # noqa: F401
        import desk.printing.preview  # noqa: F401
    except ImportError as error:
        log.warning("badge printing is not available: %s", error)
        return False
    return True


def print_badge(parent: QWidget, services: DeskServices, request_id: uuid.UUID,
                done: Callable[[], None]) -> None:
    """Print (or reprint) the badge of one approved request; `done` after it is recorded."""
    if not printing_available():
        QMessageBox.information(parent, translate("Printing", "Printing"),
                                translate("Printing", "Badge printing is not available on "
                                                      "this desk."))
        return
    from desk.printing.jobs import KeySigner, prepare_print
    from desk.printing.revisions import JsonCounterStore, RevisionAllocator, highest_counter

    replica = services.replica
    identity = replica.identity()
    desk = str(identity.desk_id or identity.client_id)

    def floor() -> int:
        with replica.read() as session:
            return highest_counter(session, desk)

    def op() -> Any:
        from desk.models.badge_token import key_id_for

        key = enrollment.signing_key(replica)
        if key is None:
            raise RuntimeError("this desk has no signing key: enroll it first")
        allocator = RevisionAllocator(desk, JsonCounterStore(services.data_dir /
                                                             "badge-revisions.json"),
                                      floor=floor)
        signer: Any = KeySigner(key, key_id_for(key, "desk"))
        closer: contextlib.AbstractContextManager[Any] = contextlib.nullcontext()
        if identity.service_url and identity.token:
            # Online, the service signs with its own key; offline, the desk's key does.
            from desk.printing.service_signer import ServiceSigner

            engine = services.engine
            signer = ServiceSigner(
                identity.service_url, identity.token, signer,
                online=(lambda: engine.link.online) if engine is not None else None,
            )
            closer = contextlib.closing(signer)
        with closer, replica.read() as session:
            return prepare_print(session, request_id, allocator=allocator, signer=signer,
                                 photos=lambda sha: photo_store.load(replica, sha))

    def show(job: Any) -> None:
        from desk.printing.preview import BadgePrintDialog
        from desk.printing.print_log import PrintLog

        options: dict[str, Any] = {"default_printer": services.settings.printer,
                                   **services.print_dialog_options}
        dialog = BadgePrintDialog([job], parent=parent, print_log=PrintLog(services.data_dir),
                                  operator_id=str(services.operator_id),
                                  desk_id=str(identity.desk_id or ""),
                                  language=services.language, **options)
        dialog.printed.connect(lambda commands: services.record_many(
            [("record_badge_printed", args) for args in commands], success=lambda _r: done(),
            owner=parent))
        services.open_dialogs.append(dialog)
        dialog.finished.connect(lambda _code: services.open_dialogs.remove(dialog))
        dialog.open()

    services.tasks.run(op, pool="read", success=show, owner=parent)
