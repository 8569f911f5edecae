"""Sums of incident facts: what both the console (in Python, here) and the helpdesk (in
SQL, ``helpdesk/kpis.py``) compute, column for column, before ``app.kpis.report`` turns
them into KPIs. One ``GroupTotals`` per (priority, tier) of the incidents opened in the
window; triggers by category; the backlog (open now) by age.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, fields
from datetime import datetime, timedelta

from app.domain import Priority, Tier
from app.kpis.facts import MET, MISSED, OVERDUE, PENDING, IncidentFacts

# The backlog's ages (upper bounds); what is older than the last is "over_24h".
BACKLOG_BUCKETS: tuple[tuple[str, timedelta], ...] = (
    ("under_1h", timedelta(hours=1)),
    ("1h_4h", timedelta(hours=4)),
    ("4h_24h", timedelta(hours=24)),
)
OVER_24H = "over_24h"
BACKLOG_NAMES = (*(name for name, _ in BACKLOG_BUCKETS), OVER_24H)


@dataclass(slots=True)
class GroupTotals:
    """Counts and sums of one (priority, tier); names are the SQL's column aliases."""

    opened: int = 0
    sla_met: int = 0
    sla_missed: int = 0
    ack_sum: int = 0
    ack_n: int = 0
    reach_sum: int = 0
    reach_n: int = 0
    reach_met: int = 0
    reach_missed: int = 0
    decide_sum: int = 0
    decide_n: int = 0
    decide_met: int = 0
    decide_missed: int = 0
    response_sum: int = 0
    response_n: int = 0
    response_met: int = 0
    response_missed: int = 0
    resolved: int = 0
    first_contact: int = 0
    reopened_7d: int = 0
    recovery_needed: int = 0
    recovery_ok: int = 0
    csat_answered: int = 0
    csat_satisfied: int = 0
    csat_not_asked: int = 0

    def add(self, other: GroupTotals) -> None:
        for name in GROUP_FIELDS:
            setattr(self, name, getattr(self, name) + getattr(other, name))


GROUP_FIELDS = tuple(f.name for f in fields(GroupTotals))


@dataclass(slots=True)
class KpiTotals:
    since: datetime
    until: datetime
    now: datetime
    groups: dict[tuple[Priority, Tier], GroupTotals] = field(default_factory=dict)
    triggers: dict[str, int] = field(default_factory=dict)  # category -> opened in window
    backlog: dict[str, int] = field(default_factory=lambda: dict.fromkeys(BACKLOG_NAMES, 0))


def backlog_bucket(age: timedelta) -> str:
    return next((name for name, upper in BACKLOG_BUCKETS if age < upper), OVER_24H)


def sla_outcome(facts: IncidentFacts, now: datetime | None) -> str | None:
    """MET or MISSED as of ``now``; None while the resolve clock can still be met (and,
    without ``now``, for every clock still running on time: what no later write
    changes is all a stored sum may hold)."""
    if facts.sla_state in (MET, MISSED):
        return facts.sla_state
    if facts.sla_state == OVERDUE:
        return MISSED
    assert facts.sla_state == PENDING
    late = now is not None and not facts.paused and facts.sla_due_at < now
    return MISSED if late else None


def totals_of(
    facts: Iterable[IncidentFacts],
    since: datetime,
    until: datetime,
    now: datetime,
    trigger_categories: Iterable[str],
) -> KpiTotals:
    """The console's sums over its own store (the helpdesk's SQL sums the same)."""
    totals = KpiTotals(since, until, now)
    triggers = frozenset(trigger_categories)
    for f in facts:
        if f.is_open:
            totals.backlog[backlog_bucket(now - f.opened_at)] += 1
        if not since <= f.opened_at < until:
            continue
        if f.category in triggers:
            totals.triggers[f.category] = totals.triggers.get(f.category, 0) + 1
        totals.groups.setdefault((f.priority, f.tier), GroupTotals()).add(contribution(f, now))
    return totals


def contribution(f: IncidentFacts, now: datetime | None) -> GroupTotals:
    """What one incident adds to its group's sums (``sla_outcome`` for ``now``)."""
    g = GroupTotals()
    g.opened += 1
    outcome = sla_outcome(f, now)
    g.sla_met += outcome == MET
    g.sla_missed += outcome == MISSED
    for name, value, met in (
        ("ack", f.ack_s, None),
        ("reach", f.reach_s, f.reach_met),
        ("decide", f.decide_s, f.decide_met),
        ("response", f.response_s, f.response_met),
    ):
        if value is not None:
            setattr(g, f"{name}_sum", getattr(g, f"{name}_sum") + value)
            setattr(g, f"{name}_n", getattr(g, f"{name}_n") + 1)
        if met is not None:
            which = f"{name}_met" if met else f"{name}_missed"
            setattr(g, which, getattr(g, which) + 1)
    g.resolved += f.resolved
    g.first_contact += bool(f.first_contact)
    g.reopened_7d += bool(f.reopened_7d)
    g.recovery_needed += f.recovery_ok is not None
    g.recovery_ok += bool(f.recovery_ok)
    if f.satisfaction is not None:
        if f.satisfaction == "not_asked":
            g.csat_not_asked += 1
        else:
            g.csat_answered += 1
            g.csat_satisfied += f.satisfaction in ("happy", "very_happy")
    return g


def groups_from_rows(
    rows: Iterable[Mapping[str, object]],
) -> dict[tuple[Priority, Tier], GroupTotals]:
    """The helpdesk's grouped SQL rows (``priority``, ``tier`` and any ``GROUP_FIELDS``)."""
    groups: dict[tuple[Priority, Tier], GroupTotals] = {}
    for row in rows:
        key = (Priority(str(row["priority"])), Tier(str(row["tier"])))
        values = {name: int(row.get(name) or 0) for name in GROUP_FIELDS}  # type: ignore[call-overload]
        groups.setdefault(key, GroupTotals()).add(GroupTotals(**values))
    return groups
