"""What the incident view shows, gathered off the GUI thread (no Qt here).

``load_detail`` reads the incident through ``IncidentService.get`` (permission
checked, audited, redacted) and asks the SLA engine for its deadlines; the view ticks
the countdowns from the absolute due times without asking again.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from app.actor import Actor
from app.domain import Incident, Tier
from app.services.console import ConsoleServices
from app.sla import DeadlineKind, SlaStatus
from app.sla.deadlines import Deadline, DeadlineState

TIMER_KINDS = (DeadlineKind.REACTION, DeadlineKind.DECISION)


@dataclass(frozen=True)
class IncidentDetail:
    incident: Incident
    tier: Tier
    guest_name: str
    sla: SlaStatus


def load_detail(services: ConsoleServices, actor: Actor, incident_id: str) -> IncidentDetail:
    row = services.incidents.view(actor, incident_id)
    return IncidentDetail(row.incident, row.tier, row.guest_name, row.sla)


def detail_for(services: ConsoleServices, actor: Actor, incident: Incident) -> IncidentDetail:
    """``incident`` as an action returned it, with its guest and SLA status."""
    row = services.incidents.row_of(actor, incident)
    return IncidentDetail(row.incident, row.tier, row.guest_name, row.sla)


def countdown(deadline: Deadline | None, now: datetime, paused: bool) -> tuple[str, bool]:
    """(text, late) for a timer: "1:42" left, "+0:12" late, "met" once stopped in time."""
    if deadline is None:
        return "—", False
    if deadline.state is DeadlineState.MET:
        return "✓", False
    if deadline.state is DeadlineState.MISSED:
        return "✗", True
    left = deadline.due_at - now
    if paused and deadline.state is DeadlineState.PENDING:
        left = deadline.due_at - now  # due time moves with now while waiting: frozen value
    return clock_text(left), left < timedelta(0)


def clock_text(left: timedelta) -> str:
    seconds = int(left.total_seconds())
    sign = "+" if seconds < 0 else ""
    seconds = abs(seconds)
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    if hours:
        return f"{sign}{hours}:{minutes:02d}:{secs:02d}"
    return f"{sign}{minutes}:{secs:02d}"
