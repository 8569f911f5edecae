"""The SSE live feed against the real service: live delivery, resume, heartbeats, leaks."""

import json
import threading
import time
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from sqlalchemy import event as engine_events

from tests.integration.conftest import HelpdeskService, incident_body, new_key

# A stream that never shows what a test waits for fails instead of hanging: after this
# many lines, or this many heartbeats (a few seconds at the tests' interval).
MAX_LINES = 5000
MAX_PINGS = 25


def sse_lines(client: httpx.Client, helpdesk: HelpdeskService, **headers: str):
    return client.stream("GET", "/v1/feed", headers=helpdesk.headers(**headers))


def events(lines: Iterator[str]) -> Iterator[dict[str, Any]]:
    """Parsed SSE events ({"id", "event", "data"}) and comments ({"comment"})."""
    current: dict[str, Any] = {}
    pings = 0
    for count, line in enumerate(lines):
        assert count < MAX_LINES, "the expected event never came"
        if line == ": ping":
            pings += 1
            assert pings <= MAX_PINGS, "the expected event never came"
        if line == "":
            if current:
                yield current
            current = {}
        elif line.startswith(":"):
            yield {"comment": line[1:].strip()}
        else:
            name, _, value = line.partition(":")
            current[name] = value.removeprefix(" ")


def next_change(stream: Iterator[dict[str, Any]], **match: str) -> dict[str, Any]:
    for event in stream:
        if "data" not in event:  # a comment, or the stream's retry hint
            continue
        item = json.loads(event["data"])
        assert event["id"] == str(item["seq"])
        assert event["event"] == "change"
        if all(item["data"].get(k) == v for k, v in match.items()):
            return item
    raise AssertionError("the stream ended")


def wait_for_comment(stream: Iterator[dict[str, Any]], text: str) -> None:
    for event in stream:
        if event.get("comment") == text:
            return
    raise AssertionError("the stream ended")


def create(helpdesk: HelpdeskService, **overrides: Any) -> dict[str, Any]:
    body = incident_body(**overrides)
    reply = httpx.post(
        f"{helpdesk.url}/v1/incidents", json=body, headers=helpdesk.headers(key=new_key())
    )
    assert reply.status_code == 201
    return dict(reply.json())


def test_a_second_client_sees_a_create_live(helpdesk) -> None:
    with (
        httpx.Client(base_url=helpdesk.url, timeout=10) as client,
        sse_lines(client, helpdesk) as response,
    ):
        assert response.status_code == 200
        assert response.headers["content-type"].startswith("text/event-stream")
        assert "X-Server-Time" in response.headers
        stream = events(response.iter_lines())
        wait_for_comment(stream, "connected")  # subscribed: anything after this is live
        created = create(helpdesk)
        item = next_change(stream, id=created["id"])
        assert item["type"] == "incident"
        assert item["data"]["number"] == created["number"]


def test_last_event_id_resumes_with_what_was_missed(helpdesk) -> None:
    before = create(helpdesk)
    with httpx.Client(base_url=helpdesk.url, timeout=10) as client:
        with sse_lines(client, helpdesk, Last_Event_ID="0") as response:
            seen = next_change(events(response.iter_lines()), id=before["id"])
        missed = [create(helpdesk, summary=f"missed {n}") for n in range(3)]
        with sse_lines(client, helpdesk, Last_Event_ID=str(seen["seq"])) as response:
            stream = events(response.iter_lines())
            resumed = [next_change(stream) for _ in missed]
    assert [item["data"]["id"] for item in resumed] == [m["id"] for m in missed]
    assert all(item["seq"] > seen["seq"] for item in resumed)


def test_heartbeats_arrive_while_idle(helpdesk) -> None:
    with (
        httpx.Client(base_url=helpdesk.url, timeout=10) as client,
        sse_lines(client, helpdesk) as response,
    ):
        stream = events(response.iter_lines())
        wait_for_comment(stream, "connected")
        wait_for_comment(stream, "ping")
        wait_for_comment(stream, "ping")  # and they keep coming


