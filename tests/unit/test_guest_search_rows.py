"""Search rows tell namesakes apart and say why they matched; a match on a field the
actor may not see is not listed (SPEC §1, §3)."""

from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from app.actor import Actor
from app.clock import FakeClock
from app.domain import Category, Channel, Guest, Incident, Priority, QuietVisit, Role, Staff, Tier
from app.services.guest_search import MatchReason
from app.services.guests import GuestService
from offline_cache import SqliteStore, open_store

NOW = datetime(2026, 3, 14, 20, 0, tzinfo=UTC)  # 15 March, 07:00 in Sydney
MATEO_1 = Guest("g-m1", "9000000111", "Mateo García", Tier.VIP, "H001", "+61400001204", room="801")
MATEO_2 = Guest("g-m2", "9000000222", "Mateo García", Tier.VVIP, "H002", "+61400005555")
ROOMER = Guest("g-r", "9000000333", "Ines Roomer", Tier.VIP, "H001", "+61400009999", room="1204")
FALCON = Guest(
    "g-f", "9000000444", "Hidden Name", Tier.VIP, "H002", "+61400007777", room="1500",
    quiet=QuietVisit(enabled=True, alias="Mr Falcon"),
)  # fmt: skip
HOST = Actor("H009", Role.HOST, "tab-1")
DESK = Actor("D001", Role.VIP_DESK, "desk-1")
CONCIERGE = Actor("C001", Role.CONCIERGE, "con-1")
PIT_BOSS = Actor("P001", Role.PIT_BOSS, "pit-1")


@pytest.fixture
def service(tmp_path: Path) -> Iterator[GuestService]:
    store: SqliteStore = open_store(tmp_path)
    with store.unit_of_work() as uow:
        for guest in (MATEO_1, MATEO_2, ROOMER, FALCON):
            uow.guests.save(guest)
        uow.staff.save(Staff("H001", "Sophie Laurent", Role.HOST, "x"))
        uow.staff.save(Staff("H002", "Daniel Cho", Role.HOST, "x"))
        for n, days in enumerate((30, 2)):  # Mateo 1's latest visit: two days ago
            uow.incidents.save(
                Incident(
                    id=f"i-{n}",
                    provisional_number=f"TAB1-000{n}",
                    opened_at=NOW - timedelta(days=days),
                    opened_by="P001",
                    priority=Priority.P3,
                    category=Category.OTHER,
                    channel=Channel.ONSITE,
                    summary="",
                    guest_id=MATEO_1.id,
                )
            )
    yield GuestService(store, FakeClock(NOW))
    store.close()


def test_namesakes_differ_by_room_host_and_last_visit(service: GuestService) -> None:
    rows = {r.id: r for r in service.search(DESK, "Mateo García")}
    first, second = rows[MATEO_1.id], rows[MATEO_2.id]
    assert (first.room, first.host_name, first.last_visit) == (
        "801",
        "Sophie Laurent",
        date(2026, 3, 12),  # the latest incident, two days ago (the venue on UTC here)
    )
    assert (second.room, second.host_name, second.last_visit) == ("", "Daniel Cho", None)
    assert first.matched_on is second.matched_on is MatchReason.NAME


def test_a_room_search_says_room_and_phone_matches_say_phone(service: GuestService) -> None:
    rows = {r.id: r.matched_on for r in service.search(DESK, "1204")}
    assert rows == {ROOMER.id: MatchReason.ROOM, MATEO_1.id: MatchReason.PHONE}


def test_phone_endings_are_not_listed_to_a_role_that_may_not_see_phones(
    service: GuestService,
) -> None:
    # The concierge typed a room number: guests whose phone ends so are none of theirs.
    rows = service.search(CONCIERGE, "1204")
    assert [(r.id, r.matched_on, r.room) for r in rows] == [(ROOMER.id, MatchReason.ROOM, "1204")]


def test_rooms_are_not_searchable_by_a_role_that_may_not_see_them(service: GuestService) -> None:
    assert service.search(PIT_BOSS, "1204") == []


def test_a_typed_card_number_says_card(service: GuestService) -> None:
    [row] = service.search(PIT_BOSS, "9000 000 222")
    assert (row.id, row.matched_on, row.card_masked) == (MATEO_2.id, MatchReason.CARD, "••••0222")


def test_a_quiet_guest_is_listed_by_alias_without_room(service: GuestService) -> None:
    [row] = service.search(DESK, "Falcon")
    assert (row.display_name, row.matched_on, row.room) == ("Mr Falcon", MatchReason.NAME, "")
    assert service.search(DESK, "1500") == []  # the hidden room does not find the alias
    assert service.search(HOST, "Hidden") == []  # not their guest: the name stays hidden
    own = Actor("H002", Role.HOST, "tab-2")
    assert service.search(own, "Hidden")[0].display_name == "Hidden Name"


@pytest.mark.parametrize("ending", ["1204", "01204", "001204", "0001204", "00001204", "400001204"])
def test_no_phone_ending_lists_a_guest_to_a_role_that_may_not_see_phones(
    service: GuestService, ending: str
) -> None:
    """Any ending would let a number be rebuilt digit by digit: the one that lists the
    guest, then ten tries for each digit before it."""
    listed = {r.id for r in service.search(CONCIERGE, ending)} | {
        r.id for r in service.search(PIT_BOSS, ending)
    }
    assert MATEO_1.id not in listed
    assert MATEO_1.id in {r.id for r in service.search(DESK, ending)}  # the desk sees phones


@pytest.mark.parametrize("typed", ["+61400001204", "0400 001 204"])
def test_a_whole_number_finds_the_caller_for_any_role(service: GuestService, typed: str) -> None:
    [row] = service.search(CONCIERGE, typed)
    assert (row.id, row.matched_on) == (MATEO_1.id, MatchReason.PHONE)


def test_a_room_finds_nobody_for_a_pit_boss_and_the_guest_for_a_concierge(
    service: GuestService,
) -> None:
    assert service.search(PIT_BOSS, "801") == []
    [row] = service.search(CONCIERGE, "801")
    assert (row.id, row.matched_on, row.room) == (MATEO_1.id, MatchReason.ROOM, "801")
