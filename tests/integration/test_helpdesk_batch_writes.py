"""A batch's writes wait for its end (helpdesk/batch_writes.py): what that must not change.

Ticket numbers, change-log seqs and events are given as the writes run and written
together at the end; these tests break if a refused write takes a number, a seq goes
out of order, a replay writes again, or the statements grow with the batch again.
"""

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import httpx
import pytest
from sqlalchemy import event

from tests.integration.conftest import HelpdeskService, event_body, incident_body
from tests.integration.test_helpdesk_batch import op, send


@pytest.fixture
def client(helpdesk: HelpdeskService) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=helpdesk.url, timeout=30) as client:
        yield client


def number_of(result: dict[str, Any]) -> int:
    return int(result["body"]["number"].removeprefix("VIP-"))


def replay_ops(incidents: int) -> list[dict[str, Any]]:
    """Incidents as an outbox replays them: created, opened, moved on, the move noted."""
    operations = []
    for _ in range(incidents):
        body = incident_body(status="new")
        path = f"/incidents/{body['id']}"
        moved = event_body(kind="status_changed", from_value="new", to_value="in_progress")
        operations += [
            op("POST", "/incidents", body),
            op("POST", f"{path}/events", event_body(kind="opened", detail="")),
            op("PATCH", path, {"status": "in_progress"}, if_match="1"),
            op("POST", f"{path}/events", moved),
        ]
    return operations


def changes_after(client: httpx.Client, helpdesk: HelpdeskService, cursor: str | None) -> Any:
    params = {"limit": 1000, **({"cursor": cursor} if cursor else {})}
    return client.get("/v1/changes", params=params, headers=helpdesk.headers()).json()


