"""The board's view of one incident's SLA: ``sla_status`` and how to tick it.

Ticking without recomputing: every ``datetime`` in ``SlaStatus`` (deadline
``due_at``, ``nearest_due_at``, ``escalation.next_level_at``/``since``,
``next_update_due``, ``recompute_at``) is absolute UTC. Between recomputes the
UI gets the live time to breach with ``time_to_breach_at(status, now)`` — one
subtraction — and recomputes an incident only when it changes (a save) or when
``now >= status.recompute_at`` (a clock falls due or the ladder moves up).
The exception is a Waiting incident: its running clocks are paused, so their
due times move with ``now`` and the remaining time stays frozen; ``ticking``
is False and ``time_to_breach_at`` returns the frozen value.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta

from app.domain.enums import Priority, Tier
from app.domain.incident import Incident
from app.policy import SlaPolicy
from app.sla.deadlines import (
    Deadline,
    DeadlineKind,
    DeadlineState,
    compute_deadlines,
    next_update_due,
)
from app.sla.escalation import EscalationState, compute_escalation
from app.sla.timeline import read_timeline
from app.sla.urgency import ClockFacts, Rank, urgency_rank


@dataclass(frozen=True, slots=True)
class SlaStatus:
    incident_id: str
    priority: Priority
    computed_at: datetime
    is_open: bool
    paused: bool  # Waiting: running clocks are stopped
    deadlines: tuple[Deadline, ...]
    nearest: Deadline | None  # the running clock due first; overdue ones included
    time_to_breach: timedelta | None  # nearest.due_at - computed_at; negative when overdue
    breached_kinds: tuple[DeadlineKind, ...]  # overdue now, or stopped late
    escalation: EscalationState
    next_update_due: datetime | None  # absolute; None once resolved or closed
    recompute_at: datetime | None  # absolute; None: only a new event changes this status
    warn_before: timedelta  # the priority's amber window (policy ``urgency.warn_minutes``)

    @property
    def breached(self) -> bool:
        return bool(self.breached_kinds)

    @property
    def nearest_kind(self) -> DeadlineKind | None:
        return None if self.nearest is None else self.nearest.kind

    @property
    def nearest_due_at(self) -> datetime | None:
        return None if self.nearest is None else self.nearest.due_at

    @property
    def ticking(self) -> bool:
        """Whether the time to breach shrinks as ``now`` moves (False while paused)."""
        return self.nearest is not None and not (
            self.paused and self.nearest.state is DeadlineState.PENDING
        )

    def deadline(self, kind: DeadlineKind) -> Deadline | None:
        return next((d for d in self.deadlines if d.kind is kind), None)


@dataclass(frozen=True, slots=True)
class SlaClocks:
    """The clocks of an ``SlaStatus`` without its escalation: all the KPI facts and the
    helpdesk's stored deadlines read, for two thirds of the cost (``sla_clocks``)."""

    is_open: bool
    paused: bool  # Waiting: running clocks are stopped
    deadlines: tuple[Deadline, ...]
    next_update_due: datetime | None  # absolute; None once resolved or closed

    @property
    def breached(self) -> bool:
        return any(d.breached for d in self.deadlines)

    def deadline(self, kind: DeadlineKind) -> Deadline | None:
        return next((d for d in self.deadlines if d.kind is kind), None)


def sla_clocks(incident: Incident, tier: Tier, policy: SlaPolicy, now: datetime) -> SlaClocks:
    """The deadlines and next guest update of ``incident`` as of ``now``, as
    ``sla_status`` has them; no escalation. Pure: no I/O, no clock."""
    timeline = read_timeline(incident, now)
    return SlaClocks(
        is_open=timeline.is_open,
        paused=timeline.currently_waiting,
        deadlines=compute_deadlines(incident, tier, policy, timeline, now),
        next_update_due=next_update_due(incident, tier, policy, timeline),
    )


def sla_status(incident: Incident, tier: Tier, policy: SlaPolicy, now: datetime) -> SlaStatus:
    """Deadlines, breach and escalation of ``incident`` as of ``now``. Pure: no I/O, no clock."""
    timeline = read_timeline(incident, now)
    deadlines = compute_deadlines(incident, tier, policy, timeline, now)
    escalation = compute_escalation(incident, tier, policy, deadlines, timeline, now)
    running = [d for d in deadlines if d.running]
    nearest = min(running, key=lambda d: d.due_at, default=None)
    recompute_at = escalation.next_level_at
    if (
        nearest is not None
        and nearest.state is DeadlineState.PENDING
        and not timeline.currently_waiting
    ):
        recompute_at = min(nearest.due_at, recompute_at or nearest.due_at)
    return SlaStatus(
        incident_id=incident.id,
        priority=incident.priority,
        computed_at=now,
        is_open=timeline.is_open,
        paused=timeline.currently_waiting,
        deadlines=deadlines,
        nearest=nearest,
        time_to_breach=None if nearest is None else nearest.due_at - now,
        breached_kinds=tuple(d.kind for d in deadlines if d.breached),
        escalation=escalation,
        next_update_due=next_update_due(incident, tier, policy, timeline),
        recompute_at=recompute_at,
        warn_before=policy.urgency.warn_for(incident.priority),
    )


def time_to_breach_at(status: SlaStatus, now: datetime) -> timedelta | None:
    """Live time to breach without recomputing: negative once breached."""
    if status.nearest is None:
        return None
    if not status.ticking:
        return status.time_to_breach
    return status.nearest.due_at - now


def clock_facts(status: SlaStatus) -> ClockFacts:
    """What the urgency rank needs of a status (``app.sla.urgency``)."""
    return ClockFacts(
        incident_id=status.incident_id,
        priority=status.priority,
        level=status.escalation.level,
        due_at=status.nearest_due_at if status.ticking else None,
        paused_left=None if status.ticking else status.time_to_breach,
    )


def board_sort_key(status: SlaStatus, now: datetime | None = None) -> Rank:
    """What needs a person next first (``app.sla.urgency.urgency_rank``).

    Pass ``now`` when the statuses were computed at different instants.
    """
    return urgency_rank(clock_facts(status), now or status.computed_at)
