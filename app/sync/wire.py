"""The JSON shapes of docs/helpdesk-api.md, both ways, with strict checks on what comes in.

Everything the helpdesk sends goes through ``decode_*`` before it may touch the
store: a malformed answer raises ``MalformedResponse`` and changes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from app.domain import (
    Category,
    Channel,
    EventKind,
    Incident,
    IncidentEvent,
    IncidentStatus,
    Priority,
)
from app.sync.outbox import PATCHABLE_FIELDS

# A create always produces version 1 on the helpdesk (docs/helpdesk-api.md); each
# applied patch adds one.
CREATED_VERSION = 1


class MalformedResponse(ValueError):
    """The helpdesk answered something the contract does not allow."""


def format_time(value: datetime) -> str:
    """ISO 8601 UTC with milliseconds and a ``Z``, as the contract writes times."""
    if value.tzinfo is None:
        raise ValueError("naive datetime")
    text = value.astimezone(UTC).isoformat(timespec="milliseconds")
    return text.replace("+00:00", "Z")


def parse_time(value: Any, what: str = "time") -> datetime:
    if not isinstance(value, str):
        raise MalformedResponse(f"{what}: expected an ISO 8601 string, got {value!r:.60}")
    try:
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError as error:
        raise MalformedResponse(f"{what}: not an ISO 8601 time: {value!r:.60}") from error
    if parsed.tzinfo is None:
        raise MalformedResponse(f"{what}: a time without a zone: {value!r:.60}")
    return parsed.astimezone(UTC)


# Outgoing ------------------------------------------------------------------------------


def incident_create_body(incident: Incident, device_id: str) -> dict[str, Any]:
    return {
        "id": incident.id,
        "provisional_number": incident.provisional_number,
        "device_id": device_id,
        "opened_at": format_time(incident.opened_at),
        "opened_by": incident.opened_by,
        "priority": incident.priority.value,
        "category": incident.category.value,
        "channel": incident.channel.value,
        "summary": incident.summary,
        "status": incident.status.value,
        "guest_id": incident.guest_id,
        "owner_id": incident.owner_id,
        "location": incident.location,
        "table_id": incident.table_id,
        "game": incident.game,
        "machine": incident.machine,
        "amount": None if incident.amount is None else str(incident.amount),
        "currency": incident.currency,
        "transaction_ref": incident.transaction_ref,
        "desired_outcome": incident.desired_outcome,
        "manual_escalation_level": incident.manual_escalation_level,
    }


def patch_value(incident: Incident, field: str) -> Any:
    """A mutable field as it travels in a PATCH body."""
    value = getattr(incident, field)
    return value.value if hasattr(value, "value") else value


def event_body(event: IncidentEvent) -> dict[str, Any]:
    return {
        "id": event.id,
        "at": format_time(event.at),
        "kind": event.kind.value,
        "actor_id": event.actor_id,
        "detail": event.detail,
        "from_value": event.from_value,
        "to_value": event.to_value,
    }


# Incoming ------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ServerIncident:
    incident: Incident  # without events; ``number`` and ``version`` set
    events: tuple[IncidentEvent, ...] = ()


def _obj(data: Any, what: str) -> dict[str, Any]:
    if not isinstance(data, dict):
        raise MalformedResponse(f"{what}: expected an object, got {type(data).__name__}")
    return data


def _str(data: dict[str, Any], key: str, what: str, *, optional: bool = False) -> Any:
    value = data.get(key)
    if value is None and optional:
        return None
    if not isinstance(value, str):
        raise MalformedResponse(f"{what}.{key}: expected a string, got {value!r:.60}")
    return value


def _int(data: dict[str, Any], key: str, what: str) -> int:
    value = data.get(key)
    if not isinstance(value, int) or isinstance(value, bool):
        raise MalformedResponse(f"{what}.{key}: expected an integer, got {value!r:.60}")
    return value


def _enum(kind: Any, data: dict[str, Any], key: str, what: str) -> Any:
    value = _str(data, key, what)
    try:
        return kind(value)
    except ValueError as error:
        raise MalformedResponse(f"{what}.{key}: unknown value {value!r:.40}") from error


def decode_incident(data: Any) -> ServerIncident:
    d = _obj(data, "incident")
    w = "incident"
    amount_text = _str(d, "amount", w, optional=True)
    try:
        amount = None if amount_text is None else Decimal(amount_text)
    except InvalidOperation as error:
        raise MalformedResponse(f"incident.amount: not a number: {amount_text!r:.40}") from error
    version = _int(d, "version", w)
    if version < 1:
        raise MalformedResponse(f"incident.version: must be positive, got {version}")
    level = _int(d, "manual_escalation_level", w)
    incident = Incident(
        id=_str(d, "id", w),
        provisional_number=_str(d, "provisional_number", w),
        opened_at=parse_time(d.get("opened_at"), "incident.opened_at"),
        opened_by=_str(d, "opened_by", w),
        priority=_enum(Priority, d, "priority", w),
        category=_enum(Category, d, "category", w),
        channel=_enum(Channel, d, "channel", w),
        summary=_str(d, "summary", w),
        status=_enum(IncidentStatus, d, "status", w),
        number=_str(d, "number", w, optional=True),
        guest_id=_str(d, "guest_id", w, optional=True),
        owner_id=_str(d, "owner_id", w, optional=True),
        location=_str(d, "location", w),
        table_id=_str(d, "table_id", w, optional=True),
        game=_str(d, "game", w),
        machine=_str(d, "machine", w),
        amount=amount,
        currency=_str(d, "currency", w),
        transaction_ref=_str(d, "transaction_ref", w),
        desired_outcome=_str(d, "desired_outcome", w),
        manual_escalation_level=level,
        version=version,
    )
    raw_events = d.get("events", [])
    if not isinstance(raw_events, list):
        raise MalformedResponse("incident.events: expected a list")
    events = tuple(decode_event(e, incident.id) for e in raw_events)
    return ServerIncident(incident, events)


def decode_event(data: Any, incident_id: str | None = None) -> IncidentEvent:
    d = _obj(data, "event")
    w = "event"
    owner = d.get("incident_id", incident_id)
    if not isinstance(owner, str):
        raise MalformedResponse("event.incident_id: expected a string")
    if incident_id is not None and owner != incident_id:
        raise MalformedResponse(f"event.incident_id: {owner!r:.40} is not {incident_id!r:.40}")
    return IncidentEvent(
        id=_str(d, "id", w),
        incident_id=owner,
        at=parse_time(d.get("at"), "event.at"),
        kind=_enum(EventKind, d, "kind", w),
        actor_id=_str(d, "actor_id", w),
        detail=_str(d, "detail", w),
        from_value=_str(d, "from_value", w),
        to_value=_str(d, "to_value", w),
    )


def current_fields(incident: Incident) -> dict[str, Any]:
    return {field: patch_value(incident, field) for field in PATCHABLE_FIELDS}


def decode_record(kind: type[Any], data: Any, what: str) -> Any:
    """A guest, staff member or table from the change feed (codec-encoded dataclass)."""
    from offline_cache import codec  # the store's exact codec; imported lazily

    try:
        return codec.decode(_obj(data, what), kind)
    except MalformedResponse:
        raise
    except (TypeError, ValueError, KeyError, InvalidOperation) as error:
        raise MalformedResponse(f"{what}: {error}") from error
