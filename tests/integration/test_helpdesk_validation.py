"""Validation, limits, authentication and headers against the real service."""

import logging
from typing import Any

import httpx
import pytest

from helpdesk.models import StaffRow
from tests.integration.conftest import (
    HelpdeskService,
    enrol_body,
    incident_body,
    new_key,
)

MIB = 1024 * 1024


@pytest.fixture
def client(helpdesk: HelpdeskService) -> Any:
    with httpx.Client(base_url=helpdesk.url, timeout=30) as client:
        yield client


def post_incident(client: httpx.Client, helpdesk: HelpdeskService, body: Any, **headers: Any):
    return client.post(
        "/v1/incidents", json=body, headers=helpdesk.headers(key=new_key(), **headers)
    )


def test_a_bad_priority_is_422_naming_the_field(client, helpdesk) -> None:
    reply = post_incident(client, helpdesk, incident_body(priority="P7"))
    assert reply.status_code == 422
    assert reply.json()["detail"].startswith("priority:")
    assert "P7" not in reply.text.replace("'P1', 'P2', 'P3' or 'P4'", "")  # input not echoed


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("id", "not-a-uuid"),
        ("opened_at", "2026-11-27T04:18:00"),  # naive: whose clock?
        ("amount", 12000.5),  # floats lose cents
        ("currency", "aud"),
        ("manual_escalation_level", 9),
        ("channel", "carrier pigeon"),
        ("summary", "x" * 2001),
    ],
)
def test_each_field_is_validated(client, helpdesk, field: str, value: Any) -> None:
    reply = post_incident(client, helpdesk, incident_body(**{field: value}))
    assert reply.status_code == 422
    assert reply.json()["detail"].startswith(f"{field}:")


def test_a_missing_field_is_named(client, helpdesk) -> None:
    body = incident_body()
    del body["category"]
    reply = post_incident(client, helpdesk, body)
    assert reply.status_code == 422
    assert reply.json()["detail"] == "category: required"


def test_an_unknown_field_is_refused(client, helpdesk) -> None:
    reply = post_incident(client, helpdesk, incident_body(colour="red"))
    assert reply.status_code == 422
    assert reply.json()["detail"] == "colour: unknown field"


def test_a_full_card_number_is_never_stored(client, helpdesk) -> None:
    body = incident_body(summary="Guest paid with 4111 1111 1111 1111, declined")
    reply = post_incident(client, helpdesk, body)
    assert reply.status_code == 422
    assert reply.json()["detail"].startswith("summary:")
    assert "4111" not in reply.text
    ok = post_incident(client, helpdesk, incident_body(summary="Card ending 1111 declined"))
    assert ok.status_code == 201


def test_no_log_line_carries_a_card_number_or_a_pin(client, helpdesk, caplog) -> None:
    caplog.set_level(logging.DEBUG)
    card = "5555 5555 5555 4444"
    post_incident(client, helpdesk, incident_body(desired_outcome=f"refund to {card}"))
    client.post(
        "/v1/staff/sessions", json={"staff_id": "H001", "pin": "97531"}, headers=helpdesk.headers()
    )
    logged = "\n".join(record.getMessage() for record in caplog.records)
    assert "desired_outcome: looks like a full payment card number" in logged
    assert "online sign-in refused for H001" in logged
    assert card.replace(" ", "") not in logged.replace(" ", "")
    assert "97531" not in logged


def test_invalid_json_is_422(client, helpdesk) -> None:
    reply = client.post(
        "/v1/incidents",
        content=b'{"id": ',
        headers={**helpdesk.headers(key=new_key()), "Content-Type": "application/json"},
    )
    assert reply.status_code == 422
    assert reply.json()["detail"] == "body: not valid JSON"


def test_an_oversized_body_is_413_before_it_is_read(client, helpdesk) -> None:
    body = incident_body(summary="x" * (MIB + 10))
    reply = post_incident(client, helpdesk, body)
    assert reply.status_code == 413
    assert "X-Server-Time" in reply.headers


def test_an_oversized_chunked_body_is_413(client, helpdesk) -> None:
    def chunks():
        for _ in range(24):
            yield b" " * 65536  # no Content-Length: the service counts as it reads

    reply = client.post(
        "/v1/incidents",
        content=chunks(),
        headers={**helpdesk.headers(key=new_key()), "Content-Type": "application/json"},
    )
    assert reply.status_code == 413


def test_a_body_just_under_the_limit_is_read(client, helpdesk) -> None:
    # Whitespace padding keeps the JSON valid: the limit is on bytes, not fields.
    raw = httpx.Request("POST", "/", json=incident_body()).content
    padded = raw + b" " * (MIB - len(raw))
    reply = client.post(
        "/v1/incidents",
        content=padded,
        headers={**helpdesk.headers(key=new_key()), "Content-Type": "application/json"},
    )
    assert reply.status_code == 201


