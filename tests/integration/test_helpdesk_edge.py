"""Every input validated at the edge (issue 11, item 4), against the real service:
malformed values are a 422 naming the field (never a 500, never echoed), no string
field takes a full payment card number, attachments are what they declare."""

import json
from typing import Any

import httpx
import pytest

from app.security.audit_chain import CheckpointSigner
from tests.integration.conftest import (
    HelpdeskService,
    enrol_body,
    event_body,
    incident_body,
    new_key,
)
from tests.integration.test_helpdesk_guests import walk_in

CARD = "4111111111111111"
SPACED_CARD = "4111 1111 1111 1111"
LONE_SURROGATE = "\ud800"
AT = "2026-11-27T09:00:00Z"
FAR_PAST = "0001-01-01T00:00:00+14:00"  # UTC would be year 0
FAR_FUTURE = "9999-12-31T23:59:59-14:00"  # UTC would be year 10000


def as_host(helpdesk: HelpdeskService) -> dict[str, str]:
    """A host registers and edits guests here: every guest field is theirs to set."""
    return helpdesk.headers(key=new_key(), staff="H001")


def send(client: httpx.Client, method: str, path: str, body: Any, headers: dict[str, str]):
    """``body`` as JSON text with non-ASCII escaped, so a lone surrogate travels as
    ``\\ud800`` (valid JSON that decodes to an invalid string)."""
    text = json.dumps(body, ensure_ascii=True)
    headers = {**headers, "Content-Type": "application/json"}
    return client.request(method, path, content=text.encode("ascii"), headers=headers)


def assert_refused(reply: httpx.Response, field: str) -> None:
    assert reply.status_code == 422, reply.text
    answer = reply.json()
    assert answer["detail"].startswith(f"{field}:"), answer["detail"]
    assert [error["field"] for error in answer["errors"]] == [field]
    assert CARD not in reply.text and SPACED_CARD not in reply.text


def checkpoint(service: HelpdeskService, entry_id: int = 100, at: str = AT) -> dict[str, Any]:
    signed = CheckpointSigner(b"k" * 32).sign(service.device_id, entry_id, "ab" * 32, at)
    return signed.to_json()


def feed_text(client: httpx.Client, helpdesk: HelpdeskService) -> str:
    return client.get("/v1/changes", params={"limit": 1000}, headers=helpdesk.headers()).text


# Numbers ---------------------------------------------------------------------------


@pytest.mark.parametrize("value", ["abc", "sNaN", "NaN", "-Infinity", "1e999999", "1e-999999"])
def test_a_guest_decimal_that_is_no_finite_amount_is_refused(client, helpdesk, value) -> None:
    body = walk_in(credit_line=None) | {"credit_line": value}
    reply = client.post("/v1/guests", json=body, headers=as_host(helpdesk))
    assert_refused(reply, "credit_line")
    assert body["id"] not in feed_text(client, helpdesk)


@pytest.mark.parametrize("value", ["1e999999", "12.00001", 10**30])
def test_an_incident_amount_is_bounded(client, helpdesk, value) -> None:
    body = incident_body(amount=value)
    reply = client.post("/v1/incidents", json=body, headers=helpdesk.headers(key=new_key()))
    assert_refused(reply, "amount")


@pytest.mark.parametrize("entry_id", [2**63, 2**31])
def test_a_checkpoint_entry_beyond_its_column_is_refused(client, helpdesk, entry_id) -> None:
    body = checkpoint(helpdesk, entry_id=entry_id)  # correctly signed: only the size is wrong
    reply = client.post("/v1/audit/checkpoints", json=body, headers=helpdesk.headers(staff=None))
    assert_refused(reply, "entry_id")


def test_a_huge_integer_anywhere_is_refused(client, helpdesk, incident_id) -> None:
    reply = client.patch(
        f"/v1/incidents/{incident_id}",
        json={"manual_escalation_level": 2**64},
        headers=helpdesk.headers(key=new_key(), If_Match="1"),
    )
    assert_refused(reply, "manual_escalation_level")
    limits = {"time_per_day_minutes": 2**63, "bankroll_per_visit": None}
    guest = walk_in()
    guest["rg"]["limits"] = limits
    reply = client.post("/v1/guests", json=guest, headers=as_host(helpdesk))
    assert_refused(reply, "rg.limits.time_per_day_minutes")


# Times -----------------------------------------------------------------------------


