"""Incidents: round-trips, append-only timelines, open lists and provisional numbers."""

import sqlite3
from dataclasses import replace
from datetime import timedelta

from app.domain import EventKind, IncidentStatus
from offline_cache import SqliteStore
from tests.unit.store_fixtures import T0, event, full_incident, store

__all__ = ["store"]  # the fixture, imported for pytest


def test_a_fully_populated_incident_round_trips(store: SqliteStore) -> None:
    incident = full_incident()
    with store.unit_of_work() as uow:
        uow.incidents.save(incident)
    with store.unit_of_work() as uow:
        loaded = uow.incidents.by_id("i-1")
    assert loaded == incident
    assert loaded is not None and str(loaded.amount) == "10000.50"


def test_amount_is_stored_as_decimal_text(store: SqliteStore) -> None:
    with store.unit_of_work() as uow:
        uow.incidents.save(full_incident())
    raw = sqlite3.connect(store.path)
    try:
        stored = raw.execute("SELECT amount, typeof(amount) FROM incidents").fetchone()
    finally:
        raw.close()
    assert stored == ("10000.50", "text")


def test_saving_again_appends_only_the_new_events_in_order(store: SqliteStore) -> None:
    incident = full_incident()
    with store.unit_of_work() as uow:
        uow.incidents.save(incident)
    changed = replace(
        incident,
        status=IncidentStatus.WAITING,
        events=(*incident.events, event("i-1", "i-1-e3"), event("i-1", "i-1-e4")),
    )
    with store.unit_of_work() as uow:
        uow.incidents.save(changed)
        uow.incidents.save(changed)  # saving twice adds nothing
    with store.unit_of_work() as uow:
        loaded = uow.incidents.by_id("i-1")
    assert loaded == changed
    assert _event_count(store) == 4


def test_a_stale_copy_cannot_remove_events_but_adds_its_own(store: SqliteStore) -> None:
    incident = full_incident()
    longer = replace(incident, events=(*incident.events, event("i-1", "i-1-e3")))
    stale = replace(incident, events=(*incident.events, event("i-1", "other")))
    with store.unit_of_work() as uow:
        uow.incidents.save(longer)
        uow.incidents.save(stale)
    with store.unit_of_work() as uow:
        loaded = uow.incidents.by_id("i-1")
    assert loaded is not None
    assert [e.id for e in loaded.events] == ["i-1-e1", "i-1-e2", "i-1-e3", "other"]


def test_open_incidents_and_for_guest(store: SqliteStore) -> None:
    statuses = list(IncidentStatus)
    incidents = [
        full_incident(
            incident_id=f"i-{n}",
            provisional_number=f"T-TAB01-{n:06d}",
            status=statuses[n % len(statuses)],
            guest_id=f"g-{n % 3}",
            opened_at=T0 + timedelta(minutes=n),
        )
        for n in range(30)
    ]
    with store.unit_of_work() as uow:
        uow.incidents.save_many(incidents)
    with store.unit_of_work() as uow:
        open_ones = uow.incidents.open_incidents()
        for_guest = uow.incidents.for_guest("g-1")
    assert open_ones == [i for i in incidents if i.is_open]  # oldest first, with events
    assert all(len(i.events) == 2 for i in open_ones)
    assert for_guest == sorted(
        (i for i in incidents if i.guest_id == "g-1"), key=lambda i: i.opened_at, reverse=True
    )


def test_save_many_appends_new_events_to_existing_incidents(store: SqliteStore) -> None:
    first = full_incident()
    with store.unit_of_work() as uow:
        uow.incidents.save_many([first])
    grown = replace(first, events=(*first.events, event("i-1", "i-1-e3", EventKind.REACTED)))
    with store.unit_of_work() as uow:
        uow.incidents.save_many([grown, full_incident("i-2", "T-TAB01-000002")])
    with store.unit_of_work() as uow:
        assert uow.incidents.by_id("i-1") == grown
        assert uow.incidents.by_id("i-2") == full_incident("i-2", "T-TAB01-000002")


def test_provisional_numbers_increase_per_device(store: SqliteStore) -> None:
    with store.unit_of_work() as uow:
        first_a = uow.incidents.next_provisional_number("TAB01")
        second_a = uow.incidents.next_provisional_number("TAB01")
        first_b = uow.incidents.next_provisional_number("DESK2")
    with store.unit_of_work() as uow:
        third_a = uow.incidents.next_provisional_number("TAB01")
    assert [first_a, second_a, third_a] == ["TAB01-0001", "TAB01-0002", "TAB01-0003"]
    assert first_b == "DESK2-0001"


def test_missing_incident_is_none(store: SqliteStore) -> None:
    with store.unit_of_work() as uow:
        assert uow.incidents.by_id("nope") is None
        assert uow.incidents.open_incidents() == []
        assert uow.incidents.for_guest("nobody") == []


def _event_count(store: SqliteStore) -> int:
    raw = sqlite3.connect(store.path)
    try:
        return int(raw.execute("SELECT count(*) FROM incident_events").fetchone()[0])
    finally:
        raw.close()
