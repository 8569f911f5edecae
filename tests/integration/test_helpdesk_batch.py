"""``POST /v1/batch`` against the real service: each operation is the write it would be alone."""

from typing import Any

import httpx
import pytest

from tests.integration.conftest import HelpdeskService, event_body, incident_body, new_key


@pytest.fixture
def client(helpdesk: HelpdeskService) -> Any:
    with httpx.Client(base_url=helpdesk.url, timeout=10) as client:
        yield client


def op(method: str, path: str, body: dict[str, Any], **fields: Any) -> dict[str, Any]:
    operation = {
        "method": method,
        "path": path,
        "idempotency_key": fields.pop("key", None) or new_key(),
        "staff_token": "@" + fields.pop("staff", "P001"),  # made a token by send()
        "body": body,
    }
    operation.update(fields)
    return operation


def send(client: httpx.Client, helpdesk: HelpdeskService, *operations: dict[str, Any]):
    for operation in operations:
        staff = operation["staff_token"].removeprefix("@")
        known = staff in ("P001", "H001", "C001", "D001")
        operation["staff_token"] = helpdesk.staff_token(staff) if known else staff
    reply = client.post(
        "/v1/batch", json={"operations": list(operations)}, headers=helpdesk.headers(staff=None)
    )
    assert reply.status_code == 200, reply.text
    return reply.json()["results"]


def incident(client: httpx.Client, helpdesk: HelpdeskService, incident_id: str) -> Any:
    return client.get(f"/v1/incidents/{incident_id}", headers=helpdesk.headers()).json()


def test_an_incident_created_changed_and_noted_in_one_batch(client, helpdesk) -> None:
    body = incident_body(status="new")
    iid = body["id"]
    results = send(
        client,
        helpdesk,
        op("POST", "/incidents", body),
        op("POST", f"/incidents/{iid}/events", event_body(detail="opened here")),
        op("PATCH", f"/incidents/{iid}", {"status": "in_progress"}, if_match="1"),
    )
    assert [r["status"] for r in results] == [201, 201, 200]
    assert results[0]["body"]["number"].startswith("VIP-")
    assert results[2]["body"]["version"] == 2
    stored = incident(client, helpdesk, iid)
    assert stored["status"] == "in_progress"
    assert [e["detail"] for e in stored["events"]] == ["opened here"]


def test_a_failing_operation_is_undone_alone(client, helpdesk) -> None:
    good, unknown = incident_body(), incident_body()["id"]
    results = send(
        client,
        helpdesk,
        op("POST", f"/incidents/{unknown}/events", event_body()),  # no such incident
        op("POST", "/incidents", good),
        op("POST", "/incidents", incident_body(priority="P9")),  # invalid body
        op("PATCH", f"/incidents/{good['id']}", {"status": "waiting"}),  # no If-Match
        op("PATCH", f"/incidents/{good['id']}", {"status": "waiting"}, if_match="7"),
    )
    assert [r["status"] for r in results] == [404, 201, 422, 428, 412]
    assert "priority" in results[2]["body"]["detail"]
    assert results[4]["body"]["current"]["version"] == 1
    assert incident(client, helpdesk, good["id"])["status"] == "new"


def test_keys_replay_across_batches_and_single_requests(client, helpdesk) -> None:
    body, key = incident_body(), new_key()
    first = send(client, helpdesk, op("POST", "/incidents", body, key=key))[0]
    again = send(client, helpdesk, op("POST", "/incidents", body, key=key))[0]
    assert (first["replayed"], again["replayed"]) == (False, True)
    assert again["body"] == first["body"] and again["status"] == 201
    # The same key sent alone replays the batch's answer: one write, whichever way.
    alone = client.post("/v1/incidents", json=body, headers=helpdesk.headers(key=key))
    assert alone.headers["Idempotent-Replayed"] == "true"
    assert alone.json()["number"] == first["body"]["number"]
    other = send(client, helpdesk, op("POST", "/incidents", incident_body(), key=key))[0]
    assert other["status"] == 422 and "different body" in other["body"]["detail"]


