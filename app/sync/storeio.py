"""Store access for the engine: off the event loop, one writer thread, batched commits.

Every unit of work of the engine runs on one dedicated thread, so the GUI thread
never waits on SQLite for it and the engine's own writes never contend with each
other. ``batched`` groups the small transactions of replay answers: whatever queued
while the thread was busy is committed together (safe: an answer not yet committed
is only a lost answer, which replay with the same idempotency key recovers).
``gathered`` goes further for work done item by item (the rows of one ``/v1/batch``
answer): the items queued meanwhile are handed to one call, which can use one
statement for all of them.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from typing import Any, Generic, TypeVar

from app.domain import Guest
from app.ports import PreparedGuests, Store, UnitOfWork

log = logging.getLogger(__name__)

T = TypeVar("T")
I = TypeVar("I")  # noqa: E741 - an item of gathered work
R = TypeVar("R")
Work = Callable[[UnitOfWork], Any]
ManyWork = Callable[[UnitOfWork, list[I]], list[R]]  # one result per item, in order
MAX_BATCH = 256


class _Gathering(Generic[I, R]):
    """Items for one ``ManyWork``, open until the flusher takes them to the store thread."""

    def __init__(self, work: ManyWork[I, R], future: asyncio.Future[list[R]]) -> None:
        self.work = work
        self.items: list[I] = []
        self.future = future

    def __call__(self, uow: UnitOfWork) -> list[R]:
        return self.work(uow, self.items)


class StoreWorker:
    def __init__(self, store: Store) -> None:
        self._store = store
        self._executor = ThreadPoolExecutor(1, thread_name_prefix="vip-sync-store")
        self._decoder = ThreadPoolExecutor(1, thread_name_prefix="vip-sync-decode")
        self._queue: list[tuple[Work, asyncio.Future[Any]]] = []
        self._flushing: asyncio.Task[None] | None = None
        self._gathering: dict[ManyWork[Any, Any], _Gathering[Any, Any]] = {}

    async def run(self, work: Callable[[UnitOfWork], T]) -> T:
        """``work`` in its own unit of work on the store thread."""
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self._executor, self._one, work)

    async def call(self, fn: Callable[[], T]) -> T:
        """Any blocking call (file reads, JSON parsing of big pages) on the store thread."""
        return await asyncio.get_running_loop().run_in_executor(self._executor, fn)

    async def decode(self, fn: Callable[[], T]) -> T:
        """CPU work that needs no store (parsing a change page) on a thread of its own:
        it runs while the store thread is in SQLite, which releases the GIL."""
        return await asyncio.get_running_loop().run_in_executor(self._decoder, fn)

    def prepare_guests(self, guests: Sequence[Guest]) -> PreparedGuests:
        """``Store.prepare_guests``: no store access, any thread."""
        return self._store.prepare_guests(guests)

    async def batched(self, work: Callable[[UnitOfWork], T]) -> T:
        """``work`` committed together with other small works queued meanwhile."""
        loop = asyncio.get_running_loop()
        future: asyncio.Future[T] = loop.create_future()
        self._queue.append((work, future))
        if self._flushing is None or self._flushing.done():
            self._flushing = loop.create_task(self._flush())
        return await future

    async def gathered(self, work: ManyWork[I, R], item: I) -> R:
        """``work(uow, items)[i]`` for ``item``, called once for every item given the
        same ``work`` while the store thread was busy or in this turn of the loop. If
        that call fails, each item is tried alone, so a bad one sinks only itself."""
        loop = asyncio.get_running_loop()
        gathering: _Gathering[I, R] | None = self._gathering.get(work)
        if gathering is None:
            gathering = _Gathering(work, loop.create_future())
            self._gathering[work] = gathering
            self._queue.append((gathering, gathering.future))
            if self._flushing is None or self._flushing.done():
                self._flushing = loop.create_task(self._flush())
        index = len(gathering.items)
        gathering.items.append(item)
        try:
            results = await asyncio.shield(gathering.future)
        except asyncio.CancelledError:
            raise
        except Exception:
            if len(gathering.items) == 1:
                raise
        else:
            return results[index]
        alone: list[R] = await self.batched(lambda uow: work(uow, [item]))
        return alone[0]

    async def aclose(self) -> None:
        """Stop the flusher and let the store thread finish what it is doing."""
        if self._flushing is not None and not self._flushing.done():
            self._flushing.cancel()
            await asyncio.gather(self._flushing, return_exceptions=True)
        for _, future in self._queue:
            future.cancel()
        self._queue.clear()
        self._gathering.clear()
        loop = asyncio.get_running_loop()
        await loop.run_in_executor(None, lambda: self._executor.shutdown(wait=True))
        await loop.run_in_executor(None, lambda: self._decoder.shutdown(wait=True))

    async def _flush(self) -> None:
        loop = asyncio.get_running_loop()
        while self._queue:
            batch, self._queue = self._queue[:MAX_BATCH], self._queue[MAX_BATCH:]
            for work, _ in batch:  # taken: later items start a new gathering
                if isinstance(work, _Gathering) and self._gathering.get(work.work) is work:
                    del self._gathering[work.work]
            try:
                results = await loop.run_in_executor(self._executor, self._many, batch)
            except BaseException as error:
                for _, future in batch:
                    if not future.done():
                        future.set_exception(error)
                if isinstance(error, asyncio.CancelledError):
                    raise
                continue
            for (_, future), (ok, value) in zip(batch, results, strict=True):
                if future.done():
                    continue
                if ok:
                    future.set_result(value)
                else:
                    future.set_exception(value)

    def _one(self, work: Callable[[UnitOfWork], T]) -> T:
        with self._store.unit_of_work() as uow:
            return work(uow)

    def _many(self, batch: list[tuple[Work, asyncio.Future[Any]]]) -> list[tuple[bool, Any]]:
        try:
            with self._store.unit_of_work() as uow:
                return [(True, work(uow)) for work, _ in batch]
        except Exception:
            if len(batch) == 1:
                raise
            # One bad work must not sink the others: each again, alone.
            log.warning("a batch of %d store writes failed; retrying one by one", len(batch))
        results: list[tuple[bool, Any]] = []
        for work, _ in batch:
            try:
                results.append((True, self._one(work)))
            except Exception as error:
                results.append((False, error))
        return results
