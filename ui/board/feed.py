"""Where the board's rows come from: the store and the SLA engine, polled off the GUI thread."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Protocol

from app.actor import Actor
from app.domain import Guest, Incident, Tier
from app.permissions import Action, allowed
from app.policy import SlaPolicy
from app.ports import Store
from app.sla import SlaStatus, sla_status
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


def board_row(incident: Incident, guest: Guest | None, status: SlaStatus) -> BoardRow:
    """One row from an incident, its guest and the SLA engine's answer."""
    location = " · ".join(p for p in (incident.table_id or "", incident.location) if p)
    return BoardRow(
        incident_id=incident.id,
        ticket=incident.display_number,
        provisional=incident.number is None,
        priority=incident.priority,
        category=incident.category,
        # The board is on show on the floor: always the display name (alias for a quiet visit).
        guest_name=guest.display_name if guest is not None else "",
        location=location,
        status=incident.status,
        escalation_level=status.escalation.level,
        breach_at=status.nearest_due_at if status.ticking else None,
        next_update_at=status.next_update_due,
        next_change_at=status.recompute_at,
        paused_remaining=None if status.ticking else status.time_to_breach,
        sla_missed=status.breached,
    )


class StoreBoardSource:
    """Open incidents from the offline store, each with ``sla_status`` at ``now``."""

    def __init__(self, store: Store, policy: SlaPolicy) -> None:
        self._store = store
        self._policy = policy

    def rows(self, actor: Actor, now: datetime) -> Sequence[BoardRow]:
        if not allowed(actor, Action.INCIDENT_VIEW):
            return []
        with self._store.unit_of_work() as uow:
            incidents = list(uow.incidents.open_incidents())
            guest_ids = {i.guest_id for i in incidents if i.guest_id}
            guests = {gid: uow.guests.by_id(gid) for gid in guest_ids}
        rows = []
        for incident in incidents:
            guest = guests.get(incident.guest_id) if incident.guest_id else None
            tier = guest.tier if guest is not None else Tier.VIP
            status = sla_status(incident, tier, self._policy, now)
            rows.append(board_row(incident, guest, status))
        return rows
