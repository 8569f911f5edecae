"""Who holds an incident now, and when it moves up next.

The level is the highest of these floors reached by ``now``:
- L1 at T0 (opening);
- the time ladder, for the policy's ``ladder_priorities`` (P1, P2 by default):
  L2 at T0 + 15 min (VIP) / 10 min (VVIP), L3 at +30, L4 at +60. Wall-clock
  time from T0: Waiting does NOT pause the ladder, because who is accountable
  for a VIP does not change while a third party is awaited, and it keeps
  ``next_level_at`` an absolute instant the board can tick against;
- a trigger category (account blocked, payment dispute, broken transfer, room
  overbooking): ``trigger_level`` (L2) at T0, whatever the timers;
- an SLA breach: ``breach_level`` (L3) from the instant any deadline was due;
- a manual escalation (``manual_escalation_level``) from its ESCALATED event.

Payment categories follow the payments path (L2 Finance, L3 Risk/AML, L4 the
bank) with the same times; at L4 the bank's own SLA runs from when L4 was
reached. A resolved or closed incident keeps the level it had when resolved.
"""

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from app.domain.enums import Tier
from app.domain.incident import Incident
from app.policy import EscalationPathName, SlaPolicy
from app.sla.deadlines import Deadline, DeadlineState, advance
from app.sla.timeline import Timeline


class EscalationReason(StrEnum):
    # Declared in tie-break order: when two floors are reached at the same
    # instant, the first named here is reported.
    MANUAL = "manual"
    TRIGGER = "trigger"
    SLA_BREACH = "sla_breach"
    LADDER = "ladder"
    OPENED = "opened"


_RANK = {reason: rank for rank, reason in enumerate(EscalationReason)}


@dataclass(frozen=True, slots=True)
class EscalationState:
    level: int  # 1..4
    path: EscalationPathName
    who: str  # from the policy: who holds the incident at this level
    reason: EscalationReason
    detail: str  # the trigger category or the breached deadline kind, else ""
    since: datetime  # when this level was reached (absolute, UTC)
    next_level_at: datetime | None  # absolute; None when closed or nothing is scheduled
    bank_sla_due_at: datetime | None = None  # payments path at L4 only


@dataclass(frozen=True, slots=True)
class _Floor:
    at: datetime
    level: int
    reason: EscalationReason
    detail: str = ""


def compute_escalation(
    incident: Incident,
    tier: Tier,
    policy: SlaPolicy,
    deadlines: tuple[Deadline, ...],
    timeline: Timeline,
    now: datetime,
) -> EscalationState:
    rules = policy.escalation
    t0 = incident.opened_at
    floors = [_Floor(t0, 1, EscalationReason.OPENED)]
    if incident.priority in rules.ladder_priorities:
        floors += [
            _Floor(t0 + after[tier], level, EscalationReason.LADDER)
            for level, after in rules.ladder.items()
        ]
    if incident.category in rules.trigger_categories:
        floors.append(
            _Floor(t0, rules.trigger_level, EscalationReason.TRIGGER, incident.category.value)
        )
    pending_breaches: list[_Floor] = []  # a PENDING clock breaches just after its due time
    for deadline in deadlines:
        floor = _Floor(
            deadline.due_at, rules.breach_level, EscalationReason.SLA_BREACH, deadline.kind.value
        )
        if deadline.breached:
            floors.append(floor)
        elif deadline.state is DeadlineState.PENDING and not timeline.currently_waiting:
            pending_breaches.append(floor)  # a waiting incident's due times move: none
    manual = incident.manual_escalation_level
    if manual > 0:
        floors.append(
            _Floor(timeline.escalated_at.get(manual, t0), manual, EscalationReason.MANUAL)
        )

    as_of = now if timeline.resolved_since is None else timeline.resolved_since
    # Another device's clock may run ahead of ours: an incident seen before its own
    # opening time is taken as just opened, never as an incident with no level.
    as_of = max(as_of, t0)
    reached = [f for f in floors if f.at <= as_of]
    level = max(f.level for f in reached)
    current = min((f for f in reached if f.level == level), key=lambda f: (f.at, _RANK[f.reason]))
    next_level_at = None
    if timeline.is_open:
        later = [f.at for f in floors if f.at > as_of and f.level > level]
        later += [f.at for f in pending_breaches if f.level > level]
        next_level_at = min(later, default=None)

    path_name = rules.path_for(incident.category)
    path = rules.path(path_name)
    bank_due = None
    if path_name is EscalationPathName.PAYMENTS and level == 4 and path.bank_sla is not None:
        bank_due = advance(current.at, path.bank_sla, policy.calendar)
    return EscalationState(
        level=level,
        path=path_name,
        who=path.who[level],
        reason=current.reason,
        detail=current.detail,
        since=current.at,
        next_level_at=next_level_at,
        bank_sla_due_at=bank_due,
    )