def test_a_key_twice_in_one_batch_is_done_once(client, helpdesk) -> None:
    body, key = incident_body(), new_key()
    iid = body["id"]
    note = event_body()
    results = send(
        client,
        helpdesk,
        op("POST", "/incidents", body),
        op("POST", f"/incidents/{iid}/events", note, key=key),
        op("POST", f"/incidents/{iid}/events", note, key=key),
    )
    assert [(r["status"], r["replayed"]) for r in results] == [
        (201, False),
        (201, False),
        (201, True),
    ]
    assert len(incident(client, helpdesk, iid)["events"]) == 1


def test_staff_are_checked_per_operation(client, helpdesk) -> None:
    results = send(
        client,
        helpdesk,
        op("POST", "/incidents", incident_body(), staff="not-a-staff-token"),
        op("POST", "/incidents", incident_body(), staff=""),
        op("POST", "/incidents", incident_body(opened_by="C001"), staff="C001"),
        op("POST", "/incidents", incident_body(opened_by="C001", amount=None), staff="C001"),
        op("POST", "/incidents", incident_body()),
    )
    assert [r["status"] for r in results] == [401, 401, 403, 201, 201]
    assert results[0]["body"]["error"] == "staff_token"
    assert results[2]["body"]["detail"].startswith("amount:")


def test_only_incident_writes_are_batchable(client, helpdesk) -> None:
    results = send(
        client,
        helpdesk,
        op("POST", "/guests", {"id": "x"}),
        op("POST", "/incidents/not-a-uuid/events", event_body()),
    )
    assert results[0]["status"] == 404 and "not batchable" in results[0]["body"]["detail"]
    assert results[1]["status"] == 422


def test_the_batch_itself_is_checked(client, helpdesk) -> None:
    url = "/v1/batch"
    assert client.post(url, json={"operations": []}).status_code == 401  # no device token
    headers = helpdesk.headers(staff=None)
    empty = client.post(url, json={"operations": []}, headers=headers)
    assert empty.status_code == 422 and "operations" in empty.json()["detail"]
    many = [op("POST", "/incidents", incident_body()) for _ in range(101)]
    assert client.post(url, json={"operations": many}, headers=headers).status_code == 422
    unknown = {"operations": [op("POST", "/incidents", incident_body(), extra=1)]}
    assert client.post(url, json=unknown, headers=headers).status_code == 422


def test_a_batch_is_one_transaction_on_the_change_log(client, helpdesk) -> None:
    headers = helpdesk.headers()
    head = client.get("/v1/changes", params={"limit": 1000}, headers=headers).json()
    bodies = [incident_body() for _ in range(5)]
    send(client, helpdesk, *(op("POST", "/incidents", body) for body in bodies))
    page = client.get(
        "/v1/changes", params={"cursor": head["next_cursor"], "limit": 1000}, headers=headers
    ).json()
    ids = [item["data"]["id"] for item in page["items"] if item["type"] == "incident"]
    assert ids == [body["id"] for body in bodies]  # in the batch's order


def test_the_change_log_keeps_the_batchs_order_across_waiting_and_immediate_rows(
    client, helpdesk
) -> None:
    """Change rows wait for the batch's end with their seqs given as the writes append
    them (an event's goes in its data): the log reads as if each write went alone."""
    headers = helpdesk.headers()
    head = client.get("/v1/changes", params={"limit": 1000}, headers=headers).json()
    first, second = incident_body(status="new"), incident_body()
    one, two = event_body(detail="one"), event_body(detail="two")
    send(
        client,
        helpdesk,
        op("POST", "/incidents", first),
        op("POST", f"/incidents/{first['id']}/events", one),
        op("PATCH", f"/incidents/{first['id']}", {"status": "in_progress"}, if_match="1"),
        op("POST", "/incidents", second),
        op("POST", f"/incidents/{second['id']}/events", two),
    )
    page = client.get(
        "/v1/changes", params={"cursor": head["next_cursor"], "limit": 1000}, headers=headers
    ).json()
    items = page["items"]
    assert [i["seq"] for i in items] == sorted(i["seq"] for i in items)
    # What these writes appended one request at a time: each event then its incident's
    # new deadlines, the patch after them, the second incident after all of the first's.
    assert [(i["type"], i["data"]["id"]) for i in items] == [
        ("incident", first["id"]),
        ("incident_event", one["id"]),
        ("incident", first["id"]),
        ("incident", first["id"]),
        ("incident", second["id"]),
        ("incident_event", two["id"]),
        ("incident", second["id"]),
    ]
    assert items[3]["data"]["status"] == "in_progress"
