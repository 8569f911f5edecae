"""Properties (issue 16): two properties on one real helpdesk (SQLite, and PostgreSQL in
``make test``'s second pass). A device of one never sees the other's guests, incidents
or changes, and a write naming the other's record is refused and logged; ticket
numbers and cursors are each property's own; the two properties' writers do not wait
for each other; a group duty manager reads the KPIs of both, and writes in neither.
"""

import logging
import threading
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import httpx
import pytest

from app.domain import Guest, Tier
from app.wire.contract import guest_body
from helpdesk.properties import Property, create_property
from helpdesk.staff_admin import StaffAdmin
from tests.integration.conftest import (
    HelpdeskService,
    database_url_for,
    enrol_device,
    event_body,
    incident_body,
    new_key,
)
from tests.integration.test_helpdesk_feed import events, next_change, wait_for_comment

RIV_DEVICE, RIV_DESK, RIV_PIN = "TAB-RIV01", "R001", "246810"
GROUP_DM, GROUP_PIN = "G001", "135790"
DESK = "D001"  # the demo property's desk


@dataclass
class TwoProperties:
    helpdesk: HelpdeskService
    riv: Property
    riv_headers: dict[str, str]

    def main_headers(self, staff: str = DESK) -> dict[str, str]:
        return self.helpdesk.headers(key=new_key(), staff=staff)

    def riv_write(self) -> dict[str, str]:
        return {**self.riv_headers, "Idempotency-Key": new_key()}

    def group_headers(self) -> dict[str, str]:
        token = self.helpdesk.staff_token(GROUP_DM, pin=GROUP_PIN)
        return self.helpdesk.headers(staff=None) | {"X-Staff-Token": token}


@pytest.fixture
def two(helpdesk: HelpdeskService) -> Iterator[TwoProperties]:
    """The demo property (MAIN, the test device) and a second one, RIV, with a desk
    agent on a tablet of its own; a group duty manager works at MAIN."""
    context = helpdesk.server.context
    riv = create_property(
        context.db,
        "RIV",
        "Riverside",
        "Australia/Sydney",
        configured_prefix=context.settings.ticket_prefix,
        first_ticket_number=context.settings.ticket_first_number,
    )
    admin = StaffAdmin(database_url_for(helpdesk.db_path))
    try:
        admin.add(RIV_DESK, "Rhea Desk", "vip_desk", RIV_PIN, [RIV_DEVICE], property_code="RIV")
        admin.add(
            GROUP_DM,
            "Gail Group",
            "duty_manager",
            GROUP_PIN,
            [helpdesk.device_id],
            group_scope=True,
        )
    finally:
        admin.close()
    code = helpdesk.issue_code(RIV_DEVICE, property_id=riv.id)
    token = enrol_device(helpdesk.url, RIV_DEVICE, code)
    staff = helpdesk.staff_token(RIV_DESK, device_token=token, pin=RIV_PIN)
    yield TwoProperties(helpdesk, riv, {"Authorization": f"Bearer {token}", "X-Staff-Token": staff})


def walk_in() -> dict[str, Any]:
    guest = Guest(
        id=str(uuid.uuid4()),
        card_number="9" + str(uuid.uuid4().int)[:15],
        name="Ada Lovelace",
        tier=Tier.VIP,
    )
    return guest_body(guest)


def riv_incident(**overrides: Any) -> dict[str, Any]:
    fields = {"device_id": RIV_DEVICE, "opened_by": RIV_DESK, "owner_id": None, **overrides}
    return incident_body(provisional_number="TAB-RIV01-0001", **fields)


def main_incident(**overrides: Any) -> dict[str, Any]:
    return incident_body(opened_by=DESK, **overrides)


def all_changes(client: httpx.Client, headers: dict[str, str]) -> tuple[list[dict[str, Any]], str]:
    items: list[dict[str, Any]] = []
    cursor = ""
    while True:
        page = client.get("/v1/changes", params={"cursor": cursor, "limit": 1000}, headers=headers)
        assert page.status_code == 200, page.text
        body = page.json()
        items += body["items"]
        cursor = body["next_cursor"]
        if body["end_of_stream"]:
            return items, cursor


