"""The live feed: Server-Sent Events over the change log.

A stream is a loop over the change log itself: read the rows after the last seq
sent, send them, then sleep until the feed wakes it or the heartbeat is due. Live
delivery and ``Last-Event-ID`` resume are therefore the same code path, and a wake-up
that comes while a stream is busy is never lost (its ``Wake`` stays set).

A commit (``ChangeFeed.notify``, from the writing thread, or from another worker
through ``LISTEN``: helpdesk/pg_wake.py) does not wake the streams itself: it marks
the tails stale and asks for a *flush*, at most one per window (``serve
--feed-window``, 0.2 s). A flush reads each property's tail once
(helpdesk/feed_tail.py), then wakes the streams of the properties whose tail moved,
each once, and a stream woken finds its rows read and their text made. Twenty
commits a second, each heard twice on PostgreSQL (this worker's own commit, then its
``NOTIFY``), woke every stream forty times a second; now five, each wake carrying what
its window gathered. A commit after a quiet spell is flushed at once; the window only
delays what follows a flush.

Whether a stream's staff token still holds is checked every ``SIGNED_IN_SECONDS``, not
at every wake, and for every stream of the worker at once (``helpdesk.stream_tokens``):
a thousand streams woken five times a second must not make five thousand queries.

A client that goes away cancels its stream (Starlette watches for the disconnect);
the ``finally`` drops its subscription, so nothing is left behind.
"""

import asyncio
import logging
from collections.abc import AsyncIterator, Iterator
from contextlib import AbstractContextManager, contextmanager

from helpdesk.config import FEED_WINDOW_SECONDS
from helpdesk.feed_tail import Reader, RecentChanges, Render
from helpdesk.models import DEFAULT_PROPERTY
from helpdesk.stream_tokens import StillSignedIn

log = logging.getLogger(__name__)

TIMER_SLACK = 0.001  # a timer due this close to a wait's end ends it


class Wake:
    """A stream's wake-up: set by a flush, waited for with a timeout (the heartbeat).

    One future per wait and no task: ``asyncio.wait_for(event.wait(), t)`` made a task,
    an event's future and a timer per wait, a thousand streams five times a second.
    The timer outlives the waits: armed at the first, it fires at that wait's end and,
    if a later wait began meanwhile, arms itself again for that one's end: one timer a
    heartbeat, not one a wait."""

    __slots__ = ("is_set", "_waiter", "_timer", "_deadline")

    def __init__(self) -> None:
        self.is_set = False
        self._waiter: asyncio.Future[bool] | None = None
        self._timer: asyncio.TimerHandle | None = None
        self._deadline = 0.0

    def set(self) -> None:
        self.is_set = True
        waiter = self._waiter
        if waiter is not None and not waiter.done():
            waiter.set_result(True)

    def clear(self) -> None:
        self.is_set = False

    async def wait(self, timeout: float) -> bool:
        """True once set, False when ``timeout`` seconds passed first."""
        if self.is_set:
            return True
        loop = asyncio.get_running_loop()
        self._deadline = loop.time() + timeout
        if self._timer is not None and self._timer.when() > self._deadline:
            self._timer.cancel()  # armed for a longer wait than this one
            self._timer = None
        if self._timer is None:
            self._timer = loop.call_at(self._deadline, self._expire, loop)
        waiter: asyncio.Future[bool] = loop.create_future()
        self._waiter = waiter
        try:
            return await waiter
        finally:
            self._waiter = None

    def close(self) -> None:
        if self._timer is not None:
            self._timer.cancel()
            self._timer = None

    def _expire(self, loop: asyncio.AbstractEventLoop) -> None:
        self._timer = None
        waiter = self._waiter
        if waiter is None or waiter.done():
            return  # not waiting: the next wait arms a timer
        if self._deadline - loop.time() > TIMER_SLACK:  # this wait began after the arming
            self._timer = loop.call_at(self._deadline, self._expire, loop)
            return
        waiter.set_result(False)