@pytest.mark.parametrize("moment", [FAR_PAST, FAR_FUTURE])
def test_a_time_whose_utc_would_overflow_is_refused_everywhere(
    client, helpdesk, incident_id, moment
) -> None:
    headers = helpdesk.headers(key=new_key())
    assert_refused(
        client.post("/v1/incidents", json=incident_body(opened_at=moment), headers=headers),
        "opened_at",
    )
    event = client.post(
        f"/v1/incidents/{incident_id}/events",
        json=event_body(at=moment),
        headers=helpdesk.headers(key=new_key()),
    )
    assert_refused(event, "at")
    guest = walk_in() | {"itinerary": [{"starts_at": moment, "kind": "flight", "detail": ""}]}
    assert_refused(
        client.post("/v1/guests", json=guest, headers=as_host(helpdesk)),
        "itinerary[0].starts_at",
    )
    reply = client.post(
        "/v1/audit/checkpoints",
        json=checkpoint(helpdesk, at=moment),
        headers=helpdesk.headers(staff=None),
    )
    assert_refused(reply, "at")


def test_a_date_out_of_range_is_refused(client, helpdesk) -> None:
    guest = walk_in()
    guest["rg"]["cooling_off_until"] = "9999-12-31"
    reply = client.post("/v1/guests", json=guest, headers=as_host(helpdesk))
    assert_refused(reply, "rg.cooling_off_until")


# Text ------------------------------------------------------------------------------


def test_a_lone_surrogate_is_refused_in_every_body(client, helpdesk, incident_id) -> None:
    guest = walk_in(name=f"Sofia {LONE_SURROGATE}")
    assert_refused(send(client, "POST", "/v1/guests", guest, as_host(helpdesk)), "name")
    incident = incident_body(summary=f"Shoe {LONE_SURROGATE}")
    assert_refused(
        send(client, "POST", "/v1/incidents", incident, helpdesk.headers(key=new_key())),
        "summary",
    )
    note = event_body(detail=LONE_SURROGATE)
    path = f"/v1/incidents/{incident_id}/events"
    assert_refused(send(client, "POST", path, note, helpdesk.headers(key=new_key())), "detail")
    patch = {"preferences": {"drinks": [LONE_SURROGATE]}}
    guest_path = f"/v1/guests/{walk_in()['id']}"
    assert_refused(
        send(client, "PATCH", guest_path, patch, helpdesk.headers(key=new_key())),
        "preferences.drinks[0]",
    )
    named = incident_body() | {LONE_SURROGATE: 1}
    unknown = send(client, "POST", "/v1/incidents", named, helpdesk.headers(key=new_key()))
    assert unknown.status_code == 422
    assert unknown.json()["detail"].startswith("body: ")  # a name that is no text


def test_a_lone_surrogate_in_a_batch_refuses_that_operation(client, helpdesk) -> None:
    good, bad = incident_body(), incident_body(summary=LONE_SURROGATE)
    operations = [
        {"method": "POST", "path": "/incidents", "idempotency_key": new_key(),
         "staff_token": helpdesk.staff_token("P001"), "body": body}
        for body in (good, bad)
    ]  # fmt: skip
    reply = send(client, "POST", "/v1/batch", {"operations": operations}, helpdesk.headers())
    assert reply.status_code == 200, reply.text
    results = reply.json()["results"]
    assert [r["status"] for r in results] == [201, 422]
    assert results[1]["body"]["detail"].startswith("summary:")


INCIDENT_FIELDS = ["provisional_number", "table_id", "opened_by", "owner_id", "device_id"]


@pytest.mark.parametrize("field", INCIDENT_FIELDS)
def test_no_incident_field_takes_a_card_number(client, helpdesk, field) -> None:
    body = incident_body(**{field: CARD})
    reply = client.post("/v1/incidents", json=body, headers=helpdesk.headers(key=new_key()))
    assert reply.status_code == 422
    assert reply.json()["detail"].startswith(f"{field}:")
    assert CARD not in reply.text
    assert client.get(f"/v1/incidents/{body['id']}", headers=helpdesk.headers()).status_code == 404


def test_no_event_actor_takes_a_card_number(client, helpdesk, incident_id) -> None:
    reply = client.post(
        f"/v1/incidents/{incident_id}/events",
        json=event_body(actor_id=CARD),
        headers=helpdesk.headers(key=new_key()),
    )
    assert_refused(reply, "actor_id")


