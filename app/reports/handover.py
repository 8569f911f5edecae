"""The shift handover for the incoming team (issue 14): the floor as the outgoing pit boss
or duty manager leaves it. Breached incidents first, then the waiting ones with the
guest's next update due, then the rest of the open ones, and the promises not delivered
yet, that the next team must keep: on open incidents, and on incidents closed since
(a promise is often kept after the resolution). Built from the board's rows
(``IncidentService.board``: redacted for the reader, ordered by urgency) and the closed
ones with a recent promise (``IncidentService.closed_with_promises``); drawn as a signed
PDF by ``app.reports.handover_pdf``."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from app.domain import IncidentStatus
from app.recovery.delivery import pending_promises
from app.services.incidents import BoardRow


@dataclass(frozen=True, slots=True)
class HandoverItem:
    number: str
    priority: str
    status: str  # IncidentStatus value
    category: str
    guest: str  # display name (the alias of a quiet visit)
    owner: str  # staff id, or "" while unassigned
    opened_at: datetime
    due_at: datetime | None  # the nearest running clock
    breached: bool
    next_update_at: datetime | None  # the guest's next update (waiting incidents)


@dataclass(frozen=True, slots=True)
class PendingPromise:
    number: str
    guest: str
    items: str  # "Dinner for two, Free play AUD 200"
    note: str


@dataclass(frozen=True, slots=True)
class Handover:
    property_name: str
    zone: ZoneInfo
    made_at: datetime
    made_by: str  # "Paula Pit (pit boss, P001)"
    device_id: str
    breached: tuple[HandoverItem, ...]
    waiting: tuple[HandoverItem, ...]
    open: tuple[HandoverItem, ...]
    promises: tuple[PendingPromise, ...]

    @property
    def title(self) -> str:
        return f"Shift handover {self.made_at.astimezone(self.zone):%Y-%m-%d %H:%M}"

    def as_json(self) -> dict[str, Any]:
        def item(i: HandoverItem) -> dict[str, Any]:
            return {
                "number": i.number,
                "priority": i.priority,
                "status": i.status,
                "due_at": None if i.due_at is None else i.due_at.isoformat(),
                "breached": i.breached,
                "next_update_at": None
                if i.next_update_at is None
                else i.next_update_at.isoformat(),
            }

        return {
            "kind": "shift_handover",
            "made_at": self.made_at.isoformat(),
            "made_by": self.made_by,
            "device": self.device_id,
            "breached": [item(i) for i in self.breached],
            "waiting": [item(i) for i in self.waiting],
            "open": [item(i) for i in self.open],
            "promises": [{"number": p.number, "items": p.items} for p in self.promises],
        }


def handover_of(
    rows: Iterable[BoardRow],
    *,
    closed: Iterable[BoardRow] = (),
    property_name: str,
    zone: ZoneInfo,
    made_at: datetime,
    made_by: str,
    device_id: str,
) -> Handover:
    breached: list[HandoverItem] = []
    waiting: list[HandoverItem] = []
    rest: list[HandoverItem] = []
    promises: list[PendingPromise] = []
    for row in rows:  # the board's order: most urgent first
        incident, sla = row.incident, row.sla
        item = HandoverItem(
            number=incident.display_number,
            priority=incident.priority.value,
            status=incident.status.value,
            category=incident.category.value,
            guest=row.guest_name,
            owner=incident.owner_id or "",
            opened_at=incident.opened_at,
            due_at=sla.nearest_due_at,
            breached=sla.breached,
            next_update_at=sla.next_update_due,
        )
        if sla.breached:
            breached.append(item)
        elif incident.status is IncidentStatus.WAITING:
            waiting.append(item)
        else:
            rest.append(item)
        promises += _owed(row)
    for row in closed:
        promises += _owed(row)
    return Handover(
        property_name,
        zone,
        made_at,
        made_by,
        device_id,
        tuple(breached),
        tuple(waiting),
        tuple(rest),
        tuple(promises),
    )


def _owed(row: BoardRow) -> list[PendingPromise]:
    """The promises of ``row``'s incident not delivered yet (a delivered one is kept)."""
    number, guest = row.incident.display_number, row.guest_name
    owed = []
    for pending in pending_promises(row.incident):
        promise = pending.promise
        if promise is None:  # its detail hidden from the reader
            owed.append(PendingPromise(number, guest, "", ""))
            continue
        names = ", ".join(_item_text(i.label, i.amount, promise.currency) for i in promise.items)
        owed.append(PendingPromise(number, guest, names, promise.note))
    return owed


def _item_text(label: str, amount: object, currency: str) -> str:
    return label if amount is None else f"{label} {currency} {amount}"
