"""SLA clocks: which deadlines an incident has, when each is due, and its state.

Rules (all counted from T0, the incident's ``opened_at``):
- every clock pauses while the incident is Waiting; a pause that starts after
  a clock was already due does not un-breach it;
- STABILISE (priorities with a stabilise target), REACTION and DECISION
  (onsite incidents at a table), MANAGER_ARRIVAL (onsite at a table or
  machine) and EQUIPMENT_DOWN (category equipment_down, any channel) stop at
  their first milestone event, or at the first resolution if that comes first;
- RESOLVE stops when the incident is Resolved/Closed. A reopen resumes the
  same clock: the time spent resolved is not counted (like Waiting), and no
  fresh target is granted, so reopening cannot hide a late resolution;
- targets come from the incident's current priority and the guest's tier.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from app.domain.enums import Category, Channel, EventKind, Tier
from app.domain.incident import Incident
from app.policy import BusinessCalendar, SlaPolicy, Span
from app.sla.timeline import Interval, Timeline


class DeadlineKind(StrEnum):
    STABILISE = "stabilise"
    RESOLVE = "resolve"
    REACTION = "reaction"
    DECISION = "decision"
    MANAGER_ARRIVAL = "manager_arrival"
    EQUIPMENT_DOWN = "equipment_down"


class DeadlineState(StrEnum):
    PENDING = "pending"  # running, not yet due
    OVERDUE = "overdue"  # running, past due: breached
    MET = "met"  # stopped on or before its due time
    MISSED = "missed"  # stopped after its due time: breached


@dataclass(frozen=True, slots=True)
class Deadline:
    kind: DeadlineKind
    due_at: datetime  # absolute, UTC. A PENDING clock of a waiting incident moves with now
    state: DeadlineState
    stopped_at: datetime | None = None

    @property
    def running(self) -> bool:
        return self.state in (DeadlineState.PENDING, DeadlineState.OVERDUE)

    @property
    def breached(self) -> bool:
        return self.state in (DeadlineState.OVERDUE, DeadlineState.MISSED)


def advance(start: datetime, span: Span, calendar: BusinessCalendar) -> datetime:
    if span.wall is not None:
        return start + span.wall
    assert span.business_days is not None  # the loader sets exactly one
    return calendar.add_business_days(start, span.business_days)


def run_clock(
    kind: DeadlineKind,
    start: datetime,
    span: Span,
    pauses: Sequence[Interval],
    stopped_at: datetime | None,
    now: datetime,
    calendar: BusinessCalendar,
) -> Deadline:
    """Due time = start + span, pushed back by every pause that began before it was due."""
    end = stopped_at if stopped_at is not None else now
    due = advance(start, span, calendar)
    for pause_start, pause_end in pauses:
        if pause_start >= due or pause_start >= end:
            break
        pause_end = min(pause_end, end)
        if span.wall is not None:
            due += pause_end - pause_start
        else:
            paused = calendar.business_time_between(pause_start, pause_end)
            if paused:
                due = calendar.add_business_time(due, paused)
    if stopped_at is not None:
        state = DeadlineState.MET if stopped_at <= due else DeadlineState.MISSED
    else:
        state = DeadlineState.PENDING if now <= due else DeadlineState.OVERDUE
    return Deadline(kind, due, state, stopped_at)


def compute_deadlines(
    incident: Incident, tier: Tier, policy: SlaPolicy, timeline: Timeline, now: datetime
) -> tuple[Deadline, ...]:
    t0 = incident.opened_at
    calendar = policy.calendar
    targets = policy.priorities[incident.priority]
    first_resolved = timeline.first_resolved_at

    def milestone_clock(kind: DeadlineKind, span: Span, *stops: EventKind) -> Deadline:
        times = [timeline.milestones[s] for s in stops if s in timeline.milestones]
        if first_resolved is not None:
            times.append(first_resolved)
        stop = min(times) if times else None
        return run_clock(kind, t0, span, timeline.waiting, stop, now, calendar)

    deadlines: list[Deadline] = []
    if targets.stabilise is not None:
        deadlines.append(
            milestone_clock(DeadlineKind.STABILISE, targets.stabilise[tier], EventKind.STABILISED)
        )
    resolve_pauses = timeline.waiting
    if timeline.resolved:
        resolve_pauses = tuple(sorted(timeline.waiting + timeline.resolved))
    deadlines.append(
        run_clock(
            DeadlineKind.RESOLVE,
            t0,
            targets.resolve[tier],
            resolve_pauses,
            timeline.resolved_since,
            now,
            calendar,
        )
    )
    onsite = policy.onsite
    if incident.channel is Channel.ONSITE and incident.table_id:
        deadlines.append(
            milestone_clock(DeadlineKind.REACTION, onsite.reaction[tier], EventKind.REACTED)
        )
        deadlines.append(
            milestone_clock(DeadlineKind.DECISION, onsite.decision[tier], EventKind.DECIDED)
        )
    if incident.channel is Channel.ONSITE and (incident.table_id or incident.machine):
        deadlines.append(
            milestone_clock(
                DeadlineKind.MANAGER_ARRIVAL, onsite.manager_arrival[tier], EventKind.REACTED
            )
        )
    if incident.category is Category.EQUIPMENT_DOWN:
        # The guest is moved (a decision) or the equipment is back (stabilised).
        deadlines.append(
            milestone_clock(
                DeadlineKind.EQUIPMENT_DOWN,
                onsite.equipment_down[tier],
                EventKind.DECIDED,
                EventKind.STABILISED,
            )
        )
    return tuple(deadlines)


def next_update_due(
    incident: Incident, tier: Tier, policy: SlaPolicy, timeline: Timeline
) -> datetime | None:
    """Next guest update: the priority's interval after the last timeline event (or T0)."""
    if not timeline.is_open:
        return None
    span = policy.priorities[incident.priority].update_every[tier]
    return advance(timeline.last_event_at, span, policy.calendar)