@pytest.mark.parametrize("last_event_id", ["abc", "-1", "999999"])
def test_a_bad_last_event_id_is_400(helpdesk, last_event_id: str) -> None:
    reply = httpx.get(
        f"{helpdesk.url}/v1/feed", headers=helpdesk.headers(Last_Event_ID=last_event_id)
    )
    assert reply.status_code == 400
    assert reply.json()["detail"].startswith("Last-Event-ID:")


def test_the_feed_needs_a_device_token(helpdesk) -> None:
    assert httpx.get(f"{helpdesk.url}/v1/feed").status_code == 401


def test_the_feed_is_refused_in_the_dependencies_order(helpdesk) -> None:
    """The device first, then the staff token, then the position: what the feed's one
    transaction checks is refused as the routes' dependencies refuse."""
    url = f"{helpdesk.url}/v1/feed"
    bad_device = {"Authorization": "Bearer nope", "Last-Event-ID": "abc"}
    refused = httpx.get(url, headers=bad_device)
    assert refused.status_code == 401
    assert refused.headers["WWW-Authenticate"] == 'Bearer realm="device"'
    for staff in (None, "not-a-token"):
        headers = helpdesk.headers(staff=None, Last_Event_ID="abc")
        if staff is not None:
            headers["X-Staff-Token"] = staff
        refused = httpx.get(url, headers=headers)
        assert refused.status_code == 401
        assert refused.json()["error"] == "staff_token"


def test_a_stream_opens_in_one_read_transaction(helpdesk_factory) -> None:
    """The device, the staff token and where the stream starts are read in one
    transaction (three before, each on a thread of its own): a worker that dies sends
    a quarter of the floor's consoles to the others at once."""
    helpdesk = helpdesk_factory(heartbeat_seconds=60)  # a heartbeat reads the log too
    begun: list[str] = []
    engine = helpdesk.server.context.db.read_engine

    def count(_connection: object) -> None:
        begun.append(threading.current_thread().name)

    def quiet() -> None:  # no transaction for a while: the stream has settled
        seen, deadline = -1, time.monotonic() + 10
        while seen != len(begun):
            assert time.monotonic() < deadline, begun
            seen = len(begun)
            time.sleep(0.3)

    engine_events.listen(engine, "begin", count)
    try:
        with httpx.Client(base_url=helpdesk.url, timeout=10) as client:
            with sse_lines(client, helpdesk) as first:
                stream = events(first.iter_lines())
                wait_for_comment(stream, "connected")
                created = create(helpdesk)
                seq = next_change(stream, id=created["id"])["seq"]
                quiet()  # the first stream of the worker has read the log's tail
                begun.clear()
                with sse_lines(client, helpdesk, Last_Event_ID=str(seq - 1)) as second:
                    assert next_change(events(second.iter_lines()), id=created["id"])
                    quiet()
    finally:
        engine_events.remove(engine, "begin", count)
    assert len(begun) == 1, begun


def test_a_client_that_leaves_leaves_nothing_behind(helpdesk) -> None:
    feed = helpdesk.server.context.feed
    gone = threading.Event()
    with httpx.Client(base_url=helpdesk.url, timeout=10) as client:
        for _ in range(3):
            with sse_lines(client, helpdesk) as response:
                # Keep the parser referenced: dropping it would close the connection early.
                stream = events(response.iter_lines())
                wait_for_comment(stream, "connected")
                assert feed.subscriber_count >= 1
    # Disconnects are noticed at once on loopback; the wait only bounds a failure.
    for _ in range(200):
        if feed.subscriber_count == 0:
            gone.set()
            break
        gone.wait(0.02)
    assert feed.subscriber_count == 0
    create(helpdesk)  # a wake-up after the clients left reaches nobody and breaks nothing
    assert feed.subscriber_count == 0
