"""The console's KPIs from its own store (offline): the same figures as the definitions'
tests, for the roles that may see them, audited."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest

from app.actor import Actor
from app.clock import FakeClock
from app.domain import Guest, Role, Tier
from app.policy import load_policy
from app.services.errors import PermissionDenied, ServiceError
from app.services.kpis import KpiService
from offline_cache import SqliteStore, open_store
from tests.unit.kpi_fixtures import NOW, SINCE, cases

PIT_BOSS = Actor("P001", Role.PIT_BOSS, "TAB-1")
HOST = Actor("H001", Role.HOST, "TAB-2")
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
def service(store: SqliteStore) -> KpiService:
    return KpiService(store, FakeClock(NOW), load_policy())


def test_the_store_gives_the_hand_computed_figures(service: KpiService, store: SqliteStore) -> None:
    report = service.report(PIT_BOSS, SINCE, NOW)
    assert report.opened == 10
    assert {k: (r.numerator, r.denominator) for k, r in report.ratios.items()} == {
        "sla": (4, 8),
        "reach": (1, 2),
        "decide": (1, 2),
        "response": (2, 4),
        "fcr": (4, 6),
        "reopen": (1, 6),
        "csat": (2, 3),
        "recovery": (1, 3),
    }
    assert (report.sla_by_tier[Tier.VVIP].numerator, report.sla_by_tier[Tier.VVIP].denominator) == (
        1,
        1,
    )
    assert report.backlog == {"under_1h": 1, "1h_4h": 1, "4h_24h": 1, "over_24h": 2}
    with store.unit_of_work() as uow:
        assert uow.audit.recent(1)[0].action == "kpi.view"


def test_a_role_without_the_kpi_right_is_refused_and_audited(
    service: KpiService, store: SqliteStore
) -> None:
    with pytest.raises(PermissionDenied):
        service.report(HOST, SINCE, NOW)
    with store.unit_of_work() as uow:
        entry = uow.audit.recent(1)[0]
    assert (entry.action, entry.detail) == ("permission.denied", "kpi.view")


def test_an_empty_period_is_refused(service: KpiService) -> None:
    with pytest.raises(ServiceError) as refused:
        service.report(PIT_BOSS, NOW, SINCE)
    assert refused.value.key == "kpis.empty_window"
