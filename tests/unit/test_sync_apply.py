"""Applying the helpdesk's changes: checked first, idempotent, never backwards, cursor with it."""

import asyncio
import gc
import json
from dataclasses import replace
from datetime import UTC, datetime
from typing import Any

import pytest

from app.domain import IncidentStatus, Priority
from app.sync.apply import CURSOR_KEY, LAST_SEQ_KEY, PageRefused, apply_changes
from app.sync.decode import decode_items, parse_page
from app.sync.feed import ChangeFeed
from app.sync.outbox import OutboxKind
from app.sync.set_aside import SetAsideKind
from app.sync.storeio import StoreWorker
from app.wire.contract import MalformedResponse, decode_incident, format_time, guest_body
from offline_cache import SqliteStore
from tests.unit.store_fixtures import full_guest, store

__all__ = ["store"]

INCIDENT_ID = "5f0c2d7e-0000-4000-8000-000000000001"


def incident(version: int = 1, **changes: Any) -> dict[str, Any]:
    data = {
        "id": INCIDENT_ID,
        "number": "VIP-20512",
        "version": version,
        "provisional_number": "TAB-5A158F-0042",
        "device_id": "TAB-5A158F",
        "opened_at": "2026-11-27T04:18:00.123000Z",
        "opened_by": "P001",
        "priority": "P1",
        "category": "game_unavailable",
        "channel": "onsite",
        "summary": "Shoe jammed",
        "status": "new",
        "guest_id": None,
        "owner_id": "H001",
        "location": "Pit 3, BJ-301",
        "table_id": "BJ-301",
        "game": "Blackjack",
        "machine": "",
        "amount": "12000.00",
        "currency": "AUD",
        "transaction_ref": "",
        "desired_outcome": "",
        "manual_escalation_level": 0,
        "sla_due_at": None,
        "created_at": "2026-11-27T04:18:01.000000Z",
    }
    data.update(changes)
    return data


def event(seq: int, event_id: str = "e-1") -> dict[str, Any]:
    return {
        "id": event_id,
        "incident_id": INCIDENT_ID,
        "seq": seq,
        "at": "2026-11-27T04:19:00Z",
        "kind": "note",
        "actor_id": "P002",
        "detail": "Shoe replaced",
        "from_value": "",
        "to_value": "",
    }


def page(items: list[dict[str, Any]], cursor: str = "c-2", end: bool = True) -> bytes:
    return json.dumps({"items": items, "next_cursor": cursor, "end_of_stream": end}).encode()


def item(seq: int, kind: str, data: Any) -> dict[str, Any]:
    return {"seq": seq, "type": kind, "op": "upsert", "data": data}


def apply_page(store: SqliteStore, body: bytes) -> None:
    parsed = parse_page(body)
    with store.unit_of_work() as uow:
        apply_changes(uow, parsed.changes, parsed.next_cursor)


def guest_data() -> dict[str, Any]:
    return guest_body(full_guest())


def test_a_page_is_applied_with_its_cursor_and_twice_is_the_same_as_once(
    store: SqliteStore,
) -> None:
    body = page(
        [
            item(1, "guest", guest_data()),
            item(2, "incident", incident()),
            item(3, "incident_event", event(3)),
        ]
    )
    apply_page(store, body)
    apply_page(store, body)  # a crash before the cursor moved re-reads the page
    with store.unit_of_work() as uow:
        assert uow.guests.by_id("g-1") == full_guest()
        stored = uow.incidents.by_id(INCIDENT_ID)
        assert uow.sync_state.get(CURSOR_KEY) == "c-2"
        assert uow.sync_state.get(LAST_SEQ_KEY) == "3"
    assert stored is not None and stored.number == "VIP-20512" and stored.version == 1
    assert [e.id for e in stored.events] == ["e-1"]


