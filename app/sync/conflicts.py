"""Per-field resolution of a version conflict (``412``) on a PATCH.

For each field of our change: if the helpdesk still has the value we started
from, nobody else touched it and our value is sent again on the new version; if
it already has our value, there is nothing to send; the escalation level only
ever goes up, so the higher one wins; anything else is a real conflict, recorded
for the user to settle (``settle_conflict``), while the console shows the
helpdesk's value meanwhile.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from app.actor import Actor
from app.domain import Incident, IncidentStatus, Priority
from app.ports import Store, UnitOfWork
from app.services import audit
from app.sync.outbox import OutboxKind
from app.wire.contract import patch_value

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
        uow.conflicts.resolve(conflict_id, "mine" if keep_mine else "theirs", now)
        audit.record(
            uow,
            actor,
            "sync.conflict.settle",
            conflict.incident_id,
            at=now,
            detail=f"{conflict.field}: kept {'mine' if keep_mine else 'theirs'}",
        )


def _send_mine(
    uow: UnitOfWork, actor: Actor, incident: Incident, name: str, value: Any, now: datetime
) -> None:
    kind = _FIELD_TYPES.get(name)
    local_value = kind(value) if kind is not None and value is not None else value
    current = patch_value(incident, name)
    uow.incidents.save(_with_field(incident, name, local_value))
    uow.outbox.enqueue(
        OutboxKind.INCIDENT_PATCH,
        incident.id,
        {"changes": {name: value}, "base": {name: current}},
        actor_id=actor.staff_id,
        base_version=incident.version,
        at=now,
    )


def _with_field(incident: Incident, name: str, value: Any) -> Incident:
    from dataclasses import replace

    return replace(incident, **{name: value})
