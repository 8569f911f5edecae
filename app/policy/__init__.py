"""The property's SLA policy: targets, escalation ladder and calendar, as data.

``load_policy()`` reads the shipped ``default_policy.toml``; a property may
edit a copy and pass its path.
"""

from app.policy.calendar import BusinessCalendar
from app.policy.loader import PolicyError, default_policy_text, load_policy, loads_policy
from app.policy.model import (
    EscalationPath,
    EscalationPathName,
    EscalationPolicy,
    OnsiteSla,
    PrioritySla,
    SessionPolicy,
    SlaPolicy,
    Span,
    UrgencyPolicy,
)

__all__ = [
    "BusinessCalendar",
    "EscalationPath",
    "EscalationPathName",
    "EscalationPolicy",
    "OnsiteSla",
    "PolicyError",
    "PrioritySla",
    "SessionPolicy",
    "UrgencyPolicy",
    "SlaPolicy",
    "Span",
    "default_policy_text",
    "load_policy",
    "loads_policy",
]
