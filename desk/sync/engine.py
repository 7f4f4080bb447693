"""One sync cycle: upload photos, push the outbox in order, pull page by page.

Shaped like a sync manager that has to run on a counter all day: never two cycles at once,
a result object per cycle, typed errors, the last success and failure recorded in the
replica, and the link state (with its backoff) in `link.Link`.

A revoked desk that the service orders wiped wipes itself (see `wipe`) as soon as nothing
unanswered would go with it; the cycle then says `wiped`, and the replica is unusable.
"""

from __future__ import annotations

import logging
import threading
import time
import uuid
from dataclasses import dataclass
from typing import Any

from sqlalchemy import delete, func, select

from desk.sync import attention, outbox, photos, rebase, rows, wipe
from desk.sync.client import Answer, Client
from desk.sync.errors import (
    AuthError,
    Blocked,
    ClientNotOwned,
    NotEnrolled,
    ReplicaRestored,
    RequestRefused,
    SyncError,
    VersionNotSupported,
)
from desk.sync.link import BLOCKED, VERSION_BLOCK, Link, UpdateNotice, save_update_notice
from desk.sync.pages import PageReader
from desk.sync.replica import Replica, clients, own_client, sync_state
from desk.sync.tables import (
    APPLIED,
    MERGED,
    PENDING,
    REJECTED,
    OutboxCommand,
    ResetSeen,
    SyncClient,
)

log = logging.getLogger(__name__)

PUSH_BATCH = 500  # the service's default ceiling; halved if a service answers 413
PAGE_LIMIT = 10000
FIRST_PAGE_LIMIT = 2000
CLOCK_WARN_S = 300.0
# Hard blocks wait for a person (re-enrollment); a version block is retried slowly, as the
# desk or the service may be updated meanwhile.
HARD_BLOCKS = ("desk_revoked", "replica_restored")


@dataclass
class CycleResult:
    """What one cycle did. `error` is a stable code when it failed, else None."""

    ok: bool = False
    pushed: int = 0
    answered: int = 0
    rejected: int = 0
    pulled: int = 0
    pages: int = 0
    reset: bool = False
    waiting: int = 0
    error: str | None = None
    link_state: str = ""
    duration_s: float = 0.0
    # The desk wiped its data (ordered by the service): stop using this replica.
    wiped: bool = False


