"""The urgency rank and the amber window, one row per case the floor described (issue 14)."""

from datetime import timedelta

import pytest

from app.domain.enums import IncidentStatus, Priority
from app.policy import loads_policy
from app.policy.loader import PolicyError, default_policy_text
from app.sla import ClockFacts, Urgency, breached_for, changes_at, urgency, urgency_rank
from app.sla.status import board_sort_key
from tests.unit.test_sla_support import POLICY, T0, Story, make_incident, minutes

NOW = T0 + minutes(240)
WARN = POLICY.urgency.warn


def facts(
    name: str,
    priority: Priority = Priority.P2,
    level: int = 1,
    left: timedelta | None = None,
    paused: timedelta | None = None,
) -> ClockFacts:
    due = None if left is None else NOW + left
    return ClockFacts(name, priority, level, due, paused)


@pytest.mark.parametrize(
    ("priority", "left", "expected"),
    [
        (Priority.P1, minutes(10) + timedelta(seconds=1), Urgency.ON_TRACK),
        (Priority.P1, minutes(10), Urgency.SOON),
        (Priority.P1, timedelta(seconds=110), Urgency.SOON),  # the fresh P1 with 1:50 left
        (Priority.P2, timedelta(seconds=81), Urgency.SOON),  # the P2 that was a grey row
        (Priority.P2, minutes(15), Urgency.SOON),
        (Priority.P2, minutes(16), Urgency.ON_TRACK),
        (Priority.P3, minutes(59), Urgency.SOON),
        (Priority.P3, minutes(61), Urgency.ON_TRACK),
        (Priority.P4, minutes(239), Urgency.SOON),
        (Priority.P4, minutes(241), Urgency.ON_TRACK),
        (Priority.P1, timedelta(0), Urgency.BREACHED),  # due now: late
        (Priority.P4, -minutes(90), Urgency.BREACHED),
    ],
)
def test_urgency_by_priority_and_time_left(
    priority: Priority, left: timedelta, expected: Urgency
) -> None:
    assert urgency(facts("x", priority, left=left), NOW, WARN[priority]) is expected


@pytest.mark.parametrize(
    ("case", "expected"),
    [
        (facts("w", paused=minutes(3)), Urgency.PAUSED),  # waiting: never amber
        (facts("w", paused=-minutes(3)), Urgency.BREACHED),
        (facts("n"), Urgency.NONE),
    ],
)
def test_urgency_without_a_ticking_clock(case: ClockFacts, expected: Urgency) -> None:
    assert urgency(case, NOW, minutes(10)) is expected


def test_the_new_users_board_puts_what_can_still_be_saved_first() -> None:
    rows = [
        facts("old-breach-l4", Priority.P1, 4, left=-minutes(180)),
        facts("old-breach-l3", Priority.P2, 3, left=-minutes(200)),
        facts("young-breach-l3", Priority.P1, 3, left=-minutes(12)),
        facts("fresh-p1", Priority.P1, 1, left=timedelta(seconds=110)),
        facts("p2-81s", Priority.P2, 2, left=timedelta(seconds=81)),
        facts("p3-later", Priority.P3, 1, left=minutes(600)),
        facts("waiting", Priority.P2, 2, paused=minutes(5)),
        facts("resolved", Priority.P1, 4),
    ]
    ordered = [f.incident_id for f in sorted(rows, key=lambda f: urgency_rank(f, NOW))]
    assert ordered == [
        "p2-81s",  # soonest deadline still winnable
        "fresh-p1",
        "p3-later",
        "old-breach-l4",  # breached: highest level first
        "old-breach-l3",  # same level: longest late first
        "young-breach-l3",
        "waiting",
        "resolved",
    ]


def test_equal_deadlines_go_by_priority() -> None:
    p2, p1 = facts("a", Priority.P2, left=minutes(5)), facts("b", Priority.P1, left=minutes(5))
    assert sorted([p2, p1], key=lambda f: urgency_rank(f, NOW)) == [p1, p2]


@pytest.mark.parametrize(
    ("left", "expected"),
    [
        (minutes(30), NOW + minutes(20)),  # turns amber 10 min before (P1)
        (minutes(5), NOW + minutes(5)),  # already amber: next change is the breach
        (-minutes(5), None),  # already breached: time alone changes nothing more
    ],
)
def test_changes_at(left: timedelta, expected: object) -> None:
    assert changes_at(facts("x", Priority.P1, left=left), NOW, minutes(10)) == expected


def test_breached_for_is_the_age_of_the_breach() -> None:
    assert breached_for(facts("x", left=-minutes(12)), NOW) == minutes(12)
    assert breached_for(facts("x", left=minutes(1)), NOW) is None


def test_a_status_from_the_engine_ranks_the_same_way() -> None:
    fresh = Story(make_incident(Priority.P1)).status_at(minutes(1))  # stabilise in 14 min
    waiting = Story(make_incident(Priority.P1)).status_to(IncidentStatus.WAITING)
    paused = waiting.status_at(minutes(1))
    assert board_sort_key(fresh)[0] == 0 and board_sort_key(paused)[0] == 2


def test_the_policy_may_change_the_windows_and_refuses_nonsense() -> None:
    text = default_policy_text().replace("P1 = 10, P2 = 15", "P1 = 5, P2 = 15")
    assert loads_policy(text).urgency.warn_for(Priority.P1) == minutes(5)
    without = default_policy_text().replace("[urgency]", "[urgency_gone]")
    with pytest.raises(PolicyError, match="urgency_gone"):
        loads_policy(without)
    bad = default_policy_text().replace("alert_seconds = 60", "alert_seconds = 0")
    with pytest.raises(PolicyError, match="urgency.alert_seconds"):
        loads_policy(bad)
