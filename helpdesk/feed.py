"""The live feed: Server-Sent Events over the change log.

A stream is a loop over the change log itself: read the rows after the last seq
sent, send them, then sleep until a commit wakes it (``ChangeFeed.notify``, called
from the writing thread after a commit) or the heartbeat is due. Live delivery and
``Last-Event-ID`` resume are therefore the same code path, and a wake-up that comes
while a stream is reading is never lost (the stream's event stays set).

A client that goes away cancels its generator (Starlette watches for the
disconnect); the ``finally`` drops its subscription, so nothing is left behind.
"""

import asyncio
import logging
from collections.abc import AsyncIterator, Callable, Iterator
from contextlib import contextmanager

from helpdesk.changes import ChangeRow, item_json

log = logging.getLogger(__name__)

Reader = Callable[[int, int], list[ChangeRow]]
# A row as the stream's staff member may see it (None: not sent), and whether the
# stream's staff token still holds (a stream ends with its sign-in).
Render = Callable[[ChangeRow], ChangeRow | None]
StillSignedIn = Callable[[], bool]


class ChangeFeed:
    def __init__(self) -> None:
        self._loop: asyncio.AbstractEventLoop | None = None
        self._subscribers: set[asyncio.Event] = set()
        self._closed = False

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

    def close(self) -> None:
        """End every stream (server shutdown). Call on the loop's thread."""
        self._closed = True
        self._wake()

    def _wake(self) -> None:
        for event in self._subscribers:
            event.set()

    @contextmanager
    def subscribe(self) -> Iterator[asyncio.Event]:
        event = asyncio.Event()
        self._subscribers.add(event)
        try:
            yield event
        finally:
            self._subscribers.discard(event)


def sse_event(row: ChangeRow) -> str:
    return f"id: {row.seq}\nevent: change\ndata: {item_json(row)}\n\n"


async def stream(
    feed: ChangeFeed,
    read: Reader,
    after: int,
    heartbeat: float,
    batch: int,
    render: Render = lambda row: row,
    signed_in: StillSignedIn = lambda: True,
) -> AsyncIterator[str]:
    """The text of an event stream starting after seq ``after``.

    ``read(after, limit)`` and ``signed_in()`` run in a worker thread (blocking I/O);
    each row goes out as ``render`` makes it, or not at all.
    """
    with feed.subscribe() as wake:
        yield ": connected\nretry: 3000\n\n"
        while not feed.closed:
            wake.clear()
            if not await asyncio.to_thread(signed_in):
                log.info("feed stream ended: its staff token no longer holds")
                return
            rows = await asyncio.to_thread(read, after, batch)
            if rows:
                shown = [row for row in map(render, rows) if row is not None]
                if shown:
                    yield "".join(sse_event(row) for row in shown)
                after = rows[-1].seq
                if len(rows) == batch:
                    continue  # more to catch up on before waiting
            try:
                await asyncio.wait_for(wake.wait(), heartbeat)
            except TimeoutError:
                yield ": ping\n\n"
