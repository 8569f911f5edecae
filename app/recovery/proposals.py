"""Which recovery events an incident triggers, and what the matrix offers for them.

Play incentives (free play, bonus play) are never offered to a self-excluded or
cooling-off guest (SPEC §4): each is replaced by the matrix's non-gaming
alternative of equal value, and the proposal says why.
"""

import json
from dataclasses import asdict, dataclass, replace
from datetime import date
from decimal import Decimal

from app.domain import Category, EventKind, Incident, Priority, Tier
from app.domain.guest import ResponsibleGambling
from app.messages import Message
from app.recovery.matrix import CompensationItem, CompensationMatrix, RecoveryEvent
from app.sla import SlaClocks, SlaStatus

# A filed "service wait" incident means the guest waited over 10 minutes in the VIP room.
_BY_CATEGORY = {
    Category.ROOM_OVERBOOKING: RecoveryEvent.ROOM_OVERBOOKING,
    Category.BROKEN_TRANSFER: RecoveryEvent.BROKEN_TRANSFER,
    Category.BILLING_ERROR: RecoveryEvent.BILLING_ERROR,
    Category.SERVICE_WAIT: RecoveryEvent.VIP_ROOM_WAIT,
}


@dataclass(frozen=True, slots=True)
class Proposal:
    events: tuple[RecoveryEvent, ...]
    offers: tuple[CompensationItem, ...]
    refused: tuple[CompensationItem, ...]  # play incentives the guest may not receive
    refusal_reason: Message | None  # why ``refused`` is not empty
    currency: str


@dataclass(frozen=True, slots=True)
class Promise:
    """What was promised, as recorded on the incident's timeline (and shown on the act)."""

    items: tuple[CompensationItem, ...]
    currency: str
    note: str = ""

    def to_json(self) -> str:
        items = [
            {**asdict(i), "amount": None if i.amount is None else str(i.amount)} for i in self.items
        ]
        return json.dumps(
            {"items": items, "currency": self.currency, "note": self.note}, ensure_ascii=False
        )

    def without_amounts(self) -> "Promise":
        """What a role that may not see amounts reads of it: the items, no values."""
        return replace(self, items=tuple(replace(i, amount=None) for i in self.items))

    @classmethod
    def from_json(cls, text: str) -> "Promise":
        raw = json.loads(text)
        items = tuple(
            CompensationItem(
                kind=i["kind"],
                label=i["label"],
                conditions=i["conditions"],
                amount=None if i["amount"] is None else Decimal(i["amount"]),
                play_incentive=bool(i["play_incentive"]),
            )
            for i in raw["items"]
        )
        return cls(items=items, currency=raw["currency"], note=raw.get("note", ""))


def recovery_events(incident: Incident, sla: SlaStatus | SlaClocks) -> tuple[RecoveryEvent, ...]:
    events = []
    if incident.priority is Priority.P1 and sla.breached:
        events.append(RecoveryEvent.P1_DELAY)
    if incident.category in _BY_CATEGORY:
        events.append(_BY_CATEGORY[incident.category])
    return tuple(events)


def incentive_block_reason(rg: ResponsibleGambling, today: date) -> Message | None:
    """Why play incentives are not offered to this guest today, or None."""
    if rg.self_excluded:
        return Message("recovery.self_excluded")
    if rg.is_cooling_off(today):
        return Message("recovery.cooling_off", {"until": rg.cooling_off_until})
    return None


def propose(
    incident: Incident,
    tier: Tier,
    rg: ResponsibleGambling,
    sla: SlaStatus,
    matrix: CompensationMatrix,
    today: date,
) -> Proposal:
    events = recovery_events(incident, sla)
    reason = incentive_block_reason(rg, today)
    offers: list[CompensationItem] = []
    refused: list[CompensationItem] = []
    for event in events:
        for item in matrix.items(event, tier):
            if item.play_incentive and reason is not None:
                refused.append(item)
                offers.append(replace(matrix.instead_of_play, amount=item.amount))
            else:
                offers.append(item)
    return Proposal(
        events=events,
        offers=tuple(offers),
        refused=tuple(refused),
        refusal_reason=reason if refused else None,
        currency=matrix.currency,
    )


def promises_of(incident: Incident) -> list[Promise]:
    """Every promise recorded on the incident, oldest first (for the act)."""
    return [
        Promise.from_json(e.detail)
        for e in incident.events
        if e.kind is EventKind.COMPENSATION_PROMISED
    ]
