"""The SLA policy as plain frozen data: what ``load_policy`` returns.

Every figure a property may change (targets, ladder, calendar) lives here and
nowhere else; the SLA engine in ``app.sla`` only reads it.
"""

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import timedelta
from enum import StrEnum

from app.domain.enums import Category, Channel, Priority, Role, Tier
from app.policy.calendar import BusinessCalendar


@dataclass(frozen=True, slots=True)
class Span:
    """A target length: wall-clock time, or whole business days on the calendar.

    Exactly one of the two is set (the loader guarantees it).
    """

    wall: timedelta | None = None
    business_days: int | None = None

    @staticmethod
    def minutes(amount: int) -> "Span":
        return Span(wall=timedelta(minutes=amount))

    @staticmethod
    def days(amount: int) -> "Span":
        return Span(business_days=amount)


PerTier = Mapping[Tier, Span]


@dataclass(frozen=True, slots=True)
class PrioritySla:
    stabilise: PerTier | None  # None: the priority has no stabilise target (P3, P4)
    resolve: PerTier
    update_every: PerTier  # "time of the next update" interval


@dataclass(frozen=True, slots=True)
class OnsiteSla:
    reaction: PerTier  # table incident: first reaction
    decision: PerTier  # table incident: decision or deferral
    manager_arrival: PerTier  # a manager reaches the table or machine
    equipment_down: PerTier  # equipment down before the guest is moved


class EscalationPathName(StrEnum):
    STANDARD = "standard"
    PAYMENTS = "payments"


@dataclass(frozen=True, slots=True)
class EscalationPath:
    who: Mapping[int, str]  # level 1..4 -> who holds the incident at that level
    categories: frozenset[Category]  # empty for the standard path (it is the fallback)
    bank_sla: Span | None = None  # payments only: the bank's own SLA once at L4


@dataclass(frozen=True, slots=True)
class EscalationPolicy:
    ladder: Mapping[int, Mapping[Tier, timedelta]]  # level 2..4 -> time from T0, per tier
    ladder_priorities: frozenset[Priority]  # priorities the time ladder applies to
    trigger_categories: frozenset[Category]  # escalate at T0, whatever the timers
    trigger_level: int
    breach_level: int  # floor once any SLA deadline is breached
    standard: EscalationPath
    payments: EscalationPath

    def path_for(self, category: Category) -> EscalationPathName:
        if category in self.payments.categories:
            return EscalationPathName.PAYMENTS
        return EscalationPathName.STANDARD

    def path(self, name: EscalationPathName) -> EscalationPath:
        return self.payments if name is EscalationPathName.PAYMENTS else self.standard


@dataclass(frozen=True, slots=True)
class SessionPolicy:
    """How long a console may sit idle before it locks, per role of the signed-in staff."""

    idle_lock: Mapping[Role, timedelta]

    def idle_lock_for(self, role: Role) -> timedelta:
        return self.idle_lock[role]


@dataclass(frozen=True, slots=True)
class UrgencyPolicy:
    """When the board and the alerts warn that a clock is about to breach."""

    warn: Mapping[Priority, timedelta]  # amber "breach within N minutes", per priority
    alert_before: timedelta  # the "breach within a minute" alert

    def warn_for(self, priority: Priority) -> timedelta:
        return self.warn[priority]


@dataclass(frozen=True, slots=True)
class SlaPolicy:
    name: str
    calendar: BusinessCalendar
    priorities: Mapping[Priority, PrioritySla]
    onsite: OnsiteSla
    response: Mapping[str, Mapping[Tier, timedelta]]  # channel value or "callback" -> target
    escalation: EscalationPolicy
    session: SessionPolicy
    urgency: UrgencyPolicy

    def response_target(self, channel: Channel, tier: Tier) -> timedelta | None:
        """First-response target for a contact on ``channel``; None when the policy has none."""
        targets = self.response.get(channel.value)
        return None if targets is None else targets[tier]
