"""Guests in the offline store: exact round-trips, uniqueness, lookups and search."""

import dataclasses
from decimal import Decimal
from enum import StrEnum

import pytest
from sqlalchemy.exc import IntegrityError

from app.domain import Guest, QuietVisit
from offline_cache import SqliteStore
from offline_cache.rows import RowMapper
from tests.unit.store_fixtures import full_guest, plain_guest, store

__all__ = ["store"]  # the fixture, imported for pytest


@pytest.mark.parametrize("name", ["Zoë Ångström", "Иван Петров", "王小明"])
def test_a_fully_populated_guest_round_trips_exactly(store: SqliteStore, name: str) -> None:
    guest = full_guest(name=name)
    with store.unit_of_work() as uow:
        uow.guests.save(guest)
    with store.unit_of_work() as uow:
        loaded = uow.guests.by_id(guest.id)
    assert loaded == guest
    assert loaded is not None
    # Decimal equality ignores the exponent; the stored digits must not change.
    assert str(loaded.table_limit) == "5E+4"
    assert str(loaded.theo) == "-0.10"
    assert loaded.itinerary[0].starts_at.utcoffset() is not None


def test_a_guest_with_only_defaults_round_trips(store: SqliteStore) -> None:
    guest = plain_guest("g-2", "42", "Ann")
    with store.unit_of_work() as uow:
        uow.guests.save(guest)
        assert uow.guests.by_id("g-2") == guest


def test_saving_again_updates_the_guest_and_its_search_entry(store: SqliteStore) -> None:
    with store.unit_of_work() as uow:
        uow.guests.save(plain_guest("g-1", "1001", "Olga Smirnova"))
    with store.unit_of_work() as uow:
        uow.guests.save(plain_guest("g-1", "1001", "Olga Ivanova", credit_line=Decimal("1")))
    with store.unit_of_work() as uow:
        assert uow.guests.count() == 1
        assert uow.guests.by_card("1001") == plain_guest(
            "g-1", "1001", "Olga Ivanova", credit_line=Decimal("1")
        )
        assert [g.id for g in uow.guests.search("Ivan")] == ["g-1"]
        assert uow.guests.search("Smir") == []


def test_two_guests_cannot_share_a_card_number(store: SqliteStore) -> None:
    with store.unit_of_work() as uow:
        uow.guests.save(plain_guest("g-1", "1001", "A"))
    with pytest.raises(IntegrityError), store.unit_of_work() as uow:
        uow.guests.save(plain_guest("g-2", "1001", "B"))
    with store.unit_of_work() as uow:
        assert uow.guests.count() == 1


def test_lookup_by_card_phone_and_host(store: SqliteStore) -> None:
    with store.unit_of_work() as uow:
        uow.guests.save_many(
            [
                plain_guest("g-1", "1001", "A", phone="+61 412 345 678", host_id="H1"),
                plain_guest("g-2", "1002", "B", phone="+61412000111", host_id="H1"),
                plain_guest("g-3", "1003", "C", phone="+85291234567", host_id="H2"),
            ]
        )
    with store.unit_of_work() as uow:
        card_holder = uow.guests.by_card("1002")
        assert card_holder is not None and card_holder.id == "g-2"
        assert uow.guests.by_card("9999") is None
        assert [g.id for g in uow.guests.by_phone("+61412345678")] == ["g-1"]
        # Caller id in national format: trunk "0" instead of the country code.
        assert [g.id for g in uow.guests.by_phone("0412 345 678")] == ["g-1"]
        assert uow.guests.by_phone("+61499999999") == []
        assert sorted(g.id for g in uow.guests.by_host("H1")) == ["g-1", "g-2"]
        assert uow.guests.count() == 3


def test_save_many_updates_existing_guests(store: SqliteStore) -> None:
    with store.unit_of_work() as uow:
        uow.guests.save_many([plain_guest(f"g-{n}", str(n), f"Guest {n}") for n in range(50)])
    with store.unit_of_work() as uow:
        uow.guests.save_many([plain_guest("g-7", "7", "Renamed Seven")])
    with store.unit_of_work() as uow:
        assert uow.guests.count() == 50
        assert [g.id for g in uow.guests.search("Renamed")] == ["g-7"]
        assert uow.guests.by_card("7") == plain_guest("g-7", "7", "Renamed Seven")


