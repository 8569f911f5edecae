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
from app.services.incident_detail import Step
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
    reached = service.record_milestone(PIT_BOSS, incident.id, EventKind.REACTED)
    assert reached.status is IncidentStatus.IN_PROGRESS  # someone is on it now
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
    # The P4's deadline can still be met: it comes before the P1 already breached (the
    # urgency rank, issue 14); the breached P1 still leads every other breach.
    assert [row.incident.id for row in rows] == [minor.id, urgent.id]
    breached = rows[1]
    assert breached.sla.breached
    assert breached.guest_name == "Mr Blue"  # never the real name on the board
    assert breached.tier is Tier.VVIP
    assert breached.sla.escalation.level >= 2


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


# The incident screen's state machine: what may be done next, and the refusals that keep
# a stale screen from writing a move that is no move at all.

S = Step


def events(store: SqliteStore, incident_id: str) -> list[EventKind]:
    with store.unit_of_work() as uow:
        incident = uow.incidents.by_id(incident_id)
    assert incident is not None
    return [event.kind for event in incident.events]


def test_a_new_table_incident_offers_the_milestones_and_the_lifecycle(
    service: IncidentService,
) -> None:
    detail = service.detail(PIT_BOSS, service.open(PIT_BOSS, table_draft()).id)
    assert detail.steps == (
        S.REACHED,
        S.DECIDED,
        S.STABILISED,
        S.IN_PROGRESS,
        S.WAITING,
        S.ESCALATE,
        S.RESOLVE,
        S.SIGN_ACT,
        S.NOTE,
        S.ATTACH,
    )
    assert detail.next_level == 2
    assert detail.guest_name == "Mr Blue" and detail.staff_names == {"P001": "P001"}


def test_the_status_moves_as_the_pit_boss_acts(
    service: IncidentService, store: SqliteStore, clock: FakeClock
) -> None:
    incident_id = service.open(PIT_BOSS, table_draft()).id
    clock.advance(timedelta(minutes=1))
    reached = service.record_milestone(PIT_BOSS, incident_id, EventKind.REACTED)
    assert reached.status is IncidentStatus.IN_PROGRESS  # someone is at the table
    decided = service.record_milestone(PIT_BOSS, incident_id, EventKind.DECIDED)
    assert decided.status is IncidentStatus.IN_PROGRESS
    steps = service.detail(PIT_BOSS, incident_id).steps
    assert S.REACHED not in steps and S.DECIDED not in steps and S.IN_PROGRESS not in steps
    assert S.STABILISED in steps and S.WAITING in steps
    with pytest.raises(InvalidIncident, match="Already recorded: reached the table"):
        service.record_milestone(PIT_BOSS, incident_id, EventKind.REACTED)
    assert events(store, incident_id).count(EventKind.REACTED) == 1


def test_waiting_offers_in_progress_back_and_no_second_waiting(service: IncidentService) -> None:
    incident_id = service.open(PIT_BOSS, table_draft()).id
    service.change_status(PIT_BOSS, incident_id, IncidentStatus.WAITING)
    steps = service.detail(PIT_BOSS, incident_id).steps
    assert S.IN_PROGRESS in steps and S.WAITING not in steps
    with pytest.raises(InvalidIncident, match="cannot move from waiting to waiting"):
        service.change_status(PIT_BOSS, incident_id, IncidentStatus.WAITING)


def test_after_resolve_only_what_a_resolved_incident_allows(
    service: IncidentService, store: SqliteStore
) -> None:
    incident_id = service.open(PIT_BOSS, table_draft()).id
    service.change_status(PIT_BOSS, incident_id, IncidentStatus.RESOLVED)
    detail = service.detail(PIT_BOSS, incident_id)
    steps = (S.SATISFACTION, S.REOPEN, S.CLOSE, S.SIGN_ACT, S.REPORT, S.NOTE, S.ATTACH)
    assert detail.steps == steps
    before = events(store, incident_id)
    with pytest.raises(InvalidIncident, match="resolved or closed: reopen it first"):
        service.escalate(PIT_BOSS, incident_id, 4, "late")
    with pytest.raises(InvalidIncident, match="resolved or closed"):
        service.record_milestone(PIT_BOSS, incident_id, EventKind.DECIDED)
    assert events(store, incident_id) == before  # nothing written
    service.change_status(PIT_BOSS, incident_id, IncidentStatus.CLOSED)
    closed = service.detail(PIT_BOSS, incident_id).steps
    assert closed == (S.REOPEN, S.REPORT, S.NOTE, S.ATTACH)  # no act once closed


