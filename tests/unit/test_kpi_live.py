"""The live KPIs a console shows: the helpdesk's when it answers, else the store's; the
same right checked either way; a live view audited when it starts and then hourly, not
at every refresh."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from dataclasses import replace
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from app.actor import Actor
from app.clock import FakeClock
from app.domain import Guest, Role, Tier
from app.kpis import KpiReport
from app.policy import load_policy
from app.services.errors import PermissionDenied
from app.services.kpis import LIVE_AUDIT_EVERY, LIVE_WINDOW, KpiService, KpiSource
from offline_cache import SqliteStore, open_store
from tests.unit.kpi_fixtures import NOW, cases

BOSS = Actor("P001", Role.PIT_BOSS, "TAB-1", session_id="s-boss")
MANAGER = Actor("M001", Role.DUTY_MANAGER, "TAB-1", session_id="s-manager")
HOST = Actor("H001", Role.HOST, "TAB-2", session_id="s-host")
VVIP = Guest(id="g-vvip", card_number="9000000002", name="Ada Stone", tier=Tier.VVIP)


@pytest.fixture
def store(tmp_path: Path) -> Iterator[SqliteStore]:
    opened = open_store(tmp_path / "data")
    with opened.unit_of_work() as uow:
        uow.guests.save(VVIP)
        uow.incidents.save_many(
            replace(c.incident, guest_id=VVIP.id) if c.tier is Tier.VVIP else c.incident
            for c in cases()
        )
    yield opened
    opened.close()


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(NOW)


@pytest.fixture
def service(store: SqliteStore, clock: FakeClock) -> KpiService:
    return KpiService(store, clock, load_policy())


def kpi_views(store: SqliteStore) -> list[str]:
    with store.unit_of_work() as uow:
        return [e.staff_id for e in uow.audit.recent(100) if e.action == "kpi.view"]


def test_offline_the_live_view_is_the_stores_over_the_last_day(service: KpiService) -> None:
    live = service.local(MANAGER)
    assert live.source is KpiSource.CONSOLE
    assert (live.report.since, live.report.until) == (NOW - LIVE_WINDOW, NOW)
    same = service.report(MANAGER, NOW - LIVE_WINDOW, NOW)
    assert live.report.ratios == same.ratios
    assert live.report.backlog == same.backlog  # now's, whatever the period


def test_a_live_view_is_audited_when_it_starts_then_hourly(
    service: KpiService, store: SqliteStore, clock: FakeClock
) -> None:
    for _ in range(5):  # five refreshes after writes on the floor
        service.local(BOSS)
    assert kpi_views(store) == ["P001"]
    clock.advance(LIVE_AUDIT_EVERY + timedelta(seconds=1))
    service.local(BOSS)
    assert kpi_views(store) == ["P001", "P001"]
    service.local(MANAGER)  # another person's view starts: audited at once
    assert kpi_views(store) == ["M001", "P001", "P001"]


def test_the_helpdesks_figures_shown_are_audited_here_as_a_live_view(
    service: KpiService, store: SqliteStore
) -> None:
    service.note_remote_view(MANAGER)
    service.note_remote_view(MANAGER)  # a refresh: not again within the hour
    with store.unit_of_work() as uow:
        [entry] = [e for e in uow.audit.recent(100) if e.action == "kpi.view"]
    assert (entry.staff_id, entry.detail.split()[0]) == ("M001", "helpdesk")
    service.local(MANAGER)  # the same live view, now from the store: already audited
    assert kpi_views(store) == ["M001"]


def test_the_helpdesk_answers_for_the_whole_property(service: KpiService) -> None:
    asked: list[tuple[Actor, datetime, datetime]] = []
    theirs = service.local(MANAGER).report

    async def helpdesk(actor: Actor, since: datetime, until: datetime) -> KpiReport:
        asked.append((actor, since, until))
        return replace(theirs, opened=12345)

    service.online = helpdesk
    live = asyncio.run(service.remote(MANAGER))
    assert live is not None and live.source is KpiSource.HELPDESK
    assert live.report.opened == 12345
    assert asked == [(MANAGER, NOW - LIVE_WINDOW, NOW)]


def test_no_helpdesk_or_no_answer_means_none_and_the_store_next(service: KpiService) -> None:
    assert asyncio.run(service.remote(MANAGER)) is None

    async def silent(actor: Actor, since: datetime, until: datetime) -> None:
        return None

    service.online = silent
    assert asyncio.run(service.remote(MANAGER)) is None


def test_a_role_without_the_right_is_refused_offline_and_online(
    service: KpiService, store: SqliteStore
) -> None:
    async def helpdesk(actor: Actor, since: datetime, until: datetime) -> KpiReport:
        raise AssertionError("a refused role never reaches the helpdesk")

    service.online = helpdesk
    with pytest.raises(PermissionDenied):
        service.local(HOST)
    with pytest.raises(PermissionDenied):
        asyncio.run(service.remote(HOST))
    with store.unit_of_work() as uow:
        entry = uow.audit.recent(1)[0]
    assert (entry.action, entry.detail) == ("permission.denied", "kpi.view")
