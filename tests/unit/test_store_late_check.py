"""The integrity check the start leaves to the store-open thread (offline_cache/opening.py,
``defer_integrity``): it reads the whole file, over a second for a property of 100,000
guests, and a store that opened before is checked there, before anything writes. A
wrong key is still refused before any window; a damaged file found there is moved aside
as at the start, and the console keeps the checkpoint key it started with."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from app.bootstrap import build_context
from app.sync.device_token import REFUSED_KEY, TOKEN_KEY
from offline_cache import encryption, open_store, opening
from offline_cache.encryption import StoreKeyError
from offline_cache.opening import check_store
from offline_cache.pending import PendingStore
from tests.unit.store_fixtures import full_guest

KEY = bytes(range(32))
OTHER_KEY = bytes(range(1, 33))
PAGE = 4096
HELPDESK = "https://helpdesk.example.test"


def _made_store(data_dir: Path, guests: int = 1, state: dict[str, str] | None = None) -> None:
    store = open_store(data_dir, key=KEY)
    try:
        with store.unit_of_work() as uow:
            uow.guests.save_many(full_guest(f"g-{n}", str(n), f"Guest {n}") for n in range(guests))
            for name, value in (state or {}).items():
                uow.sync_state.set(name, value)
    finally:
        store.close()


@pytest.fixture
def checks(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The threads the integrity check ran on."""
    ran: list[str] = []
    real = opening.check_integrity

    def counted(path: Path, key: bytes | None = None) -> None:
        ran.append(threading.current_thread().name)
        real(path, key)

    monkeypatch.setattr(opening, "check_integrity", counted)
    return ran


def test_a_store_that_opened_before_is_checked_on_the_store_open_thread(
    tmp_path: Path, checks: list[str]
) -> None:
    _made_store(tmp_path, state={"clock_skew_ms": "-2500"})
    checks.clear()  # the store's own making checked it
    checked = check_store(tmp_path, key=KEY, state_keys=("clock_skew_ms",), defer_integrity=True)
    assert checks == [] and not checked.integrity_checked
    assert checked.up_to_date and checked.checkpoint_secret is not None
    assert checked.state == {"clock_skew_ms": "-2500"}
    pending = PendingStore(checked)
    try:
        with pending.reading() as uow:
            assert uow.guests.count() == 1
        assert checks == ["store-open"] and pending.recovered_from is None
    finally:
        pending.close()


def test_a_damage_found_after_the_start_moves_the_store_aside_and_keeps_its_key(
    tmp_path: Path,
) -> None:
    _made_store(tmp_path, guests=600)
    path = tmp_path / "store.db"
    size = path.stat().st_size
    with path.open("r+b") as handle:  # a guest page near the end: not one the start reads
        handle.seek((size // PAGE - 3) * PAGE)
        handle.write(b"\x5a" * PAGE)
    context = build_context(tmp_path, store_key=KEY, defer_store=True)
    try:
        assert isinstance(context.store, PendingStore)
        started_with = context.checkpoint_public_key
        assert started_with is not None and context.store_moved_aside is None
        opened = context.store_opened()
        assert opened is not None
        context.finish_opening_store()
        store = opened.result(timeout=30)
        assert store.recovered_from is not None and store.recovered_from.exists()
        assert store.recovered_from.name.startswith("store.db.corrupt-")
        with context.store.reading() as uow:
            assert uow.guests.count() == 0  # a new, empty store in its place
        assert store.checkpoint_public_key == started_with
    finally:
        context.close()
    reopened = open_store(tmp_path, key=KEY)  # the kept secret is the new store's own
    try:
        assert reopened.checkpoint_public_key == started_with
        assert reopened.recovered_from is None
    finally:
        reopened.close()


def test_a_wrong_key_is_refused_at_the_start_even_when_the_check_waits(tmp_path: Path) -> None:
    _made_store(tmp_path)
    with pytest.raises(StoreKeyError):
        check_store(tmp_path, key=OTHER_KEY, defer_integrity=True)


def test_a_store_not_in_wal_mode_is_checked_at_once(tmp_path: Path, checks: list[str]) -> None:
    _made_store(tmp_path)
    connection = encryption.connect(tmp_path / "store.db", KEY)
    try:
        connection.execute("PRAGMA journal_mode = DELETE")
    finally:
        connection.close()
    checks.clear()
    checked = check_store(tmp_path, key=KEY, defer_integrity=True)
    assert checked.integrity_checked and checks == [threading.current_thread().name]


@pytest.mark.parametrize(
    ("state", "needed"),
    [
        ({TOKEN_KEY: "t0k3n"}, False),
        ({TOKEN_KEY: "t0k3n", REFUSED_KEY: "revoked"}, True),
        ({}, True),
    ],
)
def test_whether_it_needs_provisioning_is_read_without_the_data_layer(
    tmp_path: Path, state: dict[str, str], needed: bool
) -> None:
    _made_store(tmp_path, state=state)
    context = build_context(tmp_path, store_key=KEY, defer_store=True)
    try:
        assert context.needs_provisioning(HELPDESK) is needed
        assert not context.store_is_open  # a real helpdesk's start never waits for it
        context.finish_opening_store()
        with context.store.reading():
            pass
        assert context.needs_provisioning(HELPDESK) is needed  # the store says the same
    finally:
        context.close()
