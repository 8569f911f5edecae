# ruff: noqa: F811 (the ``two`` fixture imported from tests.integration.test_helpdesk_properties)
"""Group reads (issue 16): a group duty manager reads the incidents and guests of every
property (``?property=CODE|ALL``), read-only and audited; everyone else is refused
beyond their device's property, and nobody writes beyond it. On a real helpdesk with
two properties, SQLite and PostgreSQL (``VIP_HELPDESK_TEST_BACKEND=postgresql``).
"""

import json
import logging
import uuid
from decimal import Decimal
from typing import Any

import httpx
import pytest
from sqlalchemy import update

from app.domain import Guest, Tier
from app.domain.guest import QuietVisit
from app.wire.contract import guest_body
from helpdesk.db import utcnow
from helpdesk.models import GuestRow, StaffRow
from tests.integration.conftest import event_body, new_key
from tests.integration.test_helpdesk_properties import (  # noqa: F401
    DESK,
    GROUP_DM,
    RIV_DESK,
    TwoProperties,
    main_incident,
    riv_incident,
    two,
)

PLAIN_DM, PIT_BOSS, HOST = "M001", "P001", "H001"  # the demo property's


def _post(client: httpx.Client, body: dict[str, Any], headers: dict[str, str]) -> str:
    reply = client.post("/v1/incidents", json=body, headers=headers)
    assert reply.status_code == 201, reply.text
    return str(body["id"])


def _listed(
    client: httpx.Client, headers: dict[str, str], **params: Any
) -> tuple[int, list[dict[str, Any]]]:
    """Every row of ``GET /v1/incidents`` page after page (or the refusal's status)."""
    rows: list[dict[str, Any]] = []
    cursor = None
    while True:
        asked = {**params, **({"after": cursor} if cursor else {})}
        reply = client.get("/v1/incidents", params=asked, headers=headers)
        if reply.status_code != 200:
            return reply.status_code, []
        rows += reply.json()["items"]
        cursor = reply.json()["next_cursor"]
        if cursor is None:
            return 200, rows


def _riv_guest(two: TwoProperties) -> Guest:
    """A quiet-visit guest of RIV with everything a duty manager may not see."""
    guest = Guest(
        id=str(uuid.uuid4()),
        card_number="7" + str(uuid.uuid4().int)[:15],
        name="Grace Hopper",
        tier=Tier.VVIP,
        phone="+61412345678",
        code_word_hash="salted$hash",
        credit_line=Decimal("250000"),
        adt=Decimal("1800"),
        room="1204",
        quiet=QuietVisit(enabled=True, alias="Mr Blue"),
    )
    with two.helpdesk.server.context.db.write(two.riv.id) as session:
        session.add(
            GuestRow(
                id=guest.id,
                property_id=two.riv.id,
                card_number=guest.card_number,
                data=json.dumps(guest_body(guest)),
                updated_at=utcnow(),
            )
        )
    return guest


@pytest.fixture
def riv_records(two: TwoProperties) -> tuple[str, Guest]:
    """An incident of RIV (by its desk agent) and a quiet-visit guest of RIV."""
    with httpx.Client(base_url=two.helpdesk.url, timeout=10) as client:
        riv_case = _post(client, riv_incident(), two.riv_write())
    return riv_case, _riv_guest(two)


def _audited(client: httpx.Client, headers: dict[str, str], **params: str) -> list[dict[str, Any]]:
    reply = client.get("/v1/audit/cross-property-reads", params=params, headers=headers)
    assert reply.status_code == 200, reply.text
    reads: list[dict[str, Any]] = reply.json()["reads"]
    return reads


def test_a_group_duty_manager_reading_all_sees_both_propertys_incidents_and_nothing_else(
    two: TwoProperties,
) -> None:
    with httpx.Client(base_url=two.helpdesk.url, timeout=10) as client:
        main_ids = {_post(client, main_incident(), two.main_headers()) for _ in range(2)}
        riv_p2 = _post(client, riv_incident(priority="P2"), two.riv_write())
        riv_open = {_post(client, riv_incident(), two.riv_write()), riv_p2}
        riv_closed = _post(client, riv_incident(status="closed"), two.riv_write())
        group = two.group_headers()
        _, own = _listed(client, group, limit=500)
        _, everyone = _listed(client, group, property="ALL", limit=2)  # paged by two
        _, riv = _listed(client, group, property="riv")
        _, riv_open_only = _listed(client, group, property="RIV", open="true")
        _, p2_all = _listed(client, group, property="ALL", priority="P2")
        _, p2_riv = _listed(client, group, property="RIV", priority="P2")
        bad_cursor = client.get("/v1/incidents", params={"after": "nope"}, headers=group)

    ids = [row["id"] for row in everyone]
    assert len(ids) == len(set(ids))  # no row twice across pages
    assert set(ids) == {row["id"] for row in own} | riv_open | {riv_closed}
    assert main_ids <= {row["id"] for row in own}
    assert {row["id"] for row in riv} == riv_open | {riv_closed}
    assert {row["id"] for row in riv_open_only} == riv_open
    assert [row["id"] for row in p2_riv] == [riv_p2]
    assert riv_p2 in {row["id"] for row in p2_all}
    assert {row["priority"] for row in p2_all} == {"P2"}
    codes = {row["id"]: row["property"] for row in everyone}
    assert {codes[i] for i in riv_open | {riv_closed}} == {"RIV"}
    assert {codes[i] for i in main_ids} == {"MAIN"}
    opened = [row["opened_at"] for row in everyone]
    assert opened == sorted(opened, reverse=True)
    assert all(row["amount"] == "12000.00" for row in riv)  # a duty manager sees amounts
    assert bad_cursor.status_code == 400


