"""What one incident contributes to the KPIs (docs/kpis.md), read from its timeline once.

``incident_facts`` is the single place the definitions are applied to an incident: the
console sums the facts of the incidents in its store (``app.kpis.totals``), the
helpdesk stores the same facts per incident each time the incident changes and sums
them in SQL (``helpdesk/kpis.py``). Times are whole seconds from T0 (the opening).

Which clocks count is the SLA engine's (``app.sla``): pauses while Waiting, time spent
resolved before a reopen, business days for P4, the tier's targets.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from app.domain import EventKind, Incident, IncidentStatus, Priority, Satisfaction, Tier
from app.policy import SlaPolicy
from app.recovery.delivery import promise_states
from app.recovery.proposals import recovery_events
from app.sla import DeadlineKind, DeadlineState, SlaClocks, SlaStatus, sla_clocks

REOPEN_WINDOW = timedelta(days=7)
# A response the guest sees: someone at the table, a decision, a fix, a note, an offer,
# or the incident put on hold or resolved (moving it to In progress alone is not one).
_RESPONSES = frozenset(
    {
        EventKind.REACTED,
        EventKind.DECIDED,
        EventKind.STABILISED,
        EventKind.NOTE,
        EventKind.COMPENSATION_PROMISED,
    }
)
_RESPONSE_STATUSES = frozenset({"waiting", "resolved", "closed"})
_DONE = frozenset({IncidentStatus.RESOLVED.value, IncidentStatus.CLOSED.value})
_OPEN = frozenset(s.value for s in IncidentStatus if s.is_open)

# The resolve clock: ``met``/``missed`` once stopped; while running, ``overdue`` (late
# for good) or ``pending`` (late only if ``due_at`` passes while it is not paused).
MET, MISSED, OVERDUE, PENDING = "met", "missed", "overdue", "pending"
_STATE = {
    DeadlineState.MET: MET,
    DeadlineState.MISSED: MISSED,
    DeadlineState.OVERDUE: OVERDUE,
    DeadlineState.PENDING: PENDING,
}


@dataclass(frozen=True, slots=True)
class IncidentFacts:
    incident_id: str
    opened_at: datetime
    priority: Priority
    tier: Tier
    category: str
    is_open: bool
    paused: bool  # Waiting now: a pending resolve clock does not run
    sla_state: str  # MET, MISSED, OVERDUE or PENDING (the resolve clock)
    sla_due_at: datetime
    ack_s: int | None  # T0 -> the incident left New
    reach_s: int | None  # T0 -> a manager reached the table (onsite)
    reach_met: bool | None  # the manager-arrival clock, when the incident has one
    decide_s: int | None  # T0 -> decision or deferral (onsite)
    decide_met: bool | None  # the decision clock, when the incident has one
    response_s: int | None  # T0 -> the first response the guest sees
    response_met: bool | None  # against the channel's response target, where there is one
    resolved: bool  # resolved or closed at least once
    first_contact: bool | None  # resolved once, by the first holder: no escalation, no reopen
    reopened_7d: bool | None  # resolved, then reopened within 7 days of a resolution
    recovery_ok: bool | None  # needed recovery and is resolved: promised, delivered (docs/kpis.md)
    satisfaction: str | None  # the latest answer, "not_asked" included


def incident_facts(
    incident: Incident,
    tier: Tier,
    policy: SlaPolicy,
    now: datetime,
    sla: SlaStatus | SlaClocks | None = None,
) -> IncidentFacts:
    """``sla``: the incident's clocks (or whole status) as of the later of ``now`` and
    its events, if the caller has them already (the helpdesk computes them for the
    deadlines first)."""
    events = sorted(incident.events, key=lambda e: e.at)
    t0 = incident.opened_at
    if sla is None:
        sla = sla_clocks(incident, tier, policy, max([now, t0, *(e.at for e in events)]))
    resolve = sla.deadline(DeadlineKind.RESOLVE)
    assert resolve is not None  # every incident has a resolve clock

    def seconds(at: datetime | None) -> int | None:
        return None if at is None else max(0, int((at - t0).total_seconds()))

    left_new = next(
        (e.at for e in events if e.kind is EventKind.STATUS_CHANGED and e.from_value == "new"),
        None,
    )
    response = next(
        (
            e.at
            for e in events
            if e.kind in _RESPONSES
            or (e.kind is EventKind.STATUS_CHANGED and e.to_value in _RESPONSE_STATUSES)
        ),
        None,
    )
    target = policy.response_target(incident.channel, tier)
    response_s = seconds(response)
    resolutions = [
        e.at for e in events if e.kind is EventKind.STATUS_CHANGED and e.to_value in _DONE
    ]
    reopens = [
        e
        for e in events
        if e.kind is EventKind.STATUS_CHANGED and e.from_value in _DONE and e.to_value in _OPEN
    ]
    resolved = bool(resolutions)
    reopened = any(any(r <= e.at <= r + REOPEN_WINDOW for r in resolutions) for e in reopens)
    handed_on = any(e.kind in (EventKind.ESCALATED, EventKind.ASSIGNED) for e in events)
    return IncidentFacts(
        incident_id=incident.id,
        opened_at=t0,
        priority=incident.priority,
        tier=tier,
        category=incident.category.value,
        is_open=incident.is_open,
        paused=sla.paused,
        sla_state=_STATE[resolve.state],
        sla_due_at=resolve.due_at,
        ack_s=seconds(left_new),
        reach_s=seconds(incident.first_event_at(EventKind.REACTED)),
        reach_met=_met(sla, DeadlineKind.MANAGER_ARRIVAL),
        decide_s=seconds(incident.first_event_at(EventKind.DECIDED)),
        decide_met=_met(sla, DeadlineKind.DECISION),
        response_s=response_s,
        response_met=None
        if target is None or response_s is None
        else response_s <= target.total_seconds(),
        resolved=resolved,
        first_contact=(not handed_on and not reopens) if resolved else None,
        reopened_7d=reopened if resolved else None,
        recovery_ok=_recovery(incident, sla, resolved, reopened),
        satisfaction=None if incident.satisfaction is None else incident.satisfaction.value,
    )


def _met(sla: SlaStatus | SlaClocks, kind: DeadlineKind) -> bool | None:
    """Whether a clock was met, once it stopped (docs/kpis.md: met ÷ stopped); None while
    it runs, late or not, and when there is none. A fact that does not change with the
    time it is read at: the helpdesk stores it at each write and sums what it stored."""
    deadline = sla.deadline(kind)
    if deadline is None or deadline.state not in (DeadlineState.MET, DeadlineState.MISSED):
        return None
    return deadline.state is DeadlineState.MET


def _recovery(
    incident: Incident, sla: SlaStatus | SlaClocks, resolved: bool, reopened: bool
) -> bool | None:
    """An incident that called for recovery (SPEC §7) and is resolved: recovered when a
    promise was recorded before it was first resolved, every promise recorded on it was
    delivered within 7 days of being made (before or after the resolution), it was not
    reopened within 7 days, and the guest did not answer unhappy. Read from the timeline
    alone, never from the time it is read: until its delivery is recorded, a promise
    is not kept."""
    if not resolved or not recovery_events(incident, sla):
        return None
    first_resolved = min(
        e.at for e in incident.events if e.kind is EventKind.STATUS_CHANGED and e.to_value in _DONE
    )
    promises = promise_states(incident)
    promised = any(p.promised_at <= first_resolved for p in promises)
    kept = all(p.kept for p in promises)
    unhappy = incident.satisfaction in (Satisfaction.VERY_UNHAPPY, Satisfaction.UNHAPPY)
    return promised and kept and not reopened and not unhappy
