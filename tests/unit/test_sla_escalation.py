"""SPEC §5 escalation: the ladder, the triggers and the payments path, one row per line."""

from datetime import timedelta

import pytest

from app.domain.enums import Category, EventKind, IncidentStatus, Priority, Tier
from app.policy import EscalationPathName
from app.sla import EscalationReason
from tests.unit.test_sla_support import POLICY, SECOND, T0, Story, make_incident, minutes

# (level, who, reached after T0 for VIP, for VVIP). P2 keeps the stabilise breach
# (60 min) out of the way of the L2 and L3 rows.
LADDER = [
    pytest.param(1, "VIP desk agent / host", 0, 0, id="L1 desk agent/host at T0"),
    pytest.param(2, "Service manager / games technical support", 15, 10, id="L2 at T0+10-15 min"),
    pytest.param(
        3,
        "Pit boss / director of table games, or head of product (online)",
        30,
        30,
        id="L3 at T0+30 min",
    ),
    pytest.param(4, "VIP director / operations director", 60, 60, id="L4 at T0+60 min"),
]


@pytest.mark.parametrize("tier", list(Tier))
@pytest.mark.parametrize(("level", "who", "vip", "vvip"), LADDER)
def test_ladder_level_is_reached_at_its_time(
    level: int, who: str, vip: int, vvip: int, tier: Tier
) -> None:
    story = Story(make_incident(Priority.P2), tier)
    when = minutes(vip if tier is Tier.VIP else vvip)
    if level > 1:
        before = story.status_at(when - SECOND).escalation
        assert before.level == level - 1
        assert before.next_level_at == T0 + when
    reached = story.status_at(when).escalation
    assert reached.level == level
    assert reached.who == who
    assert reached.path is EscalationPathName.STANDARD
    assert reached.since == T0 + when


TRIGGERS = [
    pytest.param(Category.ACCOUNT_BLOCKED, id="account blocked"),
    pytest.param(Category.PAYMENT_DISPUTE, id="payment dispute"),
    pytest.param(Category.BROKEN_TRANSFER, id="broken or missed transfer"),
    pytest.param(Category.ROOM_OVERBOOKING, id="room overbooking"),
]


@pytest.mark.parametrize("category", TRIGGERS)
def test_trigger_category_escalates_to_l2_at_t0(category: Category) -> None:
    # P3: no time ladder, so only the trigger can lift the level.
    story = Story(make_incident(Priority.P3, category))
    at_t0 = story.status_at(timedelta(0)).escalation
    assert (at_t0.level, at_t0.reason, at_t0.detail) == (2, EscalationReason.TRIGGER, category)
    assert at_t0.since == T0
    assert story.status_at(minutes(59)).escalation.level == 2


def test_without_a_trigger_a_p3_incident_stays_at_l1() -> None:
    story = Story(make_incident(Priority.P3, Category.BILLING_ERROR))
    status = story.status_at(minutes(59))
    assert status.escalation.level == 1
    assert status.escalation.next_level_at == T0 + timedelta(hours=24)  # the resolve breach


# (level, who, reached after T0 for VIP): payment_failed is not a trigger, so the
# path follows the ladder's times.
PAYMENTS_PATH = [
    pytest.param(2, "Finance", 15, id="L2 Finance"),
    pytest.param(3, "Risk / AML", 30, id="Risk/AML"),
    pytest.param(4, "The bank", 60, id="the bank (with its SLA)"),
]


@pytest.mark.parametrize(("level", "who", "after"), PAYMENTS_PATH)
def test_payments_path_level_and_who(level: int, who: str, after: int) -> None:
    story = Story(make_incident(Priority.P1, Category.PAYMENT_FAILED))
    story.at(minutes(1)).milestone(EventKind.STABILISED)  # no breach escalation here
    assert story.status_at(minutes(after) - SECOND).escalation.level == level - 1
    escalation = story.status_at(minutes(after)).escalation
    assert (escalation.level, escalation.who) == (level, who)
    assert escalation.path is EscalationPathName.PAYMENTS
    if level == 4:
        # 2 business days from Thursday 13:00 Sydney: Monday 13:00.
        assert escalation.bank_sla_due_at == T0 + minutes(60) + timedelta(days=4)
    else:
        assert escalation.bank_sla_due_at is None


