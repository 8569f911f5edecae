"""Applying the live feed's items as they arrive, in order, bursts in one transaction."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import Any

from app.sync.apply import applying
from app.sync.decode import DecodedChanges, decode_items
from app.sync.storeio import StoreWorker


class LiveApplier:
    """Applies live items in order, all that arrived meanwhile in one transaction.

    Each item is checked as it arrives (one with a broken frame raises in ``add``,
    and nothing after it is applied; one with a broken record is set aside); a
    burst costs one commit, not one per item.
    """

    def __init__(
        self,
        worker: StoreWorker,
        on_applied: Callable[[int], None],
        on_set_aside: Callable[[int], None],
    ) -> None:
        self._worker = worker
        self._on_applied = on_applied
        self._on_set_aside = on_set_aside
        self._gathered = DecodedChanges()
        self._running: asyncio.Task[None] | None = None
        self._error: BaseException | None = None

    def add(self, item: Any) -> None:
        if self._error is not None:
            raise self._error
        decode_items([item], into=self._gathered)
        if self._running is None:
            self._running = asyncio.ensure_future(self._apply_gathered())

    async def _apply_gathered(self) -> None:
        try:
            gathered = self._gathered
            while gathered.count or gathered.skipped or gathered.rejected:
                changes, self._gathered = gathered, DecodedChanges()
                aside = await self._worker.run(applying(changes))
                self._on_applied(changes.count)
                if aside:
                    self._on_set_aside(aside)
                gathered = self._gathered
        except BaseException as error:
            self._error = error
            raise
        finally:
            self._running = None

    async def drain(self) -> None:
        running = self._running
        if running is not None:
            await asyncio.gather(running, return_exceptions=True)
