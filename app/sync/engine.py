"""The sync engine: enrolment, outbox replay, change feed and status, on one asyncio loop.

Qt-free: the console runs it on the qasync loop, tests and benchmarks on plain
asyncio. Every task it starts is tracked and cancelled by ``stop``; nothing polls
in a busy loop: the replay sleeps until a write, a reconnect, a user's retry or
the earliest backoff wakes it.
"""

from __future__ import annotations

import asyncio
import logging
import random
from collections.abc import Callable, Coroutine
from dataclasses import replace
from datetime import datetime, timedelta
from functools import partial
from typing import TYPE_CHECKING, Any

from app.actor import Actor
from app.clock import Clock, SystemClock
from app.ports import SyncedStore, UnitOfWork
from app.sync.backoff import Backoff, cancel_and_wait, wait_for
from app.sync.config import SyncConfig
from app.sync.engine_review import ReviewDesk
from app.sync.outbox import OutboxKind
from app.sync.review import SyncReview
from app.sync.skew import SKEW_KEY, ClockSkew
from app.sync.status import Link, SyncStatus
from app.sync.storeio import StoreWorker

# What talks to the helpdesk (httpx, the replay, the feed: some 40 modules) is imported
# when the engine learns the helpdesk's address (``_build``): a console whose embedded
# helpdesk starts after its window does not load it during its start.
if TYPE_CHECKING:
    import ssl

    from app.services.auth import OnlineVerdict
    from app.sync.enrolment import Enrolment
    from app.sync.feed import ChangeFeed
    from app.sync.outbox_report import OutboxReportSender
    from app.sync.replay import OutboxReplayer
    from app.sync.restored import RestoreWatch
    from app.sync.staff_tokens import StaffTokens
    from app.sync.transport import HelpdeskTransport

log = logging.getLogger(__name__)

LAST_SYNC_KEY = "last_sync_at"
STATUS_MIN_INTERVAL_S = 0.2  # status recounts at most this often during a big replay
# One cut connection is a blip; this many in a row (or a refused connect) is offline.
OFFLINE_AFTER_FAILURES = 3

__all__ = ["SyncConfig", "SyncEngine"]


def _prepare_link(base_url: str) -> bool | ssl.SSLContext:
    """What ``_build`` needs, made on a worker thread, never the loop's (the GUI's): the
    modules it imports (some 25 ms), the HTTP client's own (httpcore, 35 ms) and the
    certificate check's context, the ``verify=`` of the client (reading the system's CA
    certificates: 30 ms, the GIL let go meanwhile)."""
    from app.security.tls import client_verify_for
    from app.yielding_imports import yielding_imports

    with yielding_imports():  # nor wait for, while they run beside it
        import httpcore  # noqa: F401 - what httpx's client imports when it is made

        import app.sync.feed_runner
        import app.sync.replay
        import app.sync.restored  # noqa: F401
    return client_verify_for(base_url)


