"""The strip's three figures (``kpi.strip``): every role with a board sees them, nothing
more; they are the full report's own figures, audited like any live view, and travel as
JSON that a console refuses when it does not add up."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest

from app.actor import Actor
from app.clock import FakeClock
from app.domain import Role
from app.kpis import StripFigures, strip_from_json, strip_of, strip_to_json
from app.permissions import Action
from app.policy import load_policy
from app.services.errors import PermissionDenied
from app.services.kpis import LIVE_WINDOW, KpiService, KpiSource
from offline_cache import SqliteStore, open_store
from tests.unit.kpi_fixtures import NOW, cases

BOSS = Actor("P001", Role.PIT_BOSS, "TAB-1", session_id="s-boss")
HOST = Actor("H001", Role.HOST, "TAB-2", session_id="s-host")
DESK = Actor("D001", Role.VIP_DESK, "TAB-3", session_id="s-desk")
CONCIERGE = Actor("C001", Role.CONCIERGE, "TAB-4", session_id="s-concierge")


@pytest.fixture
def store(tmp_path: Path) -> Iterator[SqliteStore]:
    opened = open_store(tmp_path / "data")
    with opened.unit_of_work() as uow:
        uow.incidents.save_many(c.incident for c in cases())
    yield opened
    opened.close()


@pytest.fixture
def service(store: SqliteStore) -> KpiService:
    return KpiService(store, FakeClock(NOW), load_policy())


def audited(store: SqliteStore, action: str) -> list[str]:
    with store.unit_of_work() as uow:
        return [e.staff_id for e in uow.audit.recent(100) if e.action == action]


@pytest.mark.parametrize("actor", [HOST, DESK, BOSS], ids=lambda a: a.role.value)
def test_the_strip_is_the_full_reports_three_figures(service: KpiService, actor: Actor) -> None:
    full = service.report(BOSS, NOW - LIVE_WINDOW, NOW)
    live = service.local_strip(actor)
    assert live.source is KpiSource.CONSOLE
    figures = live.figures
    assert figures.sla == full.ratios["sla"]
    assert figures.sla_reached() is full.reached("sla")
    assert figures.open_now == sum(full.backlog.values()) > 0
    assert figures.aged == full.backlog["4h_24h"] + full.backlog["over_24h"]
    assert (figures.p1, figures.triggers) == (full.p1, sum(full.triggers.values()))
    assert figures.p1 > 0  # the fixtures have P1s: a strip of zeros would prove nothing


def test_a_host_sees_the_strip_and_never_the_report(
    service: KpiService, store: SqliteStore
) -> None:
    service.local_strip(HOST)
    service.local_strip(HOST)  # a refresh within the hour: audited once
    assert audited(store, "kpi.strip") == ["H001"]
    with pytest.raises(PermissionDenied):
        service.local(HOST)
    with pytest.raises(PermissionDenied):
        service.report(HOST, NOW - LIVE_WINDOW, NOW)


def test_the_concierge_has_no_board_and_no_strip(service: KpiService, store: SqliteStore) -> None:
    async def helpdesk(actor: Actor, since: datetime, until: datetime) -> StripFigures:
        raise AssertionError("a refused role never reaches the helpdesk")

    service.online_strip = helpdesk
    with pytest.raises(PermissionDenied):
        service.local_strip(CONCIERGE)
    with pytest.raises(PermissionDenied):
        asyncio.run(service.remote_strip(CONCIERGE))
    with store.unit_of_work() as uow:
        entry = uow.audit.recent(1)[0]
    assert (entry.action, entry.detail) == ("permission.denied", "kpi.strip")


def test_the_helpdesks_strip_is_asked_over_the_live_window(service: KpiService) -> None:
    theirs = service.local_strip(HOST).figures
    asked: list[tuple[datetime, datetime]] = []

    async def helpdesk(actor: Actor, since: datetime, until: datetime) -> StripFigures:
        asked.append((since, until))
        return theirs

    service.online_strip = helpdesk
    live = asyncio.run(service.remote_strip(HOST))
    assert live is not None and live.source is KpiSource.HELPDESK
    assert live.figures == theirs
    assert asked == [(NOW - LIVE_WINDOW, NOW)]


def test_the_helpdesks_strip_shown_is_audited_here(service: KpiService, store: SqliteStore) -> None:
    service.note_remote_view(HOST, Action.KPI_STRIP)
    with store.unit_of_work() as uow:
        [entry] = [e for e in uow.audit.recent(100) if e.action == "kpi.strip"]
    assert (entry.staff_id, entry.detail.split()[0]) == ("H001", "helpdesk")
    with pytest.raises(PermissionDenied):  # the full report's right is another
        service.note_remote_view(HOST, Action.KPI_VIEW)


def test_the_strip_travels_as_json_and_back(service: KpiService) -> None:
    figures = strip_of(service.report(BOSS, NOW - LIVE_WINDOW, NOW))
    assert strip_from_json(strip_to_json(figures)) == figures


@pytest.mark.parametrize(
    "broken",
    [{"open_now": -1}, {"aged": 99}, {"p1": "many"}, {"sla": {}}, {"as_of": "yesterday"}],
    ids=["negative", "more-aged-than-open", "not-a-number", "no-ratio", "bad-time"],
)
def test_a_strip_that_does_not_add_up_is_refused(
    service: KpiService, broken: dict[str, object]
) -> None:
    good = strip_to_json(strip_of(service.report(BOSS, NOW - LIVE_WINDOW, NOW)))
    with pytest.raises((KeyError, TypeError, ValueError)):
        strip_from_json({**good, **broken})