def ids_of(items: list[dict[str, Any]], kind: str) -> set[str]:
    return {item["data"]["id"] for item in items if item["type"] == kind}


def test_a_device_sees_only_its_propertys_records_and_changes(two: TwoProperties) -> None:
    with httpx.Client(base_url=two.helpdesk.url, timeout=10) as client:
        main_guest, riv_guest = walk_in(), walk_in()
        assert (
            client.post("/v1/guests", json=main_guest, headers=two.main_headers()).status_code
            == 201
        )
        assert client.post("/v1/guests", json=riv_guest, headers=two.riv_write()).status_code == 201
        main_case, riv_case = main_incident(), riv_incident(guest_id=riv_guest["id"])
        assert (
            client.post("/v1/incidents", json=main_case, headers=two.main_headers()).status_code
            == 201
        )
        assert (
            client.post("/v1/incidents", json=riv_case, headers=two.riv_write()).status_code == 201
        )

        riv_items, _ = all_changes(client, two.riv_headers)
        main_items, _ = all_changes(client, two.helpdesk.headers(staff=DESK))

    assert ids_of(riv_items, "guest") == {riv_guest["id"]}  # none of MAIN's demo guests
    assert ids_of(riv_items, "incident") == {riv_case["id"]}
    assert ids_of(riv_items, "staff") == {RIV_DESK}
    assert {
        item["data"]["incident_id"] for item in riv_items if item["type"] == "incident_event"
    } <= {riv_case["id"]}
    assert ids_of(riv_items, "table") == set()  # the demo's tables are MAIN's
    assert riv_guest["id"] not in ids_of(main_items, "guest")
    assert main_guest["id"] in ids_of(main_items, "guest")
    assert ids_of(main_items, "incident") >= {main_case["id"]}
    assert riv_case["id"] not in ids_of(main_items, "incident")
    assert RIV_DESK not in ids_of(main_items, "staff")


def test_a_write_naming_another_propertys_record_is_refused_and_logged(
    two: TwoProperties, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.WARNING, logger="helpdesk.properties")
    with httpx.Client(base_url=two.helpdesk.url, timeout=10) as client:
        main_guest = walk_in()
        client.post("/v1/guests", json=main_guest, headers=two.main_headers()).raise_for_status()
        main_case = main_incident()
        client.post("/v1/incidents", json=main_case, headers=two.main_headers()).raise_for_status()
        path = f"/v1/incidents/{main_case['id']}"

        read = client.get(path, headers=two.riv_headers)
        patch = client.patch(
            path, json={"summary": "taken over"}, headers={**two.riv_write(), "If-Match": "1"}
        )
        note = client.post(
            f"{path}/events", json=event_body(actor_id=RIV_DESK), headers=two.riv_write()
        )
        guest_edit = client.patch(
            f"/v1/guests/{main_guest['id']}",
            json={"preferences": {"drinks": ["tea"]}},
            headers=two.riv_write(),
        )
        same_id = client.post(
            "/v1/incidents", json=riv_incident(id=main_case["id"]), headers=two.riv_write()
        )
        their_guest = client.post(
            "/v1/incidents", json=riv_incident(guest_id=main_guest["id"]), headers=two.riv_write()
        )
        guest_id_taken = client.post("/v1/guests", json=main_guest, headers=two.riv_write())
        still = client.get(path, headers=two.helpdesk.headers(staff=DESK)).json()

    assert [read.status_code, patch.status_code, note.status_code] == [404, 404, 404]
    assert guest_edit.status_code in (403, 404)  # a desk agent edits no preferences anyway
    assert [same_id.status_code, their_guest.status_code, guest_id_taken.status_code] == [403] * 3
    assert still["summary"] == main_case["summary"] and still["version"] == 1
    assert still["events"] == [] or all(e["actor_id"] != RIV_DESK for e in still["events"])
    refusals = [r.getMessage() for r in caplog.records if "property scope" in r.getMessage()]
    assert len(refusals) >= 7
    assert all(f"of property {two.riv.id} named" in text for text in refusals)
    assert any(main_case["id"] in text for text in refusals)


