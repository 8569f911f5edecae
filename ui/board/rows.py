"""One board row: what the board shows of an incident, with absolute SLA times."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from app.domain import Category, IncidentStatus, Priority
from app.sla import ClockFacts


@dataclass(frozen=True, slots=True)
class BoardRow:
    incident_id: str
    ticket: str  # server number, else the provisional one
    provisional: bool
    priority: Priority
    category: Category
    guest_name: str  # display name: the alias for a quiet visit
    location: str  # table id and/or location
    status: IncidentStatus
    escalation_level: int  # 1..4
    breach_at: datetime | None  # the nearest SLA deadline not yet met (absolute)
    next_update_at: datetime | None = None  # when the guest is owed the next update
    next_change_at: datetime | None = None  # when the SLA engine's answer next changes
    paused_remaining: timedelta | None = None  # the clock stops while waiting on the guest
    sla_missed: bool = False  # a deadline was already missed (even if stopped since)
    warn_before: timedelta = timedelta(0)  # amber this long before ``breach_at``

    @property
    def facts(self) -> ClockFacts:
        """What the core's urgency rank needs (``app.sla.urgency``)."""
        return ClockFacts(
            self.incident_id,
            self.priority,
            self.escalation_level,
            self.breach_at,
            self.paused_remaining,
        )

    @property
    def breach_ts(self) -> float | None:
        return self.breach_at.timestamp() if self.breach_at is not None else None
