"""The guest's satisfaction on resolve: one answer per resolution, recorded on the
incident and its timeline, audited and queued for the helpdesk in one transaction."""

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from app.actor import Actor
from app.clock import FakeClock
from app.domain import Category, Channel, EventKind, IncidentStatus, Priority, Role, Satisfaction
from app.policy import load_policy
from app.services.errors import PermissionDenied
from app.services.incident_detail import Step
from app.services.incidents import IncidentDraft, IncidentService, InvalidIncident
from app.sync.outbox import OutboxKind
from offline_cache import SqliteStore, open_store

T0 = datetime(2026, 11, 25, 9, 0, tzinfo=UTC)
PIT_BOSS = Actor("P001", Role.PIT_BOSS, "TAB-1")
CONCIERGE = Actor("C001", Role.CONCIERGE, "TAB-2")
DRAFT = IncidentDraft(Priority.P3, Category.SERVICE_WAIT, Channel.ONSITE, "Drinks late")


@pytest.fixture
def store(tmp_path: Path) -> Iterator[SqliteStore]:
    opened = open_store(tmp_path / "data")
    yield opened
    opened.close()


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(T0)


@pytest.fixture
def service(store: SqliteStore, clock: FakeClock) -> IncidentService:
    return IncidentService(store, clock, load_policy())


def resolved(service: IncidentService, clock: FakeClock) -> str:
    incident = service.open(PIT_BOSS, DRAFT)
    clock.advance(timedelta(minutes=5))
    service.change_status(PIT_BOSS, incident.id, IncidentStatus.RESOLVED)
    clock.advance(timedelta(seconds=20))
    return incident.id


def test_the_answer_is_stored_audited_and_queued_for_the_helpdesk(
    service: IncidentService, store: SqliteStore, clock: FakeClock
) -> None:
    incident_id = resolved(service, clock)
    answer = service.record_satisfaction(PIT_BOSS, incident_id, Satisfaction.VERY_HAPPY)
    assert answer.satisfaction is Satisfaction.VERY_HAPPY
    with store.unit_of_work() as uow:
        stored = uow.incidents.by_id(incident_id)
        audit = [(e.action, e.detail) for e in uow.audit.recent(5)]
        queued = list(uow.outbox.pending_for(incident_id))
    assert stored is not None and stored.satisfaction is Satisfaction.VERY_HAPPY
    last = stored.events[-1]
    assert (last.kind, last.to_value) == (EventKind.SATISFACTION_RECORDED, "very_happy")
    assert audit[0] == ("incident.change_status", "satisfaction very_happy")
    patch, event = queued[-2:]
    assert patch.kind is OutboxKind.INCIDENT_PATCH
    assert patch.payload["changes"] == {"satisfaction": "very_happy"}
    assert patch.payload["base"] == {"satisfaction": None}
    assert event.kind is OutboxKind.INCIDENT_EVENT
    assert event.payload["kind"] == "satisfaction_recorded"


def test_not_asked_is_recorded_as_such(service: IncidentService, clock: FakeClock) -> None:
    incident_id = resolved(service, clock)
    answer = service.record_satisfaction(PIT_BOSS, incident_id, Satisfaction.NOT_ASKED)
    assert answer.satisfaction is Satisfaction.NOT_ASKED
    assert not Satisfaction.NOT_ASKED.answered


def test_an_open_incident_is_not_asked_and_nothing_is_written(
    service: IncidentService, store: SqliteStore
) -> None:
    incident = service.open(PIT_BOSS, DRAFT)
    with pytest.raises(InvalidIncident) as refused:
        service.record_satisfaction(PIT_BOSS, incident.id, Satisfaction.HAPPY)
    assert refused.value.key == "incident.satisfaction_open"
    with store.unit_of_work() as uow:
        stored = uow.incidents.by_id(incident.id)
    assert stored is not None and stored.satisfaction is None


def test_one_answer_per_resolution_and_again_after_a_reopen(
    service: IncidentService, clock: FakeClock
) -> None:
    incident_id = resolved(service, clock)
    service.record_satisfaction(PIT_BOSS, incident_id, Satisfaction.UNHAPPY)
    with pytest.raises(InvalidIncident) as refused:
        service.record_satisfaction(PIT_BOSS, incident_id, Satisfaction.VERY_HAPPY)
    assert refused.value.key == "incident.satisfaction_recorded"
    clock.advance(timedelta(minutes=1))
    service.change_status(PIT_BOSS, incident_id, IncidentStatus.IN_PROGRESS)
    clock.advance(timedelta(minutes=1))
    service.change_status(PIT_BOSS, incident_id, IncidentStatus.RESOLVED)
    clock.advance(timedelta(seconds=1))
    again = service.record_satisfaction(PIT_BOSS, incident_id, Satisfaction.HAPPY)
    assert again.satisfaction is Satisfaction.HAPPY  # the latest resolution's answer


def test_a_role_that_may_not_resolve_may_not_record_it(
    service: IncidentService, clock: FakeClock
) -> None:
    incident_id = resolved(service, clock)
    with pytest.raises(PermissionDenied):
        service.record_satisfaction(CONCIERGE, incident_id, Satisfaction.HAPPY)


def test_asking_the_guest_is_a_step_until_answered_for_this_resolution(
    service: IncidentService, clock: FakeClock
) -> None:
    incident_id = resolved(service, clock)
    assert Step.SATISFACTION in service.detail(PIT_BOSS, incident_id).steps
    service.record_satisfaction(PIT_BOSS, incident_id, Satisfaction.NOT_ASKED)
    assert Step.SATISFACTION not in service.detail(PIT_BOSS, incident_id).steps
