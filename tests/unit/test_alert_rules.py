"""Alert rules, one row per event and person (issue 14): who is told what, and when."""

from dataclasses import replace
from datetime import timedelta

import pytest

from app.actor import Actor
from app.alerts import AlertKind, Watched, alerts_for
from app.domain.enums import Category, Channel, EventKind, IncidentStatus, Priority, Role, Tier
from app.sla import sla_status
from tests.unit.test_sla_support import POLICY, T0, Story, make_incident, minutes

HOST = Actor("H001", Role.HOST, "D1")
OTHER_HOST = Actor("H002", Role.HOST, "D1")
BOSS = Actor("P001", Role.PIT_BOSS, "D1", tables=("BJ-1",))
OTHER_BOSS = Actor("P002", Role.PIT_BOSS, "D1", tables=("BJ-9",))
DESK = Actor("D001", Role.VIP_DESK, "D1")
CONCIERGE = Actor("C001", Role.CONCIERGE, "D1")
DUTY = Actor("M001", Role.DUTY_MANAGER, "D1")
OTHER_DUTY = Actor("M002", Role.DUTY_MANAGER, "D2")
EVERYONE = (HOST, OTHER_HOST, BOSS, OTHER_BOSS, DESK, CONCIERGE, DUTY, OTHER_DUTY)
MANAGERS = {"M001": {AlertKind.ESCALATED}, "M002": {AlertKind.ESCALATED}}
ALERT_BEFORE = POLICY.urgency.alert_before


def watched(story: Story, at: timedelta, host: str | None = "H001") -> Watched:
    status = sla_status(story.incident, Tier.VIP, POLICY, T0 + at)
    return Watched(story.incident, status, guest_host_id=host, guest_name="Ms Lane")


def told(item: Watched, since: timedelta, now: timedelta) -> dict[str, set[AlertKind]]:
    result: dict[str, set[AlertKind]] = {}
    for actor in EVERYONE:
        kinds = {a.kind for a in alerts_for(actor, [item], T0 + since, T0 + now, ALERT_BEFORE)}
        if kinds:
            result[actor.staff_id] = kinds
    return result


def incident(priority: Priority, opened_by: str, owner: str | None, table: str | None = None):
    channel = Channel.ONSITE if table else Channel.PHONE
    base = make_incident(priority, Category.OTHER, channel, table_id=table)
    return Story(replace(base, opened_by=opened_by, owner_id=owner))


A = AlertKind


@pytest.mark.parametrize(
    ("priority", "opened_by", "owner", "table", "expected"),
    [
        # A P1 at the pit boss's table, opened by him for the host's guest.
        (
            Priority.P1,
            "P001",
            "H001",
            "BJ-1",
            {"H001": {A.ROUTED_TO_YOU}},  # its opener is not told of his own P1
        ),
        # A P1 with no table: every pit boss hears of it; the other host does not.
        (
            Priority.P1,
            "D001",
            "H001",
            None,
            {"H001": {A.ROUTED_TO_YOU}, "P001": {A.NEW_P1}, "P002": {A.NEW_P1}},
        ),
        # A P3 the desk routed to the host: a request routed to you, nothing more.
        (Priority.P3, "D001", "H001", None, {"H001": {A.ROUTED_TO_YOU}}),
        # The guest's host is told when another host owns the incident.
        (Priority.P3, "H002", "H002", None, {"H001": {A.GUEST_IN_INCIDENT}}),
        # Opened by the host for himself: nothing to tell him.
        (Priority.P3, "H001", "H001", None, {}),
    ],
)
def test_who_hears_of_a_new_incident(priority, opened_by, owner, table, expected) -> None:
    story = incident(priority, opened_by, owner, table)
    item = watched(story, timedelta(seconds=5))
    assert told(item, -minutes(1), timedelta(seconds=5)) == expected
    assert told(item, timedelta(seconds=1), timedelta(seconds=5)) == {}  # outside the window


