"""Issue 11's attacks, tried against the running helpdesk and refused with nothing written.

Who attacks: a second enrolled device on the floor network ("TAB-ROGUE") and a raw
HTTP client holding a device token and, at most, a concierge's PIN. Every refusal is
checked on the helpdesk's own database afterwards: nothing was written.
"""

from __future__ import annotations

import hashlib
from typing import Any

import httpx
import pytest

from helpdesk.models import EventRow, GuestRow, IncidentRow
from tests.integration.conftest import (
    ROGUE,
    HelpdeskService,
    event_body,
    incident_body,
    new_key,
)
from tests.integration.test_helpdesk_guests import walk_in


def as_staff(helpdesk: HelpdeskService, staff: str, device_token: str, **extra: str) -> dict:
    token = helpdesk.staff_token(staff, device_token=device_token)
    return {"Authorization": f"Bearer {device_token}", "X-Staff-Token": token, **extra}


def incident_rows(helpdesk: HelpdeskService) -> int:
    with helpdesk.server.context.db.read() as session:
        return session.query(IncidentRow).count()


def stored_incident(helpdesk: HelpdeskService, incident_id: str) -> IncidentRow:
    with helpdesk.server.context.db.read() as session:
        row = session.get(IncidentRow, incident_id)
        assert row is not None
        return row


def test_x_staff_id_alone_means_nothing(client, helpdesk, rogue) -> None:
    before = incident_rows(helpdesk)
    body = incident_body(amount="250000.00", opened_by="P001", device_id=helpdesk.device_id)
    headers = {"Authorization": f"Bearer {rogue}", "X-Staff-Id": "C001", "Idempotency-Key": "k1"}
    reply = client.post("/v1/incidents", json=body, headers=headers)
    assert reply.status_code == 401 and reply.json()["error"] == "staff_token"
    for path in ("/v1/changes", f"/v1/incidents/{body['id']}", "/v1/attachments/" + "a" * 64):
        assert client.get(path, headers=headers).status_code == 401
    assert incident_rows(helpdesk) == before


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"amount": "250000.00", "opened_by": "C001"}, "amount"),  # a concierge's amounts
        ({"amount": None, "opened_by": "P001"}, "opened_by"),  # in a pit boss's name
        ({"amount": None, "opened_by": "C001", "device_id": "TAB-TEST01"}, "device_id"),
        ({"amount": None, "opened_by": "C001", "status": "closed"}, "status"),
        ({"amount": None, "opened_by": "C001", "manual_escalation_level": 3}, "manual_escal"),
    ],
)
def test_a_concierge_on_a_rogue_device_opens_nothing_in_anyone_elses_name(
    client, helpdesk, rogue, overrides, field
) -> None:
    before = incident_rows(helpdesk)
    body = incident_body(device_id=ROGUE) | overrides
    headers = as_staff(helpdesk, "C001", rogue, **{"Idempotency-Key": new_key()})
    reply = client.post("/v1/incidents", json=body, headers=headers)
    assert reply.status_code == 403, reply.text
    assert reply.json()["detail"].startswith(field)
    assert incident_rows(helpdesk) == before


def test_staff_that_are_no_staff_are_refused(client, helpdesk) -> None:
    before = incident_rows(helpdesk)
    reply = client.post(
        "/v1/incidents",
        json=incident_body(owner_id="GHOST1"),
        headers=helpdesk.headers(key=new_key()),
    )
    assert reply.status_code == 422 and reply.json()["detail"].startswith("owner_id")
    assert incident_rows(helpdesk) == before


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"status": "closed"}, "status"),
        ({"owner_id": "C001"}, "owner_id"),
        ({"manual_escalation_level": 0}, "manual_escalation_level"),
        ({"priority": "P4"}, "priority"),
    ],
)
def test_a_concierge_closes_reassigns_or_de_escalates_nothing(
    client, helpdesk, incident_id, rogue, change, field
) -> None:
    escalate = {"manual_escalation_level": 2}
    raised = client.patch(
        f"/v1/incidents/{incident_id}",
        json=escalate,
        headers=helpdesk.headers(key=new_key(), If_Match="1"),
    )
    assert raised.status_code == 200
    headers = as_staff(helpdesk, "C001", rogue, **{"Idempotency-Key": new_key(), "If-Match": "2"})
    reply = client.patch(f"/v1/incidents/{incident_id}", json=change, headers=headers)
    assert reply.status_code == 403 and reply.json()["detail"].startswith(field)
    row = stored_incident(helpdesk, incident_id)
    assert (row.version, row.status, row.owner_id, row.manual_escalation_level) == (
        2,
        "new",
        "H001",
        2,
    )


