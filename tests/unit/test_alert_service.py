"""The alert inbox on the real SQLite store: what a host finds at sign-in, kept once,
read and unread, audited, and still there when the console is opened again."""

from datetime import timedelta
from pathlib import Path

import pytest

from app.actor import Actor
from app.alerts import AlertKind
from app.clock import FakeClock
from app.domain import IncidentStatus, Role
from app.policy import load_policy
from app.services.alerts import AlertService
from app.services.incidents import IncidentService
from offline_cache import SqliteStore, open_store
from tests.unit import test_incident_service as incident_tests
from tests.unit.test_incident_service import (
    CONCIERGE,
    DESK,
    PIT_BOSS,
    T0,
    audit_actions,
    table_draft,
)

store = incident_tests.store  # the fixture: a store with the quiet guest and table BJ-301
HOST = Actor("H001", Role.HOST, "TAB-3")  # the quiet guest's own host

POLICY = load_policy()


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(T0)


@pytest.fixture
def alerts(store: SqliteStore, clock: FakeClock) -> AlertService:
    return AlertService(store, clock, POLICY)


@pytest.fixture
def incidents(store: SqliteStore, clock: FakeClock) -> IncidentService:
    return IncidentService(store, clock, POLICY)


def test_a_host_starting_a_shift_sees_the_p1_that_hit_his_guest_an_hour_ago(
    alerts: AlertService, incidents: IncidentService, clock: FakeClock, store: SqliteStore
) -> None:
    p1 = incidents.open(PIT_BOSS, table_draft())
    clock.advance(timedelta(hours=1))
    new = alerts.check(HOST)  # his first sign-in on this console
    kinds = {a.kind for a in new if a.incident_id == p1.id}
    assert AlertKind.ROUTED_TO_YOU in kinds and AlertKind.ESCALATED in kinds
    assert all(a.recipient_id == HOST.staff_id and a.unread for a in new)
    assert alerts.announced(HOST, [a.id for a in new]) == len(new)  # the banner showed them
    assert alerts.check(HOST) == []  # seen once: kept once
    assert alerts.unread_count(HOST) == len(new)
    assert "alert.delivered" in audit_actions(store)


def test_sign_out_then_in_brings_what_happened_while_away(
    alerts: AlertService, incidents: IncidentService, clock: FakeClock
) -> None:
    assert alerts.check(HOST) == []
    clock.advance(timedelta(minutes=5))  # signed out
    p1 = incidents.open(PIT_BOSS, table_draft())
    clock.advance(timedelta(minutes=40))  # signs in again
    new = alerts.check(HOST)
    assert {a.incident_id for a in new} == {p1.id}
    assert [a.at for a in new] == sorted(a.at for a in new)


def test_an_incident_opened_and_resolved_while_away_is_still_told(
    alerts: AlertService, incidents: IncidentService, clock: FakeClock
) -> None:
    assert alerts.check(HOST) == []
    clock.advance(timedelta(minutes=5))  # signed out for a break
    p1 = incidents.open(PIT_BOSS, table_draft())
    clock.advance(timedelta(minutes=10))
    incidents.change_status(PIT_BOSS, p1.id, IncidentStatus.RESOLVED)
    clock.advance(timedelta(minutes=20))  # back: the incident is over, the host hears of it
    new = alerts.check(HOST)
    assert AlertKind.ROUTED_TO_YOU in {a.kind for a in new if a.incident_id == p1.id}
    alerts.announced(HOST, [a.id for a in new])
    assert alerts.check(HOST) == []  # and only once


