"""A pull applies the pages that arrived while the store was busy in one transaction;
pages the store refuses together are applied each alone, as before."""

import asyncio
import json
from typing import Any

import pytest

from app.sync.apply import CURSOR_KEY
from app.sync.decode import Page, parse_page
from app.sync.feed import PAGES_PER_TRANSACTION, ChangeFeed, _arrived
from app.sync.set_aside import SetAsideKind
from app.sync.storeio import StoreWorker
from app.wire.contract import MalformedResponse, guest_body
from offline_cache import SqliteStore
from tests.unit.store_fixtures import full_guest, store

__all__ = ["store"]


def page(seq: int, guests: list[Any], end: bool = False) -> Page:
    items = [
        {"seq": seq * 10 + n, "type": "guest", "op": "upsert", "data": guest_body(g)}
        for n, g in enumerate(guests)
    ]
    body = {"items": items, "next_cursor": f"c-{seq}", "end_of_stream": end}
    return parse_page(json.dumps(body).encode())


def test_pages_waiting_are_taken_together_up_to_a_transactions_worth() -> None:
    async def take() -> list[tuple[list[str], Exception | None]]:
        ready: asyncio.Queue[Any] = asyncio.Queue()
        for n in range(PAGES_PER_TRANSACTION + 1):
            ready.put_nowait((page(n, []), True))
        broken = MalformedResponse("a broken page")
        ready.put_nowait(broken)
        taken = []
        for _ in range(2):
            pages, failure = await _arrived(ready)
            taken.append(([p.next_cursor for p, _ in pages], failure))
        return taken

    first, second = asyncio.run(take())
    assert first == ([f"c-{n}" for n in range(PAGES_PER_TRANSACTION)], None)
    assert second[0] == [f"c-{PAGES_PER_TRANSACTION}"]
    assert isinstance(second[1], MalformedResponse)  # after the pages before it


def test_the_last_page_ends_a_group() -> None:
    async def take() -> list[str]:
        ready: asyncio.Queue[Any] = asyncio.Queue()
        ready.put_nowait((page(1, [], end=True), False))
        ready.put_nowait((page(2, []), False))
        pages, _ = await _arrived(ready)
        return [p.next_cursor for p, _ in pages]

    assert asyncio.run(take()) == ["c-1"]


def apply(store: SqliteStore, pages: list[Page]) -> list[int]:
    async def run() -> list[int]:
        worker = StoreWorker(store)
        feed = ChangeFeed(worker, None)  # type: ignore[arg-type]  # no transport: no fetch
        try:
            return await feed._apply_pages([(p, False) for p in pages])
        finally:
            await worker.aclose()

    return asyncio.run(run())


def test_pages_apply_together_with_the_last_cursor(store: SqliteStore) -> None:
    pages = [page(1, [full_guest("g-1", "600100200301")]), page(2, [full_guest("g-2")])]
    assert apply(store, pages) == [0, 0]
    with store.unit_of_work() as uow:
        assert uow.guests.count() == 2
        assert uow.sync_state.get(CURSOR_KEY) == "c-2"
    # Applied, their records were let go of on the store thread.
    assert [(p.changes.guests, p.changes.prepared_guests) for p in pages] == [([], None)] * 2


@pytest.mark.allow_error_log  # the page applied item by item logs what it sets aside
def test_pages_refused_together_apply_each_alone(store: SqliteStore) -> None:
    # The second page holds a card twice: refused whole, then item by item.
    clash = [full_guest("g-2", "600100200300"), full_guest("g-3", "600100200300")]
    pages = [page(1, [full_guest("g-1", "600100200301")]), page(2, clash)]
    assert apply(store, pages) == [0, 1]
    assert [p.changes.guests for p in pages] == [[], []]
    with store.unit_of_work() as uow:
        assert uow.guests.count() == 2  # the first page's guests, kept until it applied alone
        assert uow.sync_state.get(CURSOR_KEY) == "c-2"
        assert [i.kind for i in uow.set_aside.open_items()] == [SetAsideKind.CARD_TAKEN]