def _guest_with(path: str, value: Any) -> dict[str, Any]:
    body = walk_in()
    *parents, name = path.split(".")
    holder = body
    for parent in parents:
        holder = holder[parent]
    holder[name] = value
    return body


@pytest.mark.parametrize(
    ("path", "value", "field"),
    [
        ("quiet.alias", SPACED_CARD, "quiet.alias"),
        ("languages", ["en", CARD], "languages[1]"),
        ("sof_sow_status", CARD, "sof_sow_status"),
        ("room", SPACED_CARD, "room"),
        ("preferences.travel.insurance", f"policy {SPACED_CARD}", "preferences.travel.insurance"),
        ("itinerary", [{"starts_at": AT, "kind": "stay", "detail": CARD}], "itinerary[0].detail"),
    ],
)
def test_no_guest_field_takes_a_card_number(client, helpdesk, path, value, field) -> None:
    body = _guest_with(path, value)
    reply = client.post("/v1/guests", json=body, headers=as_host(helpdesk))
    assert_refused(reply, field)
    assert CARD not in feed_text(client, helpdesk).replace(" ", "")


def test_a_loyalty_number_stays_where_it_belongs(client, helpdesk) -> None:
    loyalty = "9000012345678901"
    body = walk_in(card_number=loyalty) | {"sof_sow_status": "verified"}
    body["preferences"]["communication"] = [f"quote card {loyalty} at the desk"]
    reply = client.post("/v1/guests", json=body, headers=as_host(helpdesk))
    assert reply.status_code == 201, reply.text
    assert reply.json()["card_number"] == loyalty


def test_no_other_body_takes_a_card_number(client, helpdesk) -> None:
    enrol = client.post("/v1/devices/enrol", json=enrol_body(CARD, "K7QM-4XPA-9RTE-2WDN"))
    assert_refused(enrol, "device_id")
    session = client.post(
        "/v1/staff/sessions", json={"staff_id": CARD, "pin": "2468"}, headers=helpdesk.headers()
    )
    assert_refused(session, "staff_id")
    operation = {"method": "POST", "path": f"/incidents/{CARD}", "body": {}}
    operation |= {"idempotency_key": new_key(), "staff_token": helpdesk.staff_token("P001")}
    batch = {"operations": [operation]}
    assert_refused(
        client.post("/v1/batch", json=batch, headers=helpdesk.headers()), "operations[0].path"
    )
    named = client.post(
        "/v1/incidents", json=incident_body() | {CARD: "x"}, headers=helpdesk.headers(key=new_key())
    )
    assert named.status_code == 422
    assert named.json()["detail"] == "(a refused name): unknown field"


def test_an_idempotency_key_holding_a_card_number_is_refused(client, helpdesk) -> None:
    reply = client.post("/v1/incidents", json=incident_body(), headers=helpdesk.headers(key=CARD))
    assert reply.status_code == 422
    assert reply.json()["detail"].startswith("Idempotency-Key:")
    assert CARD not in reply.text


# Bodies no parser reads ------------------------------------------------------------

UNREADABLE = {
    "not UTF-8": b'{"summary": "\xff\xfe"}',
    "an integer of 5000 digits": b'{"manual_escalation_level": ' + b"1" * 5000 + b"}",
    "nesting past the parser": b"[" * 100_000 + b"]" * 100_000,
}


@pytest.mark.parametrize("what", sorted(UNREADABLE))
def test_a_body_no_parser_reads_is_invalid_json_on_every_route(
    client, helpdesk, incident_id, what
) -> None:
    routes = [
        ("POST", "/v1/incidents"),
        ("PATCH", f"/v1/incidents/{incident_id}"),
        ("POST", f"/v1/incidents/{incident_id}/events"),
        ("POST", "/v1/batch"),
        ("POST", "/v1/guests"),
        ("PATCH", f"/v1/guests/{walk_in()['id']}"),
        ("POST", "/v1/audit/checkpoints"),
        ("POST", "/v1/devices/enrol"),
        ("POST", "/v1/staff/sessions"),
    ]
    headers = helpdesk.headers(key=new_key(), If_Match="1", Content_Type="application/json")
    for method, path in routes:
        reply = client.request(method, path, content=UNREADABLE[what], headers=headers)
        assert reply.status_code == 422, (path, reply.text)
        assert reply.json()["detail"] == "body: not valid JSON"
