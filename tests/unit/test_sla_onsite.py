"""SPEC §5 onsite rules, one row per line, and where each clock applies."""

from collections.abc import Callable
from datetime import timedelta

import pytest

from app.domain.enums import Category, Channel, EventKind, IncidentStatus, Tier
from app.domain.incident import Incident
from app.sla import DeadlineKind, DeadlineState
from tests.unit.test_sla_support import SECOND, Story, make_incident, minutes


def at_table() -> Incident:
    return make_incident(channel=Channel.ONSITE, table_id="BJ-07")


def at_machine() -> Incident:
    return make_incident(channel=Channel.ONSITE, machine="SL-114")


def equipment_down() -> Incident:
    return make_incident(category=Category.EQUIPMENT_DOWN, channel=Channel.ONSITE, machine="SL-114")


# (kind, VIP target, VVIP target, incident, event that stops the clock)
ONSITE_RULES = [
    pytest.param(
        DeadlineKind.MANAGER_ARRIVAL,
        5,
        2,
        at_machine,
        EventKind.REACTED,
        id="manager reaches table/machine 2-5 min",
    ),
    pytest.param(
        DeadlineKind.REACTION, 2, 2, at_table, EventKind.REACTED, id="table reaction 2 min"
    ),
    pytest.param(
        DeadlineKind.DECISION,
        10,
        10,
        at_table,
        EventKind.DECIDED,
        id="decision or deferral 10 min",
    ),
    pytest.param(
        DeadlineKind.EQUIPMENT_DOWN,
        10,
        10,
        equipment_down,
        EventKind.DECIDED,
        id="equipment down 10 min before moving the guest",
    ),
]


def target(tier: Tier, vip: int, vvip: int) -> timedelta:
    return minutes(vip if tier is Tier.VIP else vvip)


@pytest.mark.parametrize("tier", list(Tier))
@pytest.mark.parametrize(("kind", "vip", "vvip", "incident", "stop"), ONSITE_RULES)
def test_onsite_clock_pending_just_before_and_overdue_just_after(
    kind: DeadlineKind,
    vip: int,
    vvip: int,
    incident: Callable[[], Incident],
    stop: EventKind,
    tier: Tier,
) -> None:
    story = Story(incident(), tier)
    due = target(tier, vip, vvip)
    before = story.status_at(due - SECOND).deadline(kind)
    assert before is not None
    assert before.due_at == story.incident.opened_at + due
    assert before.state is DeadlineState.PENDING
    after = story.status_at(due + SECOND)
    assert kind in after.breached_kinds


@pytest.mark.parametrize("tier", list(Tier))
@pytest.mark.parametrize(("kind", "vip", "vvip", "incident", "stop"), ONSITE_RULES)
def test_onsite_clock_stops_at_its_event(
    kind: DeadlineKind,
    vip: int,
    vvip: int,
    incident: Callable[[], Incident],
    stop: EventKind,
    tier: Tier,
) -> None:
    due = target(tier, vip, vvip)
    in_time = Story(incident(), tier).at(due - SECOND).milestone(stop)
    met = in_time.status_at(due + minutes(30)).deadline(kind)
    assert met is not None and met.state is DeadlineState.MET
    late = Story(incident(), tier).at(due + SECOND).milestone(stop)
    missed = late.status_at(due + minutes(30)).deadline(kind)
    assert missed is not None and missed.state is DeadlineState.MISSED


def test_equipment_down_also_stops_when_the_equipment_is_back() -> None:
    story = Story(equipment_down()).at(minutes(4)).milestone(EventKind.STABILISED)
    deadline = story.status_at(minutes(20)).deadline(DeadlineKind.EQUIPMENT_DOWN)
    assert deadline is not None and deadline.stopped_at == story.incident.opened_at + minutes(4)


def test_resolving_stops_pending_onsite_clocks() -> None:
    story = Story(at_table()).at(minutes(1)).status_to(IncidentStatus.RESOLVED)
    status = story.status_at(minutes(30))
    assert not status.breached
    assert status.deadline(DeadlineKind.DECISION) is not None
    assert status.nearest is None and status.time_to_breach is None


@pytest.mark.parametrize(
    ("incident", "expected"),
    [
        pytest.param(
            at_table,
            {DeadlineKind.REACTION, DeadlineKind.DECISION, DeadlineKind.MANAGER_ARRIVAL},
            id="onsite at a table",
        ),
        pytest.param(at_machine, {DeadlineKind.MANAGER_ARRIVAL}, id="onsite at a machine"),
        pytest.param(
            lambda: make_incident(channel=Channel.ONSITE), set(), id="onsite at the VIP counter"
        ),
        pytest.param(
            lambda: make_incident(channel=Channel.PHONE, table_id="BJ-07"),
            set(),
            id="phoned in about a table",
        ),
        pytest.param(
            lambda: make_incident(category=Category.EQUIPMENT_DOWN, channel=Channel.PHONE),
            {DeadlineKind.EQUIPMENT_DOWN},
            id="equipment down phoned in",
        ),
    ],
)
def test_onsite_clocks_apply_only_where_documented(
    incident: Callable[[], Incident], expected: set[DeadlineKind]
) -> None:
    status = Story(incident()).status()
    onsite_kinds = {d.kind for d in status.deadlines} - {
        DeadlineKind.STABILISE,
        DeadlineKind.RESOLVE,
    }
    assert onsite_kinds == expected