def test_ticket_numbers_and_cursors_are_each_propertys_own(two: TwoProperties) -> None:
    first = two.helpdesk.server.context.settings.ticket_first_number
    with httpx.Client(base_url=two.helpdesk.url, timeout=10) as client:
        _, riv_cursor = all_changes(client, two.riv_headers)
        numbers = {"main": [], "riv": []}
        for _ in range(3):
            for name, body, headers in (
                ("main", main_incident(), two.main_headers()),
                ("riv", riv_incident(), two.riv_write()),
            ):
                reply = client.post("/v1/incidents", json=body, headers=headers)
                assert reply.status_code == 201, reply.text
                numbers[name].append(reply.json()["number"])
        riv_page = client.get(
            "/v1/changes", params={"cursor": riv_cursor}, headers=two.riv_headers
        ).json()
        _, riv_head = all_changes(client, two.riv_headers)
        # MAIN writes on; RIV's cursor at its head stays at its head.
        client.post(
            "/v1/incidents", json=main_incident(), headers=two.main_headers()
        ).raise_for_status()
        riv_after = client.get("/v1/changes", params={"cursor": riv_head}, headers=two.riv_headers)
        foreign = client.get(
            "/v1/changes", params={"cursor": riv_head}, headers=two.helpdesk.headers(staff="P001")
        )

    assert numbers["riv"] == [f"RIV-{first + n}" for n in range(3)]
    main_numbers = [int(number.removeprefix("VIP-")) for number in numbers["main"]]
    assert main_numbers == list(range(main_numbers[0], main_numbers[0] + 3))  # no gaps for RIV's
    riv_numbers = {i["data"]["number"] for i in riv_page["items"] if i["type"] == "incident"}
    assert riv_numbers == set(numbers["riv"])
    assert riv_after.status_code == 200
    assert riv_after.json()["items"] == [] and riv_after.json()["end_of_stream"] is True
    assert foreign.status_code == 400  # a RIV cursor is no cursor of MAIN's log


