"""Which promises of an incident were kept: ``COMPENSATION_DELIVERED`` events.

A delivery names the promise it keeps (the ``COMPENSATION_PROMISED`` event's id) and
what was handed over (the promise's item labels, never amounts) with an optional note.
A promise is delivered whole; the first delivery naming it counts (two consoles that
each marked it offline leave two events, read as one). A delivery naming no promise of
its incident counts for nothing.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime, timedelta

from app.domain import EventKind, Incident
from app.recovery.proposals import Promise

# A promise counts as kept when it is delivered within this time of being made
# (docs/kpis.md, "recovery success").
DELIVERY_WINDOW = timedelta(days=7)


@dataclass(frozen=True, slots=True)
class Delivery:
    """What a ``COMPENSATION_DELIVERED`` event's detail holds."""

    promise_id: str
    items: tuple[str, ...] = ()  # the labels handed over
    note: str = ""

    def to_json(self) -> str:
        return json.dumps(
            {"promise": self.promise_id, "items": list(self.items), "note": self.note},
            ensure_ascii=False,
        )

    def without_details(self) -> Delivery:
        """What a role that may not read promises keeps of it: which promise, only."""
        return Delivery(self.promise_id)

    @classmethod
    def from_json(cls, text: str) -> Delivery:
        raw = json.loads(text)
        return cls(
            promise_id=str(raw["promise"]),
            items=tuple(str(item) for item in raw.get("items", ())),
            note=str(raw.get("note", "")),
        )


def read_delivery(text: str) -> Delivery | None:
    """The delivery an event's detail holds, or None when it holds none readable."""
    try:
        delivery = Delivery.from_json(text)
    except (ValueError, KeyError, TypeError):
        return None
    return delivery if delivery.promise_id else None


@dataclass(frozen=True, slots=True)
class PromiseState:
    """One promise of an incident and whether it was kept."""

    event_id: str
    promised_at: datetime
    promised_by: str
    promise: Promise | None  # None when its detail is hidden from the reader
    delivered_at: datetime | None = None
    delivered_by: str = ""

    @property
    def delivered(self) -> bool:
        return self.delivered_at is not None

    @property
    def kept(self) -> bool:
        """Delivered within ``DELIVERY_WINDOW`` of being promised."""
        return self.delivered_at is not None and (
            self.delivered_at <= self.promised_at + DELIVERY_WINDOW
        )


def promise_states(incident: Incident) -> list[PromiseState]:
    """Every promise recorded on ``incident``, oldest first, with its first delivery."""
    events = sorted(incident.events, key=lambda e: e.at)
    deliveries: dict[str, tuple[datetime, str]] = {}
    for event in events:
        if event.kind is EventKind.COMPENSATION_DELIVERED:
            delivery = read_delivery(event.detail)
            if delivery is not None and delivery.promise_id not in deliveries:
                deliveries[delivery.promise_id] = (event.at, event.actor_id)
    states = []
    for event in events:
        if event.kind is not EventKind.COMPENSATION_PROMISED:
            continue
        try:
            promise: Promise | None = Promise.from_json(event.detail)
        except (ValueError, KeyError, TypeError, ArithmeticError):
            promise = None
        at, by = deliveries.get(event.id, (None, ""))
        states.append(PromiseState(event.id, event.at, event.actor_id, promise, at, by))
    return states


def pending_promises(incident: Incident) -> list[PromiseState]:
    """The promises of ``incident`` not delivered yet (the handover's "to keep")."""
    return [state for state in promise_states(incident) if not state.delivered]
