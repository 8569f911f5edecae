"""Staff, their sign-in lockout state, and gaming tables in the offline store."""

from dataclasses import replace
from datetime import timedelta

from app.domain import GamingTable, Role, Staff
from app.ports import PinState
from offline_cache import SqliteStore, open_store
from tests.unit.store_fixtures import T0, store

__all__ = ["store"]  # the fixture, imported for pytest

PIT_BOSS = Staff(
    id="PB01",
    name="Ольга Соколова",
    role=Role.PIT_BOSS,
    pin_hash="scrypt$salt$hash",
    device_id="TAB-01",
    pits=("Pit 1", "Pit 2"),
    tables=("BJ-07", "BAC-01"),
    covering_for=("H002",),
    active=False,
)
HOST = Staff(id="H001", name="王芳", role=Role.HOST, pin_hash="h")


def test_staff_round_trip_and_update(store: SqliteStore) -> None:
    with store.unit_of_work() as uow:
        uow.staff.save(PIT_BOSS)
        uow.staff.save(HOST)
    with store.unit_of_work() as uow:
        assert uow.staff.by_id("PB01") == PIT_BOSS
        assert list(uow.staff.all()) == [HOST, PIT_BOSS]  # ordered by id
        uow.staff.save(replace(HOST, pin_hash="new"))
    with store.unit_of_work() as uow:
        updated = uow.staff.by_id("H001")
        assert updated is not None and updated.pin_hash == "new"
        assert uow.staff.by_id("nobody") is None


def test_pin_state_survives_a_restart(store: SqliteStore) -> None:
    locked = PinState(failed_attempts=5, locked_until=T0 + timedelta(minutes=15))
    with store.unit_of_work() as uow:
        assert uow.staff.pin_state("H001") == PinState()  # nothing recorded yet
        uow.staff.set_pin_state("H001", PinState(failed_attempts=1))
        uow.staff.set_pin_state("H001", locked)
        uow.staff.set_pin_state("UNKNOWN", PinState(failed_attempts=2))
    store.close()
    reopened = open_store(store.path.parent)
    try:
        with reopened.unit_of_work() as uow:
            assert uow.staff.pin_state("H001") == locked
            assert uow.staff.pin_state("UNKNOWN") == PinState(failed_attempts=2)
            uow.staff.set_pin_state("H001", PinState())
        with reopened.unit_of_work() as uow:
            assert uow.staff.pin_state("H001") == PinState()
    finally:
        reopened.close()


def test_tables_round_trip_and_order(store: SqliteStore) -> None:
    baccarat = GamingTable(
        id="BAC-01", pit="Pit 1", game="Baccarat", min_bet=100, max_bet=50_000,
        extra={"salon": "Jade", "limit_note": "VVIP only"},
    )  # fmt: skip
    blackjack = GamingTable(id="BJ-07", pit="Pit 2", game="Blackjack")
    with store.unit_of_work() as uow:
        uow.tables.save(blackjack)
        uow.tables.save(baccarat)
    with store.unit_of_work() as uow:
        assert uow.tables.by_id("BAC-01") == baccarat
        assert list(uow.tables.all()) == [baccarat, blackjack]  # by pit, then id
        assert uow.tables.by_id("nope") is None
