"""SLA and escalation engine: pure functions of (incident, tier, policy, now).

No I/O, no Qt, no wall clock: callers pass ``now`` from an ``app.clock.Clock``.
"""

from app.sla.deadlines import Deadline, DeadlineKind, DeadlineState
from app.sla.escalation import EscalationReason, EscalationState
from app.sla.status import (
    SlaClocks,
    SlaStatus,
    board_sort_key,
    clock_facts,
    sla_clocks,
    sla_status,
    time_to_breach_at,
)
from app.sla.urgency import ClockFacts, Urgency, breached_for, changes_at, urgency, urgency_rank

__all__ = [
    "ClockFacts",
    "Deadline",
    "DeadlineKind",
    "DeadlineState",
    "EscalationReason",
    "EscalationState",
    "SlaClocks",
    "SlaStatus",
    "Urgency",
    "board_sort_key",
    "breached_for",
    "changes_at",
    "clock_facts",
    "sla_clocks",
    "sla_status",
    "time_to_breach_at",
    "urgency",
    "urgency_rank",
]
