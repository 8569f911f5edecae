"""What the user sees of the sync and settles (the sync review dialog): the dead
letters, the open field conflicts, the changes set aside. Each runs on the engine's
store thread; what changes what waits has the status recounted and, when something
may go again, the replay woken."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Sequence

from app.actor import Actor
from app.clock import Clock
from app.messages import Message
from app.sync.outbox import FieldConflict, OutboxEntry
from app.sync.review import Discarded, SyncReview
from app.sync.set_aside import SetAside
from app.sync.storeio import StoreWorker

log = logging.getLogger(__name__)


class ReviewDesk:
    """The part of ``SyncEngine`` the review dialog calls."""

    _worker: StoreWorker
    _clock: Clock
    _replay_wake: asyncio.Event
    review: SyncReview

    def _mark_dirty(self) -> None:
        raise NotImplementedError

    async def dead_letters(self) -> Sequence[OutboxEntry]:
        return await self._worker.run(lambda uow: list(uow.outbox.dead_letters()))

    async def open_conflicts(self) -> Sequence[FieldConflict]:
        return await self._worker.run(lambda uow: list(uow.conflicts.open_conflicts()))

    async def set_aside_items(self) -> Sequence[SetAside]:
        return await self._worker.run(lambda uow: list(uow.set_aside.open_items()))

    async def revive(self, actor: Actor, seq: int) -> None:
        now = self._clock.now()
        await self._worker.call(lambda: self.review.retry(actor, seq, now))
        self._mark_dirty()
        self._replay_wake.set()

    async def discard_effect(self, actor: Actor, seq: int) -> Message:
        return await self._worker.call(lambda: self.review.discard_effect(actor, seq))

    async def discard(self, actor: Actor, seq: int) -> Discarded:
        now = self._clock.now()
        discarded = await self._worker.call(lambda: self.review.discard(actor, seq, now))
        log.warning("dead letters %s discarded by %s", discarded.rows, actor.staff_id)
        self._mark_dirty()
        return discarded

    async def settle(self, actor: Actor, conflict_id: int, keep_mine: bool) -> None:
        now = self._clock.now()
        await self._worker.call(lambda: self.review.settle(actor, conflict_id, keep_mine, now))
        self._mark_dirty()
        self._replay_wake.set()

    async def acknowledge(self, actor: Actor, item_id: int) -> None:
        now = self._clock.now()
        await self._worker.call(lambda: self.review.acknowledge(actor, item_id, now))
        self._mark_dirty()
