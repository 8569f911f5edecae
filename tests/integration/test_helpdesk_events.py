"""Append-only events and content-addressed attachments (checked against their declared
type) against the real service."""

import hashlib
from typing import Any

import httpx
import pytest

from tests.integration.conftest import event_body, incident_body, new_key

PDF = b"%PDF-1.7\n% a signed act\n%%EOF\n"


def post_event(client, helpdesk, incident_id: str, body: dict[str, Any], key: str | None = None):
    return client.post(
        f"/v1/incidents/{incident_id}/events",
        json=body,
        headers=helpdesk.headers(key=key or new_key()),
    )


def test_events_are_appended_in_server_order(client, helpdesk, incident_id) -> None:
    first = post_event(client, helpdesk, incident_id, event_body(detail="first"))
    # Client time earlier than the first: the server orders by its own sequence.
    second = post_event(
        client, helpdesk, incident_id, event_body(detail="second", at="2026-11-27T04:00:00Z")
    )
    assert first.status_code == second.status_code == 201
    assert second.json()["seq"] > first.json()["seq"]
    events = client.get(f"/v1/incidents/{incident_id}", headers=helpdesk.headers()).json()["events"]
    assert [e["detail"] for e in events] == ["first", "second"]


def test_an_event_is_idempotent_by_id(client, helpdesk, incident_id) -> None:
    body = event_body()
    first = post_event(client, helpdesk, incident_id, body)
    again = post_event(client, helpdesk, incident_id, body)  # another key: a lost answer
    assert (first.status_code, again.status_code) == (201, 200)
    assert again.json() == first.json()
    changed = post_event(client, helpdesk, incident_id, {**body, "detail": "edited"})
    assert changed.status_code == 409  # notes are never edited
    events = client.get(f"/v1/incidents/{incident_id}", headers=helpdesk.headers()).json()["events"]
    assert [e["detail"] for e in events] == [body["detail"]]


def test_event_of_an_unknown_incident_is_404_and_not_stored(client, helpdesk) -> None:
    body, key = event_body(), new_key()
    missing = incident_body()
    reply = post_event(client, helpdesk, missing["id"], body, key)
    assert reply.status_code == 404
    # Once the incident arrives, the retry with the same key succeeds (404 was not stored).
    client.post("/v1/incidents", json=missing, headers=helpdesk.headers(key=new_key()))
    assert post_event(client, helpdesk, missing["id"], body, key).status_code == 201


def test_event_with_an_unknown_kind_names_the_field(client, helpdesk, incident_id) -> None:
    reply = post_event(client, helpdesk, incident_id, event_body(kind="deleted"))
    assert reply.status_code == 422
    assert reply.json()["detail"].startswith("kind:")


def put_pdf(client, helpdesk, incident_id: str, content: bytes, sha: str | None = None):
    sha = sha or hashlib.sha256(content).hexdigest()
    return client.put(
        f"/v1/incidents/{incident_id}/attachments/{sha}",
        content=content,
        headers={**helpdesk.headers(), "Content-Type": "application/pdf"},
    )


def test_attachment_with_a_wrong_sha256_is_refused(client, helpdesk, incident_id) -> None:
    reply = put_pdf(client, helpdesk, incident_id, PDF, sha=hashlib.sha256(b"other").hexdigest())
    assert reply.status_code == 422
    assert reply.json()["detail"].startswith("sha256:")
    missing = client.get(
        f"/v1/attachments/{hashlib.sha256(b'other').hexdigest()}", headers=helpdesk.headers()
    )
    assert missing.status_code == 404


def test_attachments_are_deduplicated_by_sha256(client, helpdesk, incident_id) -> None:
    sha = hashlib.sha256(PDF).hexdigest()
    first = put_pdf(client, helpdesk, incident_id, PDF)
    again = put_pdf(client, helpdesk, incident_id, PDF)
    assert (first.status_code, again.status_code) == (201, 200)
    other_incident = incident_body()
    client.post("/v1/incidents", json=other_incident, headers=helpdesk.headers(key=new_key()))
    linked = put_pdf(client, helpdesk, other_incident["id"], PDF)
    assert linked.status_code == 200  # same bytes, linked to a second incident
    got = client.get(f"/v1/attachments/{sha}", headers=helpdesk.headers())
    assert got.content == PDF
    assert got.headers["content-type"] == "application/pdf"
    reply = client.get("/v1/changes", params={"limit": 1000}, headers=helpdesk.headers())
    links = [i["data"] for i in reply.json()["items"] if i["type"] == "attachment"]
    assert sorted(link["incident_id"] for link in links) == sorted(
        [incident_id, other_incident["id"]]
    )
    assert all(link["sha256"] == sha and link["size"] == len(PDF) for link in links)
    record = client.get(f"/v1/incidents/{incident_id}", headers=helpdesk.headers()).json()
    assert record["attachments"] == [sha]


def test_attachment_for_an_unknown_incident_is_404(client, helpdesk) -> None:
    assert put_pdf(client, helpdesk, incident_body()["id"], PDF).status_code == 404


SIGNED = {
    "application/pdf": b"%PDF-1.7\n% an act\n%%EOF\n",
    "image/png": b"\x89PNG\r\n\x1a\n" + bytes(32),
    "image/jpeg": b"\xff\xd8\xff\xe0" + bytes(32),
}


def put(client, helpdesk, incident_id: str, content: bytes, media: str) -> httpx.Response:
    sha = hashlib.sha256(content).hexdigest()
    return client.put(
        f"/v1/incidents/{incident_id}/attachments/{sha}",
        content=content,
        headers={**helpdesk.headers(), "Content-Type": media},
    )


@pytest.mark.parametrize("media", sorted(SIGNED))
def test_an_attachment_is_what_it_declares(client, helpdesk, incident_id, media) -> None:
    html = b"<html><script>alert(1)</script></html>"
    refused = put(client, helpdesk, incident_id, html, media)
    assert refused.status_code == 422
    assert refused.json()["detail"] == f"body: does not start as {media} does"
    other = next(content for kind, content in SIGNED.items() if kind != media)
    assert put(client, helpdesk, incident_id, other, media).status_code == 422
    assert put(client, helpdesk, incident_id, SIGNED[media], media).status_code == 201
    sha = hashlib.sha256(html).hexdigest()
    assert client.get(f"/v1/attachments/{sha}", headers=helpdesk.headers()).status_code == 404


def test_an_attachment_is_served_with_nosniff(client, helpdesk, incident_id) -> None:
    content = SIGNED["application/pdf"]
    assert put(client, helpdesk, incident_id, content, "application/pdf").status_code == 201
    sha = hashlib.sha256(content).hexdigest()
    served = client.get(f"/v1/attachments/{sha}", headers=helpdesk.headers())
    assert served.content == content
    assert served.headers["X-Content-Type-Options"] == "nosniff"
    assert served.headers["Content-Type"] == "application/pdf"