def test_escalation_goes_up_from_the_level_the_sla_engine_gives(
    service: IncidentService, store: SqliteStore, clock: FakeClock
) -> None:
    incident_id = service.open(PIT_BOSS, table_draft()).id
    clock.advance(timedelta(minutes=1))
    for milestone in (EventKind.REACTED, EventKind.DECIDED, EventKind.STABILISED):
        service.record_milestone(PIT_BOSS, incident_id, milestone)  # no breach: no L3
    clock.advance(timedelta(minutes=10))  # the ladder: L2 after 10 min for a VVIP
    assert service.detail(PIT_BOSS, incident_id).next_level == 3
    with pytest.raises(InvalidIncident, match="already at L2: .* not to L2"):
        service.escalate(PIT_BOSS, incident_id, 2, "again")
    escalated = service.escalate(PIT_BOSS, incident_id, 3, "director")
    event = escalated.events[-1]
    assert (event.kind, event.from_value, event.to_value) == (EventKind.ESCALATED, "2", "3")
    clock.advance(timedelta(minutes=60))  # L4 by the ladder
    detail = service.detail(PIT_BOSS, incident_id)
    assert detail.next_level is None and S.ESCALATE not in detail.steps
    with pytest.raises(InvalidIncident, match="already at L4"):
        service.escalate(PIT_BOSS, incident_id, 4, "L4 to L4")
    assert events(store, incident_id).count(EventKind.ESCALATED) == 1


def test_an_email_incident_has_no_table_milestones(service: IncidentService) -> None:
    draft = IncidentDraft(Priority.P3, Category.BILLING_ERROR, Channel.EMAIL, guest_id=QUIET.id)
    incident_id = service.open(PIT_BOSS, draft).id
    steps = service.detail(PIT_BOSS, incident_id).steps
    assert not {S.REACHED, S.DECIDED, S.STABILISED} & set(steps)


def test_a_role_sees_only_the_steps_it_may_take(service: IncidentService) -> None:
    incident_id = service.open(PIT_BOSS, table_draft()).id
    assert service.detail(CONCIERGE, incident_id).steps == (S.NOTE, S.ATTACH)
    # The duty manager reads it and notes; the table's steps are the pit boss's.
    duty = Actor("M001", Role.DUTY_MANAGER, "tab-1")
    assert service.detail(duty, incident_id).steps == (S.NOTE, S.ATTACH)


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


def test_detail_is_redacted_for_the_actor_and_is_audited(
    service: IncidentService, store: SqliteStore
) -> None:
    opened = service.open(PIT_BOSS, table_draft(amount=Decimal("500")))
    seen = service.detail(CONCIERGE, opened.id)
    assert (seen.guest_name, seen.tier, seen.incident.amount) == ("Mr Blue", Tier.VVIP, None)
    assert audit_actions(store)[0] == "incident.view"
    assert service.detail(PIT_BOSS, opened.id).incident.amount == Decimal("500")


def test_the_board_reads_beside_a_writer_holding_the_lock(
    service: IncidentService, store: SqliteStore
) -> None:
    """The board refreshes every few seconds while the sync writes: its read never
    waits on the write lock (it waited up to the busy timeout, then failed)."""
    incident = service.open(PIT_BOSS, table_draft())
    with store.unit_of_work() as writer:  # a sync apply, mid-transaction
        writer.tables.save(GamingTable("BJ-302", "Pit 3", "Blackjack", 100, 50000))
        rows = service.board(PIT_BOSS)
    assert [row.incident.id for row in rows] == [incident.id]


def test_a_read_refused_before_it_runs_is_audited(store: SqliteStore, clock: FakeClock) -> None:
    """``_allowed_to_read``: the refusal keeps its audit row although the read itself
    would run in a reading transaction."""
    from app.permissions import Action
    from app.services.base import AuditedService

    host = Actor("H001", Role.HOST, "TAB-3")
    with pytest.raises(PermissionDenied):
        AuditedService(store, clock)._allowed_to_read(host, Action.KPI_VIEW, "kpis")
    AuditedService(store, clock)._allowed_to_read(PIT_BOSS, Action.KPI_VIEW, "kpis")
    with store.unit_of_work() as uow:
        denied = [e for e in uow.audit.recent(5) if e.action == "permission.denied"]
    assert [(e.staff_id, e.target, e.detail) for e in denied] == [("H001", "kpis", "kpi.view")]