def test_an_incident_never_goes_back_to_an_older_version(store: SqliteStore) -> None:
    apply_page(store, page([item(5, "incident", incident(3, status="waiting"))]))
    apply_page(store, page([item(4, "incident", incident(2, status="in_progress"))]))
    with store.unit_of_work() as uow:
        stored = uow.incidents.by_id(INCIDENT_ID)
    assert stored is not None and (stored.version, stored.status) == (3, IncidentStatus.WAITING)


def test_a_field_with_a_change_still_queued_keeps_the_local_value(store: SqliteStore) -> None:
    apply_page(store, page([item(1, "incident", incident(1))]))
    with store.unit_of_work() as uow:
        local = uow.incidents.by_id(INCIDENT_ID)
        assert local is not None
        uow.incidents.save(replace(local, priority=Priority.P2))
        uow.outbox.enqueue(
            OutboxKind.INCIDENT_PATCH,
            INCIDENT_ID,
            {"changes": {"priority": "P2"}, "base": {"priority": "P1"}},
            base_version=1,
        )
    apply_page(store, page([item(2, "incident", incident(2, summary="Shoe jammed again"))]))
    with store.unit_of_work() as uow:
        stored = uow.incidents.by_id(INCIDENT_ID)
    assert stored is not None
    assert (stored.version, stored.summary, stored.priority) == (
        2,
        "Shoe jammed again",
        Priority.P2,
    )


@pytest.mark.parametrize(
    "body",
    [
        b"<html>not json</html>",
        json.dumps({"items": [], "end_of_stream": True}).encode(),  # no cursor
        json.dumps({"items": {}, "next_cursor": "c", "end_of_stream": True}).encode(),
        page([item(1, "guest", guest_data()), {"seq": "2", "type": "guest", "op": "upsert"}]),
        page([item(1, "guest", guest_data()), "not an item"]),
    ],
    ids=["not json", "no cursor", "items not a list", "bad seq after a good item", "not an item"],
)  # fmt: skip
def test_a_page_with_a_broken_frame_is_refused_whole_and_nothing_is_applied(
    store: SqliteStore, body: bytes
) -> None:
    with pytest.raises(MalformedResponse):
        parse_page(body)
    with store.unit_of_work() as uow:
        assert uow.guests.count() == 0 and uow.sync_state.get(CURSOR_KEY) is None


@pytest.mark.allow_error_log  # a broken record set aside is logged at ERROR for IT
@pytest.mark.parametrize(
    "bad",
    [
        item(2, "incident", incident(version="two")),
        item(2, "incident", incident(priority="P9")),
        item(2, "incident", incident(opened_at="yesterday")),
        item(2, "incident_event", {**event(1), "at": "2026-11-27T04:19:00"}),  # naive
        item(2, "guest", {**guest_data(), "credit_line": "sNaN"}),
        item(2, "guest", {**guest_data(), "name": 42}),
    ],
    ids=["bad version", "bad enum", "bad time", "naive time", "sNaN credit", "name not text"],
)  # fmt: skip
def test_a_broken_record_is_set_aside_and_the_rest_of_the_page_applies(
    store: SqliteStore, bad: dict[str, Any]
) -> None:
    good = guest_data()
    good["id"], good["card_number"] = "9e1f0000-0000-4000-8000-000000000099", "9000111122223333"
    apply_page(store, page([item(1, "guest", guest_data()), bad, item(3, "guest", good)]))
    with store.unit_of_work() as uow:
        assert uow.guests.count() == 2  # before and after the broken one
        assert uow.sync_state.get(CURSOR_KEY) == "c-2"
        assert uow.sync_state.get(LAST_SEQ_KEY) == "3"
        aside = uow.set_aside.open_items()
    assert [(a.kind, a.seq, a.item_type) for a in aside] == [
        (SetAsideKind.MALFORMED, 2, bad["type"])
    ]
    assert aside[0].reason  # says which field


