"""What each table shows on the floor map, from the board's rows (no Qt here).

The tables' games come from the core (``FloorQueries.table_games``, in the executor).
``table_states`` groups the open incidents by table: count, worst priority and the
nearest SLA due time; the map ticks the countdown from that absolute time.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from app.domain import Priority
from app.services.incidents import BoardRow

_RANK = {p: n for n, p in enumerate(Priority)}


@dataclass(frozen=True, slots=True)
class TableState:
    table_id: str
    open_count: int
    worst: Priority | None
    nearest_due: datetime | None
    breached: bool
    incident_ids: tuple[str, ...]


def table_states(rows: Iterable[BoardRow]) -> dict[str, TableState]:
    grouped: dict[str, list[BoardRow]] = {}
    for row in rows:
        if row.incident.table_id and row.incident.is_open:
            grouped.setdefault(row.incident.table_id, []).append(row)
    states = {}
    for table_id, group in grouped.items():
        worst = min((r.incident.priority for r in group), key=_RANK.__getitem__)
        dues = [r.sla.nearest_due_at for r in group if r.sla.nearest_due_at is not None]
        states[table_id] = TableState(
            table_id=table_id,
            open_count=len(group),
            worst=worst,
            nearest_due=min(dues) if dues else None,
            breached=any(r.sla.breached for r in group),
            incident_ids=tuple(r.incident.id for r in group),
        )
    return states


def countdown_text(due: datetime | None, now: datetime) -> str:
    if due is None:
        return ""
    seconds = int((due - now).total_seconds())
    sign = "-" if seconds < 0 else ""
    seconds = abs(seconds)
    hours, rest = divmod(seconds, 3600)
    if hours:
        return f"{sign}{hours}h{rest // 60:02d}"
    return f"{sign}{rest // 60}:{rest % 60:02d}"
