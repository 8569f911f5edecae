"""The live feed: Server-Sent Events over the change log.

A stream is a loop over the change log itself: read the rows after the last seq
sent, send them, then sleep until a commit wakes it (``ChangeFeed.notify``, called
from the writing thread after a commit) or the heartbeat is due. Live delivery and
``Last-Event-ID`` resume are therefore the same code path, and a wake-up that comes
while a stream is reading is never lost (the stream's event stays set).

A wake reads the log once per worker and property, not once per stream:
``RecentChanges`` keeps the tail of one property's log this worker last read, and
every stream of a device of that property takes its rows from it (one tail per
property: seqs are in commit order within a property only, helpdesk/db.py); only a
stream behind that tail (catching up after a reconnect) reads the database itself.
The rows' text is shared too: streams of one *view* (``helpdesk.views.feed_view``: what
a role, or a host with the guests they cover, may see) woken at the same seq are sent
the same bytes, rendered and formatted once per worker (``RecentChanges.events``).
Whether a stream's staff token still holds is checked every ``SIGNED_IN_SECONDS``, not
at every wake, and for every stream of the worker at once (``helpdesk.stream_tokens``):
a thousand streams woken twenty times a second must not make twenty thousand queries.

A client that goes away cancels its generator (Starlette watches for the
disconnect); the ``finally`` drops its subscription, so nothing is left behind.
"""

import asyncio
import bisect
import logging
from collections.abc import AsyncIterator, Callable, Iterator
from contextlib import contextmanager

from helpdesk.changes import ChangeRow, item_json
from helpdesk.models import DEFAULT_PROPERTY
from helpdesk.stream_tokens import StillSignedIn

log = logging.getLogger(__name__)

Reader = Callable[[int, int], list[ChangeRow]]
# A row as the stream's staff member may see it (None: not sent).
Render = Callable[[ChangeRow], ChangeRow | None]

RECENT_ROWS = 5000  # the tail kept per worker: a burst of writes, many times over
TEXTS_KEPT = 512  # events' texts kept per tail, by view and position, at most
TEXT_BYTES_KEPT = 8 << 20  # and their bytes (a catch-up's text is up to 500 rows)


class RecentChanges:
    """The change log's tail as this worker last read it, shared by its streams.

    Complete for every seq after ``_start`` up to ``_head``; refreshed from the
    database only when a commit woke the feed since the last read (``mark_stale``)."""

    def __init__(self, keep: int = RECENT_ROWS) -> None:
        self._keep = keep
        self._rows: list[ChangeRow] = []
        self._seqs: list[int] = []
        self._start: int | None = None  # None: nothing read yet
        self._head = 0
        self._stale = True
        self._reading = False
        self._waiters: list[asyncio.Future[None]] = []  # streams waiting for that read
        self._texts: dict[tuple[str, int, int], bytes] = {}  # (view, after, last seq)
        self._text_bytes = 0
        self.database_reads = 0
        self.renders = 0  # events' texts made (the tests count them)

    def mark_stale(self) -> None:
        self._stale = True

    async def after(self, after: int, limit: int, read: Reader) -> list[ChangeRow]:
        if await self._behind(after, limit, read):
            self.database_reads += 1
            return await asyncio.to_thread(read, after, limit)
        first = bisect.bisect_right(self._seqs, after)
        return self._rows[first : first + limit]

    async def events(
        self, after: int, limit: int, read: Reader, render: Render, view: str | None
    ) -> tuple[bytes, int, bool]:
        """The event text of up to ``limit`` rows after ``after`` as ``render`` shows them,
        the seq the stream goes on from, and whether it had ``limit`` rows (more may
        follow). Streams of one ``view`` at one seq get the same text, made once."""
        if await self._behind(after, limit, read):
            self.database_reads += 1
            rows = await asyncio.to_thread(read, after, limit)
            return self._text(rows, render), rows[-1].seq if rows else after, len(rows) == limit
        first = bisect.bisect_right(self._seqs, after)
        end = min(first + limit, len(self._seqs))
        if first == end:
            return b"", after, False
        last = self._seqs[end - 1]
        key = (view, after, last) if view is not None else None
        text = self._texts.get(key) if key is not None else None
        if text is None:
            text = self._text(self._rows[first:end], render)
            if key is not None:
                self._keep_text(key, text)
        return text, last, end - first == limit

    def _keep_text(self, key: tuple[str, int, int], text: bytes) -> None:
        self._texts[key] = text
        self._text_bytes += len(text)
        while len(self._texts) > TEXTS_KEPT or self._text_bytes > TEXT_BYTES_KEPT:
            oldest = next(iter(self._texts))  # the first made goes first
            self._text_bytes -= len(self._texts.pop(oldest))

    def _text(self, rows: list[ChangeRow], render: Render) -> bytes:
        self.renders += 1
        shown = [row for row in map(render, rows) if row is not None]
        return "".join([sse_event(row) for row in shown]).encode()

    async def _behind(self, after: int, limit: int, read: Reader) -> bool:
        """Bring the tail up to date when a wake-up made it stale, once for every
        stream woken by the same commit: a stream at the head waits for a read under
        way rather than take the tail from before it. A stale tail is read again for a
        stream behind its head too: one that just (re)connected heard no wake-up for
        the commits that made it stale. True: ``after`` is behind the tail (a stream
        catching up reads on its own)."""
        while self._start is None or self._stale or (self._reading and after >= self._head):
            if not self._reading:
                self._reading = True
                try:
                    await self._refresh(after, limit, read)
                finally:
                    self._reading = False
                    waiters, self._waiters = self._waiters, []
                    for waiter in waiters:
                        if not waiter.done():
                            waiter.set_result(None)
            else:
                waiter = asyncio.get_running_loop().create_future()
                self._waiters.append(waiter)
                await waiter  # cancelled alone: the others' futures are their own
        assert self._start is not None
        return after < self._start

    async def _refresh(self, after: int, limit: int, read: Reader) -> None:
        self._stale = False  # a wake during the read sets it again: nothing is missed
        if self._start is None:
            self._start = self._head = after
        self.database_reads += 1
        try:
            rows = await asyncio.to_thread(read, self._head, max(limit, self._keep))
        except BaseException:
            self._stale = True  # not read (the stream went, the database failed): again
            raise
        if len(rows) >= max(limit, self._keep):
            self._stale = True  # more behind these: the next call reads on
        if rows:
            self._rows += rows
            self._seqs += [row.seq for row in rows]
            self._head = rows[-1].seq
        # Older rows beyond ``keep`` go; never those of this read (its streams want them).
        cut = min(len(self._rows) - self._keep, len(self._rows) - len(rows))
        if cut > 0:
            self._start = self._seqs[cut - 1]
            del self._rows[:cut], self._seqs[:cut]