def test_others_asking_for_another_property_are_refused_and_logged(
    two: TwoProperties, riv_records: tuple[str, Guest], caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.WARNING, logger="helpdesk.properties")
    riv_case, guest = riv_records
    with httpx.Client(base_url=two.helpdesk.url, timeout=10) as client:
        asked = []
        for staff in (PLAIN_DM, PIT_BOSS, HOST):
            headers = two.helpdesk.headers(staff=staff)
            asked += [
                _listed(client, headers, property="RIV")[0],
                _listed(client, headers, property="ALL")[0],
                client.get(
                    f"/v1/incidents/{riv_case}", params={"property": "RIV"}, headers=headers
                ).status_code,
                client.get(
                    f"/v1/guests/{guest.id}", params={"property": "ALL"}, headers=headers
                ).status_code,
            ]
        riv_desk = _listed(client, two.riv_headers, property="MAIN")[0]
        own = _listed(client, two.helpdesk.headers(staff=PLAIN_DM), property="main")[0]
        audited = _audited(client, two.group_headers())

    assert asked == [403] * 12
    assert riv_desk == 403
    assert own == 200  # one's own property by its code is no other property
    refusals = [r.getMessage() for r in caplog.records if "property scope" in r.getMessage()]
    assert len(refusals) == 13
    assert any(f"staff {PLAIN_DM} on device" in text and "of ALL" in text for text in refusals)
    assert any(f"staff {RIV_DESK}" in text and "incidents of MAIN" in text for text in refusals)
    assert audited == []  # nothing was read


def test_a_host_given_the_group_scope_still_reads_only_its_property(two: TwoProperties) -> None:
    # ``staff add --group-scope`` gives it to duty managers only; a row changed by hand
    # (or a role changed since) must not open the group to another role.
    with two.helpdesk.server.context.db.write(lock_changes=False) as session:
        session.execute(update(StaffRow).where(StaffRow.id == HOST).values(scope="group"))
    with httpx.Client(base_url=two.helpdesk.url, timeout=10) as client:
        _post(client, riv_incident(), two.riv_write())
        host = two.helpdesk.headers(staff=HOST)
        listed = _listed(client, host, property="ALL")[0]
        kpis = client.get("/v1/kpis", params={"property": "RIV"}, headers=host)
        group = _listed(client, two.group_headers(), property="ALL")[0]
    assert listed == 403
    assert kpis.status_code == 403
    assert group == 200


def test_a_group_duty_manager_reads_one_incident_and_one_guest_of_another_property(
    two: TwoProperties,
) -> None:
    with httpx.Client(base_url=two.helpdesk.url, timeout=10) as client:
        riv_case = _post(client, riv_incident(), two.riv_write())
        note = client.post(
            f"/v1/incidents/{riv_case}/events",
            json=event_body(actor_id=RIV_DESK),
            headers=two.riv_write(),
        )
        assert note.status_code == 201, note.text
        main_case = _post(client, main_incident(), two.main_headers())
        guest = _riv_guest(two)
        group = two.group_headers()
        incident = client.get(
            f"/v1/incidents/{riv_case}", params={"property": "RIV"}, headers=group
        )
        via_all = client.get(f"/v1/incidents/{riv_case}", params={"property": "ALL"}, headers=group)
        not_there = client.get(
            f"/v1/incidents/{main_case}", params={"property": "RIV"}, headers=group
        )
        unasked = client.get(f"/v1/incidents/{riv_case}", headers=group)
        card = client.get(f"/v1/guests/{guest.id}", params={"property": "RIV"}, headers=group)
        guest_unasked = client.get(f"/v1/guests/{guest.id}", headers=group)

    assert incident.status_code == 200, incident.text
    assert incident.json()["property"] == "RIV" == incident.headers["X-Property"]
    assert [e["actor_id"] for e in incident.json()["events"]] == [RIV_DESK]
    assert via_all.status_code == 200 and via_all.json()["id"] == riv_case
    assert not_there.status_code == 404  # MAIN's incident is no incident of RIV
    assert unasked.status_code == 404  # without ?property=, the device's property only
    assert guest_unasked.status_code == 404
    assert card.status_code == 200, card.text
    shown = card.json()
    assert shown["property"] == "RIV"
    # What a duty manager's screen shows of a quiet-visit guest (app.permissions).
    assert shown["name"] == "Mr Blue"
    assert shown["card_number"] == "" and shown["phone"] == "" and shown["room"] == ""
    assert shown["code_word_hash"] is None and shown["credit_line"] is None
    assert shown["adt"] == "1800" and shown["tier"] == "VVIP"
    assert "Grace" not in card.text and guest.card_number not in card.text