def test_missing_or_bad_token_is_401(client, helpdesk) -> None:
    body = incident_body()
    none = client.post("/v1/incidents", json=body, headers={"X-Staff-Id": "P001"})
    bad = client.post(
        "/v1/incidents",
        json=body,
        headers={"Authorization": "Bearer not-a-token", "X-Staff-Id": "P001"},
    )
    basic = client.get("/v1/changes", headers={"Authorization": "Basic dXNlcjpwYXNz"})
    assert (none.status_code, bad.status_code, basic.status_code) == (401, 401, 401)
    assert none.headers["WWW-Authenticate"] == 'Bearer realm="device"'
    got = client.get(f"/v1/incidents/{body['id']}", headers=helpdesk.headers())
    assert got.status_code == 404  # nothing was written


def test_a_wrong_enrolment_code_is_403(client) -> None:
    body = enrol_body("TAB-X", "guess")
    reply = client.post("/v1/devices/enrol", json=body)
    assert reply.status_code == 403
    assert reply.json()["detail"].startswith("enrolment_code:")


@pytest.mark.parametrize("staff_header", [{"X-Staff-Id": "P001"}, {"X-Staff-Token": "forged"}, {}])
def test_a_write_without_a_staff_token_is_401(client, helpdesk, staff_header) -> None:
    headers = {**helpdesk.headers(key=new_key(), staff=None), **staff_header}
    reply = client.post("/v1/incidents", json=incident_body(), headers=headers)
    assert reply.status_code == 401
    assert reply.json()["error"] == "staff_token"
    assert reply.json()["detail"].startswith("X-Staff-Token:")


def test_a_staff_member_made_inactive_loses_their_token(client, helpdesk) -> None:
    headers = helpdesk.headers(key=new_key(), staff="H002")  # signed in while active
    with helpdesk.server.context.db.write() as session:
        staff = session.get(StaffRow, "H002")
        assert staff is not None
        staff.active = False
    reply = client.post("/v1/incidents", json=incident_body(opened_by="H002"), headers=headers)
    assert reply.status_code == 401
    assert "no longer" in reply.json()["detail"]
    again = client.post(
        "/v1/staff/sessions", json={"staff_id": "H002", "pin": "2468"}, headers=helpdesk.headers()
    )
    assert again.status_code == 401


def test_staff_session_checks_the_pin(client, helpdesk) -> None:
    ok = client.post(
        "/v1/staff/sessions", json={"staff_id": "H001", "pin": "2468"}, headers=helpdesk.headers()
    )
    assert ok.status_code == 200
    assert ok.json()["staff_token"] and ok.json()["expires_at"].endswith("Z")
    wrong = client.post(
        "/v1/staff/sessions", json={"staff_id": "H001", "pin": "1357"}, headers=helpdesk.headers()
    )
    assert wrong.status_code == 401
    assert "1357" not in wrong.text


def test_every_response_carries_server_time(client, helpdesk) -> None:
    replies = [
        client.get("/v1/health"),
        client.get("/openapi.json"),
        client.get("/v1/changes", headers=helpdesk.headers()),
        client.get("/v1/changes"),  # 401
        client.get(f"/v1/incidents/{incident_body()['id']}", headers=helpdesk.headers()),  # 404
        post_incident(client, helpdesk, incident_body(priority="P0")),  # 422
        client.get("/no/such/path"),
    ]
    for reply in replies:
        assert reply.headers["X-Server-Time"].endswith("Z"), reply.request.url
        assert len(reply.headers["X-Server-Time"]) == len("2026-11-27T04:18:00.123Z")


def test_openapi_documents_the_contract(client) -> None:
    paths = client.get("/openapi.json").json()["paths"]
    for path in (
        "/v1/devices/enrol",
        "/v1/staff/sessions",
        "/v1/incidents",
        "/v1/incidents/{incident_id}",
        "/v1/incidents/{incident_id}/events",
        "/v1/incidents/{incident_id}/attachments/{sha256}",
        "/v1/attachments/{sha256}",
        "/v1/changes",
        "/v1/feed",
    ):
        assert path in paths


def test_digits_that_are_not_ascii_are_no_version_and_no_sequence(client, helpdesk) -> None:
    """``"²".isdigit()`` is True and ``int("²")`` raises: each was a 500."""
    superscript = "\u00b2".encode("latin-1")
    created = incident_body()
    assert post_incident(client, helpdesk, created).status_code == 201
    patch = client.patch(
        f"/v1/incidents/{created['id']}",
        json={"status": "in_progress"},
        headers={**helpdesk.headers(key=new_key()), "If-Match": superscript},
    )
    assert patch.status_code == 422
    assert patch.json()["detail"].startswith("If-Match:")
    feed = client.get("/v1/feed", headers={**helpdesk.headers(), "Last-Event-ID": superscript})
    assert feed.status_code == 400