@pytest.mark.allow_error_log  # a broken record set aside is logged at ERROR for IT
def test_a_record_set_aside_is_settled_when_a_good_version_of_it_arrives(
    store: SqliteStore,
) -> None:
    apply_page(store, page([item(1, "incident", incident(version=1, priority="P9"))]))
    apply_page(store, page([item(2, "incident", incident(version=2))]))
    with store.unit_of_work() as uow:
        assert uow.set_aside.count_open() == 0
        stored = uow.incidents.by_id(INCIDENT_ID)
    assert stored is not None and stored.version == 2


@pytest.mark.allow_error_log  # a broken record set aside is logged at ERROR for IT
def test_a_card_number_in_a_broken_record_is_not_kept(store: SqliteStore) -> None:
    bad = {**guest_data(), "credit_line": "sNaN", "room": "4111 1111 1111 1111"}
    apply_page(store, page([item(1, "guest", bad)]))
    with store.unit_of_work() as uow:
        (aside,) = uow.set_aside.open_items()
    assert "4111 1111 1111 1111" not in aside.data and "sNaN" in aside.data


def test_unknown_types_and_ops_from_a_newer_helpdesk_are_skipped(store: SqliteStore) -> None:
    decoded = decode_items(
        [item(1, "promotion", {"x": 1}), {"seq": 2, "type": "guest", "op": "delete", "data": {}}]
    )
    assert (decoded.count, decoded.skipped, decoded.last_seq) == (0, 2, 2)


def test_events_of_an_unknown_incident_wait_aside_until_it_arrives(store: SqliteStore) -> None:
    apply_page(store, page([item(1, "incident_event", event(1))]))
    with store.unit_of_work() as uow:
        assert uow.incidents.by_id(INCIDENT_ID) is None
        assert uow.sync_state.get(CURSOR_KEY) == "c-2"
        assert [a.kind for a in uow.set_aside.open_items()] == [SetAsideKind.ORPHAN_EVENT]
    apply_page(store, page([item(2, "incident", incident())], cursor="c-3"))
    with store.unit_of_work() as uow:
        stored = uow.incidents.by_id(INCIDENT_ID)
        assert uow.set_aside.count_open() == 0
    assert stored is not None and [e.detail for e in stored.events] == ["Shoe replaced"]


def test_an_attachment_link_is_added_once(store: SqliteStore) -> None:
    link = {"sha256": "ab" * 32, "incident_id": INCIDENT_ID, "size": 10}
    apply_page(store, page([item(1, "incident", incident()), item(2, "attachment", link)]))
    apply_page(store, page([item(2, "attachment", link)]))
    with store.unit_of_work() as uow:
        stored = uow.incidents.by_id(INCIDENT_ID)
    assert stored is not None and stored.attachments == ("ab" * 32,)


def test_times_go_out_in_utc_with_milliseconds_and_come_back_aware() -> None:
    moment = datetime(2026, 11, 27, 4, 18, 0, 123456, tzinfo=UTC)
    assert format_time(moment) == "2026-11-27T04:18:00.123Z"
    decoded = decode_incident(incident()).incident
    assert decoded.opened_at == datetime(2026, 11, 27, 4, 18, 0, 123000, tzinfo=UTC)


CARD = "4111 1111 1111 1111"


def test_card_numbers_arriving_from_the_helpdesk_are_never_stored(
    store: SqliteStore, caplog: pytest.LogCaptureFixture
) -> None:
    guest = guest_data()
    guest["preferences"]["drinks"] = [f"Card {CARD} for the bar tab", "Green tea"]
    note = dict(event(3), detail=f"Guest read out {CARD}")
    body = page(
        [
            item(1, "incident", incident(summary=f"Paid with {CARD}")),
            item(2, "guest", guest),
            item(3, "incident_event", note),
        ]
    )
    apply_page(store, body)
    with store.unit_of_work() as uow:
        stored = uow.incidents.by_id(INCIDENT_ID)
        stored_guest = uow.guests.by_id(guest["id"])
    assert stored is not None and stored_guest is not None
    assert "4111" not in stored.summary and stored.summary.startswith("Paid with")
    assert "4111" not in stored.events[-1].detail
    assert stored_guest.preferences.drinks[1] == "Green tea"  # the rest is kept
    assert "4111" not in " ".join(stored_guest.preferences.drinks)
    assert "4111" not in caplog.text
    assert "card number removed" in caplog.text


