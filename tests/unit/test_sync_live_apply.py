"""The live feed's items, parsed and decoded off the event loop's thread, are applied in
order; a broken one stops what follows it, not what came before."""

import asyncio
import json
import threading
from typing import Any

import pytest

from app.sync.apply import LAST_SEQ_KEY
from app.sync.live_apply import LiveApplier
from app.sync.storeio import StoreWorker
from app.wire.contract import MalformedResponse, guest_body
from offline_cache import SqliteStore
from tests.unit.store_fixtures import full_guest, store

__all__ = ["store"]


def item(seq: int, guest_id: str, card: str) -> str:
    data = guest_body(full_guest(guest_id, card))
    return json.dumps({"seq": seq, "type": "guest", "op": "upsert", "data": data})


def stream(texts: list[str]) -> str:
    return "".join(f"event: change\r\ndata: {text}\r\n\r\n" for text in texts)


def feed(
    store: SqliteStore, texts: list[str], read: int = 7, max_item_chars: int = 1 << 20
) -> tuple[list[int], BaseException | None, set[str]]:
    """``texts`` as change events of a stream given to an applier ``read`` characters
    at a time, as they would arrive: (applied counts, the error raised by ``add`` or
    ``drain`` if any, the threads that decoded)."""
    applied: list[int] = []
    decoded_on: set[str] = set()

    async def run() -> BaseException | None:
        worker = StoreWorker(store)
        decode = worker.decode

        async def watched_decode(fn: Any) -> Any:
            def on_thread() -> Any:
                decoded_on.add(threading.current_thread().name)
                return fn()

            return await decode(on_thread)

        worker.decode = watched_decode  # type: ignore[method-assign]
        applier = LiveApplier(worker, applied.append, lambda _n: None, None, max_item_chars)
        text = stream(texts)
        try:
            for start in range(0, len(text), read):
                applier.add(text[start : start + read])
            await applier.drain()
        except MalformedResponse as error:
            return error
        finally:
            await worker.aclose()
        return None

    error = asyncio.run(run())
    return applied, error, decoded_on


def test_items_are_decoded_off_the_loop_and_applied_in_order(store: SqliteStore) -> None:
    texts = [item(n, f"g-{n}", f"60010020030{n}") for n in range(1, 6)]
    applied, error, decoded_on = feed(store, texts)
    assert error is None
    assert sum(applied) == 5
    assert threading.current_thread().name not in decoded_on
    assert all(name.startswith("vip-sync-decode") for name in decoded_on)
    with store.unit_of_work() as uow:
        assert uow.guests.count() == 5
        assert uow.sync_state.get(LAST_SEQ_KEY) == "5"


@pytest.mark.parametrize("broken", ["{not json", json.dumps({"type": "guest", "op": "upsert"})])
def test_a_broken_item_stops_what_follows_it(store: SqliteStore, broken: str) -> None:
    texts = [item(1, "g-1", "600100200301"), item(2, "g-2", "600100200302"), broken]
    texts.append(item(4, "g-4", "600100200304"))
    applied, error, _ = feed(store, texts)
    assert isinstance(error, MalformedResponse)
    with store.unit_of_work() as uow:  # one burst: those before it applied, not after
        assert uow.guests.by_id("g-1") is not None
        assert uow.guests.by_id("g-2") is not None
        assert uow.guests.by_id("g-4") is None
        assert uow.sync_state.get(LAST_SEQ_KEY) == "2"
    assert applied == [2]


def test_an_item_too_long_stops_the_feed_and_what_came_before_is_applied(
    store: SqliteStore,
) -> None:
    texts = [item(1, "g-1", "600100200301"), '{"seq": 2, "pad": "' + "x" * 5000 + '"}']
    texts.append(item(3, "g-3", "600100200303"))
    applied, error, _ = feed(store, texts, read=1 << 16, max_item_chars=4000)
    assert isinstance(error, MalformedResponse)
    with store.unit_of_work() as uow:
        assert uow.guests.by_id("g-1") is not None
        assert uow.guests.by_id("g-3") is None
        assert uow.sync_state.get(LAST_SEQ_KEY) == "1"