def test_a_group_duty_manager_writes_nothing_in_another_property(
    two: TwoProperties, riv_records: tuple[str, Guest]
) -> None:
    riv_case, guest = riv_records
    with httpx.Client(base_url=two.helpdesk.url, timeout=10) as client:
        group = two.group_headers()
        riv = {"property": "RIV"}
        path = f"/v1/incidents/{riv_case}"
        patch = client.patch(
            path,
            params=riv,
            json={"summary": "from the group"},
            headers={**group, "Idempotency-Key": new_key(), "If-Match": "1"},
        )
        note = client.post(
            f"{path}/events",
            params=riv,
            json=event_body(actor_id=GROUP_DM),
            headers={**group, "Idempotency-Key": new_key()},
        )
        guest_edit = client.patch(
            f"/v1/guests/{guest.id}",
            params=riv,
            json={"preferences": {"drinks": ["tea"]}},
            headers={**group, "Idempotency-Key": new_key()},
        )
        after = client.get(path, headers=two.riv_headers).json()

    assert [patch.status_code, note.status_code] == [404, 404]
    assert guest_edit.status_code == 403  # a duty manager edits no preferences anywhere
    assert after["version"] == 1 and after["summary"] == riv_incident()["summary"]
    assert after["events"] == []


def test_every_read_across_properties_is_audited_without_personal_data(
    two: TwoProperties, riv_records: tuple[str, Guest], caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger="helpdesk.properties")
    riv_case, guest = riv_records
    with httpx.Client(base_url=two.helpdesk.url, timeout=10) as client:
        group = two.group_headers()
        client.get("/v1/incidents", headers=group).raise_for_status()  # its own: no audit
        client.get("/v1/kpis", params={"property": "ALL"}, headers=group).raise_for_status()
        client.get("/v1/incidents", params={"property": "RIV"}, headers=group).raise_for_status()
        client.get(f"/v1/incidents/{riv_case}", params={"property": "RIV"}, headers=group)
        client.get(f"/v1/guests/{guest.id}", params={"property": "RIV"}, headers=group)
        nobody = str(uuid.uuid4())
        client.get(f"/v1/guests/{nobody}", params={"property": "ALL"}, headers=group)
        audited = _audited(client, two.group_headers())
        of_desk = _audited(client, two.group_headers(), staff_id=DESK)
        # A property's duty manager: the reads of its records and the group's, no other.
        of_main = _audited(client, two.helpdesk.headers(staff=PLAIN_DM))
        desk_asks = client.get("/v1/audit/cross-property-reads", headers=two.main_headers())
        assert desk_asks.status_code == 403  # the audit is the managers', not every device's

    reads = [(r["what"], r["asked"], r["record_id"], r["status"]) for r in reversed(audited)]
    assert reads[:4] == [
        ("kpis", "ALL", None, 200),
        ("incidents", "RIV", None, 200),
        ("incident", "RIV", riv_case, 200),
        ("guest", "RIV", guest.id, 200),
    ]
    assert reads[4:] == [("guest", "ALL", nobody, 404)]  # a read tried is a read audited
    assert {(r["staff_id"], r["device_id"]) for r in audited} == {
        (GROUP_DM, two.helpdesk.device_id)
    }
    assert {r["device_property_id"] for r in audited} == {1}
    assert of_desk == []
    assert [(r["what"], r["asked"]) for r in reversed(of_main)] == [
        ("kpis", "ALL"),
        ("guest", "ALL"),
    ]
    logged = [r.getMessage() for r in caplog.records if "group read" in r.getMessage()]
    assert len(logged) == 5
    everything = json.dumps(audited) + "\n".join(logged)
    for secret in (guest.name, guest.card_number, "Mr Blue", riv_incident()["summary"]):
        assert secret not in everything
