"""What needs a person next: an incident's urgency state and its place on the board.

The board used to sort by time to breach alone, breached first: hours-old breaches sat
above a fresh P1 that could still be saved, and every breached or P1 row was painted
solid red. The order here is the one the floor asked for:

1. clocks still winnable, soonest deadline first (saving one is the best use of a
   person's next minutes);
2. then the breached, by escalation level (highest first: a director is already
   involved) and then by age (longest late first);
3. then waiting incidents (their clocks are paused), least time left first;
4. then incidents with no running clock.

A winnable clock turns ``SOON`` (amber, "breach within N minutes") ``warn`` before its
deadline; ``N`` is the policy's ``urgency.warn_minutes`` for the incident's priority.

Every instant here is absolute, so the rank changes only at ``changes_at``: the board
re-sorts then, not on every tick.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from app.domain.enums import Priority

_PRIORITY_RANK = {priority: rank for rank, priority in enumerate(Priority)}


class Urgency(StrEnum):
    BREACHED = "breached"  # the nearest running clock is past due
    SOON = "soon"  # amber: breach within the priority's warning window
    ON_TRACK = "on_track"
    PAUSED = "paused"  # waiting: the clocks stand still
    NONE = "none"  # no running clock (resolved, closed)


class Group:
    """The board's four bands, in order."""

    WINNABLE, BREACHED, PAUSED, NO_CLOCK = range(4)


@dataclass(frozen=True, slots=True)
class ClockFacts:
    """What the rank needs of an incident; every time absolute (UTC)."""

    incident_id: str
    priority: Priority
    level: int  # escalation level, 1..4
    due_at: datetime | None  # the nearest running clock that ticks (overdue ones too)
    paused_left: timedelta | None = None  # a waiting incident's frozen time left


Rank = tuple[int, float, float, int, str]


def urgency(facts: ClockFacts, now: datetime, warn: timedelta) -> Urgency:
    if facts.due_at is not None:
        if facts.due_at <= now:
            return Urgency.BREACHED
        return Urgency.SOON if facts.due_at - now <= warn else Urgency.ON_TRACK
    if facts.paused_left is not None:
        return Urgency.BREACHED if facts.paused_left <= timedelta(0) else Urgency.PAUSED
    return Urgency.NONE


def urgency_rank(facts: ClockFacts, now: datetime) -> Rank:
    """Sort key, smallest first: the four groups above, each in its own order."""
    priority = _PRIORITY_RANK[facts.priority]
    if facts.due_at is not None:
        due = facts.due_at.timestamp()
        if facts.due_at > now:
            return (Group.WINNABLE, due, 0.0, priority, facts.incident_id)
        return (Group.BREACHED, -float(facts.level), due, priority, facts.incident_id)
    if facts.paused_left is not None:
        left = facts.paused_left.total_seconds()
        if left <= 0:
            since = now.timestamp() + left
            return (Group.BREACHED, -float(facts.level), since, priority, facts.incident_id)
        return (Group.PAUSED, left, 0.0, priority, facts.incident_id)
    return (Group.NO_CLOCK, 0.0, 0.0, priority, facts.incident_id)


def changes_at(facts: ClockFacts, now: datetime, warn: timedelta) -> datetime | None:
    """The next instant ``urgency`` (and so the row's look or rank) changes by time alone."""
    if facts.due_at is None or facts.due_at <= now:
        return None
    amber = facts.due_at - warn
    return amber if amber > now else facts.due_at


def breached_for(facts: ClockFacts, now: datetime) -> timedelta | None:
    """How long the nearest clock has been late; None when it is not."""
    if facts.due_at is not None:
        return now - facts.due_at if facts.due_at <= now else None
    if facts.paused_left is not None and facts.paused_left <= timedelta(0):
        return -facts.paused_left
    return None
