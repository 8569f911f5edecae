"""Hand-built incidents for the KPI tests, with what each one counts for worked out by
hand (docs/kpis.md; default policy: P1 2 h, P2 4 h, P3 24 h, P4 3 business days in
Sydney; manager arrival VIP 5 min / VVIP 2 min; decision 10 min; response targets
phone 20 s, chat 30 s, email 15 min for a VIP).

``NOW`` is Saturday 5 December 2026, 09:00 UTC; the window starts on 20 November.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta

from app.domain import Category, Channel, EventKind, Incident, Priority, Satisfaction, Tier
from app.domain import IncidentStatus as St
from app.domain.incident import (
    add_note,
    change_status,
    escalate,
    new_event,
    record_milestone,
    record_satisfaction,
    with_event,
)
from app.recovery.delivery import Delivery
from app.recovery.matrix import CompensationItem
from app.recovery.proposals import Promise

NOW = datetime(2026, 12, 5, 9, 0, tzinfo=UTC)
SINCE = datetime(2026, 11, 20, tzinfo=UTC)
T0 = datetime(2026, 11, 25, 9, 0, tzinfo=UTC)  # a Wednesday, 20:00 in Sydney
STAFF = "H001"
M = timedelta(minutes=1)
S = timedelta(seconds=1)
H = timedelta(hours=1)
D = timedelta(days=1)


@dataclass(frozen=True)
class Case:
    name: str
    incident: Incident
    tier: Tier


def opened(
    priority: Priority,
    at: datetime,
    category: Category = Category.OTHER,
    channel: Channel = Channel.ONSITE,
    table: str | None = None,
) -> Incident:
    incident = Incident(
        id=str(uuid.uuid5(uuid.NAMESPACE_URL, f"kpi-fixture-{priority}-{at.isoformat()}")),
        provisional_number=f"TAB-KPI-{at:%d%H%M%S}",
        opened_at=at,
        opened_by=STAFF,
        priority=priority,
        category=category,
        channel=channel,
        summary="KPI fixture",
        table_id=table,
    )
    return with_event(incident, new_event(incident, EventKind.OPENED, STAFF, at))


def status(incident: Incident, to: St, at: datetime) -> Incident:
    return change_status(incident, to, STAFF, at)


def promise(incident: Incident, at: datetime) -> Incident:
    item = CompensationItem("lounge_credit", "Lounge credit", "today")
    detail = Promise((item,), "AUD").to_json()
    return with_event(
        incident, new_event(incident, EventKind.COMPENSATION_PROMISED, STAFF, at, detail)
    )


def deliver(incident: Incident, at: datetime) -> Incident:
    """The incident's latest promise marked delivered at ``at``."""
    promised = [e for e in incident.events if e.kind is EventKind.COMPENSATION_PROMISED][-1]
    detail = Delivery(promised.id, ("Lounge credit",)).to_json()
    return with_event(
        incident, new_event(incident, EventKind.COMPENSATION_DELIVERED, STAFF, at, detail)
    )


def _a() -> Incident:  # P1 VIP at a table, every onsite clock met, resolved in 90 min
    i = opened(Priority.P1, T0, Category.GAME_UNAVAILABLE, table="BJ-301")
    i = record_milestone(i, EventKind.REACTED, STAFF, T0 + M)
    i = record_milestone(i, EventKind.DECIDED, STAFF, T0 + 6 * M)
    i = record_milestone(i, EventKind.STABILISED, STAFF, T0 + 10 * M)
    i = status(i, St.RESOLVED, T0 + 90 * M)
    return record_satisfaction(i, Satisfaction.VERY_HAPPY, STAFF, T0 + 91 * M)


def _b() -> Incident:  # P1 VVIP at a table: late at the table and deciding; an hour's pause;
    # a promise never delivered
    i = opened(Priority.P1, T0 + S, Category.GAME_UNAVAILABLE, table="BJ-302")
    i = record_milestone(i, EventKind.REACTED, STAFF, T0 + S + 3 * M)
    i = record_milestone(i, EventKind.DECIDED, STAFF, T0 + S + 12 * M)
    i = promise(i, T0 + S + 15 * M)
    i = status(i, St.WAITING, T0 + S + 20 * M)
    i = status(i, St.IN_PROGRESS, T0 + S + 80 * M)
    i = status(i, St.RESOLVED, T0 + S + 170 * M)  # due at 120 + 60 paused: met
    return record_satisfaction(i, Satisfaction.HAPPY, STAFF, T0 + S + 171 * M)