class ChangeFeed:
    def __init__(self, coalesce: float = FEED_WINDOW_SECONDS) -> None:
        self._loop: asyncio.AbstractEventLoop | None = None
        self._subscribers: dict[int, set[Wake]] = {}
        self._closed = False
        self._tails: dict[int, RecentChanges] = {}
        self.coalesce = coalesce
        self._due: asyncio.TimerHandle | None = None  # the flush asked for
        self._flushing: asyncio.Task[None] | None = None
        self._again = False  # notified while a flush ran: another after it
        self._last_wake = float("-inf")  # when a flush last woke streams: the window's start
        self.flushes = 0  # flushes made (the tests count them)

    def bind(self, loop: asyncio.AbstractEventLoop) -> None:
        """The server's event loop: where streams live and wake-ups are delivered."""
        self._loop = loop
        self._closed = False
        self._due, self._flushing, self._again = None, None, False
        self._last_wake = float("-inf")

    @property
    def subscriber_count(self) -> int:
        return sum(map(len, self._subscribers.values()))

    @property
    def closed(self) -> bool:
        return self._closed

    def notify(self) -> None:
        """Thread-safe: a commit appended changes; every stream hears of it by the next
        flush."""
        loop = self._loop
        if loop is not None and not loop.is_closed():
            try:
                loop.call_soon_threadsafe(self._notified)
            except RuntimeError:  # the loop closed between the check and the call
                pass

    def recent(self, property_id: int, read: Reader | None = None) -> RecentChanges:
        """The shared tail of ``property_id``'s log (made at its first stream); ``read``:
        how the tail reads that property's log (the feed's flush reads with it)."""
        tail = self._tails.get(property_id)
        if tail is None:
            tail = self._tails[property_id] = RecentChanges()
        if read is not None:
            tail.reader = read
        return tail

    def close(self) -> None:
        """End every stream (server shutdown). Call on the loop's thread."""
        self._closed = True
        if self._due is not None:
            self._due.cancel()
            self._due = None
        if self._flushing is not None:
            self._flushing.cancel()
        for wakes in self._subscribers.values():
            for wake in wakes:
                wake.set()

    def _notified(self) -> None:
        """On the loop: the tails are stale (the wake-up does not say whose commit it
        was); a flush reads them, now or at the end of the window."""
        for tail in self._tails.values():
            tail.mark_stale(read_coming=True)
        self._ask_flush()

    def _ask_flush(self) -> None:
        if self._closed or self._due is not None or self._loop is None:
            return
        if self._flushing is not None:
            self._again = True
            return
        delay = self._last_wake + self.coalesce - self._loop.time()
        self._due = self._loop.call_later(max(0.0, delay), self._flush)

    def _flush(self) -> None:
        self._due = None
        assert self._loop is not None
        self.flushes += 1
        self._flushing = self._loop.create_task(self._read_and_wake())

    async def _read_and_wake(self) -> None:
        """Each property's tail read once, then its streams woken if it moved since they
        were last woken (every stream waiting has been sent the tail up to there)."""
        try:
            for property_id, tail in list(self._tails.items()):
                wakes = self._subscribers.get(property_id)
                if not wakes:
                    tail.mark_stale()  # no stream waits for this read: the next one reads
                    continue
                try:
                    await tail.refresh()
                except Exception as error:  # noqa: BLE001 - the streams read, as they did
                    log.warning("feed: the flush could not read the log (%r)", error)
                    tail.mark_stale()
                else:
                    if tail.head == tail.announced:
                        continue  # nothing new for this property's streams
                tail.announced = tail.head
                assert self._loop is not None
                self._last_wake = self._loop.time()
                for wake in list(wakes):
                    wake.set()
        finally:
            self._flushing = None
            if self._again:
                self._again = False
                self._ask_flush()

    @contextmanager
    def subscribe(self, property_id: int = DEFAULT_PROPERTY) -> Iterator[Wake]:
        wake = Wake()
        wakes = self._subscribers.setdefault(property_id, set())
        wakes.add(wake)
        try:
            yield wake
        finally:
            wakes.discard(wake)
            wake.close()


@contextmanager
def always_signed_in() -> Iterator[StillSignedIn]:
    async def signed_in() -> bool:
        return True

    yield signed_in


async def stream(
    feed: ChangeFeed,
    read: Reader,
    after: int,
    heartbeat: float,
    batch: int,
    render: Render = lambda row: row,
    watching: AbstractContextManager[StillSignedIn] | None = None,
    property_id: int = DEFAULT_PROPERTY,
    view: str | None = None,
) -> AsyncIterator[bytes]:
    """The bytes of an event stream of ``property_id``'s log starting after seq ``after``.

    ``read(after, limit)`` runs in a worker thread (blocking I/O); each row goes out
    as ``render`` makes it, or not at all; ``watching``: entered for the stream's life,
    it gives ``signed_in()`` (the worker's shared check of staff tokens,
    helpdesk.stream_tokens), and the stream ends when that says no. ``view``: what
    ``render`` depends on (``helpdesk.views.feed_view``); streams of one view share the
    text of the rows they are sent. None: shared with no other stream.
    """
    recent = feed.recent(property_id, read)
    with watching or always_signed_in() as signed_in, feed.subscribe(property_id) as wake:
        yield b": connected\nretry: 3000\n\n"
        while not feed.closed:
            wake.clear()
            if not await signed_in():
                log.info("feed stream ended: its staff token no longer holds")
                return
            text, after, more = await recent.events(after, batch, read, render, view)
            if text:
                yield text
            if more:
                continue  # more to catch up on before waiting
            if not await wake.wait(heartbeat):
                recent.mark_stale()  # a wake-up lost on the way: read the log anyway
                yield b": ping\n\n"