def test_the_guest_name_goes_only_to_the_guests_host() -> None:
    item = watched(incident(Priority.P1, "H002", "H002"), minutes(1))
    for actor in EVERYONE:
        for alert in alerts_for(actor, [item], T0 - minutes(1), T0 + minutes(1), ALERT_BEFORE):
            assert alert.guest_name == ("Ms Lane" if alert.kind is A.GUEST_IN_INCIDENT else "")
            assert actor is HOST or alert.guest_name == ""


@pytest.mark.parametrize(
    ("table", "expected"),
    [
        ("BJ-1", {"H001": {A.BREACH_SOON}, "P001": {A.BREACH_SOON}}),
        (None, {"H001": {A.BREACH_SOON}}),
    ],
)
def test_a_breach_within_a_minute(table, expected) -> None:
    story = incident(Priority.P2, "H001", "H001", table)  # P2 phone: stabilise at 60 min
    if table:
        story = incident(Priority.P3, "P001", "H001", table)  # onsite: reaction at 2 min
    due = 2 if table else 60
    item = watched(story, minutes(due) - timedelta(seconds=30))
    window = (minutes(due) - timedelta(seconds=70), minutes(due) - timedelta(seconds=30))
    assert told(item, *window) == expected
    early = (minutes(due) - timedelta(seconds=90), minutes(due) - timedelta(seconds=61))
    assert told(watched(story, early[1]), *early) == {}


@pytest.mark.parametrize(
    ("at", "expected"),
    [
        # L2 by the ladder: the owner and every duty manager (the ladder's L2)
        (minutes(15), {"H001": {A.ESCALATED}} | MANAGERS),
        (
            minutes(30),
            {"H001": {A.ESCALATED}, "P001": {A.ESCALATED}, "P002": {A.ESCALATED}} | MANAGERS,
        ),
        (
            minutes(60),
            {"H001": {A.ESCALATED}, "P001": {A.ESCALATED}, "P002": {A.ESCALATED}} | MANAGERS,
        ),
    ],
)
def test_an_automatic_escalation(at, expected) -> None:
    story = incident(Priority.P1, "H001", "H001")
    story.at(minutes(1)).milestone(EventKind.STABILISED)  # no breach: the ladder alone
    item = watched(story, at)
    assert told(item, at - timedelta(seconds=1), at) == expected


@pytest.mark.parametrize(("level", "expected"), [(2, MANAGERS), (3, MANAGERS), (4, MANAGERS)])
def test_a_manual_escalation_reaches_the_duty_managers_only(level, expected) -> None:
    story = incident(Priority.P3, "H001", "H001")
    story.at(minutes(5)).escalate(level)
    assert told(watched(story, minutes(5)), minutes(4), minutes(5)) == expected


def test_duty_managers_hear_nothing_below_l2() -> None:
    story = incident(Priority.P1, "D001", "H001")  # a new P1, routed, at L1
    heard = told(watched(story, minutes(1)), -minutes(1), minutes(1))
    assert "M001" not in heard and "M002" not in heard and "H001" in heard


def test_a_waiting_incident_reminds_its_owner_when_the_update_is_due() -> None:
    story = incident(Priority.P2, "D001", "H001")
    story.at(minutes(5)).status_to(IncidentStatus.WAITING)
    due = minutes(35)  # P2: an update every 30 min after the last event
    assert told(watched(story, due), due - timedelta(seconds=1), due) == {"H001": {A.UPDATE_DUE}}
    before = told(watched(story, due), minutes(6), due - timedelta(seconds=1))
    assert A.UPDATE_DUE not in before.get("H001", set())  # the ladder moved; no update yet


def test_at_sign_in_what_happened_while_away_comes_once_with_stable_ids() -> None:
    story = incident(Priority.P1, "P001", "H001", "BJ-1")
    item = watched(story, minutes(60))
    first = alerts_for(HOST, [item], T0 - minutes(1), T0 + minutes(60), ALERT_BEFORE)
    again = alerts_for(HOST, [item], T0 - minutes(1), T0 + minutes(60), ALERT_BEFORE)
    assert [a.id for a in first] == [a.id for a in again]  # the inbox keeps one of each
    assert {a.kind for a in first} == {A.ROUTED_TO_YOU, A.ESCALATED}  # one alert per event
    assert [a.at for a in first] == sorted(a.at for a in first)
