"""Per-field resolution of a version conflict (``412``) on a PATCH.

For each field of our change: if the helpdesk still has the value we started
from, nobody else touched it and our value is sent again on the new version; if
it already has our value, there is nothing to send; the escalation level only
ever goes up, so the higher one wins; anything else is a real conflict, recorded
for the user to settle (``settle_conflict``), while the console shows the
helpdesk's value meanwhile.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Any

from app.actor import Actor
from app.domain import EventKind, Incident, IncidentEvent, IncidentStatus, Priority
from app.ports import Store, UnitOfWork
from app.services import audit
from app.sync.outbox import OutboxKind
from app.wire.contract import event_body, patch_value

MONOTONIC_FIELDS = frozenset({"manual_escalation_level"})
_FIELD_TYPES: dict[str, Any] = {"status": IncidentStatus, "priority": Priority}


@dataclass
class Resolution:
    reapply: dict[str, Any] = field(default_factory=dict)  # send again on the new version
    reapply_base: dict[str, Any] = field(default_factory=dict)
    # (field, base, ours, theirs) for the user to settle
    conflicts: list[tuple[str, Any, Any, Any]] = field(default_factory=list)


def resolve(changes: dict[str, Any], base: dict[str, Any], current: dict[str, Any]) -> Resolution:
    result = Resolution()
    for name, ours in changes.items():
        theirs, was = current.get(name), base.get(name)
        if theirs == ours:
            continue
        if theirs == was:
            result.reapply[name], result.reapply_base[name] = ours, theirs
        elif name in MONOTONIC_FIELDS:
            if isinstance(ours, int) and isinstance(theirs, int) and ours > theirs:
                result.reapply[name], result.reapply_base[name] = ours, theirs
        else:
            result.conflicts.append((name, was, ours, theirs))
    return result


class ConflictNotFound(LookupError):
    pass


def settle_conflict(
    store: Store, actor: Actor, conflict_id: int, keep_mine: bool, now: datetime
) -> None:
    """The user's decision: keep the helpdesk's value, or send ours again on top of it."""
    with store.unit_of_work() as uow:
        conflict = uow.conflicts.get(conflict_id)
        if conflict is None or conflict.resolved_at is not None:
            raise ConflictNotFound(f"no open conflict {conflict_id}")
        incident = uow.incidents.by_id(conflict.incident_id)
        if keep_mine and incident is not None:
            _send_mine(uow, actor, incident, conflict.field, conflict.local_value, now)
        if incident is not None:
            kept, given_up = conflict.server_value, conflict.local_value
            if keep_mine:
                kept, given_up = given_up, kept
            _record_on_timeline(uow, actor, incident.id, conflict.field, given_up, kept, now)
        uow.conflicts.resolve(conflict_id, "mine" if keep_mine else "theirs", now)
        audit.record(
            uow,
            actor,
            "sync.conflict.settle",
            conflict.incident_id,
            at=now,
            detail=f"{conflict.field}: kept {'mine' if keep_mine else 'theirs'}",
        )


def with_patch_values(incident: Incident, values: dict[str, Any]) -> Incident:
    """``incident`` with some mutable fields set from their wire values (a PATCH body)."""
    decoded = {}
    for name, value in values.items():
        kind = _FIELD_TYPES.get(name)
        decoded[name] = kind(value) if kind is not None and value is not None else value
    return replace(incident, **decoded)


def _record_on_timeline(
    uow: UnitOfWork,
    actor: Actor,
    incident_id: str,
    name: str,
    given_up: Any,
    kept: Any,
    now: datetime,
) -> None:
    """The timeline says both changes happened and which one stands: both tablets' status
    events stay (each is what a person did), this one says how it ended."""
    event = IncidentEvent(
        id=str(uuid.uuid4()),
        incident_id=incident_id,
        at=now,
        kind=EventKind.CONFLICT_SETTLED,
        actor_id=actor.staff_id,
        detail=name,
        from_value=_text(given_up),
        to_value=_text(kept),
    )
    uow.incidents.add_events([event])
    uow.outbox.enqueue(
        OutboxKind.INCIDENT_EVENT,
        incident_id,
        event_body(event),
        actor_id=actor.staff_id,
        session_id=actor.session_id,
        at=now,
    )


def _text(value: Any) -> str:
    return "" if value is None else str(value)


def _send_mine(
    uow: UnitOfWork, actor: Actor, incident: Incident, name: str, value: Any, now: datetime
) -> None:
    current = patch_value(incident, name)
    uow.incidents.save(with_patch_values(incident, {name: value}))
    uow.outbox.enqueue(
        OutboxKind.INCIDENT_PATCH,
        incident.id,
        {"changes": {name: value}, "base": {name: current}},
        actor_id=actor.staff_id,
        session_id=actor.session_id,
        base_version=incident.version,
        at=now,
    )
