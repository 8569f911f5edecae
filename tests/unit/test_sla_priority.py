"""SPEC §5 priority table, one row per line: stabilise and resolve deadlines."""

from dataclasses import replace
from datetime import timedelta

import pytest

from app.domain.enums import EventKind, Priority, Tier
from app.sla import DeadlineKind, DeadlineState
from tests.unit.test_sla_support import SECOND, Story, make_incident, minutes

# (priority, stabilise after T0 or None, resolve after T0). T0 is a Thursday noon
# in Sydney: P4's 3 business days skip the weekend and end on Tuesday noon.
PRIORITY_TABLE = [
    pytest.param(Priority.P1, minutes(15), timedelta(hours=2), id="P1 15min/2h"),
    pytest.param(Priority.P2, minutes(60), timedelta(hours=4), id="P2 1h/4h"),
    pytest.param(Priority.P3, None, timedelta(hours=24), id="P3 -/24h"),
    pytest.param(Priority.P4, None, timedelta(days=5), id="P4 -/3 business days"),
]


@pytest.mark.parametrize("tier", list(Tier))
@pytest.mark.parametrize(("priority", "stabilise", "resolve"), PRIORITY_TABLE)
def test_resolve_deadline_is_met_until_due_and_breached_just_after(
    priority: Priority, stabilise: timedelta | None, resolve: timedelta, tier: Tier
) -> None:
    story = Story(make_incident(priority), tier)
    if stabilise is not None:
        story.at(minutes(1)).milestone(EventKind.STABILISED)  # isolate the resolve clock

    before = story.status_at(resolve - SECOND)
    deadline = before.deadline(DeadlineKind.RESOLVE)
    assert deadline is not None
    assert deadline.due_at == story.incident.opened_at + resolve
    assert deadline.state is DeadlineState.PENDING
    assert before.time_to_breach == SECOND
    assert not before.breached

    after = story.status_at(resolve + SECOND)
    assert after.nearest_kind is DeadlineKind.RESOLVE
    assert after.time_to_breach == -SECOND
    assert after.breached_kinds == (DeadlineKind.RESOLVE,)


@pytest.mark.parametrize("tier", list(Tier))
@pytest.mark.parametrize(("priority", "stabilise", "resolve"), PRIORITY_TABLE)
def test_stabilise_deadline_exists_only_where_the_table_gives_one(
    priority: Priority, stabilise: timedelta | None, resolve: timedelta, tier: Tier
) -> None:
    story = Story(make_incident(priority), tier)
    if stabilise is None:
        assert story.status_at(timedelta(0)).deadline(DeadlineKind.STABILISE) is None
        return
    before = story.status_at(stabilise - SECOND)
    assert before.nearest_kind is DeadlineKind.STABILISE
    assert before.time_to_breach == SECOND
    assert not before.breached
    after = story.status_at(stabilise + SECOND)
    assert after.nearest_kind is DeadlineKind.STABILISE
    assert after.breached_kinds == (DeadlineKind.STABILISE,)


@pytest.mark.parametrize(("priority", "stabilise", "resolve"), PRIORITY_TABLE[:2])
def test_stabilised_in_time_is_met_and_stays_met(
    priority: Priority, stabilise: timedelta, resolve: timedelta
) -> None:
    story = Story(make_incident(priority)).at(stabilise - SECOND).milestone(EventKind.STABILISED)
    later = story.status_at(stabilise + minutes(5))
    deadline = later.deadline(DeadlineKind.STABILISE)
    assert deadline is not None and deadline.state is DeadlineState.MET
    assert not later.breached
    assert later.nearest_kind is DeadlineKind.RESOLVE  # the next running clock


@pytest.mark.parametrize(("priority", "stabilise", "resolve"), PRIORITY_TABLE[:2])
def test_stabilised_late_is_missed_and_stays_breached(
    priority: Priority, stabilise: timedelta, resolve: timedelta
) -> None:
    story = Story(make_incident(priority)).at(stabilise + SECOND).milestone(EventKind.STABILISED)
    later = story.status_at(stabilise + minutes(5))
    deadline = later.deadline(DeadlineKind.STABILISE)
    assert deadline is not None and deadline.state is DeadlineState.MISSED
    assert later.breached_kinds == (DeadlineKind.STABILISE,)
    assert later.time_to_breach is not None and later.time_to_breach > timedelta(0)


def test_a_priority_change_rebases_targets_on_t0() -> None:
    story = Story(make_incident(Priority.P3))
    story.incident = replace(story.incident, priority=Priority.P1)
    status = story.status_at(minutes(20))
    assert status.breached_kinds == (DeadlineKind.STABILISE,)  # P1's 15 min from T0
