"""The store whose data layer loads after the window (offline_cache/pending.py): the
start checks it without SQLAlchemy, and every use waits for the open store."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from app.bootstrap import build_context
from app.ports import SyncedStore
from app.sync.outbox import OutboxKind
from app.sync.skew import SKEW_KEY, stored_skew
from offline_cache import open_store
from offline_cache.encryption import StoreKeyError
from offline_cache.opening import CheckedStore, check_store
from offline_cache.pending import PendingStore
from offline_cache.store import SqliteStore, finish_open
from tests.unit.store_fixtures import full_guest

KEY = bytes(range(32))
OTHER_KEY = bytes(range(1, 33))


def _made_store(data_dir: Path, skew_ms: str | None = None) -> None:
    """A current, encrypted store with one guest (and a stored skew)."""
    store = open_store(data_dir, key=KEY)
    try:
        with store.unit_of_work() as uow:
            uow.guests.save(full_guest())
            if skew_ms is not None:
                uow.sync_state.set(SKEW_KEY, skew_ms)
    finally:
        store.close()


class CountingFinish:
    """The real ``finish_open``, counted, and held back until ``release``."""

    def __init__(self) -> None:
        self.calls = 0
        self.release = threading.Event()
        self.release.set()

    def __call__(self, checked: CheckedStore) -> SyncedStore:
        self.calls += 1
        self.release.wait(10)
        return finish_open(checked)


def test_the_check_reads_what_the_start_needs_without_opening_the_data_layer(
    tmp_path: Path,
) -> None:
    _made_store(tmp_path, skew_ms="1500")
    checked = check_store(tmp_path, key=KEY, state_keys=(SKEW_KEY,))
    assert checked.up_to_date and checked.recovered_from is None
    assert checked.state == {SKEW_KEY: "1500"}
    finish = CountingFinish()
    pending = PendingStore(checked, finish)
    opened = open_store(tmp_path, key=KEY)
    try:
        # The same checkpoint key the helpdesk bound, before the store is open.
        assert pending.checkpoint_public_key == opened.checkpoint_public_key is not None
        assert stored_skew(opened).total_seconds() == 1.5
    finally:
        opened.close()
    assert finish.calls == 0 and not pending.is_open
    pending.close()  # never started: nothing was opened, nothing to close
    assert finish.calls == 0


def test_a_wrong_key_is_refused_by_the_check_itself(tmp_path: Path) -> None:
    _made_store(tmp_path)
    with pytest.raises(StoreKeyError):
        check_store(tmp_path, key=OTHER_KEY)


def test_a_use_before_the_load_waits_for_it_and_sees_the_store(tmp_path: Path) -> None:
    _made_store(tmp_path)
    finish = CountingFinish()
    finish.release.clear()
    pending = PendingStore(check_store(tmp_path, key=KEY), finish)
    counted: list[int] = []

    def count() -> None:
        with pending.unit_of_work() as uow:
            counted.append(uow.guests.count())

    reader = threading.Thread(target=count)
    reader.start()  # its use starts the load: nobody called start()
    reader.join(0.3)
    assert reader.is_alive() and counted == []  # waiting, not failing
    finish.release.set()
    reader.join(10)
    assert counted == [1] and pending.is_open
    pending.start()  # idempotent: the store is opened once
    with pending.reading() as uow:
        assert uow.guests.count() == 1
    assert finish.calls == 1
    pending.close()


def test_outbox_listeners_added_while_it_loads_hear_the_open_stores_commits(
    tmp_path: Path,
) -> None:
    _made_store(tmp_path)
    pending = PendingStore(check_store(tmp_path, key=KEY))
    heard: list[frozenset[OutboxKind]] = []
    removed: list[frozenset[OutboxKind]] = []
    pending.add_outbox_listener(heard.append)
    pending.add_outbox_listener(removed.append)
    pending.remove_outbox_listener(removed.append)
    pending.start()
    with pending.unit_of_work() as uow:
        uow.outbox.enqueue(OutboxKind.INCIDENT_EVENT, "i-1", {}, actor_id="H001")
    assert heard == [frozenset({OutboxKind.INCIDENT_EVENT})]
    assert removed == []
    pending.remove_outbox_listener(heard.append)  # now the open store's own
    with pending.unit_of_work() as uow:
        uow.outbox.enqueue(OutboxKind.INCIDENT_EVENT, "i-2", {}, actor_id="H001")
    assert len(heard) == 1
    pending.close()


@pytest.mark.allow_error_log  # the failed open is logged where it happened
def test_a_load_that_fails_fails_each_use_and_close_survives_it(tmp_path: Path) -> None:
    _made_store(tmp_path)

    def broken(checked: CheckedStore) -> SyncedStore:
        raise OSError("disk gone")

    pending = PendingStore(check_store(tmp_path, key=KEY), broken)
    pending.start()
    with pytest.raises(OSError, match="disk gone"):
        pending.unit_of_work()
    with pytest.raises(OSError, match="disk gone"):
        pending.checkpoint_audit()
    pending.close()
    assert not pending.is_open


def test_the_console_context_defers_a_current_store_and_opens_a_new_one_at_once(
    tmp_path: Path,
) -> None:
    fresh = build_context(tmp_path / "fresh", store_key=KEY, defer_store=True)
    try:
        # No schema yet: it is migrated before the window, as before.
        assert isinstance(fresh.store, SqliteStore)
    finally:
        fresh.close()
    current = build_context(tmp_path / "fresh", store_key=KEY, defer_store=True)
    try:
        assert isinstance(current.store, PendingStore) and not current.store.is_open
        assert current.checkpoint_public_key == fresh.checkpoint_public_key
        current.finish_opening_store()
        with current.store.reading() as uow:
            assert uow.guests.count() == 0
        assert current.store.is_open
    finally:
        current.close()


@pytest.mark.parametrize("defer", [True, False])
def test_the_context_starts_with_the_skew_last_measured(tmp_path: Path, defer: bool) -> None:
    _made_store(tmp_path, skew_ms="-2500")
    context = build_context(tmp_path, store_key=KEY, defer_store=defer)
    try:
        assert context.skew.value.total_seconds() == -2.5
        assert isinstance(context.store, PendingStore) is defer
    finally:
        context.close()