@contextmanager
def statements(helpdesk: HelpdeskService) -> Iterator[list[str]]:
    """The SQL statements the helpdesk runs meanwhile (an executemany is one)."""
    seen: list[str] = []
    db = helpdesk.server.context.db

    def count(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        seen.append(statement)

    engines = {db.write_engine, db.read_engine}
    for engine in engines:
        event.listen(engine, "before_cursor_execute", count)
    try:
        yield seen
    finally:
        for engine in engines:
            event.remove(engine, "before_cursor_execute", count)


def test_a_refused_create_takes_no_ticket_number(client, helpdesk) -> None:
    """Numbers go to the creates that succeed, in the batch's order, none skipped, in a
    batch run at once as in one rerun with a savepoint per write (a write refused while
    it ran); the next write alone takes the next one."""
    at_once = send(client, helpdesk, *(op("POST", "/incidents", incident_body()) for _ in "abc"))
    assert [number_of(r) for r in at_once] == [number_of(at_once[0]) + n for n in range(3)]
    refused = incident_body(opened_by="C001")  # a concierge may not record an amount
    results = send(
        client,
        helpdesk,
        op("POST", "/incidents", incident_body()),
        op("POST", "/incidents", refused, staff="C001"),
        op("POST", "/incidents", incident_body(opened_by="C001", amount=None), staff="C001"),
        op("POST", "/incidents", incident_body(priority="P9")),  # refused by its body
        op("POST", "/incidents", incident_body()),
    )
    assert [r["status"] for r in results] == [201, 403, 201, 422, 201]
    numbers = [number_of(r) for r in results if r["status"] == 201]
    assert numbers == [number_of(at_once[-1]) + n for n in (1, 2, 3)]
    alone = client.post(
        "/v1/incidents", json=incident_body(), headers=helpdesk.headers(key="k-after-batch")
    )
    assert int(alone.json()["number"].removeprefix("VIP-")) == numbers[-1] + 1


def test_a_write_undone_in_a_rerun_batch_leaves_numbers_and_seqs_in_order(client, helpdesk) -> None:
    """A 404 reruns the batch with a savepoint per write: the numbers and the log are
    those of the writes that stand, in order, each event's seq its change row's."""
    head = changes_after(client, helpdesk, None)["next_cursor"]
    first, second = incident_body(), incident_body()
    note = event_body(detail="on the second")
    results = send(
        client,
        helpdesk,
        op("POST", "/incidents", first),
        op("POST", f"/incidents/{incident_body()['id']}/events", event_body()),  # 404
        op("POST", "/incidents", second),
        op("POST", f"/incidents/{second['id']}/events", note),
    )
    assert [r["status"] for r in results] == [201, 404, 201, 201]
    assert number_of(results[2]) == number_of(results[0]) + 1
    items = changes_after(client, helpdesk, head)["items"]
    seqs = [item["seq"] for item in items]
    assert seqs == sorted(set(seqs))
    events = [item for item in items if item["type"] == "incident_event"]
    assert [(e["data"]["id"], e["data"]["seq"]) for e in events] == [(note["id"], events[0]["seq"])]
    assert results[3]["body"]["seq"] == events[0]["seq"]


def test_a_batch_sent_again_after_a_lost_answer_writes_nothing_again(client, helpdesk) -> None:
    operations = replay_ops(5)
    first = send(client, helpdesk, *operations)
    head = changes_after(client, helpdesk, None)["next_cursor"]
    for operation in operations:  # the same keys, bodies and tokens, as the outbox resends
        operation["staff_token"] = "@P001"
    again = send(client, helpdesk, *operations)
    assert all(r["replayed"] for r in again)
    assert [(r["status"], r["body"]) for r in again] == [(r["status"], r["body"]) for r in first]
    assert changes_after(client, helpdesk, head)["items"] == []
    created = [r["body"]["id"] for r in first if r["status"] == 201 and "number" in r["body"]]
    for incident_id in created:
        stored = client.get(f"/v1/incidents/{incident_id}", headers=helpdesk.headers()).json()
        assert [e["kind"] for e in stored["events"]] == ["opened", "status_changed"]
        assert stored["version"] == 2 and stored["status"] == "in_progress"


def test_a_batchs_rows_are_those_the_writes_answered(client, helpdesk) -> None:
    """The incident rows written at the end hold what the answers said, events by seq."""
    head = changes_after(client, helpdesk, None)["next_cursor"]
    results = send(client, helpdesk, *replay_ops(3))
    patched = [r["body"] for r in results[2::4]]
    for answer in patched:
        stored = client.get(f"/v1/incidents/{answer['id']}", headers=helpdesk.headers()).json()
        assert stored == {**answer, "events": stored["events"]}
        assert [e["seq"] for e in stored["events"]] == sorted(e["seq"] for e in stored["events"])
    items = changes_after(client, helpdesk, head)["items"]
    last_of = {item["data"]["id"]: item["data"] for item in items if item["type"] == "incident"}
    assert all(last_of[answer["id"]]["version"] == 2 for answer in patched)


def test_an_id_twice_in_one_batch_is_created_once(client, helpdesk) -> None:
    body = incident_body()
    note = event_body()
    path = f"/incidents/{body['id']}/events"
    results = send(
        client,
        helpdesk,
        op("POST", "/incidents", body),
        op("POST", "/incidents", body),  # another key: the id says it is the same
        op("POST", path, note),
        op("POST", path, note),
    )
    assert [r["status"] for r in results] == [201, 200, 201, 200]
    assert results[1]["body"]["number"] == results[0]["body"]["number"]
    assert results[3]["body"] == results[2]["body"]


def test_a_write_alone_after_a_batch_takes_a_later_seq(client, helpdesk) -> None:
    batch = send(client, helpdesk, *replay_ops(2))
    iid = batch[0]["body"]["id"]
    reply = client.post(
        f"/v1/incidents/{iid}/events", json=event_body(), headers=helpdesk.headers(key="k-alone")
    )
    assert reply.status_code == 201
    assert reply.json()["seq"] > max(r["body"]["seq"] for r in batch[1::2])


def test_statements_per_batch_do_not_grow_with_its_writes(client, helpdesk) -> None:
    send(client, helpdesk, *replay_ops(2))  # the first batch purges old keys once
    counts = []
    for incidents in (5, 25):
        operations = replay_ops(incidents)
        for operation in operations:  # tokens made before counting (a sign-in each)
            operation["staff_token"] = helpdesk.staff_token("P001")
        with statements(helpdesk) as seen:
            reply = client.post(
                "/v1/batch", json={"operations": operations}, headers=helpdesk.headers(staff=None)
            )
        assert {r["status"] for r in reply.json()["results"]} == {200, 201}
        counts.append(len(seen))
    assert counts[0] == counts[1], counts
    assert counts[1] <= 25, counts  # 392 for 100 writes before writes waited for the end


def test_an_incident_changed_twice_in_one_batch_keeps_both_changes(client, helpdesk) -> None:
    """The columns each write changed are written once at the end, all of them: the
    incident as the last answer says, not as the last patch alone would leave it."""
    body = incident_body(status="new", priority="P2")
    created = send(client, helpdesk, op("POST", "/incidents", body))[0]["body"]
    path = f"/incidents/{body['id']}"
    results = send(
        client,
        helpdesk,
        op("PATCH", path, {"status": "in_progress"}, if_match="1"),
        op("POST", f"{path}/events", event_body(detail="between the two")),
        op("PATCH", path, {"priority": "P1"}, if_match="2"),
    )
    assert [r["status"] for r in results] == [200, 201, 200]
    stored = client.get(f"/v1/incidents/{body['id']}", headers=helpdesk.headers()).json()
    assert (stored["status"], stored["priority"], stored["version"]) == ("in_progress", "P1", 3)
    assert stored == {**results[2]["body"], "events": stored["events"]}
    assert stored["number"] == created["number"]
