"""What each table shows on the floor map, from the board's rows (no Qt here).

The tables' games come from the core (``FloorQueries.table_games``, in the executor).
``table_states`` groups the open incidents by table: count, worst priority and the
nearest SLA due time; the map ticks the countdown from that absolute time, and
``table_urgency`` says whether the table is breached, amber (a clock breaches within its
priority's window) or on track: the map is coloured by that, not by priority alone.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

from app.display import PAUSE_MARKER
from app.domain import Priority
from app.services.incidents import BoardRow
from app.sla import Urgency
from ui.incident.labels import countdown

_RANK = {p: n for n, p in enumerate(Priority)}


@dataclass(frozen=True, slots=True)
class TableState:
    table_id: str
    open_count: int
    worst: Priority | None
    nearest_due: datetime | None  # the nearest running clock's due time (it ticks)
    breached: bool
    incident_ids: tuple[str, ...]
    paused_left: timedelta | None = None  # only paused clocks (waiting): what is left
    soon_at: datetime | None = None  # when the first clock enters its amber window


def table_states(rows: Iterable[BoardRow]) -> dict[str, TableState]:
    grouped: dict[str, list[BoardRow]] = {}
    for row in rows:
        if row.incident.table_id and row.incident.is_open:
            grouped.setdefault(row.incident.table_id, []).append(row)
    states = {}
    for table_id, group in grouped.items():
        worst = min((r.incident.priority for r in group), key=_RANK.__getitem__)
        ticking = [r.sla for r in group if r.sla.ticking and r.sla.nearest_due_at]
        dues = [s.nearest_due_at for s in ticking if s.nearest_due_at]
        ambers = [s.nearest_due_at - s.warn_before for s in ticking if s.nearest_due_at]
        paused = [r.sla.time_to_breach for r in group if not r.sla.ticking and r.sla.time_to_breach]
        states[table_id] = TableState(
            table_id=table_id,
            open_count=len(group),
            worst=worst,
            nearest_due=min(dues) if dues else None,
            breached=any(r.sla.breached for r in group),
            incident_ids=tuple(r.incident.id for r in group),
            paused_left=min(paused) if paused and not dues else None,
            soon_at=min(ambers) if ambers else None,
        )
    return states


def countdown_text(state: TableState | None, now: datetime) -> str:
    """The table's nearest clock in the one countdown format; ⏸ when it is paused."""
    if state is None:
        return ""
    if state.nearest_due is not None:
        return countdown(state.nearest_due - now)
    if state.paused_left is not None:
        return f"{PAUSE_MARKER} {countdown(state.paused_left)}"
    return ""


def table_urgency(state: TableState | None, now: datetime) -> Urgency:
    """The table's worst: breached (a clock late now or missed), amber, on track, paused."""
    if state is None or not state.open_count:
        return Urgency.NONE
    if state.breached or (state.nearest_due is not None and state.nearest_due <= now):
        return Urgency.BREACHED
    if state.soon_at is not None and state.soon_at <= now:
        return Urgency.SOON
    return Urgency.ON_TRACK if state.nearest_due is not None else Urgency.PAUSED