def test_no_one_lowers_an_escalation_not_even_a_pit_boss(client, helpdesk, incident_id) -> None:
    path = f"/v1/incidents/{incident_id}"
    up = client.patch(
        path,
        json={"manual_escalation_level": 3},
        headers=helpdesk.headers(key=new_key(), If_Match="1"),
    )
    assert up.status_code == 200
    down = client.patch(
        path,
        json={"manual_escalation_level": 1},
        headers=helpdesk.headers(key=new_key(), If_Match="2"),
    )
    assert down.status_code == 403
    assert stored_incident(helpdesk, incident_id).manual_escalation_level == 3


@pytest.mark.parametrize(
    ("staff", "event"),
    [
        ("C001", event_body(kind="compensation_promised", actor_id="H001", detail='{"x":1}')),
        ("C001", event_body(kind="compensation_promised", actor_id="C001", detail='{"x":1}')),
        ("C001", event_body(kind="status_changed", actor_id="C001", to_value="closed")),
        ("P001", event_body(kind="note", actor_id="H001")),  # a note in someone else's name
    ],
)
def test_no_timeline_entry_in_another_name_or_beyond_the_role(
    client, helpdesk, incident_id, rogue, staff, event
) -> None:
    headers = as_staff(helpdesk, staff, rogue, **{"Idempotency-Key": new_key()})
    reply = client.post(f"/v1/incidents/{incident_id}/events", json=event, headers=headers)
    assert reply.status_code == 403
    with helpdesk.server.context.db.read() as session:
        assert session.get(EventRow, event["id"]) is None


def test_guests_are_edited_by_their_host_and_registered_within_the_role(
    client, helpdesk, rogue
) -> None:
    mine = walk_in()  # H001's guest, registered by H001
    created = client.post(
        "/v1/guests", json=mine, headers=helpdesk.headers(key=new_key(), staff="H001")
    )
    assert created.status_code == 201
    edit = {"preferences": {"drinks": ["vinegar"]}}
    for staff in ("H002", "D001", "C001"):
        headers = as_staff(helpdesk, staff, rogue, **{"Idempotency-Key": new_key()})
        reply = client.patch(f"/v1/guests/{mine['id']}", json=edit, headers=headers)
        assert reply.status_code == 403, staff
    rich = walk_in() | {"credit_line": "99000000", "sof_sow_status": "verified"}
    headers = as_staff(helpdesk, "D001", rogue, **{"Idempotency-Key": new_key()})
    reply = client.post("/v1/guests", json=rich, headers=headers)
    assert reply.status_code == 403 and reply.json()["detail"].startswith("credit_line")
    with helpdesk.server.context.db.read() as session:
        assert session.get(GuestRow, rich["id"]) is None
        assert "vinegar" not in session.get(GuestRow, mine["id"]).data  # type: ignore[union-attr]


