"""The FastAPI application of the central service."""

from __future__ import annotations

import gc
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from anyio import to_thread
from fastapi import FastAPI

from central.api.errors import install_handlers
from central.api.hardening import install_hardening
from central.api.routes import admin, auth, blobs, health, review, sync
from central.api.state import AppState
from central.core.config import Settings
from central.db import versioning
from central.db.engine import Database
from central.db.notify import ChangeNotifier
from central.services.blobs import DirectoryStore
from central.services.gateway import TableGateway
from central.services.notices import NoticeKey

log = logging.getLogger(__name__)

# Allocations between young collections (Python's default is 700).
GC_YOUNG_THRESHOLD = 20_000


def build_state(settings: Settings) -> AppState:
    db = Database.from_url(settings.db, settings)

    def read_version() -> int:
        with db.read() as session:
            return versioning.current_version(session)

    notifier = ChangeNotifier(read_version, recheck_s=settings.pull_recheck_s)
    db.on_committed.append(notifier.bump)
    return AppState(
        settings=settings,
        db=db,
        notifier=notifier,
        blobs=DirectoryStore(settings.blob_dir),
        gateway=TableGateway(NoticeKey.from_settings(settings)),
    )


def _settle_garbage_collector() -> None:
    """Keep the collector off the objects every request shares, and run it less often.

    What is loaded at start (modules, the app, mappers: a few hundred thousand objects) never
    becomes garbage, yet each full collection walked all of it; a request allocates thousands
    of short-lived objects, which tripped a young collection every 700."""
    gc.collect()
    gc.freeze()
    gc.set_threshold(GC_YOUNG_THRESHOLD, *gc.get_threshold()[1:])


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or Settings()
    state = build_state(settings)

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        # Database work runs in threads that share one interpreter lock: more of them than
        # the process can feed only add lock hand-offs (anyio's default is 40).
        to_thread.current_default_thread_limiter().total_tokens = settings.worker_threads
        state.notifier.start(state.db.engine)
        log.info("central service up on %s", state.db.dialect)
        try:
            yield
        finally:
            state.notifier.stop()
            state.db.dispose()

    app = FastAPI(
        title="Fair Desk central service",
        summary="Registration desk sync, photos, review and administration",
        version="1",
        lifespan=lifespan,
    )
    app.state.fairdesk = state
    install_handlers(app)
    for module in (health, auth, sync, blobs, review, admin):
        app.include_router(module.router)
    app.include_router(__import__("central.api.routes.signing", fromlist=["router"]).router)
    app.include_router(__import__("central.api.routes.host_tools", fromlist=["router"]).router)
    app.include_router(__import__("central.api.routes.review_extra", fromlist=["router"]).router)
    app.include_router(__import__("central.api.routes.escrow", fromlist=["router"]).router)
    install_hardening(app, settings)
    return app


def app_from_env() -> FastAPI:
    """For process managers that import the app by name (`uvicorn --factory`), and for
    `fairdesk-central serve`: one call in each worker process."""
    app = create_app(Settings())
    _settle_garbage_collector()
    return app