class Wake:
    """A stream's wake-up: set after a commit, waited for with a timeout (the heartbeat).

    One future per wait and no task: ``asyncio.wait_for(event.wait(), t)`` made a task,
    an event's future and a timer per wait, a thousand streams twenty times a second."""

    __slots__ = ("is_set", "_waiter")

    def __init__(self) -> None:
        self.is_set = False
        self._waiter: asyncio.Future[bool] | None = None

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
        waiter: asyncio.Future[bool] = loop.create_future()
        self._waiter = waiter
        timer = loop.call_later(timeout, _expire, waiter)
        try:
            return await waiter
        finally:
            timer.cancel()
            self._waiter = None


def _expire(waiter: "asyncio.Future[bool]") -> None:
    if not waiter.done():
        waiter.set_result(False)


class ChangeFeed:
    def __init__(self) -> None:
        self._loop: asyncio.AbstractEventLoop | None = None
        self._subscribers: set[Wake] = set()
        self._closed = False
        self._tails: dict[int, RecentChanges] = {}

    def bind(self, loop: asyncio.AbstractEventLoop) -> None:
        """The server's event loop: where streams live and wake-ups are delivered."""
        self._loop = loop
        self._closed = False

    @property
    def subscriber_count(self) -> int:
        return len(self._subscribers)

    @property
    def closed(self) -> bool:
        return self._closed

    def notify(self) -> None:
        """Thread-safe: wake every stream after a commit that appended changes."""
        loop = self._loop
        if loop is not None and not loop.is_closed():
            try:
                loop.call_soon_threadsafe(self._wake)
            except RuntimeError:  # the loop closed between the check and the call
                pass

    def recent(self, property_id: int) -> RecentChanges:
        """The shared tail of ``property_id``'s log (made at its first stream)."""
        tail = self._tails.get(property_id)
        if tail is None:
            tail = self._tails[property_id] = RecentChanges()
        return tail

    def close(self) -> None:
        """End every stream (server shutdown). Call on the loop's thread."""
        self._closed = True
        self._wake()

    def _wake(self) -> None:
        for tail in self._tails.values():  # the wake-up does not say whose commit it was
            tail.mark_stale()
        for wake in self._subscribers:
            wake.set()

    @contextmanager
    def subscribe(self) -> Iterator[Wake]:
        wake = Wake()
        self._subscribers.add(wake)
        try:
            yield wake
        finally:
            self._subscribers.discard(wake)


def sse_event(row: ChangeRow) -> str:
    return f"id: {row.seq}\nevent: change\ndata: {item_json(row)}\n\n"


async def always_signed_in() -> bool:
    return True


async def stream(
    feed: ChangeFeed,
    read: Reader,
    after: int,
    heartbeat: float,
    batch: int,
    render: Render = lambda row: row,
    signed_in: StillSignedIn = always_signed_in,
    property_id: int = DEFAULT_PROPERTY,
    view: str | None = None,
) -> AsyncIterator[bytes]:
    """The bytes of an event stream of ``property_id``'s log starting after seq ``after``.

    ``read(after, limit)`` runs in a worker thread (blocking I/O); each row goes out
    as ``render`` makes it, or not at all; the stream ends when ``signed_in()`` (the
    worker's shared check, itself no more often than every few seconds) says no.
    ``view``: what ``render`` depends on (``helpdesk.views.feed_view``); streams of one
    view share the text of the rows they are sent. None: shared with no other stream.
    """
    recent = feed.recent(property_id)
    with feed.subscribe() as wake:
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