def test_alerts_nobody_was_shown_are_announced_by_the_next_check(
    alerts: AlertService, incidents: IncidentService, clock: FakeClock
) -> None:
    """A check whose answer nobody saw (its page went at a sign-out while it ran): its
    alerts are the next check's, until a screen says it showed them or they are read."""
    p1 = incidents.open(PIT_BOSS, table_draft())
    clock.advance(timedelta(minutes=1))
    unseen = alerts.check(HOST)
    assert unseen and all(a.incident_id == p1.id for a in unseen)
    clock.advance(timedelta(minutes=30))  # signs in again
    again = alerts.check(HOST)
    assert {a.id for a in unseen} <= {a.id for a in again}  # with what came since
    assert alerts.mark_read(HOST, [again[0].id]) == 1  # read in the inbox: not announced
    assert alerts.announced(PIT_BOSS, [a.id for a in again]) == 0  # not his
    assert [a.id for a in alerts.check(HOST)] == [a.id for a in again[1:]]
    assert alerts.announced(HOST, [a.id for a in again[1:]]) == len(again) - 1
    assert alerts.check(HOST) == []


def test_read_and_unread_are_the_owners_alone_and_audited(
    alerts: AlertService, incidents: IncidentService, clock: FakeClock, store: SqliteStore
) -> None:
    incidents.open(PIT_BOSS, table_draft())
    clock.advance(timedelta(minutes=1))
    new = alerts.check(HOST)
    assert new
    assert alerts.mark_read(PIT_BOSS, [a.id for a in new]) == 0  # not his
    assert alerts.mark_read(HOST, [new[0].id]) == 1
    assert alerts.unread_count(HOST) == len(new) - 1
    assert [a.read_at is not None for a in alerts.inbox(HOST)].count(True) == 1
    assert "alert.read" in audit_actions(store)


def test_least_privilege_the_concierge_and_desk_are_told_nothing(
    alerts: AlertService, incidents: IncidentService, clock: FakeClock
) -> None:
    incidents.open(PIT_BOSS, table_draft())
    clock.advance(timedelta(minutes=40))
    assert alerts.check(CONCIERGE) == [] and alerts.check(DESK) == []
    boss = alerts.check(PIT_BOSS)
    assert boss and all(a.guest_name == "" for a in boss)  # no guest's name to the floor


def test_the_inbox_outlives_the_console(
    alerts: AlertService, incidents: IncidentService, clock: FakeClock, tmp_path: Path
) -> None:
    incidents.open(PIT_BOSS, table_draft())
    clock.advance(timedelta(minutes=2))
    kept = alerts.check(HOST)
    again = open_store(tmp_path / "data")  # the console opened again on the same files
    try:
        inbox = AlertService(again, clock, POLICY).inbox(HOST)
        assert {a.id for a in inbox} == {a.id for a in kept} and kept
        assert [a.at for a in inbox] == sorted((a.at for a in inbox), reverse=True)
    finally:
        again.close()


def test_the_sound_is_a_device_setting_kept_and_audited(
    store: SqliteStore, clock: FakeClock, tmp_path: Path
) -> None:
    device = tmp_path / "device"
    device.mkdir()
    service = AlertService(store, clock, POLICY, device)
    assert service.sound_enabled()  # loud by default: a casino floor
    service.set_sound(HOST, False)
    assert not AlertService(store, clock, POLICY, device).sound_enabled()  # after a restart
    assert "alert_sound = false" in (device / "settings.toml").read_text(encoding="utf-8")
    assert "device.alert_sound" in audit_actions(store)


@pytest.mark.parametrize("late_by", [timedelta(seconds=3), timedelta(hours=2)])
def test_an_incident_that_reaches_this_store_after_a_check_is_still_told(
    alerts: AlertService, incidents: IncidentService, clock: FakeClock, late_by: timedelta
) -> None:
    """Opened on another tablet at T0, synced here after this host's check at T0 + late_by
    (the feed's few seconds, or a tablet offline for two hours): it happened before the
    host's mark and is news to them all the same."""
    clock.set(T0 + late_by)
    assert alerts.check(HOST) == []  # nothing yet on this console
    clock.set(T0)  # the other tablet's moment...
    p1 = incidents.open(PIT_BOSS, table_draft())  # ...as the sync stores it here
    clock.set(T0 + late_by + timedelta(seconds=3))
    told = alerts.check(HOST)
    assert AlertKind.ROUTED_TO_YOU in {a.kind for a in told if a.incident_id == p1.id}
    alerts.announced(HOST, [a.id for a in told])
    assert alerts.check(HOST) == []  # and once