class SyncEngine:
    """Syncs one replica with its service. `sync_once` is safe to call from any thread."""

    def __init__(
        self,
        replica: Replica,
        *,
        client: Client | None = None,
        link: Link | None = None,
        push_batch: int = PUSH_BATCH,
        page_limit: int = PAGE_LIMIT,
    ) -> None:
        self.replica = replica
        identity = replica.identity()
        self.client = client or Client(
            identity.service_url or "http://127.0.0.1:9", token=identity.token, clock=replica.clock
        )
        self.link = link or Link()
        self.push_batch = push_batch
        self.page_limit = page_limit
        self._cycle_lock = threading.Lock()
        self._skew: float | None = None
        if identity.blocked in HARD_BLOCKS:
            self.link.block(identity.blocked)

    def close(self) -> None:
        self.client.close()

    @property
    def clock_skew_s(self) -> float | None:
        return self._skew

    @property
    def wiped(self) -> bool:
        return self.replica.wiped

    # -- the cycle --------------------------------------------------------------------

    def sync_once(self) -> CycleResult:
        """Push then pull until caught up. Returns at once with `error="busy"` when a cycle
        is already running."""
        if self.replica.wiped:
            return CycleResult(error="desk_wiped", link_state=BLOCKED, wiped=True)
        if self.replica.locked:  # nobody signed in yet: nothing to send, nowhere to write
            return CycleResult(error="locked", link_state=self.link.state)
        if not self._cycle_lock.acquire(blocking=False):
            return CycleResult(error="busy", link_state=self.link.state)
        started = time.monotonic()
        result = CycleResult()
        try:
            self._cycle(result)
            result.ok = True
            self._record(success=True, failure=None)
        except SyncError as error:
            result.error = error.code
            self._on_error(error)
        finally:
            result.duration_s = time.monotonic() - started
            if self.replica.wiped:
                self.link.block("desk_wiped")
                result.ok, result.error, result.wiped = False, "desk_wiped", True
            else:
                result.waiting = self._waiting()
            result.link_state = self.link.state
            self._cycle_lock.release()
        return result

    def _cycle(self, result: CycleResult) -> None:
        identity = self.replica.identity()
        if identity.token is None or identity.desk_id is None:
            raise NotEnrolled("not_enrolled", "Enroll this desk first")
        if wipe.wipe_due(self.replica):  # ordered earlier; the outbox was exported since
            wipe.wipe_replica(self.replica)
            raise SyncError("desk_wiped", "This desk's data was wiped, as the service ordered")
        if identity.blocked in HARD_BLOCKS:
            raise Blocked(identity.blocked, "Syncing is stopped until someone acts")
        if identity.token != self.client.token:  # re-enrolled since this engine started
            self.client.token = identity.token
        if self.link.state == BLOCKED:
            self.link.unblock()
        self._push(result)
        self._pull(result)

    def _on_error(self, error: SyncError) -> None:
        if self.replica.wiped:
            return
        if isinstance(error, ReplicaRestored):
            log.error("this replica was restored from a copy: syncing stops until re-enrolled")
            self.link.block("replica_restored")
            self._record(success=False, failure=error.code, blocked="replica_restored")
        elif isinstance(error, VersionNotSupported):
            log.error(
                "the service refuses this desk's version (%s): update this desk; "
                "the outbox is kept",
                error.code,
            )
            # Blocked, not failed: a failure is retried within seconds (and a good probe
            # clears it); a block stops the long poll and waits a minute between tries,
            # in case the desk or the service was updated meanwhile.
            self.link.block(VERSION_BLOCK)
            save_update_notice(
                self.replica.path,
                UpdateNotice(error.code, error.min_desk_version, error.installer_url),
            )
            self._record(success=False, failure=error.code, blocked=VERSION_BLOCK)
        elif isinstance(error, AuthError) and not isinstance(error, ClientNotOwned):
            log.error(
                "the service refused this desk (%s): syncing stops, the outbox is kept", error.code
            )
            self.link.block("desk_revoked")
            self._record(success=False, failure=error.code, blocked="desk_revoked")
            if error.details.get("wipe") and wipe.order_received(self.replica):
                wipe.wipe_replica(self.replica)
        elif isinstance(error, Blocked | NotEnrolled):
            self._record(success=False, failure=error.code)
        else:
            log.warning("sync cycle failed: %s", error.code)
            self.link.failed()
            self._record(success=False, failure=error.code)

    def _observe(self, answer: Answer) -> None:
        self.link.succeeded(answer.latency_s)
        if answer.skew_s is not None:
            self._skew = answer.skew_s

    # -- push -------------------------------------------------------------------------

    def _push(self, result: CycleResult) -> None:
        with self.replica.read() as session:
            ids = [(c.client_id, c.own) for c in clients(session)]
        for client_id, own in ids:
            try:
                self._push_client(client_id, own, result)
            except ClientNotOwned:
                # An imported outbox whose desk is not marked replaced: keep it, go on.
                log.warning("the service does not let this desk send an imported outbox yet")

    def _push_client(self, client_id: uuid.UUID, own: bool, result: CycleResult) -> None:
        desk_id = self.replica.identity().desk_id
        for _ in range(10_000):
            with self.replica.read() as session:
                client = session.get(SyncClient, client_id)
                assert client is not None
                batch = outbox.sendable(session, client, self.push_batch)
                todo = [(outbox.to_push(c), outbox.pending_photo_hashes(c)) for c in batch]
                allocated = client.last_allocated_id
                report = self._report(session)
            if not todo:
                return
            ready = []
            for body, hashes in todo:
                if photos.upload_all(self.replica, self.client, hashes):
                    log.warning("a command names a photo this desk does not have; it waits")
                    break
                ready.append(body)
            if not ready:
                return
            try:
                answer = self.client.push(
                    client_id=str(client_id), desk_id=str(desk_id), commands=ready, report=report
                )
            except RequestRefused as error:
                if error.details.get("status") != 413 or self.push_batch == 1:
                    raise
                self.push_batch = max(1, len(ready) // 2)
                continue
            self._observe(answer)
            result.pushed += len(ready)
            last = int(answer.data.get("last_command_id") or 0)
            if own and last > allocated:
                raise ReplicaRestored(
                    "replica_restored", "The service knows more commands than this replica made"
                )
            effect = self._take_results(
                client_id,
                answer.data.get("results") or [],
                int(answer.data.get("version") or 0),
                last,
            )
            result.answered += effect.answered
            result.rejected += effect.rejected
            stopped = answer.data.get("stopped")
            if stopped:
                if stopped.get("code") == "gap" and last < ready[0]["id"] - 1:
                    log.warning(
                        "the service knows fewer commands than we saw answered "
                        "(restored from a backup?): sending again from %d",
                        last + 1,
                    )
                    continue
                log.info("push stopped by the service (%s); retrying later", stopped.get("code"))
                return
            if len(ready) < len(todo) or (effect.answered == 0 and last < ready[-1]["id"]):
                return

    def _take_results(
        self, client_id: uuid.UUID, results: list[dict[str, Any]], version: int, last: int
    ) -> outbox.AnswerEffect:
        with self.replica.write() as session:
            effect = outbox.apply_results(
                session, client_id, results, answered_version=version, now=self.replica.clock()
            )
            client = session.get(SyncClient, client_id)
            assert client is not None
            client.server_last_id = last
            if effect.rejected:
                # A refused command's local effect goes; the others are replayed.
                state = sync_state(session)
                rebase.rebase(
                    session, cursor=state.cursor, context=outbox.context_for(session, self.replica)
                )
        return effect

    def _report(self, session: Any) -> dict[str, Any]:
        counts = outbox.counts(session)
        return {"outbox_waiting": counts[PENDING], "outbox_rejected": counts[REJECTED]}

    # -- pull -------------------------------------------------------------------------

    def _pull(self, result: CycleResult) -> None:
        with self.replica.read() as session:
            state = sync_state(session)
            cursor, resetting, client_id = state.cursor, state.resetting, state.client_id
            first_pending = session.scalar(
                select(func.min(OutboxCommand.id)).where(
                    OutboxCommand.client_id == client_id, OutboxCommand.status == PENDING
                )
            )
            report = self._report(session)
        results_after = None if first_pending is None else int(first_pending) - 1

        def fetch(at: int, limit: int) -> Answer:
            return self.client.pull(
                client_id=str(client_id),
                cursor=at,
                limit=limit,
                results_after=results_after,
                report=report,
            )

        resets = 0
        while True:
            with PageReader(
                fetch,
                cursor=cursor,
                first_limit=min(self.page_limit, FIRST_PAGE_LIMIT),
                limit=self.page_limit,
            ) as reader:
                for answer, page in reader:
                    self._observe(answer)
                    data = answer.data
                    if data.get("reset"):
                        break
                    has_more = bool(data.get("has_more"))
                    changes = data.get("changes") or []
                    self._apply_page(
                        data,
                        changes,
                        page,
                        resetting=resetting,
                        final=not has_more,
                        bulk=cursor == 0 and has_more,
                    )
                    result.pages += 1
                    result.pulled += len(changes)
                    cursor = int(data["cursor"])
                else:
                    return  # the last page is written
            resets += 1
            if resets > 2:
                raise SyncError("reset_loop", "The service keeps asking for a reset")
            self._begin_reset()
            result.reset, cursor, resetting = True, 0, True

    def _begin_reset(self) -> None:
        log.warning("the service asks for a full re-pull")
        with self.replica.write() as session:
            state = sync_state(session)
            state.cursor = 0
            state.resetting = True
            session.execute(delete(ResetSeen))
            # Versions before a reset mean nothing now: answered commands count as shown.
            for row in session.scalars(
                select(OutboxCommand).where(OutboxCommand.status.in_((APPLIED, MERGED)))
            ):
                row.answered_version = 0

    def _apply_page(
        self,
        data: dict[str, Any],
        changes: list[dict[str, Any]],
        page: rebase.PulledPage,
        *,
        resetting: bool,
        final: bool,
        bulk: bool = False,
    ) -> None:
        """Write one page in one transaction. `bulk`: the first page of a pull from cursor 0
        with more to come, when empty tables load without their plain indexes (see `rows`);
        the last page builds whatever index is missing."""
        restored = False
        with self.replica.write(durable=False) as session:
            state = sync_state(session)
            new_cursor = int(data["cursor"])
            client = own_client(session)
            if bulk:
                deferred = rows.defer_indexes(session.connection())
                if deferred:
                    log.info("empty tables load first, %d indexes are built after", len(deferred))
            if data.get("results"):
                outbox.apply_results(
                    session,
                    client.client_id,
                    data["results"],
                    answered_version=new_cursor,
                    now=self.replica.clock(),
                )
            rebase.rebase(
                session,
                cursor=new_cursor,
                page=page,
                context=outbox.context_for(session, self.replica),
                resetting=resetting,
                finish_reset=resetting and final,
            )
            attention.note_review_rejections(session, changes, state.desk_id)
            if final:
                rows.restore_indexes(session.connection())
            state.cursor = new_cursor
            if final:
                state.resetting = False
                last = data.get("last_command_id")
                if isinstance(last, int):
                    if last > client.last_allocated_id:
                        restored = True
                    else:
                        if last < client.max_answered_id:
                            log.warning(
                                "the service lost answered commands (restored from a "
                                "backup?): they will be sent again from %d",
                                last + 1,
                            )
                        client.server_last_id = last
        if restored:
            raise ReplicaRestored(
                "replica_restored", "The service knows more commands than this replica made"
            )

    # -- bookkeeping ------------------------------------------------------------------

    def _waiting(self) -> int:
        with self.replica.read() as session:
            return outbox.counts(session)[PENDING]

    def _record(self, *, success: bool, failure: str | None, blocked: str | None = None) -> None:
        now = self.replica.clock()
        with self.replica.write() as session:
            state = sync_state(session)
            if success:
                state.last_success_at = now
                if state.blocked == "version_not_supported":
                    state.blocked = None
            else:
                state.last_failure_at = now
                state.last_failure = failure
            if blocked is not None:
                state.blocked = blocked
            state.link_state = BLOCKED if state.blocked in HARD_BLOCKS else self.link.state
            if self._skew is not None:
                state.clock_skew_s = self._skew

    # -- waiting for news -------------------------------------------------------------

    def watch(self, wait_s: float) -> bool:
        """Long-poll the service: True as soon as something newer than our cursor exists."""
        identity = self.replica.identity()
        with self.replica.read() as session:
            cursor = sync_state(session).cursor
        answer = self.client.pull(
            client_id=str(identity.client_id), cursor=cursor, limit=1, wait=wait_s
        )
        data = answer.data
        return bool(data.get("reset") or data.get("changes") or data.get("results"))

    def probe(self) -> bool:
        """A cheap call to see whether the service answers at all."""
        try:
            answer = self.client.healthz()
        except SyncError:
            self.link.failed()
            return False
        self._observe(answer)
        return True