def test_payment_dispute_goes_to_finance_at_t0() -> None:
    escalation = Story(make_incident(Priority.P2, Category.PAYMENT_DISPUTE)).status().escalation
    assert (escalation.level, escalation.who, escalation.reason) == (
        2,
        "Finance",
        EscalationReason.TRIGGER,
    )


def test_sla_breach_escalates_to_l3_just_after_the_deadline() -> None:
    story = Story(make_incident(Priority.P3))
    resolve = timedelta(hours=24)
    assert story.status_at(resolve).escalation.level == 1
    escalation = story.status_at(resolve + SECOND).escalation
    assert (escalation.level, escalation.reason, escalation.detail) == (
        3,
        EscalationReason.SLA_BREACH,
        "resolve",
    )
    assert escalation.since == T0 + resolve


def test_stabilise_breach_jumps_ahead_of_the_ladder() -> None:
    story = Story(make_incident(Priority.P1), Tier.VIP)
    escalation = story.status_at(minutes(15) + SECOND).escalation
    assert escalation.level == 3  # the ladder alone would give L2 until 30 min
    assert escalation.reason is EscalationReason.SLA_BREACH
    assert escalation.next_level_at == T0 + minutes(60)


def test_manual_escalation_is_a_floor() -> None:
    story = Story(make_incident(Priority.P3)).at(minutes(2)).escalate(3)
    escalation = story.status_at(minutes(5)).escalation
    assert (escalation.level, escalation.reason) == (3, EscalationReason.MANUAL)
    assert escalation.since == T0 + minutes(2)


def test_manual_escalation_below_the_ladder_changes_nothing() -> None:
    story = Story(make_incident(Priority.P2)).at(minutes(40)).escalate(2)
    assert story.status_at(minutes(41)).escalation.level == 3


def test_waiting_does_not_pause_the_ladder() -> None:
    story = Story(make_incident(Priority.P1)).at(minutes(1)).status_to(IncidentStatus.WAITING)
    status = story.status_at(minutes(31))
    assert not status.breached  # the stabilise clock is paused...
    assert status.escalation.level == 3  # ...the ladder is not
    assert status.escalation.reason is EscalationReason.LADDER


def test_resolved_incident_keeps_the_level_it_had_and_schedules_nothing() -> None:
    story = Story(make_incident(Priority.P1)).at(minutes(5)).milestone(EventKind.STABILISED)
    story.at(minutes(20)).status_to(IncidentStatus.RESOLVED)
    escalation = story.status_at(timedelta(hours=3)).escalation
    assert escalation.level == 2
    assert escalation.next_level_at is None


def test_the_policy_ladder_applies_to_p1_and_p2_only() -> None:
    assert POLICY.escalation.ladder_priorities == {Priority.P1, Priority.P2}


@pytest.mark.parametrize("category", [Category.OTHER, Category.PAYMENT_DISPUTE])
def test_an_incident_opened_by_a_clock_ahead_of_ours_is_taken_as_just_opened(
    category: Category,
) -> None:
    # A tablet whose clock runs a minute behind the device that opened the incident
    # still draws it on its board: at L1 (or its trigger's level), never a crash.
    story = Story(make_incident(Priority.P1, category))
    early = story.status_at(-minutes(1))
    just_opened = story.status_at(timedelta(0))
    assert early.escalation.level == just_opened.escalation.level
    assert early.escalation.reason == just_opened.escalation.reason
    assert early.escalation.next_level_at == just_opened.escalation.next_level_at
    assert early.is_open
