"""Every write of the incident service queues its outbox rows in the same unit of work."""

from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import pytest

from app.actor import Actor
from app.clock import FakeClock
from app.domain import Category, EventKind, IncidentStatus, Priority, Role
from app.policy import load_policy
from app.services.errors import PermissionDenied
from app.services.incidents import IncidentDraft, IncidentService, InvalidIncident
from app.sync.outbox import OutboxEntry, OutboxKind
from offline_cache import SqliteStore, open_store

T0 = datetime(2026, 11, 25, 9, 0, tzinfo=UTC)
PIT_BOSS = Actor("P001", Role.PIT_BOSS, "TAB-1")
CONCIERGE = Actor("C001", Role.CONCIERGE, "TAB-2")


@pytest.fixture
def store(tmp_path: Path) -> Iterator[SqliteStore]:
    opened = open_store(tmp_path / "data")
    yield opened
    opened.close()


@pytest.fixture
def service(store: SqliteStore) -> IncidentService:
    return IncidentService(store, FakeClock(T0), load_policy())


def rows(store: SqliteStore, incident_id: str) -> list[OutboxEntry]:
    with store.unit_of_work() as uow:
        return list(uow.outbox.pending_for(incident_id))


def opened(service: IncidentService) -> str:
    draft = IncidentDraft(Priority.P2, Category.EQUIPMENT_DOWN, summary="Shoe jammed")
    return service.open(PIT_BOSS, draft).id


def test_opening_queues_the_create_then_the_opened_event(
    service: IncidentService, store: SqliteStore
) -> None:
    incident_id = opened(service)
    create, event = rows(store, incident_id)
    assert (create.kind, event.kind) == (OutboxKind.INCIDENT_CREATE, OutboxKind.INCIDENT_EVENT)
    assert create.seq < event.seq and create.actor_id == event.actor_id == "P001"
    body = create.payload
    assert body["id"] == incident_id and body["device_id"] == "TAB-1"
    assert body["opened_at"] == "2026-11-25T09:00:00.000Z"
    assert (body["priority"], body["status"], body["summary"]) == ("P2", "new", "Shoe jammed")
    assert event.payload["kind"] == EventKind.OPENED.value


def test_a_status_change_queues_a_patch_with_its_base_then_its_event(
    service: IncidentService, store: SqliteStore
) -> None:
    incident_id = opened(service)
    with store.unit_of_work() as uow:  # as if the helpdesk had answered: version 1
        uow.incidents.set_server_identity(incident_id, "VIP-20001", 1)
    service.change_status(PIT_BOSS, incident_id, IncidentStatus.IN_PROGRESS)
    *_, patch, event = rows(store, incident_id)
    assert patch.kind is OutboxKind.INCIDENT_PATCH and patch.base_version == 1
    assert patch.payload == {"changes": {"status": "in_progress"}, "base": {"status": "new"}}
    assert event.kind is OutboxKind.INCIDENT_EVENT
    assert (event.payload["kind"], event.payload["to_value"]) == ("status_changed", "in_progress")


@pytest.mark.parametrize(
    ("act", "kinds"),
    [
        (lambda s, i: s.add_note(PIT_BOSS, i, "Dealer swapped"), ["incident.event"]),
        (
            lambda s, i: s.record_milestone(PIT_BOSS, i, EventKind.REACTED),
            ["incident.patch", "incident.event", "incident.event"],
        ),
        (
            lambda s, i: s.escalate(PIT_BOSS, i, 2, "Guest upset"),
            ["incident.patch", "incident.event"],
        ),
    ],
    ids=[
        "note: append-only event",
        "milestone: its event, and New moves to In progress",
        "escalation: patch and event",
    ],
)
def test_each_write_queues_what_it_changed(
    service: IncidentService, store: SqliteStore, act: object, kinds: list[str]
) -> None:
    incident_id = opened(service)
    act(service, incident_id)  # type: ignore[operator]
    assert [row.kind.value for row in rows(store, incident_id)[2:]] == kinds


def test_a_refused_change_queues_nothing(service: IncidentService, store: SqliteStore) -> None:
    incident_id = opened(service)
    with pytest.raises(InvalidIncident):
        service.change_status(PIT_BOSS, incident_id, IncidentStatus.CLOSED)  # not from new
    with pytest.raises(PermissionDenied):
        service.escalate(CONCIERGE, incident_id, 2, "not allowed")
    assert len(rows(store, incident_id)) == 2  # the create and its event only


def test_a_patch_made_before_the_create_was_answered_waits_for_its_version(
    service: IncidentService, store: SqliteStore
) -> None:
    incident_id = opened(service)
    service.change_status(PIT_BOSS, incident_id, IncidentStatus.WAITING)
    patch = rows(store, incident_id)[2]
    assert patch.base_version is None  # the create's answer will give it one (rebase)
    with store.unit_of_work() as uow:
        incident = uow.incidents.by_id(incident_id)
    assert incident is not None and replace(incident, events=()).version is None
