"""Applying the live feed's items as they arrive, in order, bursts in one transaction.

The event stream's text arrives as read; it is cut into events
(``app.sync.sse_frames``), parsed and decoded on the engine's decoding thread
(``StoreWorker.decode``), not on the event loop's: a burst of a replay's own changes
coming back is a hundred items at a time, and the loop's thread is the GUI's in the
console.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Callable
from functools import partial
from typing import Any

from app.sync.apply import applying
from app.sync.decode import DecodedChanges, decode_items
from app.sync.echoes import OwnEchoes
from app.sync.sse_frames import ChangeFrames
from app.sync.storeio import StoreWorker
from app.sync.transport import MAX_ANSWER_BYTES
from app.wire.contract import MalformedResponse


class LiveApplier:
    """Applies live items in order, all that arrived meanwhile in one transaction.

    Each item is checked before anything after it is applied: the items before one
    whose frame is wrong (not JSON, no sequence) are applied, that one and the rest
    are not, and the error is raised by the next ``add`` or by ``drain``; an item
    whose record is wrong is set aside. A burst costs one commit, not one per item.
    """

    def __init__(
        self,
        worker: StoreWorker,
        on_applied: Callable[[int], None],
        on_set_aside: Callable[[int], None],
        echoes: OwnEchoes | None = None,
        max_item_chars: int = MAX_ANSWER_BYTES,
    ) -> None:
        self._worker = worker
        self._frames = ChangeFrames(max_item_chars)  # used on the decoding thread only
        self._held = None if echoes is None else echoes.held  # the replay's own, not decoded
        self._on_applied = on_applied
        self._on_set_aside = on_set_aside
        self._waiting: list[str] = []
        self._running: asyncio.Task[None] | None = None
        self._error: BaseException | None = None

    def add(self, text: str) -> None:
        """The event stream's text as it was read (any cut: events and lines may span
        two calls)."""
        if self._error is not None:
            raise self._error
        if not text:
            return
        self._waiting.append(text)
        if self._running is None:
            self._running = asyncio.ensure_future(self._apply_waiting())

    async def _apply_waiting(self) -> None:
        """Kept, not raised, a failure is raised by ``add`` or ``drain``."""
        try:
            while self._waiting:
                read, self._waiting = self._waiting, []
                decoding = partial(decode_stream, self._frames, "".join(read), self._held)
                changes, broken = await self._worker.decode(decoding)
                if changes.count or changes.skipped or changes.rejected or changes.held:
                    aside = await self._worker.run(applying(changes))
                    self._on_applied(changes.count + len(changes.held))
                    if aside:
                        self._on_set_aside(aside)
                if broken is not None:
                    raise broken
        except Exception as error:  # noqa: BLE001 - raised in the feed's own task
            self._error = error
            self._waiting.clear()
        except BaseException as error:
            self._error = error
            self._waiting.clear()
            raise
        finally:
            self._running = None

    async def drain(self, *, raising: bool = True) -> None:
        """Wait until what arrived is applied; raise what stopped it, if anything."""
        running = self._running
        if running is not None:
            await asyncio.gather(running, return_exceptions=True)
        error = self._error
        if raising and error is not None and not isinstance(error, asyncio.CancelledError):
            raise error


def decode_stream(
    frames: ChangeFrames, text: str, held: Callable[[str, Any], bool] | None = None
) -> tuple[DecodedChanges, MalformedResponse | None]:
    """The change events ``text`` completes, decoded as ``decode_texts`` does; a frame
    refused (an item or a line too long) ends them like a broken item."""
    texts, refused = frames.feed(text)
    decoded, broken = decode_texts(texts, held)
    return decoded, broken or refused


def decode_texts(
    texts: list[str], held: Callable[[str, Any], bool] | None = None
) -> tuple[DecodedChanges, MalformedResponse | None]:
    """The items up to the first whose frame is wrong, decoded (but those ``held``);
    and that one's error."""
    decoded = DecodedChanges()
    for text in texts:
        try:
            try:
                item = json.loads(text)
            except ValueError as error:
                raise MalformedResponse(f"live item is not JSON: {error}") from error
            decode_items([item], into=decoded, held=held)
        except MalformedResponse as error:
            return decoded, error
    return decoded, None
