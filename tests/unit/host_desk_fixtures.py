"""A real store in tmp_path with two hosts, one desk agent and a few guests."""

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from app.actor import Actor
from app.clock import FakeClock
from app.domain import Guest, PreferenceCard, QuietVisit, ResponsibleGambling, Role, Staff, Tier
from offline_cache import SqliteStore, open_store

NOW = datetime(2026, 11, 27, 9, 30, tzinfo=UTC)
HOST = Actor("H001", Role.HOST, "TAB-1")
OTHER_HOST = Actor("H002", Role.HOST, "TAB-1")
DESK = Actor("D001", Role.VIP_DESK, "TAB-1")
CONCIERGE = Actor("C001", Role.CONCIERGE, "TAB-1")
PIT_BOSS = Actor("P001", Role.PIT_BOSS, "TAB-1")


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(NOW)


@pytest.fixture
def store(tmp_path: Path) -> Iterator[SqliteStore]:
    opened = open_store(tmp_path / "data")
    with opened.unit_of_work() as uow:
        for staff_id, role in (("H001", Role.HOST), ("H002", Role.HOST), ("D001", Role.VIP_DESK)):
            uow.staff.save(Staff(staff_id, staff_id, role, pin_hash="x"))
        uow.guests.save(
            Guest(
                "g-1",
                "9000000000001",
                "Ada",
                Tier.VIP,
                host_id="H001",
                preferences=PreferenceCard(drinks=("tea",)),
                quiet=QuietVisit(enabled=True, alias="Mr. A"),
            )
        )
        uow.guests.save(Guest("g-2", "9000000000002", "Bo", Tier.VVIP, host_id="H001"))
        uow.guests.save(
            Guest(
                "g-3",
                "9000000000003",
                "Cy",
                Tier.VIP,
                host_id="H002",
                rg=ResponsibleGambling(self_excluded=True),
            )
        )
    yield opened
    opened.close()