def _secret_guest(client: httpx.Client, helpdesk: HelpdeskService) -> dict[str, Any]:
    """A quiet-visit VVIP with everything a concierge must not receive, by their host."""
    body = walk_in(name="Real Name Withheld") | {
        "credit_line": "500000",
        "adt": "12000",
        "theo": "48000",
        "sof_sow_status": "verified",
        "code_word_hash": "scrypt$64$8$1$AAAAAAAAAAAAAAAAAAAAAA==$" + "A" * 43 + "=",
        "room": "Suite 4001",
        "quiet": {
            "enabled": True,
            "alias": "Mr Green",
            "no_public_paging": True,
            "host_only_contact": True,
            "itinerary_disclosure": "host_only",
        },
        "itinerary": [{"starts_at": "2026-11-28T09:00:00Z", "kind": "flight", "detail": "QF1"}],
    }
    reply = client.post(
        "/v1/guests", json=body, headers=helpdesk.headers(key=new_key(), staff="H001")
    )
    assert reply.status_code == 201, reply.text
    return body


def test_a_concierges_device_receives_no_money_no_secrets_no_real_names(
    client, helpdesk, rogue
) -> None:
    guest = _secret_guest(client, helpdesk)
    incident = incident_body(amount="250000.00", transaction_ref="TX-9", guest_id=guest["id"])
    created = client.post("/v1/incidents", json=incident, headers=helpdesk.headers(key=new_key()))
    assert created.status_code == 201
    headers = as_staff(helpdesk, "C001", rogue)
    page = client.get("/v1/changes", params={"limit": 1000}, headers=headers)
    assert page.status_code == 200
    text = page.text
    for secret in ("Real Name Withheld", "500000", "12000", "48000", "250000", "TX-9",
                   "scrypt$", "$argon2", "QF1", "Suite 4001", "verified"):  # fmt: skip
        assert secret not in text, secret
    items = page.json()["items"]
    [seen] = [i["data"] for i in items if i["type"] == "guest" and i["data"]["id"] == guest["id"]]
    assert seen["name"] == "Mr Green" and seen["credit_line"] is None
    assert all(i["data"]["pin_hash"] == "" for i in items if i["type"] == "staff")
    one = client.get(f"/v1/incidents/{incident['id']}", headers=headers).json()
    assert one["amount"] is None and one["transaction_ref"] == ""


def test_the_host_of_the_guest_receives_it_whole_and_a_desk_the_code_word_hash(
    client, helpdesk, rogue
) -> None:
    guest = _secret_guest(client, helpdesk)
    host = client.get(
        "/v1/changes", params={"limit": 1000}, headers=as_staff(helpdesk, "H001", rogue)
    )
    desk = client.get(
        "/v1/changes", params={"limit": 1000}, headers=as_staff(helpdesk, "D001", rogue)
    )

    def seen(page: httpx.Response) -> dict[str, Any]:
        return next(
            i["data"] for i in page.json()["items"]
            if i["type"] == "guest" and i["data"]["id"] == guest["id"]
        )  # fmt: skip

    assert seen(host)["name"] == "Real Name Withheld" and seen(host)["credit_line"] == "500000"
    assert seen(desk)["code_word_hash"] == guest["code_word_hash"]  # checked on the desk
    assert seen(desk)["name"] == "Mr Green" and seen(desk)["credit_line"] is None


def test_acts_are_served_to_roles_that_read_them_only(client, helpdesk, incident_id, rogue) -> None:
    pdf = b"%PDF-1.7\n% an act\n" + bytes(range(256))
    sha = hashlib.sha256(pdf).hexdigest()
    put = client.put(
        f"/v1/incidents/{incident_id}/attachments/{sha}",
        content=pdf,
        headers=helpdesk.headers(Content_Type="application/pdf"),
    )
    assert put.status_code == 201
    concierge = client.get(f"/v1/attachments/{sha}", headers=as_staff(helpdesk, "C001", rogue))
    assert concierge.status_code == 403 and pdf not in concierge.content
    host = client.get(f"/v1/attachments/{sha}", headers=as_staff(helpdesk, "H001", rogue))
    assert host.status_code == 200 and host.content == pdf
    upload = client.put(
        f"/v1/incidents/{incident_id}/attachments/{'b' * 64}",
        content=pdf,
        headers=as_staff(helpdesk, "D001", rogue, **{"Content-Type": "application/pdf"}),
    )
    assert upload.status_code == 403  # the desk signs no acts
