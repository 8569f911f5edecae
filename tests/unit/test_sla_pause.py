"""Waiting pauses the SLA clocks; resolving stops them; a reopen resumes the resolve clock."""

from datetime import timedelta

from app.domain.enums import EventKind, IncidentStatus, Priority
from app.sla import DeadlineKind, DeadlineState, time_to_breach_at
from tests.unit.test_sla_support import SECOND, T0, Story, make_incident, minutes

WAITING, IN_PROGRESS = IncidentStatus.WAITING, IncidentStatus.IN_PROGRESS
RESOLVED, CLOSED = IncidentStatus.RESOLVED, IncidentStatus.CLOSED


def test_a_finished_waiting_spell_pushes_the_deadline_back_by_its_length() -> None:
    story = Story(make_incident(Priority.P1))
    story.at(minutes(5)).status_to(WAITING).at(minutes(25)).status_to(IN_PROGRESS)
    before = story.status_at(minutes(35) - SECOND)
    assert before.deadline(DeadlineKind.STABILISE) == before.nearest
    assert before.time_to_breach == SECOND
    assert DeadlineKind.STABILISE in story.status_at(minutes(35) + SECOND).breached_kinds


def test_while_waiting_the_deadline_moves_with_now_and_the_remaining_time_is_frozen() -> None:
    story = Story(make_incident(Priority.P1)).at(minutes(5)).status_to(WAITING)
    early = story.status_at(minutes(10))
    late = story.status_at(minutes(300))
    assert early.paused and not early.ticking
    assert early.nearest_due_at == T0 + minutes(20)
    assert late.nearest_due_at == T0 + minutes(310)
    assert early.time_to_breach == late.time_to_breach == minutes(10)
    assert not late.breached
    assert time_to_breach_at(early, T0 + minutes(200)) == minutes(10)
    assert early.recompute_at is None or early.recompute_at == early.escalation.next_level_at


def test_waiting_after_a_breach_does_not_undo_it() -> None:
    story = Story(make_incident(Priority.P1)).at(minutes(20)).status_to(WAITING)
    status = story.status_at(minutes(40))
    stabilise = status.deadline(DeadlineKind.STABILISE)
    assert stabilise is not None
    assert stabilise.state is DeadlineState.OVERDUE
    assert stabilise.due_at == T0 + minutes(15)
    assert status.ticking  # an overdue clock keeps counting even while waiting


def test_several_waiting_spells_add_up() -> None:
    story = Story(make_incident(Priority.P2)).at(minutes(1)).milestone(EventKind.STABILISED)
    story.at(minutes(10)).status_to(WAITING).at(minutes(40)).status_to(IN_PROGRESS)
    story.at(minutes(100)).status_to(WAITING).at(minutes(130)).status_to(IN_PROGRESS)
    resolve = story.status_at(minutes(200)).deadline(DeadlineKind.RESOLVE)
    assert resolve is not None and resolve.due_at == T0 + timedelta(hours=4) + minutes(60)


def test_resolution_stops_the_resolve_clock() -> None:
    story = Story(make_incident(Priority.P1)).at(minutes(1)).milestone(EventKind.STABILISED)
    story.at(minutes(90)).status_to(RESOLVED).at(minutes(100)).status_to(CLOSED)
    status = story.status_at(timedelta(hours=5))
    resolve = status.deadline(DeadlineKind.RESOLVE)
    assert resolve is not None
    assert (resolve.state, resolve.stopped_at) == (DeadlineState.MET, T0 + minutes(90))
    assert not status.is_open and status.next_update_due is None
    assert status.time_to_breach is None


def test_reopen_resumes_the_resolve_clock_without_counting_the_resolved_time() -> None:
    story = Story(make_incident(Priority.P1)).at(minutes(1)).milestone(EventKind.STABILISED)
    story.at(minutes(60)).status_to(RESOLVED).at(timedelta(hours=5)).status_to(IN_PROGRESS)
    # 60 min were used before the resolution; 60 remain after the reopen at 5 h.
    due = timedelta(hours=6)
    before = story.status_at(due - SECOND)
    assert before.is_open
    assert before.nearest_kind is DeadlineKind.RESOLVE
    assert before.time_to_breach == SECOND
    assert story.status_at(due + SECOND).breached_kinds == (DeadlineKind.RESOLVE,)


def test_reopen_after_a_late_resolution_stays_breached() -> None:
    story = Story(make_incident(Priority.P1)).at(minutes(1)).milestone(EventKind.STABILISED)
    story.at(timedelta(hours=3)).status_to(RESOLVED).at(timedelta(hours=4)).status_to(IN_PROGRESS)
    resolve = story.status_at(timedelta(hours=4, minutes=1)).deadline(DeadlineKind.RESOLVE)
    assert resolve is not None
    assert resolve.state is DeadlineState.OVERDUE
    assert resolve.due_at == T0 + timedelta(hours=2)


def test_reopen_does_not_restart_a_milestone_clock() -> None:
    story = Story(make_incident(Priority.P1)).at(minutes(10)).status_to(RESOLVED)
    story.at(minutes(30)).status_to(IN_PROGRESS)
    stabilise = story.status_at(minutes(60)).deadline(DeadlineKind.STABILISE)
    assert stabilise is not None
    assert (stabilise.state, stabilise.stopped_at) == (DeadlineState.MET, T0 + minutes(10))


def test_next_update_is_due_after_the_last_timeline_event() -> None:
    story = Story(make_incident(Priority.P1))
    assert story.status_at(minutes(1)).next_update_due == T0 + minutes(15)
    story.at(minutes(20)).status_to(IN_PROGRESS)
    assert story.status_at(minutes(21)).next_update_due == T0 + minutes(35)


def test_next_update_for_p4_is_one_business_day_later() -> None:
    # T0 is Thursday noon in Sydney: the next update is due Friday noon.
    assert Story(make_incident(Priority.P4)).status().next_update_due == T0 + timedelta(days=1)


def test_events_after_now_are_ignored() -> None:
    story = Story(make_incident(Priority.P1)).at(minutes(10)).milestone(EventKind.STABILISED)
    status = story.status_at(minutes(5))
    stabilise = status.deadline(DeadlineKind.STABILISE)
    assert stabilise is not None and stabilise.state is DeadlineState.PENDING
