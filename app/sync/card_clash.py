"""A loyalty card the helpdesk gives to one guest while this console holds another.

The rule (docs/sync.md, "Merge rules"): **the helpdesk's record wins.** The local
holder is set aside for review, never silently dropped:

- a walk-in registered here that the helpdesk has not accepted (its ``guest.create``
  still in the outbox, pending or refused): the same card is the same guest, so its
  incidents are re-pointed to the helpdesk's guest (here, and by a ``guest_id``
  patch queued behind each incident's rows: a queued create may already be on its
  way, so its body is never touched); its queued create and edits go (the card is
  taken: they would be refused); its record, with what was queued for it, is kept
  for the review;
- a guest the helpdesk sent earlier: the helpdesk has moved the card; the local copy
  goes until the helpdesk sends it again, its incidents keep pointing at it.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import replace
from datetime import datetime

from app.domain import Guest
from app.ports import UnitOfWork
from app.sync.outbox import OutboxKind
from app.sync.set_aside import NewSetAside, SetAsideKind
from app.wire import codec

log = logging.getLogger(__name__)


def settle_card_clashes(uow: UnitOfWork, incoming: Sequence[Guest], now: datetime) -> int:
    """Set aside the local holders of the incoming guests' cards; returns how many."""
    by_card = {guest.card_number: guest for guest in incoming}
    holders = uow.guests.card_holders(list(by_card))
    clashes = [(card, holder) for card, holder in holders.items() if holder != by_card[card].id]
    for card, holder in clashes:
        _set_aside_holder(uow, holder, by_card[card], now)
    return len(clashes)


def _set_aside_holder(uow: UnitOfWork, holder_id: str, winner: Guest, now: datetime) -> None:
    local = uow.guests.by_id(holder_id)
    queued = uow.outbox.drop_entity(holder_id)
    creates = [row for row in queued if row.kind is OutboxKind.GUEST_CREATE]
    walk_in = bool(creates)
    repointed = 0
    if walk_in:
        first = creates[0]  # the re-pointing goes under the walk-in's own sign-in
        repointed = repoint_incidents(
            uow, holder_id, winner.id, first.actor_id, now, first.session_id
        )
    uow.guests.delete(holder_id)
    ending = winner.card_number[-4:]
    if walk_in:
        reason = (
            f"walk-in registered here with card ending {ending}: the helpdesk already "
            f"gives that card to guest {winner.id}; {repointed} incident(s) moved to it"
        )
    else:
        reason = f"the helpdesk moved card ending {ending} to guest {winner.id}"
    data = {
        "local": codec.encode(local) if local is not None else None,
        "queued": [{"kind": row.kind.value, "payload": row.payload} for row in queued],
        "helpdesk_guest": {"id": winner.id, "name": winner.name},
    }
    uow.set_aside.add(
        NewSetAside(
            SetAsideKind.CARD_TAKEN,
            "guest",
            winner.id,
            codec.dumps(data),
            reason,
            local_id=holder_id,
            repointed=repointed,
        ),
        now,
    )
    log.warning("guest %s set aside: %s", holder_id, reason)


def repoint_incidents(
    uow: UnitOfWork,
    old_guest: str,
    new_guest: str,
    actor_id: str,
    now: datetime,
    session_id: str = "",
) -> int:
    """Point the incidents of ``old_guest`` at ``new_guest``, here and at the helpdesk."""
    incidents = uow.incidents.for_guest(old_guest)
    for incident in incidents:
        uow.incidents.save(replace(incident, guest_id=new_guest, events=()))
        uow.outbox.enqueue(
            OutboxKind.INCIDENT_PATCH,
            incident.id,
            {"changes": {"guest_id": new_guest}, "base": {"guest_id": old_guest}},
            actor_id=actor_id or incident.opened_by,
            base_version=incident.version,  # None: pinned when its create is answered
            at=now,
            session_id=session_id,
        )
    return len(incidents)