def test_guests_sharing_and_not_sharing_quiet_flags_and_languages_round_trip(
    store: SqliteStore,
) -> None:
    # Their JSON text is remembered per value: each guest must still get its own.
    quiet = [QuietVisit(), QuietVisit(enabled=True, alias="Mr White"), QuietVisit(alias="Ms Grey")]
    guests = [
        dataclasses.replace(
            plain_guest(f"g-{n}", str(n), f"Guest {n}"),
            quiet=quiet[n % 3],
            languages=(("en",), ("en", "fr"), ())[n % 2 + n % 5 // 4],
        )
        for n in range(30)
    ]
    with store.unit_of_work() as uow:
        uow.guests.save_many(guests)
    with store.unit_of_work() as uow:
        assert [uow.guests.by_id(g.id) for g in guests] == guests


def test_only_fields_whose_equal_values_encode_alike_are_remembered() -> None:
    # Decimal("1.0") == Decimal("1.00"): a remembered text would change the digits.
    with pytest.raises(ValueError, match="rg"):
        RowMapper(Guest, repeated=("rg",))


@pytest.fixture
def search_store(store: SqliteStore) -> SqliteStore:
    guests = [
        plain_guest("zoe", "5001", "Zoë Dubois", phone="+33612345678"),
        plain_guest("zoey", "5002", "Zoey Smith"),
        plain_guest("ivan", "5003", "Иван Петров", phone="+79161234567", room="1203"),
        plain_guest("ivanna", "5004", "Иванна Орлова"),
        plain_guest("soloviev", "5009", "Дмитрий Соловьёв"),
        plain_guest("lars", "5010", "Lars Løkke"),
        plain_guest("wang", "5005", "王小明", phone="+8613800001234"),
        plain_guest("wang2", "5006", "王芳"),
        plain_guest("kim", "5007", "김민준"),
        plain_guest("card", "4321", "Card Namesake"),
        plain_guest("alias", "5008", "Real Name", quiet=full_guest().quiet),
    ]
    with store.unit_of_work() as uow:
        uow.guests.save_many(guests)
    return store


def search_ids(store: SqliteStore, text: str, limit: int = 20) -> list[str]:
    with store.unit_of_work() as uow:
        return [guest.id for guest in uow.guests.search(text, limit)]


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("Zoe", {"zoe", "zoey"}),  # diacritics folded
        ("zoë", {"zoe", "zoey"}),
        ("ZOE DUB", {"zoe"}),  # every word a prefix
        ("dubois", {"zoe"}),  # any word of the name
        ("Ива", {"ivan", "ivanna"}),  # Cyrillic, case folded
        ("соловьев", {"soloviev"}),  # ё typed as е
        ("Соловьё", {"soloviev"}),
        ("lokke", {"lars"}),  # a letter unicode61 does not fold by itself
        ("иван п", {"ivan"}),
        ("王", {"wang", "wang2"}),  # CJK family name
        ("小明", {"wang"}),  # CJK given name, inside the name
        ("王小", {"wang"}),
        ("민준", {"kim"}),  # Hangul
        ("Lotus", {"alias"}),  # a quiet-visit alias
    ],
)
def test_search_by_name_in_any_script(
    search_store: SqliteStore, typed: str, expected: set[str]
) -> None:
    assert set(search_ids(search_store, typed)) == expected


def test_search_ranks_an_exact_name_before_longer_ones(search_store: SqliteStore) -> None:
    assert search_ids(search_store, "иван")[0] == "ivan"


def test_search_by_phone_digits_and_room(search_store: SqliteStore) -> None:
    assert search_ids(search_store, "1234") == ["wang"]  # last four digits
    assert search_ids(search_store, "+7 916 123-45-67") == ["ivan"]  # whole number
    assert search_ids(search_store, "5678") == ["zoe"]
    assert search_ids(search_store, "1203") == ["ivan"]  # room


