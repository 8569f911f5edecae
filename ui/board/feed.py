"""Where the board's rows come from: the incident service, polled off the GUI thread."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Protocol

from app.actor import Actor
from app.domain import Incident
from app.services.errors import PermissionDenied
from app.services.incidents import IncidentService
from app.sla import SlaStatus
from ui.board.rows import BoardRow


class BoardSource(Protocol):
    def rows(self, actor: Actor, now: datetime) -> Sequence[BoardRow]:
        """Open incidents the actor may see, with their SLA deadlines at ``now``."""
        ...


class StaticBoardSource:
    """A fixed set of rows: for screenshots, demos and tests."""

    def __init__(self, rows: Sequence[BoardRow]) -> None:
        self._rows = list(rows)

    def rows(self, actor: Actor, now: datetime) -> Sequence[BoardRow]:
        return list(self._rows)


def board_row(incident: Incident, guest_name: str, status: SlaStatus) -> BoardRow:
    """One row from an incident, its guest's display name and the SLA engine's answer."""
    location = incident.location or incident.table_id or ""
    return BoardRow(
        incident_id=incident.id,
        ticket=incident.display_number,
        provisional=incident.number is None,
        priority=incident.priority,
        category=incident.category,
        # The board is on show on the floor: always the display name (alias for a quiet visit).
        guest_name=guest_name,
        location=location,
        status=incident.status,
        escalation_level=status.escalation.level,
        breach_at=status.nearest_due_at if status.ticking else None,
        next_update_at=status.next_update_due,
        next_change_at=status.recompute_at,
        paused_remaining=None if status.ticking else status.time_to_breach,
        sla_missed=status.breached,
        warn_before=status.warn_before,
    )


class ServiceBoardSource:
    """Open incidents through the core's incident service (permission-checked)."""

    def __init__(self, incidents: IncidentService) -> None:
        self._incidents = incidents

    def rows(self, actor: Actor, now: datetime) -> Sequence[BoardRow]:
        try:
            board = self._incidents.board(actor)
        except PermissionDenied:
            return []
        return [board_row(row.incident, row.guest_name, row.sla) for row in board]
