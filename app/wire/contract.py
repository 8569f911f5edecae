"""The JSON shapes of docs/helpdesk-api.md, both ways, with strict checks on what comes in.

Incidents and events travel as their ``app.domain`` dataclasses encoded by
``app.wire.codec``, with the contract's times (UTC, milliseconds, ``Z``) on the way
out and the helpdesk's own fields (``number``, ``version``, ``device_id``, ``seq``…)
beside them; guests, staff and tables as the codec encodes them. Everything the
helpdesk sends goes through ``decode_*`` before it may touch the store: a malformed
value raises ``MalformedResponse`` naming its field, and nothing is applied.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from app.domain import Guest, Incident, IncidentEvent
from app.wire import codec
from app.wire.codec import DecodeError, Decoder

# A create always produces version 1 on the helpdesk (docs/helpdesk-api.md); each
# applied patch adds one.
CREATED_VERSION = 1


class MalformedResponse(ValueError):
    """The helpdesk answered something the contract does not allow."""


# Fields ``PATCH /v1/incidents/{id}`` accepts.
PATCHABLE_FIELDS = (
    "status",
    "priority",
    "owner_id",
    "guest_id",
    "manual_escalation_level",
    "summary",
    "desired_outcome",
    "satisfaction",
)

# What the helpdesk assigns (number, version) or sends on its own routes (events,
# attachment links) is not part of a create.
_NOT_CREATED = frozenset({"number", "version", "attachments", "events"})
_CREATE_ENCODERS = tuple(
    (name, codec.encoder_for(hint))
    for name, hint in codec.field_types(Incident).items()
    if name not in _NOT_CREATED
)
_EVENT_ENCODERS = tuple(
    (name, codec.encoder_for(hint))
    for name, hint in codec.field_types(IncidentEvent).items()
    if name != "incident_id"  # in the path
)
# Incoming incidents carry their events apart (``decode_incident``) and attachments as
# feed items of their own; every field that may not be null must be there.
_INCIDENT: Decoder = codec.decoder_for(
    Incident, complete=True, omit=frozenset({"events", "attachments"})
)
_EVENT: Decoder = codec.decoder_for(IncidentEvent, complete=True)


def format_time(value: datetime) -> str:
    """ISO 8601 UTC with milliseconds and a ``Z``, as the contract writes times."""
    if value.tzinfo is None:
        raise ValueError("naive datetime")
    text = value.astimezone(UTC).isoformat(timespec="milliseconds")
    return text.replace("+00:00", "Z")


def parse_time(value: Any, what: str = "time") -> datetime:
    """An aware UTC time from the contract's ISO 8601 text; ``what`` names it in errors."""
    parsed: datetime = _decode(codec.decode_datetime, value, what)
    return parsed


# Outgoing ------------------------------------------------------------------------------


def incident_create_body(incident: Incident, device_id: str) -> dict[str, Any]:
    """The body of ``POST /v1/incidents``."""
    body = {name: encode(getattr(incident, name)) for name, encode in _CREATE_ENCODERS}
    body.update(opened_at=format_time(incident.opened_at), device_id=device_id)
    return body


def event_body(event: IncidentEvent) -> dict[str, Any]:
    """The body of ``POST /v1/incidents/{id}/events``."""
    body = {name: encode(getattr(event, name)) for name, encode in _EVENT_ENCODERS}
    body["at"] = format_time(event.at)
    return body


def patch_value(incident: Incident, field: str) -> Any:
    """A mutable field as it travels in a PATCH body."""
    return codec.encode(getattr(incident, field))


def current_fields(incident: Incident) -> dict[str, Any]:
    return {field: patch_value(incident, field) for field in PATCHABLE_FIELDS}


def guest_body(guest: Guest) -> dict[str, Any]:
    """The guest as ``POST /v1/guests`` takes it and the change feed carries it."""
    body = codec.encode(guest)
    assert isinstance(body, dict)
    return body


# Incoming ------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ServerIncident:
    incident: Incident  # without events; ``number`` and ``version`` set
    events: tuple[IncidentEvent, ...] = ()


def decode_incident(data: Any) -> ServerIncident:
    """An incident as the helpdesk sends it (an answer, a feed item), with its events."""
    incident: Incident = _decode(_INCIDENT, data, "incident")
    if incident.version is None or incident.version < 1:
        raise MalformedResponse(
            f"incident.version: expected a positive integer, got {incident.version}"
        )
    raw_events = data.get("events", [])
    if not isinstance(raw_events, list):
        raise MalformedResponse("incident.events: expected a list")
    events = tuple(
        _decode_event(raw, incident.id, f"incident.events[{index}]")
        for index, raw in enumerate(raw_events)
    )
    return ServerIncident(incident, events)


def decode_event(data: Any, incident_id: str | None = None) -> IncidentEvent:
    """A timeline event; inside an incident (``incident_id``) it may omit its owner,
    and may not name another."""
    return _decode_event(data, incident_id, "event")


def _decode_event(data: Any, incident_id: str | None, what: str) -> IncidentEvent:
    if incident_id is not None and isinstance(data, dict):
        owner = data.get("incident_id", incident_id)
        if owner != incident_id:
            raise MalformedResponse(f"{what}.incident_id: {owner!r:.40} is not {incident_id!r:.40}")
        data = {**data, "incident_id": incident_id}
    event: IncidentEvent = _decode(_EVENT, data, what)
    return event


def decode_record(kind: type, data: Any, what: str) -> Any:
    """A guest, staff member or table from the change feed (codec-encoded dataclass)."""
    return _decode(codec.decoder_for(kind), data, what)


def _decode(decoder: Decoder, data: Any, what: str) -> Any:
    try:
        return decoder(data)
    except DecodeError as error:
        raise MalformedResponse(str(error.within(what))) from error
