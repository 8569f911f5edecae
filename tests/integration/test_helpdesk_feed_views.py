"""Live streams of different views on one worker share rendered text (helpdesk/feed.py
``RecentChanges.events``), never across views: each stream gets exactly what a pull of
``/v1/changes`` gives its own staff token, every change once and in order."""

from __future__ import annotations

import json
import threading
from typing import Any

import httpx

from tests.integration.conftest import HelpdeskService, event_body, incident_body, new_key
from tests.integration.test_helpdesk_feed import events, wait_for_comment

# Two streams of each: a host, a pit boss (amounts), a concierge (no amounts).
STAFF = ("H001", "H001", "P001", "P001", "C001", "C001")
WRITES = 6


def _write(client: httpx.Client, helpdesk: HelpdeskService, n: int) -> None:
    body = incident_body(amount=f"{n + 1}00.00", transaction_ref=f"TX-{n}")
    headers = helpdesk.headers(key=new_key())  # the test staff, who may enter amounts
    assert client.post("/v1/incidents", json=body, headers=headers).status_code == 201
    promise = event_body(kind="compensation_promised", actor_id="H001", detail=f"Free play {n}")
    path = f"/v1/incidents/{body['id']}/events"
    headers = helpdesk.headers(staff="H001", key=new_key())
    assert client.post(path, json=promise, headers=headers).status_code == 201


def _pulled(client: httpx.Client, helpdesk: HelpdeskService, staff: str, after: int) -> list[Any]:
    page = client.get("/v1/changes", params={"limit": 1000}, headers=helpdesk.headers(staff=staff))
    return [item for item in page.json()["items"] if item["seq"] > after]


def test_each_view_gets_its_own_text_every_change_once_in_order(helpdesk) -> None:
    with httpx.Client(base_url=helpdesk.url, timeout=10) as client:
        head = max([0, *(i["seq"] for i in _pulled(client, helpdesk, "P001", 0))])
        received: dict[int, list[Any]] = {n: [] for n in range(len(STAFF))}
        connected = [threading.Event() for _ in STAFF]
        done = threading.Event()
        last_seq: list[int] = []

        def listen(n: int) -> None:
            headers = helpdesk.headers(staff=STAFF[n])
            with (
                httpx.Client(base_url=helpdesk.url, timeout=10) as own,
                own.stream("GET", "/v1/feed", headers=headers) as response,
            ):
                stream = events(response.iter_lines())
                wait_for_comment(stream, "connected")
                connected[n].set()
                for event in stream:
                    if "data" in event:
                        received[n].append(json.loads(event["data"]))
                    if done.is_set() and received[n] and received[n][-1]["seq"] >= last_seq[0]:
                        return

        threads = [threading.Thread(target=listen, args=(n,)) for n in range(len(STAFF))]
        for thread in threads:
            thread.start()
        assert all(event.wait(10) for event in connected)
        for n in range(WRITES):
            _write(client, helpdesk, n)
        expected = {staff: _pulled(client, helpdesk, staff, head) for staff in set(STAFF)}
        last_seq.append(expected["P001"][-1]["seq"])
        done.set()
        for thread in threads:
            thread.join(30)
    for n, staff in enumerate(STAFF):
        seqs = [item["seq"] for item in received[n]]
        assert seqs == sorted(set(seqs)), (staff, seqs)  # once each, in order
        assert received[n] == expected[staff], staff
    amounts = {
        staff: {i["data"]["amount"] for i in expected[staff] if i["type"] == "incident"}
        for staff in set(STAFF)
    }
    promises = {
        staff: {i["data"]["detail"] for i in expected[staff] if i["type"] == "incident_event"}
        for staff in set(STAFF)
    }
    assert amounts["P001"] == {f"{n + 1}00.00" for n in range(WRITES)}
    assert amounts["C001"] == {None}
    assert promises["C001"] == {""}
    assert promises["H001"] >= {f"Free play {n}" for n in range(WRITES)}
