"""Incident service on the real SQLite store: permissions, lifecycle, audit, board."""

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path

import pytest

from app.actor import Actor
from app.clock import FakeClock
from app.domain import (
    Category,
    Channel,
    EventKind,
    GamingTable,
    Guest,
    IncidentStatus,
    Priority,
    QuietVisit,
    Role,
    Tier,
)
from app.policy import load_policy
from app.services.errors import PermissionDenied
from app.services.incidents import (
    IncidentDraft,
    IncidentNotFound,
    IncidentService,
    InvalidIncident,
)
from offline_cache import SqliteStore, open_store

T0 = datetime(2026, 11, 25, 9, 0, tzinfo=UTC)  # a Wednesday evening in Sydney
PIT_BOSS = Actor("P001", Role.PIT_BOSS, "TAB-1", tables=("BJ-301",))
CONCIERGE = Actor("C001", Role.CONCIERGE, "TAB-2")
DESK = Actor("D001", Role.VIP_DESK, "DESK-1")
QUIET = Guest(
    id="g-quiet",
    card_number="9000000001",
    name="Robert Quill",
    tier=Tier.VVIP,
    host_id="H001",
    quiet=QuietVisit(enabled=True, alias="Mr Blue"),
)


@pytest.fixture
def store(tmp_path: Path) -> Iterator[SqliteStore]:
    opened = open_store(tmp_path / "data")
    with opened.unit_of_work() as uow:
        uow.guests.save(QUIET)
        uow.tables.save(GamingTable("BJ-301", "Pit 3", "Blackjack", 100, 50000))
    yield opened
    opened.close()


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(T0)


@pytest.fixture
def service(store: SqliteStore, clock: FakeClock) -> IncidentService:
    return IncidentService(store, clock, load_policy())


def audit_actions(store: SqliteStore) -> list[str]:
    with store.unit_of_work() as uow:
        return [entry.action for entry in uow.audit.recent(50)]


def table_draft(**changes: object) -> IncidentDraft:
    base: dict[str, object] = {
        "priority": Priority.P1,
        "category": Category.GAME_UNAVAILABLE,
        "channel": Channel.ONSITE,
        "guest_id": QUIET.id,
        "table_id": "BJ-301",
    }
    base.update(changes)
    return IncidentDraft(**base)  # type: ignore[arg-type]


def test_opening_fills_the_template_from_the_table_and_guest(
    service: IncidentService, store: SqliteStore
) -> None:
    incident = service.open(PIT_BOSS, table_draft())
    assert incident.provisional_number == "TAB-1-0001"
    assert incident.location == "Pit 3, BJ-301"
    assert incident.game == "Blackjack"
    assert incident.owner_id == "H001"  # the guest's host owns it
    assert incident.opened_at == T0
    assert [e.kind for e in incident.events] == [EventKind.OPENED]
    assert audit_actions(store)[0] == "incident.open"
    with store.unit_of_work() as uow:
        assert uow.incidents.by_id(incident.id) == incident


def test_a_concierge_may_not_escalate_and_nothing_is_written(
    service: IncidentService, store: SqliteStore
) -> None:
    incident = service.open(PIT_BOSS, table_draft())
    with pytest.raises(PermissionDenied):
        service.escalate(CONCIERGE, incident.id, 4, "wants the director")
    with store.unit_of_work() as uow:
        stored = uow.incidents.by_id(incident.id)
    assert stored is not None and stored.manual_escalation_level == 0
    assert "incident.escalate" not in audit_actions(store)


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"table_id": "XX-999"}, "No table XX-999"),
        ({"guest_id": "nobody"}, "not in the local store"),
        ({"amount": Decimal("-5")}, "cannot be negative"),
        ({"summary": "x" * 2001}, "too long"),
    ],
)
def test_bad_drafts_are_refused_with_a_clear_message(
    service: IncidentService, store: SqliteStore, changes: dict[str, object], message: str
) -> None:
    with pytest.raises(InvalidIncident, match=message):
        service.open(PIT_BOSS, table_draft(**changes))
    with store.unit_of_work() as uow:
        assert uow.incidents.open_incidents() == []


