"""The guests' name index paused for a bulk pull: right once resumed, and after a crash."""

import sqlite3
from contextlib import closing
from dataclasses import replace
from pathlib import Path

from app.domain import Guest, Tier
from offline_cache import SqliteStore, open_store
from offline_cache.search_index import STALE_KEY
from tests.unit.store_fixtures import store

__all__ = ["store"]


def guests(count: int) -> list[Guest]:
    return [Guest(f"g-{n}", f"9000{n:06d}", f"Guest{n} Okafor", Tier.VIP) for n in range(count)]


def names_found(store: SqliteStore, typed: str) -> list[str]:
    with store.unit_of_work() as uow:
        return sorted(guest.name for guest in uow.guests.search(typed, limit=50))


def triggers(store: SqliteStore) -> list[str]:
    """The guests' triggers, read beside the store (the fixture's store is not encrypted)."""
    with closing(sqlite3.connect(store.path)) as connection:
        rows = connection.execute(
            "SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'guests'"
        )
        return sorted(name for (name,) in rows)


def test_guests_saved_while_paused_are_found_once_resumed(store: SqliteStore) -> None:
    kept = triggers(store)
    assert kept == ["guests_search_delete", "guests_search_insert", "guests_search_update"]
    with store.unit_of_work() as uow:
        uow.guests.pause_search_index()
        uow.guests.save_many(guests(30))
    with store.unit_of_work() as uow:
        uow.guests.save_many(guests(40)[30:])
        uow.guests.resume_search_index()
    assert names_found(store, "guest3") == ["Guest3 Okafor"] + [
        f"Guest{n} Okafor" for n in range(30, 40)
    ]
    assert triggers(store) == kept
    with store.unit_of_work() as uow:  # kept row by row again
        assert uow.sync_state.get(STALE_KEY) is None
        uow.guests.save(replace(guests(1)[0], name="Amara Mensah"))
    assert names_found(store, "amara") == ["Amara Mensah"]
    assert names_found(store, "guest0") == []


def test_edits_and_deletes_while_paused_are_right_after_resuming(store: SqliteStore) -> None:
    with store.unit_of_work() as uow:
        uow.guests.save_many(guests(3))  # indexed row by row
        uow.guests.pause_search_index()
        uow.guests.save(replace(guests(1)[0], name="Chidi Eze"))
        uow.guests.delete("g-1")
        uow.guests.resume_search_index()
    assert names_found(store, "okafor") == ["Guest2 Okafor"]
    assert names_found(store, "chidi") == ["Chidi Eze"]


def test_a_pull_that_died_paused_is_searchable_at_the_next_open(tmp_path: Path) -> None:
    data = tmp_path / "data"
    first = open_store(data)
    kept = triggers(first)
    with first.unit_of_work() as uow:  # what the first pages of a pull commit
        uow.guests.pause_search_index()
        uow.guests.save_many(guests(25))
    first.dispose()  # the console dies here: no resume
    again = open_store(data)
    try:
        assert names_found(again, "guest2") == ["Guest2 Okafor"] + [
            f"Guest{n} Okafor" for n in range(20, 25)
        ]
        assert triggers(again) == kept
        with again.unit_of_work() as uow:
            assert uow.sync_state.get(STALE_KEY) is None
    finally:
        again.close()
