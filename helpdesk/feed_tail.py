"""The change log's tail as one worker last read it, shared by its streams of a property.

A wake reads the log once per worker and property, not once per stream:
``RecentChanges`` keeps the tail of one property's log this worker last read, and
every stream of a device of that property takes its rows from it (one tail per
property: seqs are in commit order within a property only, helpdesk/db.py); only a
stream behind that tail (catching up after a reconnect) reads the database itself.
The rows' text is shared too: streams of one *view* (``helpdesk.views.feed_view``: what
a role, or a host with the guests they cover, may see) woken at the same seq are sent
the same bytes, rendered and formatted once per worker (``RecentChanges.events``).
"""

import asyncio
import bisect
from collections.abc import Callable

from helpdesk.changes import ChangeRow, item_json

Reader = Callable[[int, int], list[ChangeRow]]
# A row as the stream's staff member may see it (None: not sent).
Render = Callable[[ChangeRow], ChangeRow | None]

RECENT_ROWS = 5000  # the tail kept per worker: a burst of writes, many times over
TEXTS_KEPT = 512  # events' texts kept per tail, by view and position, at most
TEXT_BYTES_KEPT = 8 << 20  # and their bytes (a catch-up's text is up to 500 rows)


def sse_event(row: ChangeRow) -> str:
    return f"id: {row.seq}\nevent: change\ndata: {item_json(row)}\n\n"


class RecentChanges:
    """The change log's tail as this worker last read it, shared by its streams.

    Complete for every seq after ``_start`` up to ``head``; refreshed from the
    database only when a commit woke the feed since the last read (``mark_stale``).
    A stale tail is read by the first stream that asks, unless the feed said its own
    read is coming (``mark_stale(read_coming=True)``, helpdesk.feed ``ChangeFeed``):
    then streams are served what the tail holds and the feed wakes them after its read,
    so a burst of commits costs one read and one wake of each stream per window."""

    def __init__(self, keep: int = RECENT_ROWS) -> None:
        self._keep = keep
        self._rows: list[ChangeRow] = []
        self._seqs: list[int] = []
        self._start: int | None = None  # None: nothing read yet
        self.head = 0
        self.announced = 0  # the head when the feed last woke this tail's streams
        self._stale = True
        self._read_coming = False  # the feed reads this tail before it wakes the streams
        self._reading = False
        self._waiters: list[asyncio.Future[None]] = []  # streams waiting for that read
        self._texts: dict[tuple[str, int, int], bytes] = {}  # (view, after, last seq)
        self._text_bytes = 0
        self.reader: Reader | None = None  # the property's, given by its streams
        self.database_reads = 0
        self.renders = 0  # events' texts made (the tests count them)

    def mark_stale(self, read_coming: bool = False) -> None:
        self._stale = True
        self._read_coming = read_coming

    async def refresh(self) -> None:
        """The feed's read: bring the tail up to date for every stream at once."""
        self._read_coming = False
        if self.reader is not None and self._start is not None and self._stale:
            await self._behind(self.head, 0, self.reader)

    def _ready(self, after: int) -> bool:
        """The tail serves ``after`` as it stands: read, not stale (or the feed's read
        is coming), no read under way that a stream at the head must wait for."""
        return not (
            self._start is None
            or (self._stale and not self._read_coming)
            or (self._reading and after >= self.head)
        )

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
        # Most calls find the tail ready: no coroutine to make for them.
        start = self._start
        if start is not None and self._ready(after):
            behind = after < start
        else:
            behind = await self._behind(after, limit, read)
        if behind:
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
        the commits that made it stale. Not when the feed's own read is coming: it
        wakes every stream of the tail after it. True: ``after`` is behind the tail (a
        stream catching up reads on its own)."""
        while not self._ready(after):
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
            self._start = self.head = after
        self.database_reads += 1
        try:
            rows = await asyncio.to_thread(read, self.head, max(limit, self._keep))
        except BaseException:
            self._stale = True  # not read (the stream went, the database failed): again
            self._read_coming = False
            raise
        if len(rows) >= max(limit, self._keep):
            self._stale = True  # more behind these: the next call reads on
            self._read_coming = False
        if rows:
            self._rows += rows
            self._seqs += [row.seq for row in rows]
            self.head = rows[-1].seq
        # Older rows beyond ``keep`` go; never those of this read (its streams want them).
        cut = min(len(self._rows) - self._keep, len(self._rows) - len(rows))
        if cut > 0:
            self._start = self._seqs[cut - 1]
            del self._rows[:cut], self._seqs[:cut]
