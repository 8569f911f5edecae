"""The wire contract (app/wire): one codec for the store, the sync engine and the helpdesk.

What the helpdesk sends is decoded through the same codec as the store's JSON, and a
malformed value of any kind is refused with ``MalformedResponse`` naming its field.
"""

from dataclasses import replace
from datetime import UTC, datetime
from typing import Any

import pytest

from app.domain import GamingTable, Guest, Role, Staff
from app.wire import codec
from app.wire.codec import DecodeError
from app.wire.contract import (
    MalformedResponse,
    decode_event,
    decode_incident,
    decode_record,
    event_body,
    guest_body,
    incident_create_body,
)
from tests.unit.store_fixtures import event, full_guest, full_incident, guest_with

OPENED = datetime(2026, 11, 27, 4, 18, 0, 123000, tzinfo=UTC)  # the wire keeps milliseconds
INCIDENT = replace(
    full_incident("5f0c2d7e-0000-4000-8000-000000000001", opened_at=OPENED),
    number=None,
    attachments=(),
    events=(),
)
EVENT = replace(event(INCIDENT.id, "e-1"), at=OPENED)


def served(**changes: Any) -> dict[str, Any]:
    """The incident as the helpdesk answers a create: the body plus its own fields."""
    data = incident_create_body(INCIDENT, "TAB-5A158F")
    data.update(number="VIP-20512", version=1, sla_due_at=None, created_at="2026-11-27T04:18Z")
    data["events"] = [dict(event_body(EVENT), incident_id=INCIDENT.id, seq=3)]
    data.update(changes)
    return data


def test_an_incident_and_its_events_go_out_and_come_back_unchanged() -> None:
    decoded = decode_incident(served())
    assert decoded.incident == replace(INCIDENT, number="VIP-20512", version=1)
    assert decoded.events == (EVENT,)
    assert decode_event(dict(event_body(EVENT), incident_id=INCIDENT.id)) == EVENT


def test_fields_that_may_be_null_may_be_left_out() -> None:
    data = served()
    for name in ("number", "guest_id", "owner_id", "table_id", "amount", "events"):
        del data[name]
    decoded = decode_incident(data)
    assert (decoded.incident.guest_id, decoded.incident.amount, decoded.events) == (
        None,
        None,
        (),
    )


def test_records_round_trip_through_the_one_codec() -> None:
    guest = full_guest()
    assert decode_record(Guest, guest_body(guest), "guest") == guest
    member = Staff("H001", "Amelia Chen", Role.HOST, "scrypt$x", covering_for=("H002",))
    assert decode_record(Staff, codec.encode(member), "staff") == member
    assert codec.from_json(codec.to_json(guest), Guest) == guest


def without(name: str) -> dict[str, Any]:
    data = served()
    del data[name]
    return data


def event_with(**changes: Any) -> dict[str, Any]:
    return {**event_body(EVENT), "incident_id": INCIDENT.id, **changes}


# One row per kind of value the contract carries: (what is sent, the field named).
MALFORMED_INCIDENTS = [
    ("not an object", ["an", "incident"], "incident"),
    ("string", served(summary=5), "incident.summary"),
    ("string or null", served(guest_id=["g-1"]), "incident.guest_id"),
    ("integer", served(manual_escalation_level="2"), "incident.manual_escalation_level"),
    ("boolean as integer", served(version=True), "incident.version"),
    ("version below 1", served(version=0), "incident.version"),
    ("enum", served(status="closed_forever"), "incident.status"),
    ("enum of another type", served(priority=1), "incident.priority"),
    ("time", served(opened_at="yesterday"), "incident.opened_at"),
    ("time without zone", served(opened_at="2026-11-27T04:18:00"), "incident.opened_at"),
    ("time as a number", served(opened_at=1764217080), "incident.opened_at"),
    ("decimal", served(amount="12,000"), "incident.amount"),
    ("decimal as a float", served(amount=12000.5), "incident.amount"),
    ("decimal not finite", served(amount="NaN"), "incident.amount"),
    ("missing field", without("location"), "incident.location"),
    ("missing version", without("version"), "incident.version"),
    ("events not a list", served(events={"e-1": {}}), "incident.events"),
    ("bad event", served(events=[event_with(kind="deleted")]), "incident.events[0].kind"),
    (
        "event of another incident",
        served(events=[event_with(incident_id="other")]),
        "incident.events[0].incident_id",
    ),
]


@pytest.mark.parametrize(
    ("data", "field"),
    [row[1:] for row in MALFORMED_INCIDENTS],
    ids=[row[0] for row in MALFORMED_INCIDENTS],
)
def test_a_malformed_incident_is_refused_naming_the_field(data: Any, field: str) -> None:
    with pytest.raises(MalformedResponse) as refused:
        decode_incident(data)
    assert str(refused.value).startswith(f"{field}:"), str(refused.value)


@pytest.mark.parametrize(
    ("data", "field"),
    [
        (event_with(at="2026-11-27T04:19:00"), "event.at"),
        (event_with(kind="deleted"), "event.kind"),
        (event_with(detail=None), "event.detail"),
        ({k: v for k, v in event_with().items() if k != "actor_id"}, "event.actor_id"),
        (event_body(EVENT), "event.incident_id"),  # alone, an event must name its incident
        ("an event", "event"),
    ],
    ids=["naive time", "enum", "null string", "missing", "no owner", "not an object"],
)
def test_a_malformed_event_is_refused_naming_the_field(data: Any, field: str) -> None:
    with pytest.raises(MalformedResponse) as refused:
        decode_event(data)
    assert str(refused.value).startswith(f"{field}:"), str(refused.value)


@pytest.mark.parametrize(
    ("kind", "data", "field"),
    [
        (Guest, guest_with(("tier",), "diamond"), "guest.tier"),
        (Guest, guest_with(("preferences", "drinks", 1), 7), "guest.preferences.drinks[1]"),
        (Guest, guest_with(("preferences", "drinks"), "tea"), "guest.preferences.drinks"),
        (Guest, guest_with(("rg", "cooling_off_until"), "soon"), "guest.rg.cooling_off_until"),
        (Guest, guest_with(("credit_line",), 250000), "guest.credit_line"),
        (Guest, guest_with(("preferred_channels", 0), "pigeon"), "guest.preferred_channels[0]"),
        (Guest, guest_with(("itinerary", 0, "starts_at"), "2026-12-01"), "guest.itinerary[0]"),
        (Guest, guest_with(("itinerary", 0, "starts_at"), "0001-01-01T00:00:00+14:00"),
         "guest.itinerary[0]"),
        (Guest, {"id": "g-1", "name": "No card", "tier": "vip"}, "guest.card_number"),
        (Staff, dict(codec.encode(Staff("S1", "A", Role.HOST, "x")), active="yes"), "staff.active"),
        (GamingTable, [], "table"),
    ],
    ids=["enum", "list item", "list", "date", "decimal", "enum in a list", "time in a list",
         "time whose UTC overflows", "missing", "boolean", "not an object"],
)  # fmt: skip
def test_a_malformed_record_is_refused_naming_the_field(kind: type, data: Any, field: str) -> None:
    with pytest.raises(MalformedResponse) as refused:
        decode_record(kind, data, field.split(".")[0])
    assert str(refused.value).startswith(field), str(refused.value)


def test_a_refusal_can_name_the_field_without_echoing_the_value() -> None:
    with pytest.raises(DecodeError) as refused:
        codec.decode(guest_with(("phone",), 4111111111111111), Guest)
    assert "4111" in str(refused.value)  # for the console's own log, truncated
    assert refused.value.field_message == "phone: expected a string"