def test_search_puts_the_exact_card_first(search_store: SqliteStore) -> None:
    with search_store.unit_of_work() as uow:
        uow.guests.save(plain_guest("tail", "7777", "Tail", phone="+61400004321"))
    assert search_ids(search_store, "4321") == ["card", "tail"]


def test_search_ignores_fts_syntax_and_respects_the_limit(search_store: SqliteStore) -> None:
    assert search_ids(search_store, '"') == []
    assert search_ids(search_store, "NEAR(zoe OR *") == []
    assert search_ids(search_store, "  ") == []
    assert len(search_ids(search_store, "Zo", limit=1)) == 1


def test_search_returns_domain_guests(search_store: SqliteStore) -> None:
    with search_store.unit_of_work() as uow:
        found = uow.guests.search("Zoë Dub")
    assert found and dataclasses.is_dataclass(found[0])
    assert found[0] == plain_guest("zoe", "5001", "Zoë Dubois", phone="+33612345678")


def test_many_guests_are_read_by_id_at_once_past_the_parameter_limit(store: SqliteStore) -> None:
    guests = [plain_guest(f"g-{n}", str(5000 + n), f"Guest {n}") for n in range(1_200)]
    with store.unit_of_work() as uow:
        uow.guests.save_many(guests)
    wanted = [f"g-{n}" for n in range(0, 1_200, 2)] + ["g-missing", "g-10", "g-10"]
    with store.reading() as uow:
        found = uow.guests.by_ids(wanted)
    assert set(found) == {f"g-{n}" for n in range(0, 1_200, 2)}  # no unknown id, no dup
    assert found["g-1198"] == guests[1198] and found["g-10"] == guests[10]


def test_absent_values_are_stored_as_sql_null(store: SqliteStore) -> None:
    """None goes through the driver's registered adapter (offline_cache.encryption):
    bound as NULL, not as text, whether saved one by one or in bulk."""
    with store.unit_of_work() as uow:
        uow.guests.save(plain_guest("g-1", "1001", "Ann"))
        uow.guests.save_many([plain_guest("g-2", "1002", "Bo", credit_line=Decimal("7"))])
    with store.unit_of_work() as uow:
        rows = uow.guests._conn.exec_driver_sql(  # type: ignore[attr-defined]
            "SELECT id, typeof(credit_line), typeof(host_id), code_word_hash IS NULL"
            " FROM guests ORDER BY id"
        ).all()
    assert [tuple(row) for row in rows] == [("g-1", "null", "null", 1), ("g-2", "text", "null", 1)]


def test_card_holders_finds_each_held_card_across_chunks(store: SqliteStore) -> None:
    guests = [plain_guest(f"g-{n}", str(10_000 + n), f"Guest {n}") for n in range(1_200)]
    with store.unit_of_work() as uow:
        uow.guests.save_many(guests)
    asked = [str(10_000 + n) for n in range(0, 1_200, 3)] + ["99", "100"] * 300
    with store.unit_of_work() as uow:
        holders = uow.guests.card_holders(asked)
    assert holders == {str(10_000 + n): f"g-{n}" for n in range(0, 1_200, 3)}


def test_a_text_field_holding_a_str_enum_is_stored_as_its_value(store: SqliteStore) -> None:
    """Bulk rows take text fields as they are (offline_cache.rows ``values``): the
    driver binds a StrEnum as its text, which is the codec's ``.value``."""

    class Status(StrEnum):
        CLEARED = "cleared"

    guest = dataclasses.replace(plain_guest("g-1", "1001", "Ann"), sof_sow_status=Status.CLEARED)
    with store.unit_of_work() as uow:
        uow.guests.save_many([guest])
    with store.unit_of_work() as uow:
        loaded = uow.guests.by_id("g-1")
    assert loaded is not None and type(loaded.sof_sow_status) is str
    assert loaded.sof_sow_status == "cleared"
