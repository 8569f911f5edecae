"""The engine's store thread: work given together is done together, a bad item alone."""

import asyncio

from app.ports import UnitOfWork
from app.sync.storeio import StoreWorker
from offline_cache import SqliteStore
from tests.unit.store_fixtures import store

__all__ = ["store"]


def test_items_given_in_one_turn_go_in_one_call_and_a_bad_one_sinks_only_itself(
    store: SqliteStore,
) -> None:
    calls: list[list[int]] = []

    def doubled(uow: UnitOfWork, items: list[int]) -> list[int]:
        calls.append(list(items))
        uow.outbox.counts()  # a real unit of work
        if 13 in items:
            raise ValueError("unlucky")
        return [item * 2 for item in items]

    async def give(items: list[int]) -> list[int | str]:
        worker = StoreWorker(store)

        async def one(item: int) -> int | str:
            try:
                return await worker.gathered(doubled, item)
            except ValueError as error:
                return str(error)

        try:
            return list(await asyncio.gather(*(one(item) for item in items)))
        finally:
            await worker.aclose()

    assert asyncio.run(give([1, 2, 3])) == [2, 4, 6]
    assert calls == [[1, 2, 3]]
    calls.clear()
    assert asyncio.run(give([1, 13, 3])) == [2, "unlucky", 6]
    assert calls[0] == [1, 13, 3]  # together first; then each alone, in its own transaction
    assert calls[-3:] == [[1], [13], [3]]