def test_lifecycle_changes_are_saved_and_audited(
    service: IncidentService, store: SqliteStore, clock: FakeClock
) -> None:
    incident = service.open(PIT_BOSS, table_draft())
    clock.advance(timedelta(minutes=1))
    service.record_milestone(PIT_BOSS, incident.id, EventKind.REACTED)
    service.change_status(PIT_BOSS, incident.id, IncidentStatus.IN_PROGRESS)
    service.add_note(PIT_BOSS, incident.id, "Shoe replaced, game resumes")
    service.change_status(PIT_BOSS, incident.id, IncidentStatus.RESOLVED)
    with store.unit_of_work() as uow:
        stored = uow.incidents.by_id(incident.id)
    assert stored is not None
    assert stored.status is IncidentStatus.RESOLVED
    kinds = [e.kind for e in stored.events]
    assert kinds == [
        EventKind.OPENED,
        EventKind.REACTED,
        EventKind.STATUS_CHANGED,
        EventKind.NOTE,
        EventKind.STATUS_CHANGED,
    ]
    assert audit_actions(store)[:2] == ["incident.change_status", "incident.note"]


def test_an_invalid_transition_is_refused_and_changes_nothing(
    service: IncidentService, store: SqliteStore
) -> None:
    incident = service.open(PIT_BOSS, table_draft())
    with pytest.raises(InvalidIncident, match="cannot move"):
        service.change_status(PIT_BOSS, incident.id, IncidentStatus.CLOSED)
    with store.unit_of_work() as uow:
        stored = uow.incidents.by_id(incident.id)
    assert stored is not None and stored.status is IncidentStatus.NEW


def test_unknown_incident(service: IncidentService) -> None:
    with pytest.raises(IncidentNotFound):
        service.add_note(PIT_BOSS, "no-such-id", "hello")


def test_board_orders_by_urgency_and_shows_the_alias(
    service: IncidentService, clock: FakeClock
) -> None:
    minor = service.open(DESK, IncidentDraft(Priority.P4, Category.OTHER, Channel.EMAIL))
    urgent = service.open(PIT_BOSS, table_draft())
    clock.advance(timedelta(minutes=20))  # the P1's 15-minute stabilise target is gone
    rows = service.board(PIT_BOSS)
    assert [row.incident.id for row in rows] == [urgent.id, minor.id]
    assert rows[0].sla.breached
    assert rows[0].guest_name == "Mr Blue"  # never the real name on the board
    assert rows[0].tier is Tier.VVIP
    assert rows[0].sla.escalation.level >= 2


def test_the_board_hides_amounts_from_roles_without_the_right(
    service: IncidentService, store: SqliteStore
) -> None:
    incident = service.open(
        PIT_BOSS, table_draft(category=Category.PAYMENT_DISPUTE, amount=Decimal("12000"))
    )
    host = Actor("H001", Role.HOST, "TAB-3")
    assert service.board(host)[0].incident.amount == Decimal("12000")
    assert service.board(CONCIERGE)[0].incident.amount is None
    assert service.get(CONCIERGE, incident.id).amount is None
    assert service.get(PIT_BOSS, incident.id).amount == Decimal("12000")


def test_the_lock_screen_summary_counts_open_breached_and_p1(
    service: IncidentService, clock: FakeClock
) -> None:
    service.open(DESK, IncidentDraft(Priority.P4, Category.OTHER, Channel.EMAIL))
    service.open(PIT_BOSS, table_draft())
    resolved = service.open(PIT_BOSS, table_draft())
    service.change_status(PIT_BOSS, resolved.id, IncidentStatus.RESOLVED)
    clock.advance(timedelta(minutes=20))  # the open P1's stabilise target is gone
    summary = service.summary(PIT_BOSS)
    assert (summary.open, summary.breached, summary.p1) == (2, 1, 1)


def test_view_is_the_boards_row_of_one_incident_and_is_audited(
    service: IncidentService, store: SqliteStore
) -> None:
    opened = service.open(PIT_BOSS, table_draft(amount=Decimal("500")))
    row = service.view(CONCIERGE, opened.id)
    assert (row.guest_name, row.tier, row.incident.amount) == ("Mr Blue", Tier.VVIP, None)
    assert audit_actions(store)[0] == "incident.view"
    reached = service.record_milestone(PIT_BOSS, opened.id, EventKind.REACTED)
    after = service.row_of(PIT_BOSS, reached)
    assert after.incident.amount == Decimal("500") and after.guest_name == "Mr Blue"
    assert audit_actions(store)[0] == "incident.record_milestone"  # row_of is not audited
