"""SLA and escalation engine: pure functions of (incident, tier, policy, now).

No I/O, no Qt, no wall clock: callers pass ``now`` from an ``app.clock.Clock``.
"""

from app.sla.deadlines import Deadline, DeadlineKind, DeadlineState
from app.sla.escalation import EscalationReason, EscalationState
from app.sla.status import SlaStatus, board_sort_key, sla_status, time_to_breach_at

__all__ = [
    "Deadline",
    "DeadlineKind",
    "DeadlineState",
    "EscalationReason",
    "EscalationState",
    "SlaStatus",
    "board_sort_key",
    "sla_status",
    "time_to_breach_at",
]