class SyncEngine(ReviewDesk):
    def __init__(
        self,
        store: SyncedStore,
        config: SyncConfig,
        *,
        clock: Clock | None = None,
        skew: ClockSkew | None = None,
        rng: random.Random | None = None,
        expect_helpdesk: bool = False,
    ) -> None:
        """``expect_helpdesk``: its URL comes with ``start`` (an embedded helpdesk)."""
        self.config = config
        self._store = store
        self._clock = clock or SystemClock()
        self.skew = skew or ClockSkew()
        self._backoff = Backoff(config.backoff_base_s, config.backoff_cap_s, rng or random.Random())
        self._worker = StoreWorker(store)
        self.review = SyncReview(store)
        self._tasks: set[asyncio.Task[Any]] = set()
        self._listeners: list[Callable[[SyncStatus], None]] = []
        self._loop: asyncio.AbstractEventLoop | None = None
        self._replay_wake = asyncio.Event()
        self._feed_wake = asyncio.Event()
        self._status_dirty = asyncio.Event()
        self._status_now = asyncio.Event()  # a replay pass ended: recount without waiting
        link = Link.CONNECTING if config.base_url or expect_helpdesk else Link.DISABLED
        self._status = SyncStatus(link=link)
        self._synced_at: datetime | None = None  # not yet written to the store
        self._offline_probes = 0
        self._failures_in_a_row = 0
        self._first_failure_at: datetime | None = None
        self.transport: HelpdeskTransport | None = None
        self.replayer: OutboxReplayer | None = None
        self.feed: ChangeFeed | None = None
        self.enrolment: Enrolment | None = None
        self.tokens: StaffTokens | None = None
        self._restore_watch: RestoreWatch | None = None
        self._outbox_sender: OutboxReportSender | None = None
        self._signed_in: Actor | None = None  # who the feed reads for (before _build too)
        self.items_applied = 0
        if config.base_url:  # an unacceptable address is refused now; the link, at start
            from app.security.tls import check_helpdesk_url

            check_helpdesk_url(config.base_url)

    def _build(self, base_url: str, verify: bool | ssl.SSLContext) -> None:
        from app.sync.enrolment import Enrolment
        from app.sync.feed import ChangeFeed
        from app.sync.outbox_report import OutboxReportSender
        from app.sync.replay import OutboxReplayer
        from app.sync.restored import RestoreWatch
        from app.sync.staff_tokens import StaffTokens
        from app.sync.transport import HelpdeskTransport

        config = self.config = replace(self.config, base_url=base_url)
        self.transport = HelpdeskTransport(
            base_url,
            skew=self.skew,
            clock=self._clock,
            timeout_s=config.request_timeout_s,
            on_contact=self._on_contact,
            verify=verify,
        )
        self.enrolment = Enrolment(
            self._worker,
            self.transport,
            config,
            lambda need, detail: self._set(provisioning=need, provisioning_detail=detail),
        )
        self.tokens = StaffTokens(self._worker, self.transport, self._clock)
        self.tokens.current = self._signed_in
        self._outbox_sender = OutboxReportSender(self.transport, self._spawn)
        self._restore_watch = RestoreWatch(
            self._worker, self.transport, self._clock, self._spawn, self._after_restore
        )
        self.replayer = OutboxReplayer(
            self._worker,
            self.transport,
            self._clock,
            backoff=self._backoff,
            concurrency=config.concurrency,
            data_dir=config.data_dir,
            on_change=self._on_replayed,
            reenrol=self.enrolment.renew,
            batch_writes=config.batch_writes,
            tokens=self.tokens,
        )
        self.feed = ChangeFeed(
            self._worker,
            self.transport,
            page_limit=config.page_limit,
            read_timeout_s=config.feed_read_timeout_s,
            on_applied=self._on_applied,
            on_set_aside=self._on_set_aside,
            on_live=self._on_live,
            tokens=self.tokens,
            echoes=self.replayer.echoes,
        )

    # Lifecycle ----------------------------------------------------------------------------

    @property
    def status(self) -> SyncStatus:
        return self._status

    def add_listener(self, listener: Callable[[SyncStatus], None]) -> None:
        """``listener(status)`` on the engine's loop whenever the status changes."""
        self._listeners.append(listener)

    def remove_listener(self, listener: Callable[[SyncStatus], None]) -> None:
        """Stop calling ``listener``; removing one not added is not an error."""
        if listener in self._listeners:
            self._listeners.remove(listener)

    async def start(self, base_url: str | None = None) -> None:
        """Start syncing (with ``base_url``, when it was not known at construction)."""
        url = base_url or self.config.base_url
        if url and self.transport is None:
            verify = await self._worker.decode(partial(_prepare_link, url))
            self._build(url, verify)
        self._loop = asyncio.get_running_loop()
        if self.transport is None and self._status.link is Link.CONNECTING:
            self._set(link=Link.DISABLED, last_error="the helpdesk did not start")
        stored_skew, last_sync = await self._worker.run(
            lambda uow: (uow.sync_state.get(SKEW_KEY), uow.sync_state.get(LAST_SYNC_KEY))
        )
        if stored_skew is not None:
            self.skew.reset_to(timedelta(milliseconds=float(stored_skew)))
        if last_sync is not None:
            self._set(last_sync_at=datetime.fromisoformat(last_sync))
        if self._restore_watch is not None:
            await self._restore_watch.load()
        self._store.add_outbox_listener(self._outbox_written)
        self._spawn(self._status_loop())
        if self.transport is not None:
            from app.sync.feed_runner import FeedRunner
            from app.sync.transport import load_async_backend

            await self._worker.decode(load_async_backend)  # off the loop's thread
            self._spawn(self._replay_loop())
            assert self.feed is not None and self.enrolment is not None
            runner = FeedRunner(
                self.feed,
                self.enrolment,
                self._backoff,
                self._feed_wake,
                tokens=self.tokens,
                live_feed=self.config.live_feed,
                poll_interval_s=self.config.poll_interval_s,
                on_error=lambda error: self._set(last_error=error),
                on_synced=self._synced,
                on_feed_error=lambda error: self._set(feed_error=error),
            )
            self._spawn(runner.run())
        self._status_dirty.set()

    async def stop(self) -> None:
        """Cancel every task, close the client and the store thread. Idempotent."""
        self._store.remove_outbox_listener(self._outbox_written)
        if self._outbox_sender is not None:
            self._outbox_sender.stop()  # the recount below must send nothing more
        await cancel_and_wait(list(self._tasks))
        self._tasks.clear()
        try:  # the last skew and sync time outlive the run: offline SLA clocks use them
            await self._refresh_status()
        except Exception:
            log.exception("could not save the sync state at stop")
        if self.replayer is not None:
            await self.replayer.aclose()
        if self.transport is not None:
            await self.transport.aclose()
        await self._worker.aclose()

    # Who is signed in -------------------------------------------------------------------

    def signed_in(self, actor: Actor | None) -> None:
        """``AuthService``'s session listener (any thread): the feed reads for ``actor``
        (None: nobody signed in, the feed waits); a sign-in also sends at once."""
        loop = self._loop
        if loop is not None and not loop.is_closed():
            loop.call_soon_threadsafe(self._now_signed_in, actor)
        else:
            self._now_signed_in(actor)

    def _now_signed_in(self, actor: Actor | None) -> None:
        self._signed_in = actor
        if self.tokens is not None:
            self.tokens.current = actor
        if actor is not None:
            self.sync_now()
        elif self.feed is not None:
            self._feed_wake.set()  # a live stream of the session that ended stops

    def online_sign_in(
        self, staff_id: str, pin: str, code: str | None, session_id: str
    ) -> OnlineVerdict:
        """``AuthService.online``: the helpdesk's word on a sign-in (from another thread)."""
        from app.sync.staff_tokens import ask_from_thread

        tokens = self.tokens if self.status.online else None
        return ask_from_thread(self._loop, tokens, staff_id, pin, code, session_id)

    def sync_now(self) -> None:
        """Replay and pull at once (a user's "sync now", a reconnect)."""
        self._replay_wake.set()
        self._feed_wake.set()

    # Loops --------------------------------------------------------------------------------

    async def _replay_loop(self) -> None:
        assert self.replayer is not None and self.enrolment is not None
        failures = 0
        while True:
            await self.enrolment.wait()  # again after the helpdesk refused our token
            self._replay_wake.clear()
            try:
                await self.replayer.run_pass()
                pause = await self._next_replay_in()
                failures = 0
            except Exception:  # a bug must not end the replay for the rest of the shift
                log.exception("outbox replay failed")
                failures += 1
                pause = self._backoff.delay(failures) + 0.05
            self._mark_dirty()
            self._status_now.set()  # "all sent" shows when it happens, not up to 0.2 s later
            await wait_for(self._replay_wake, pause)

    async def _next_replay_in(self) -> float | None:
        if self.replayer is not None and not self.replayer.reachable:
            # Offline: one probe now and then; the feed's reconnect wakes us sooner.
            self._offline_probes += 1
            return self._backoff.delay(self._offline_probes) + 0.05
        due = await self._worker.run(lambda uow: uow.outbox.next_due_at())
        if due is None:
            return None
        return max(0.0, (due - self._clock.now()).total_seconds())

    async def _status_loop(self) -> None:
        while True:
            await self._status_dirty.wait()
            self._status_dirty.clear()
            self._status_now.clear()
            try:
                await self._refresh_status()
            except Exception:
                log.exception("sync status refresh failed")
            await wait_for(self._status_now, STATUS_MIN_INTERVAL_S)

    async def _refresh_status(self) -> None:
        """Recount what waits; persist the skew and the last sync time when they moved."""
        skew_changed = self.transport is not None and self.transport.skew_changed
        if self.transport is not None:
            self.transport.skew_changed = False
        skew_ms = self.skew.value / timedelta(milliseconds=1)
        synced_at, self._synced_at = self._synced_at, None

        def read(uow: UnitOfWork) -> tuple[int, int, int, int, datetime | None]:
            if skew_changed:
                uow.sync_state.set(SKEW_KEY, f"{skew_ms:.1f}")
            if synced_at is not None:
                uow.sync_state.set(LAST_SYNC_KEY, synced_at.isoformat())
            pending, dead = uow.outbox.counts()
            oldest = uow.outbox.oldest_pending_at()
            return pending, dead, uow.conflicts.count_open(), uow.set_aside.count_open(), oldest

        pending, dead, conflicts, set_aside, oldest = await self._worker.run(read)
        if self._outbox_sender is not None:
            self._outbox_sender.refresh(pending, oldest, self._status.online)
        self._set(
            pending=pending,
            dead=dead,
            conflicts=conflicts,
            set_aside=set_aside,
            skew=self.skew.value,
        )

    def _after_restore(self, resent: int) -> None:
        if self.replayer is not None:  # its answers may now carry lower versions
            self.replayer.echoes.clear()
        self._mark_dirty()
        self.sync_now()

    def _set(self, **changes: Any) -> None:
        """Change the status and tell the listeners, at once, if anything changed."""
        status = replace(self._status, **changes)
        if status == self._status:
            return
        self._status = status
        for listener in list(self._listeners):
            try:
                listener(status)
            except Exception:
                log.exception("sync status listener failed")

    # Events ----------------------------------------------------------------------------

    def _on_contact(self, reachable: bool, what: str, refused: bool) -> None:
        link = self._status.link
        if reachable:
            self._failures_in_a_row, self._first_failure_at = 0, None
        else:
            self._failures_in_a_row += 1
            self._first_failure_at = self._first_failure_at or self._clock.now()
            if not refused and self._failures_in_a_row < OFFLINE_AFTER_FAILURES:
                return
        if reachable and link is not Link.ONLINE:
            log.info("helpdesk reachable (%s)", what)
            self._set(link=Link.ONLINE, offline_since=None, last_error="")
            self._offline_probes = 0
            if self.replayer is not None:
                self.replayer.reachable = True
            if link is Link.OFFLINE:
                self._spawn(self._reconnected())
            self._mark_dirty()
        elif not reachable and link is not Link.OFFLINE:
            log.warning("helpdesk unreachable: %s", what)
            since = self._first_failure_at or self._clock.now()
            self._set(link=Link.OFFLINE, offline_since=since, last_error=what, live=False)
            if self.replayer is not None:
                self.replayer.reachable = False
            self._mark_dirty()

    async def _reconnected(self) -> None:
        """Back online: what waited only for the link goes now, and the feed catches up."""
        released = await self._worker.run(lambda uow: uow.outbox.release_unreachable())
        log.info("reconnected; %d queued changes released", released)
        self.sync_now()

    def _outbox_written(self, kinds: frozenset[OutboxKind]) -> None:
        # Called from the thread that committed (GUI thread or a worker).
        loop = self._loop
        if loop is not None and not loop.is_closed():
            loop.call_soon_threadsafe(self._written)

    def _written(self) -> None:
        self._replay_wake.set()
        self._mark_dirty()

    def _on_applied(self, count: int) -> None:
        self.items_applied += count
        if count:
            self._set(received=self.items_applied)
        self._synced()

    def _on_set_aside(self, count: int) -> None:
        if count:
            log.warning("%d changes from the helpdesk set aside for review", count)
        self._mark_dirty()  # recounted and shown within the status interval

    def _on_live(self, live: bool) -> None:
        self._set(live=live)
        if live:
            self._synced()

    def _on_replayed(self) -> None:
        self._synced()

    def _synced(self) -> None:
        """A successful exchange: shown at once, written to the store with the next recount."""
        now = self._clock.now()
        shown = self._status.last_sync_at
        if shown is not None and now - shown < timedelta(seconds=1):
            return  # a big replay: once a second is plenty
        self._synced_at = now
        self._set(last_sync_at=now)
        self._mark_dirty()

    def _mark_dirty(self) -> None:
        self._status_dirty.set()

    def _spawn(self, coroutine: Coroutine[Any, Any, Any]) -> None:
        task = asyncio.ensure_future(coroutine)
        self._tasks.add(task)
        task.add_done_callback(self._task_done)

    def _task_done(self, task: asyncio.Task[Any]) -> None:
        self._tasks.discard(task)
        if not task.cancelled() and task.exception() is not None:
            log.error("sync task ended with an error", exc_info=task.exception())