def test_a_page_the_store_refuses_whole_rolls_back_then_applies_item_by_item(
    store: SqliteStore,
) -> None:
    # Two guests of one page with the same card: the page refused whole (UNIQUE), then
    # item by item the second one wins the card and the first is set aside.
    first, second = full_guest("g-1", "600100200300"), full_guest("g-2", "600100200300")
    body = page([item(1, "guest", guest_body(first)), item(2, "guest", guest_body(second))])
    parsed = parse_page(body)
    with pytest.raises(PageRefused, match="UNIQUE"), store.unit_of_work() as uow:
        apply_changes(uow, parsed.changes, parsed.next_cursor, whole=True)
    with store.unit_of_work() as uow:  # rolled back: nothing of the page, cursor unmoved
        assert uow.guests.count() == 0
        assert uow.sync_state.get(CURSOR_KEY) is None
    with store.unit_of_work() as uow:
        aside = apply_changes(uow, parsed.changes, parsed.next_cursor)
    with store.unit_of_work() as uow:
        assert uow.guests.by_card("600100200300") == second
        assert uow.sync_state.get(CURSOR_KEY) == "c-2"
        assert [i.kind for i in uow.set_aside.open_items()] == [SetAsideKind.CARD_TAKEN]
    assert aside == 1


def test_the_feed_applies_a_refused_page_again_item_by_item(store: SqliteStore) -> None:
    first, second = full_guest("g-1", "600100200300"), full_guest("g-2", "600100200300")
    body = page([item(1, "guest", guest_body(first)), item(2, "guest", guest_body(second))])

    async def apply_pulled_page() -> int:
        worker = StoreWorker(store)
        feed = ChangeFeed(worker, None)  # type: ignore[arg-type]  # no transport: no fetch
        try:
            return await feed._apply_page(parse_page(body), False)
        finally:
            await worker.aclose()

    aside = asyncio.run(apply_pulled_page())
    with store.unit_of_work() as uow:
        assert uow.guests.by_card("600100200300") == second
        assert uow.sync_state.get(CURSOR_KEY) == "c-2"
    assert aside == 1


def test_parsing_a_page_leaves_the_cyclic_gc_as_it_found_it() -> None:
    assert gc.isenabled()
    parse_page(page([item(1, "guest", guest_data())]))
    with pytest.raises(MalformedResponse):
        parse_page(b"{not json")
    assert gc.isenabled()
    gc.disable()  # someone else's choice is kept too
    try:
        parse_page(page([]))
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_a_pull_from_the_start_pauses_the_cyclic_gc_until_its_end(store: SqliteStore) -> None:
    pages = [page([item(1, "guest", guest_data())], end=False), page([], end=True)]
    seen: list[bool] = []

    async def pull(fail: bool) -> int:
        worker = StoreWorker(store)
        feed = ChangeFeed(worker, None)  # type: ignore[arg-type]  # pages come from the stub

        async def fetch(cursor: str | None, token: str | None) -> Any:
            seen.append(gc.isenabled())
            if fail and cursor is not None:
                raise MalformedResponse("a broken page")
            return parse_page(pages[0 if cursor is None else 1])

        feed._fetch = fetch  # type: ignore[method-assign]
        try:
            return await feed.pull()
        finally:
            await worker.aclose()

    assert asyncio.run(pull(fail=False)) == 1
    assert seen == [False, False] and gc.isenabled()
    with store.unit_of_work() as uow:
        uow.sync_state.delete(CURSOR_KEY)  # from the start again, and a page breaks
    with pytest.raises(MalformedResponse):
        asyncio.run(pull(fail=True))
    assert gc.isenabled()
