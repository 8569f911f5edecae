"""A promise kept (issue 14): ``RecoveryService.deliver`` on a real store, and the
"recovery success" KPI counting only promises delivered (docs/kpis.md)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from app.actor import Actor
from app.clock import FakeClock
from app.domain import (
    Category,
    Channel,
    EventKind,
    Guest,
    Incident,
    Priority,
    Role,
    Satisfaction,
    Tier,
)
from app.domain import IncidentStatus as St
from app.domain.incident import change_status, new_event, record_satisfaction, with_event
from app.kpis import incident_facts
from app.permissions import redact_incident
from app.policy import load_policy
from app.recovery.delivery import Delivery, pending_promises, promise_states
from app.recovery.matrix import RecoveryEvent, load_matrix
from app.services.errors import PermissionDenied
from app.services.recovery import RecoveryRefused, RecoveryService
from offline_cache import SqliteStore, open_store
from tests.unit.failing_store import FailingStore

NOW = datetime(2026, 11, 25, 9, 0, tzinfo=UTC)
POLICY = load_policy()
MATRIX = load_matrix()
HOST = Actor("H001", Role.HOST, "TAB-1")
H, D = timedelta(hours=1), timedelta(days=1)


def room_overbooking() -> Incident:
    return Incident(
        id="i-1",
        provisional_number="TAB-1-0001",
        opened_at=NOW - H,
        opened_by="H001",
        priority=Priority.P2,
        category=Category.ROOM_OVERBOOKING,
        channel=Channel.ONSITE,
        summary="Suite given away",
        guest_id="g-1",
    )


@pytest.fixture
def store(tmp_path: Path) -> Iterator[SqliteStore]:
    opened = open_store(tmp_path / "data")
    with opened.unit_of_work() as uow:
        uow.guests.save(Guest("g-1", "9000000001", "Ann Lee", Tier.VIP, "H001"))
        uow.incidents.save(room_overbooking())
    yield opened
    opened.close()


def promised(store: SqliteStore, clock: FakeClock) -> tuple[RecoveryService, str]:
    """The service, and the id of the promise it recorded on i-1."""
    service = RecoveryService(store, clock, POLICY, MATRIX)
    service.promise(HOST, "i-1", MATRIX.items(RecoveryEvent.ROOM_OVERBOOKING, Tier.VIP))
    (state,) = service.promises(HOST, "i-1")
    return service, state.event_id


def stored(store: SqliteStore) -> tuple[Incident, list[str], int]:
    with store.unit_of_work() as uow:
        incident = uow.incidents.by_id("i-1")
        actions = [a.action for a in uow.audit.recent(10)]
        pending, _dead = uow.outbox.counts()
    assert incident is not None
    return incident, actions, pending


def test_a_delivery_names_its_promise_and_lands_with_its_outbox_row(store: SqliteStore) -> None:
    clock = FakeClock(NOW)
    service, promise_id = promised(store, clock)
    clock.advance(D)
    states = service.deliver(HOST, "i-1", promise_id, "Upgrade keyed, credit loaded")
    assert [(s.event_id, s.delivered_at, s.delivered_by) for s in states] == [
        (promise_id, NOW + D, "H001")
    ]
    incident, actions, pending = stored(store)
    event = incident.events[-1]
    assert event.kind is EventKind.COMPENSATION_DELIVERED
    assert Delivery.from_json(event.detail) == Delivery(
        promise_id, ("Immediate room upgrade", "F&B credit"), "Upgrade keyed, credit loaded"
    )
    assert actions[0] == "compensation.deliver"
    assert pending == 2  # the promise and the delivery, queued for the helpdesk
    assert pending_promises(incident) == []


@pytest.mark.parametrize("role", [Role.PIT_BOSS, Role.VIP_DESK, Role.CONCIERGE, Role.DUTY_MANAGER])
def test_only_a_host_marks_a_promise_delivered(store: SqliteStore, role: Role) -> None:
    service, promise_id = promised(store, FakeClock(NOW))
    with pytest.raises(PermissionDenied):
        service.deliver(Actor("X001", role, "TAB-2"), "i-1", promise_id)
    incident, actions, pending = stored(store)
    assert actions[0] == "permission.denied"
    assert pending == 1 and len(pending_promises(incident)) == 1  # nothing written


def test_a_promise_not_on_the_incident_is_refused(store: SqliteStore) -> None:
    service, _promise_id = promised(store, FakeClock(NOW))
    with pytest.raises(RecoveryRefused) as refused:
        service.deliver(HOST, "i-1", "not-a-promise")
    assert refused.value.key == "recovery.unknown_promise"
    assert "TAB-1-0001" in str(refused.value)
    incident, actions, pending = stored(store)
    assert actions[0] == "compensation.deliver_refused"
    assert pending == 1 and len(pending_promises(incident)) == 1


def test_a_promise_is_delivered_once(store: SqliteStore) -> None:
    service, promise_id = promised(store, FakeClock(NOW))
    service.deliver(HOST, "i-1", promise_id)
    with pytest.raises(RecoveryRefused) as refused:
        service.deliver(HOST, "i-1", promise_id)
    assert refused.value.key == "recovery.already_delivered"
    incident, actions, pending = stored(store)
    kinds = [e.kind for e in incident.events]
    assert kinds.count(EventKind.COMPENSATION_DELIVERED) == 1
    assert pending == 2 and actions[0] == "compensation.deliver_refused"


def test_a_failed_unit_keeps_neither_the_event_nor_its_outbox_row(store: SqliteStore) -> None:
    _service, promise_id = promised(store, FakeClock(NOW))
    broken = RecoveryService(
        FailingStore(store, "outbox", RuntimeError("disk I/O error")),
        FakeClock(NOW),
        POLICY,
        MATRIX,
    )
    with pytest.raises(RuntimeError, match="disk I/O error"):
        broken.deliver(HOST, "i-1", promise_id)
    incident, actions, pending = stored(store)
    assert pending == 1 and len(pending_promises(incident)) == 1
    assert "compensation.deliver" not in actions


def test_a_role_without_amounts_reads_which_promise_was_kept_not_what() -> None:
    incident = with_promise(room_overbooking(), NOW)
    incident = with_delivery(incident, NOW + H)
    concierge = Actor("C001", Role.CONCIERGE, "TAB-3")
    seen = redact_incident(concierge, incident).events[-1]
    assert Delivery.from_json(seen.detail) == Delivery(incident.events[0].id)
    assert promise_states(redact_incident(concierge, incident))[0].delivered


# -- the KPI: recovery success counts promises delivered --------------------------------


def with_promise(incident: Incident, at: datetime) -> Incident:
    detail = '{"items": [], "currency": "AUD", "note": ""}'
    event = new_event(incident, EventKind.COMPENSATION_PROMISED, "H001", at, detail)
    return with_event(incident, event)


def with_delivery(incident: Incident, at: datetime, promise_id: str | None = None) -> Incident:
    if promise_id is None:
        promise_id = [e for e in incident.events if e.kind is EventKind.COMPENSATION_PROMISED][
            -1
        ].id
    detail = Delivery(promise_id, ("Room upgrade",)).to_json()
    return with_event(
        incident, new_event(incident, EventKind.COMPENSATION_DELIVERED, "H001", at, detail)
    )


def resolved(incident: Incident, at: datetime) -> Incident:
    incident = change_status(incident, St.RESOLVED, "H001", at)
    return record_satisfaction(incident, Satisfaction.HAPPY, "H001", at)


def recovered(incident: Incident) -> bool | None:
    return incident_facts(incident, Tier.VIP, POLICY, NOW + 30 * D).recovery_ok


def test_a_promise_not_delivered_is_not_kept() -> None:
    incident = resolved(with_promise(room_overbooking(), NOW), NOW + H)
    assert recovered(incident) is False


@pytest.mark.parametrize(
    ("delivered_after", "kept"),
    [
        (H / 2, True),  # before the resolution
        (3 * D, True),  # after it: a promise is often kept later
        (7 * D, True),  # the last moment of the window
        (7 * D + timedelta(seconds=1), False),  # too late to count as kept
    ],
)
def test_a_promise_counts_once_delivered_within_7_days(
    delivered_after: timedelta, kept: bool
) -> None:
    incident = with_promise(room_overbooking(), NOW)
    incident = resolved(incident, NOW + H)
    incident = with_delivery(incident, NOW + delivered_after)
    assert recovered(incident) is kept


def test_every_promise_must_be_delivered_and_only_a_real_one_counts() -> None:
    incident = with_promise(room_overbooking(), NOW)
    first = incident.events[-1].id
    incident = with_promise(incident, NOW + H / 2)
    incident = resolved(incident, NOW + H)
    one = with_delivery(incident, NOW + 2 * H, first)
    assert recovered(one) is False  # the second promise is still owed
    assert recovered(with_delivery(one, NOW + 3 * H, "no-such-promise")) is False
    assert recovered(with_delivery(one, NOW + 3 * H)) is True
    twice = with_delivery(with_delivery(one, NOW + 3 * H), NOW + 4 * H)  # two consoles
    assert recovered(twice) is True


def test_a_delivery_does_not_make_up_for_a_promise_made_after_resolving() -> None:
    incident = resolved(room_overbooking(), NOW)
    incident = with_delivery(with_promise(incident, NOW + H), NOW + 2 * H)
    assert recovered(incident) is False