def test_two_propertys_writers_do_not_wait_for_each_other(two: TwoProperties) -> None:
    errors: list[str] = []
    numbers: dict[str, list[str]] = {"main": [], "riv": []}

    def write(name: str) -> None:
        with httpx.Client(base_url=two.helpdesk.url, timeout=30) as client:
            for _ in range(8):
                body, headers = (
                    (main_incident(), two.main_headers())
                    if name == "main"
                    else (riv_incident(), two.riv_write())
                )
                reply = client.post("/v1/incidents", json=body, headers=headers)
                if reply.status_code != 201:
                    errors.append(reply.text)
                else:
                    numbers[name].append(reply.json()["number"])

    threads = [
        threading.Thread(target=write, args=(name,)) for name in ("main", "riv", "main", "riv")
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    first = two.helpdesk.server.context.settings.ticket_first_number
    assert sorted(numbers["riv"]) == sorted(f"RIV-{first + n}" for n in range(16))
    assert len(set(numbers["main"])) == 16

    db = two.helpdesk.server.context.db
    if db.is_sqlite:
        return  # one writer at a time: SQLite serialises every property (docs/operations.md)
    # PostgreSQL: a MAIN transaction holding MAIN's change lock does not hold RIV's writer up.
    with db.write(1) as session:
        session.info["changed"] = False
        with httpx.Client(base_url=two.helpdesk.url, timeout=30) as client:
            reply = client.post("/v1/incidents", json=riv_incident(), headers=two.riv_write())
    assert reply.status_code == 201, reply.text


def test_a_group_duty_manager_reads_every_propertys_kpis_and_writes_in_none(
    two: TwoProperties,
) -> None:
    helpdesk = two.helpdesk
    with httpx.Client(base_url=helpdesk.url, timeout=10) as client:
        for _ in range(2):
            client.post(
                "/v1/incidents", json=main_incident(), headers=two.main_headers()
            ).raise_for_status()
        riv_case = riv_incident()
        client.post("/v1/incidents", json=riv_case, headers=two.riv_write()).raise_for_status()
        group = two.group_headers()
        since = {"since": "2026-11-01T00:00:00Z", "until": "2026-12-01T00:00:00Z"}

        def opened(params: dict[str, str], headers: dict[str, str]) -> tuple[int, Any]:
            reply = client.get("/v1/kpis", params={**since, **params}, headers=headers)
            return reply.status_code, reply.json().get("opened", reply.json())

        own = opened({}, group)
        everyone = opened({"property": "ALL"}, group)
        riv_only = opened({"property": "riv"}, group)
        unknown = opened({"property": "NOPE"}, group)
        plain_dm = helpdesk.headers(staff="M001")
        refused = opened({"property": "ALL"}, plain_dm)
        plain_own = opened({}, plain_dm)
        riv_write = client.patch(
            f"/v1/incidents/{riv_case['id']}",
            json={"summary": "from the group"},
            headers={**group, "Idempotency-Key": new_key(), "If-Match": "1"},
        )

    assert riv_only == (200, 1)
    assert own[0] == everyone[0] == 200
    assert everyone[1] == own[1] + 1
    assert plain_own == own
    assert unknown[0] == 404
    assert refused[0] == 403
    assert riv_write.status_code == 404  # a group reader writes as its device: MAIN only


def test_a_staff_member_of_another_property_cannot_sign_in_here(two: TwoProperties) -> None:
    admin = StaffAdmin(database_url_for(two.helpdesk.db_path))
    try:
        admin.assign(RIV_DESK, two.helpdesk.device_id)  # assigned, but of another property
    finally:
        admin.close()
    reply = httpx.post(
        f"{two.helpdesk.url}/v1/staff/sessions",
        json={"staff_id": RIV_DESK, "pin": RIV_PIN},
        headers={"Authorization": f"Bearer {two.helpdesk.device_token}"},
    )
    assert reply.status_code == 401


def _changes_until(stream: Iterator[dict[str, Any]], entity_id: str) -> list[dict[str, Any]]:
    """Every change the stream sends up to and including the one of ``entity_id``."""
    seen = []
    while True:
        item = next_change(stream)
        seen.append(item)
        if item["data"].get("id") == entity_id:
            return seen


def test_each_propertys_live_feed_carries_only_its_changes(two: TwoProperties) -> None:
    url = two.helpdesk.url
    main_headers = two.helpdesk.headers(staff=DESK)
    with (
        httpx.Client(base_url=url, timeout=10) as client,
        client.stream("GET", "/v1/feed", headers=main_headers) as main_feed,
        client.stream("GET", "/v1/feed", headers=two.riv_headers) as riv_feed,
    ):
        main_stream, riv_stream = events(main_feed.iter_lines()), events(riv_feed.iter_lines())
        wait_for_comment(main_stream, "connected")
        wait_for_comment(riv_stream, "connected")
        first, theirs, second = main_incident(), riv_incident(), main_incident()
        for body, headers in ((first, two.main_headers()), (theirs, two.riv_write())):
            client.post("/v1/incidents", json=body, headers=headers).raise_for_status()
        riv_seen = _changes_until(riv_stream, theirs["id"])
        main_seen = _changes_until(main_stream, first["id"])
        client.post("/v1/incidents", json=second, headers=two.main_headers()).raise_for_status()
        main_seen += _changes_until(main_stream, second["id"])
        with client.stream(
            "GET", "/v1/feed", headers={**two.riv_headers, "Last-Event-ID": "0"}
        ) as replay:
            replayed = _changes_until(events(replay.iter_lines()), theirs["id"])

    main_ids = {item["data"].get("id") for item in main_seen}
    assert {item["data"].get("incident_id", item["data"].get("id")) for item in riv_seen} == {
        theirs["id"]
    }
    assert theirs["id"] not in main_ids and {first["id"], second["id"]} <= main_ids
    replayed_types = {item["type"] for item in replayed}
    assert "guest" not in replayed_types and "table" not in replayed_types  # MAIN's demo
    assert {item["data"]["id"] for item in replayed if item["type"] == "staff"} == {RIV_DESK}