def _c() -> Incident:  # P2 phone wait: promise, resolved, reopened within 7 days
    t = T0 + H
    i = opened(Priority.P2, t, Category.SERVICE_WAIT, Channel.PHONE)
    i = status(i, St.IN_PROGRESS, t + 5 * M)
    i = add_note(i, "Drinks on their way", STAFF, t + 5 * M)
    i = promise(i, t + 30 * M)
    i = status(i, St.RESOLVED, t + 60 * M)
    i = status(i, St.IN_PROGRESS, t + 2 * D)
    i = status(i, St.RESOLVED, t + 2 * D + H)  # 2 h counted of 4: met
    return record_satisfaction(i, Satisfaction.UNHAPPY, STAFF, t + 2 * D + H + M)


def _d() -> Incident:  # P3 email billing error: escalated, paused, late; promise delivered
    # after the resolution (within 7 days of being made): kept
    i = opened(Priority.P3, T0 + 2 * S, Category.BILLING_ERROR, Channel.EMAIL)
    t = T0 + 2 * S
    i = escalate(i, 2, STAFF, t + 10 * M, "finance")
    i = status(i, St.WAITING, t + 15 * M)
    i = status(i, St.IN_PROGRESS, t + 2 * H)
    i = promise(i, t + 20 * H)
    i = status(i, St.RESOLVED, t + 30 * H)  # 28 h 15 min counted of 24: missed
    i = record_satisfaction(i, Satisfaction.NOT_ASKED, STAFF, t + 30 * H + M)
    return deliver(i, t + 2 * D)


FRIDAY_NOON_SYDNEY = datetime(2026, 11, 27, 1, 0, tzinfo=UTC)  # due Wed 2 Dec 01:00 UTC


def _e() -> Incident:  # P4 chat over a weekend: 4 days 22 h, but in 3 business days
    t = FRIDAY_NOON_SYDNEY
    i = opened(Priority.P4, t, Category.OTHER, Channel.CHAT)
    i = add_note(i, "Looking into it", STAFF, t + 25 * S)
    i = status(i, St.IN_PROGRESS, t + 40 * S)
    return status(i, St.RESOLVED, datetime(2026, 12, 1, 23, 0, tzinfo=UTC))


def _f() -> Incident:  # P4 chat: resolved an hour after its third business day
    t = FRIDAY_NOON_SYDNEY + S
    i = opened(Priority.P4, t, Category.OTHER, Channel.CHAT)
    return status(i, St.RESOLVED, datetime(2026, 12, 2, 2, 0, 1, tzinfo=UTC))


def _g() -> Incident:  # open 30 min, P2 room overbooking (a trigger), on time
    return opened(Priority.P2, NOW - 30 * M, Category.ROOM_OVERBOOKING, Channel.PHONE)


def _h() -> Incident:  # open 2 h, P3 VVIP account blocked (a trigger), waiting for 1 h
    i = opened(Priority.P3, NOW - 2 * H, Category.ACCOUNT_BLOCKED, Channel.MESSENGER)
    return status(i, St.WAITING, NOW - H)


def _i() -> Incident:  # open 5 h, P1 payment failed: overdue
    i = opened(Priority.P1, NOW - 5 * H, Category.PAYMENT_FAILED, Channel.PHONE)
    return status(i, St.IN_PROGRESS, NOW - 5 * H + 10 * M)


def _j() -> Incident:  # open 3 days, P3: overdue
    return opened(Priority.P3, NOW - 3 * D, Category.OTHER, Channel.EMAIL)


def _k() -> Incident:  # before the window, resolved: counts for nothing
    i = opened(Priority.P1, datetime(2026, 11, 10, tzinfo=UTC))
    return status(i, St.RESOLVED, datetime(2026, 11, 10, 1, tzinfo=UTC))


def _l() -> Incident:  # before the window, still open: in the backlog only
    return opened(Priority.P4, datetime(2026, 11, 1, tzinfo=UTC), channel=Channel.EMAIL)


def cases() -> list[Case]:
    vip, vvip = Tier.VIP, Tier.VVIP
    built = [
        ("A", _a(), vip),
        ("B", _b(), vvip),
        ("C", _c(), vip),
        ("D", _d(), vip),
        ("E", _e(), vip),
        ("F", _f(), vip),
        ("G", _g(), vip),
        ("H", _h(), vvip),
        ("I", _i(), vip),
        ("J", _j(), vip),
        ("K", _k(), vip),
        ("L", _l(), vip),
    ]
    return [Case(name, incident, tier) for name, incident, tier in built]


def shifted(incident: Incident, by: timedelta) -> Incident:
    """The same incident ``by`` later (the helpdesk test runs on the real clock)."""
    events = tuple(replace(e, at=e.at + by) for e in incident.events)
    return replace(incident, opened_at=incident.opened_at + by, events=events)
