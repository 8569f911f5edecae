"""The change feed's cursor pull against the real service."""

from typing import Any

import httpx
import pytest

from tests.integration.conftest import HelpdeskService, event_body, incident_body, new_key


@pytest.fixture
def client(helpdesk: HelpdeskService) -> Any:
    with httpx.Client(base_url=helpdesk.url, timeout=10) as client:
        yield client


def pull_all(client: httpx.Client, helpdesk: HelpdeskService, cursor: str | None, limit: int):
    items: list[dict[str, Any]] = []
    pages = 0
    while True:
        params: dict[str, Any] = {"limit": limit}
        if cursor is not None:
            params["cursor"] = cursor
        page = client.get("/v1/changes", params=params, headers=helpdesk.headers()).json()
        pages += 1
        assert len(page["items"]) <= limit
        items += page["items"]
        cursor = page["next_cursor"]
        if page["end_of_stream"]:
            return items, cursor, pages
        assert pages < 1000, "the feed never reached end_of_stream"


def test_paging_returns_every_item_once_in_order(client, helpdesk) -> None:
    whole = client.get("/v1/changes", params={"limit": 1000}, headers=helpdesk.headers()).json()
    assert whole["end_of_stream"]
    items, _cursor, pages = pull_all(client, helpdesk, None, limit=7)
    seqs = [item["seq"] for item in items]
    assert seqs == sorted(set(seqs))
    assert items == whole["items"]
    assert pages >= len(items) // 7
    kinds = {item["type"] for item in items}
    assert {"guest", "staff", "table", "incident", "incident_event"} <= kinds
    guests = [item for item in items if item["type"] == "guest"]
    assert len(guests) == helpdesk.seeded_guests


def test_the_cursor_resumes_after_new_writes(client, helpdesk) -> None:
    _items, cursor, _pages = pull_all(client, helpdesk, None, limit=500)
    body = incident_body()
    client.post("/v1/incidents", json=body, headers=helpdesk.headers(key=new_key()))
    client.post(
        f"/v1/incidents/{body['id']}/events",
        json=event_body(),
        headers=helpdesk.headers(key=new_key()),
    )
    more, cursor_after, _pages = pull_all(client, helpdesk, cursor, limit=1)
    assert [(item["type"], item["op"]) for item in more][:1] == [("incident", "upsert")]
    assert more[0]["data"]["id"] == body["id"]
    assert "events" not in more[0]["data"]
    assert any(
        i["type"] == "incident_event" and i["data"]["incident_id"] == body["id"] for i in more
    )
    nothing, same, _ = pull_all(client, helpdesk, cursor_after, limit=10)
    assert nothing == [] and same == cursor_after


# "djE6OTk5OTk5": v1:999999, a well-formed position this database never reached (a
# cursor kept across a helpdesk whose database was replaced): read from the start.
@pytest.mark.parametrize(
    "cursor", ["garbage!", "djE6", "djI6MTA", "djE6LTE", "%%%", "djE6MTA!", "djE6OTk5OTk5"]
)
def test_a_garbled_cursor_is_400(client, helpdesk, cursor: str) -> None:
    reply = client.get("/v1/changes", params={"cursor": cursor}, headers=helpdesk.headers())
    assert reply.status_code == 400
    assert reply.json()["detail"].startswith("cursor:")


@pytest.mark.parametrize("limit", [0, 1001, -5])
def test_limit_out_of_range_is_422(client, helpdesk, limit: int) -> None:
    reply = client.get("/v1/changes", params={"limit": limit}, headers=helpdesk.headers())
    assert reply.status_code == 422
    assert reply.json()["detail"].startswith("limit:")


def test_changes_need_a_device_token(client, helpdesk) -> None:
    assert client.get("/v1/changes").status_code == 401
