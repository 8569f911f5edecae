"""What the incident view shows, gathered off the GUI thread (no Qt here).

``load_detail`` reads the incident through ``IncidentService.get`` (permission
checked, audited, redacted) and asks the SLA engine for its deadlines; the view ticks
the countdowns from the absolute due times without asking again.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from app.actor import Actor
from app.domain import Incident, Tier
from app.sla import DeadlineKind, SlaStatus, sla_status
from app.sla.deadlines import Deadline, DeadlineState

TIMER_KINDS = (DeadlineKind.REACTION, DeadlineKind.DECISION)


@dataclass(frozen=True)
class IncidentDetail:
    incident: Incident
    tier: Tier
    guest_name: str
    sla: SlaStatus


def load_detail(context: Any, actor: Actor, incident_id: str) -> IncidentDetail:
    incident = context.incidents.get(actor, incident_id)
    return detail_for(context, incident)


def detail_for(context: Any, incident: Incident) -> IncidentDetail:
    tier, name = Tier.VIP, ""
    if incident.guest_id:
        with context.store.unit_of_work() as uow:
            guest = uow.guests.by_id(incident.guest_id)
        if guest is not None:
            tier, name = guest.tier, guest.display_name
    status = sla_status(incident, tier, context.policy, context.clock.now())
    return IncidentDetail(incident, tier, name, status)


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
