"""What a write service puts in the outbox: called inside the service's unit of work.

``queue_incident_changes(uow, before, after, actor, now)`` compares the incident
before and after a service call and queues, in order: the create (when there was
no incident before), one patch with every mutable field that changed (with the
values it started from and the helpdesk version it was made against), and one
row per new timeline event (notes and acts are append-only: never patched).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from app.actor import Actor
from app.domain import Guest, Incident
from app.ports import UnitOfWork
from app.sync.outbox import OutboxKind
from app.wire.contract import (
    PATCHABLE_FIELDS,
    event_body,
    guest_body,
    incident_create_body,
    patch_value,
)


def queue_incident_changes(
    uow: UnitOfWork, before: Incident | None, after: Incident, actor: Actor, now: datetime
) -> int:
    """Queue the outbox rows for ``before`` -> ``after``; returns how many."""
    queued = 0
    if before is None:
        uow.outbox.enqueue(
            OutboxKind.INCIDENT_CREATE,
            after.id,
            incident_create_body(after, actor.device_id),
            actor_id=actor.staff_id,
            session_id=actor.session_id,
            at=now,
        )
        queued += 1
    else:
        changes = {
            name: patch_value(after, name)
            for name in PATCHABLE_FIELDS
            if patch_value(after, name) != patch_value(before, name)
        }
        if changes:
            base = {name: patch_value(before, name) for name in changes}
            uow.outbox.enqueue(
                OutboxKind.INCIDENT_PATCH,
                after.id,
                {"changes": changes, "base": base},
                actor_id=actor.staff_id,
                session_id=actor.session_id,
                base_version=before.version,
                at=now,
            )
            queued += 1
    known = {event.id for event in before.events} if before is not None else set()
    for event in after.events:
        if event.id not in known:
            uow.outbox.enqueue(
                OutboxKind.INCIDENT_EVENT,
                after.id,
                event_body(event),
                actor_id=actor.staff_id,
                session_id=actor.session_id,
                at=now,
            )
            queued += 1
    return queued


def queue_guest_create(uow: UnitOfWork, guest: Guest, actor: Actor, now: datetime) -> None:
    """A walk-in registered here: the helpdesk gets the whole guest (``POST /v1/guests``)."""
    uow.outbox.enqueue(
        OutboxKind.GUEST_CREATE,
        guest.id,
        guest_body(guest),
        actor_id=actor.staff_id,
        session_id=actor.session_id,
        at=now,
    )


def queue_guest_patch(
    uow: UnitOfWork,
    guest_id: str,
    changes: dict[str, Any],
    actor: Actor,
    now: datetime,
    *,
    base: dict[str, Any] | None = None,
) -> None:
    """Changed parts of a guest (``PATCH /v1/guests/{id}``, last writer wins); ``base``
    is what they were, so discarding a refused edit can undo it here."""
    payload: dict[str, Any] = {"changes": changes}
    if base is not None:
        payload["base"] = base
    uow.outbox.enqueue(
        OutboxKind.GUEST_PATCH,
        guest_id,
        payload,
        actor_id=actor.staff_id,
        session_id=actor.session_id,
        at=now,
    )
