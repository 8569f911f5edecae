"""Incidents against the real service: idempotent creates, ticket numbers, If-Match."""

import asyncio
from typing import Any

import httpx
import pytest

from tests.integration.conftest import HelpdeskService, incident_body, new_key


@pytest.fixture
def client(helpdesk: HelpdeskService) -> Any:
    with httpx.Client(base_url=helpdesk.url, timeout=10) as client:
        yield client


def create(client: httpx.Client, helpdesk: HelpdeskService, body: dict[str, Any], key: str):
    return client.post("/v1/incidents", json=body, headers=helpdesk.headers(key=key))


def incident_items(client: httpx.Client, helpdesk: HelpdeskService, incident_id: str) -> list:
    reply = client.get("/v1/changes", params={"limit": 1000}, headers=helpdesk.headers())
    assert reply.json()["end_of_stream"]
    return [
        item
        for item in reply.json()["items"]
        if item["type"] == "incident" and item["data"]["id"] == incident_id
    ]


def test_create_assigns_a_number_and_version(client, helpdesk) -> None:
    body = incident_body()
    reply = create(client, helpdesk, body, new_key())
    assert reply.status_code == 201
    stored = reply.json()
    assert stored["number"].startswith("VIP-")
    assert stored["version"] == 1
    assert stored["id"] == body["id"]
    assert stored["amount"] == "12000.00"
    assert stored["events"] == []
    got = client.get(f"/v1/incidents/{body['id']}", headers=helpdesk.headers())
    assert got.status_code == 200
    assert got.json()["number"] == stored["number"]


def test_same_key_replays_the_first_answer(client, helpdesk) -> None:
    body, key = incident_body(), new_key()
    first = create(client, helpdesk, body, key)
    again = create(client, helpdesk, body, key)
    assert first.status_code == again.status_code == 201
    assert again.headers["Idempotent-Replayed"] == "true"
    assert "Idempotent-Replayed" not in first.headers
    assert again.json() == first.json()
    assert len(incident_items(client, helpdesk, body["id"])) == 1  # the work was done once


def test_same_key_with_a_different_body_is_refused(client, helpdesk) -> None:
    key = new_key()
    body = incident_body()
    assert create(client, helpdesk, body, key).status_code == 201
    reply = create(client, helpdesk, {**body, "summary": "Something else"}, key)
    assert reply.status_code == 422
    assert reply.json()["detail"] == "Idempotency-Key reused with a different body"


def test_write_without_idempotency_key_is_refused(client, helpdesk) -> None:
    reply = client.post("/v1/incidents", json=incident_body(), headers=helpdesk.headers())
    assert reply.status_code == 422
    assert "Idempotency-Key" in reply.json()["detail"]


def test_existing_id_under_another_key(client, helpdesk) -> None:
    body = incident_body()
    first = create(client, helpdesk, body, new_key())
    same = create(client, helpdesk, body, new_key())
    assert same.status_code == 200  # a lost answer: the stored incident, same number
    assert same.json()["number"] == first.json()["number"]
    other = create(client, helpdesk, {**body, "priority": "P2"}, new_key())
    assert other.status_code == 409
    assert "id" in other.json()["detail"]
    assert len(incident_items(client, helpdesk, body["id"])) == 1


def test_unknown_incident_is_404(client, helpdesk) -> None:
    reply = client.get(f"/v1/incidents/{incident_body()['id']}", headers=helpdesk.headers())
    assert reply.status_code == 404


async def _create_many(helpdesk: HelpdeskService, bodies: list[dict[str, Any]], keys: list[str]):
    limits = httpx.Limits(max_connections=len(bodies))
    async with httpx.AsyncClient(base_url=helpdesk.url, timeout=30, limits=limits) as client:
        return await asyncio.gather(
            *(
                client.post("/v1/incidents", json=body, headers=helpdesk.headers(key=key))
                for body, key in zip(bodies, keys, strict=True)
            )
        )


def test_ticket_numbers_are_unique_under_concurrent_creates(helpdesk) -> None:
    bodies = [incident_body() for _ in range(50)]
    replies = asyncio.run(_create_many(helpdesk, bodies, [new_key() for _ in bodies]))
    assert [reply.status_code for reply in replies] == [201] * 50
    numbers = [reply.json()["number"] for reply in replies]
    assert len(set(numbers)) == 50
    assert {reply.json()["id"] for reply in replies} == {body["id"] for body in bodies}


def test_concurrent_duplicates_with_one_key_do_the_work_once(client, helpdesk) -> None:
    body, key = incident_body(), new_key()
    replies = asyncio.run(_create_many(helpdesk, [body] * 8, [key] * 8))
    assert [reply.status_code for reply in replies] == [201] * 8
    assert len({reply.json()["number"] for reply in replies}) == 1
    assert sum("Idempotent-Replayed" not in reply.headers for reply in replies) == 1
    assert len(incident_items(client, helpdesk, body["id"])) == 1


def test_patch_needs_if_match_and_bumps_the_version(client, helpdesk) -> None:
    body = incident_body()
    create(client, helpdesk, body, new_key())
    url = f"/v1/incidents/{body['id']}"
    missing = client.patch(
        url, json={"status": "in_progress"}, headers=helpdesk.headers(key=new_key())
    )
    assert missing.status_code == 428
    headers = helpdesk.headers(key=new_key(), If_Match="1")
    reply = client.patch(url, json={"status": "in_progress", "owner_id": None}, headers=headers)
    assert reply.status_code == 200
    assert reply.json()["version"] == 2
    assert reply.json()["status"] == "in_progress"
    assert reply.json()["owner_id"] is None
    assert reply.json()["priority"] == "P1"  # fields not sent are left alone


def test_stale_if_match_is_412_with_the_current_record(client, helpdesk) -> None:
    body = incident_body()
    create(client, helpdesk, body, new_key())
    url = f"/v1/incidents/{body['id']}"
    first = client.patch(
        url, json={"priority": "P2"}, headers=helpdesk.headers(key=new_key(), If_Match="1")
    )
    assert first.status_code == 200
    stale = client.patch(
        url, json={"status": "waiting"}, headers=helpdesk.headers(key=new_key(), If_Match="1")
    )
    assert stale.status_code == 412
    current = stale.json()["current"]
    assert current["version"] == 2
    assert current["priority"] == "P2"
    assert current["status"] == "new"  # the refused change was not applied


def test_patch_refuses_fields_that_are_not_mutable(client, helpdesk) -> None:
    body = incident_body()
    create(client, helpdesk, body, new_key())
    reply = client.patch(
        f"/v1/incidents/{body['id']}",
        json={"number": "VIP-1"},
        headers=helpdesk.headers(key=new_key(), If_Match="1"),
    )
    assert reply.status_code == 422
    assert reply.json()["detail"].startswith("number:")


def test_patch_of_an_unknown_incident_is_404(client, helpdesk) -> None:
    reply = client.patch(
        f"/v1/incidents/{incident_body()['id']}",
        json={"status": "in_progress"},
        headers=helpdesk.headers(key=new_key(), If_Match="1"),
    )
    assert reply.status_code == 404


def test_a_key_past_its_retention_is_free_again(helpdesk_factory) -> None:
    from datetime import timedelta

    helpdesk = helpdesk_factory(
        guests=0, idempotency_retention=timedelta(0), allow_short_retention=True
    )
    key = new_key()
    with httpx.Client(base_url=helpdesk.url, timeout=10) as client:
        assert create(client, helpdesk, incident_body(), key).status_code == 201
        reused = create(client, helpdesk, incident_body(), key)
    assert reused.status_code == 201  # a new incident: the old answer is no longer replayed
    assert "Idempotent-Replayed" not in reused.headers
