"""``POST /v1/guests`` (walk-ins, idempotent by UUID) and ``PATCH /v1/guests/{id}``
(preferences, last writer wins), against the real service; and the console's replay."""

import uuid
from typing import Any

import httpx
import pytest

from app.domain import Guest, Tier
from app.wire.contract import guest_body
from tests.integration.conftest import HelpdeskService, new_key

DESK, HOST = "D001", "H001"  # a walk-in is registered by the desk, edited by its host


@pytest.fixture
def client(helpdesk: HelpdeskService) -> Any:
    with httpx.Client(base_url=helpdesk.url, timeout=10) as client:
        yield client


def walk_in(**fields: Any) -> dict[str, Any]:
    guest = Guest(
        id=str(uuid.uuid4()),
        card_number=fields.pop("card_number", "9" + str(uuid.uuid4().int)[:15]),
        name=fields.pop("name", "Sofia Marchetti"),
        tier=Tier.VIP,
        host_id="H001",
        **fields,
    )
    return guest_body(guest)


def feed_guests(client: httpx.Client, helpdesk: HelpdeskService) -> list[dict[str, Any]]:
    page = client.get("/v1/changes", params={"limit": 1000}, headers=helpdesk.headers()).json()
    return [i["data"] for i in page["items"] if i["type"] == "guest"]


def test_create_is_idempotent_and_reaches_the_feed(client, helpdesk) -> None:
    body = walk_in()
    first = client.post(
        "/v1/guests", json=body, headers=helpdesk.headers(key=new_key(), staff=DESK)
    )
    assert first.status_code == 201, first.text
    again = client.post(
        "/v1/guests", json=body, headers=helpdesk.headers(key=new_key(), staff=DESK)
    )
    assert again.status_code == 200
    changed = dict(body, name="Someone Else")
    assert (
        client.post("/v1/guests", json=changed, headers=helpdesk.headers(key=new_key(), staff=DESK))
    ).status_code == 409
    assert [g["id"] for g in feed_guests(client, helpdesk)].count(body["id"]) == 1


def test_a_create_sent_again_after_an_edit_is_answered_like_an_incidents(client, helpdesk) -> None:
    """The same create body again, under a new key, after the guest was edited: 200 with
    the guest as it is now (as for an incident), judged on the create body, not the row."""
    body = walk_in()
    assert client.post(
        "/v1/guests", json=body, headers=helpdesk.headers(key=new_key(), staff=DESK)
    ).is_success
    edit = {"preferences": {"drinks": ["Earl Grey"]}}
    path = f"/v1/guests/{body['id']}"
    assert client.patch(
        path, json=edit, headers=helpdesk.headers(key=new_key(), staff=HOST)
    ).is_success
    again = client.post(
        "/v1/guests", json=body, headers=helpdesk.headers(key=new_key(), staff=DESK)
    )
    assert again.status_code == 200, again.text
    assert again.json()["preferences"]["drinks"] == ["Earl Grey"]
    other = dict(body, name="Someone Else")
    refused = client.post(
        "/v1/guests", json=other, headers=helpdesk.headers(key=new_key(), staff=DESK)
    )
    assert refused.status_code == 409


@pytest.mark.parametrize(
    "overrides",
    [{"card_number": "4111111111111111"}, {"name": ""}, {"phone": "4111 1111 1111 1111"}],
)
def test_create_refuses_bad_guests(client, helpdesk, overrides) -> None:
    body = walk_in()
    body.update(overrides)
    answer = client.post(
        "/v1/guests", json=body, headers=helpdesk.headers(key=new_key(), staff=DESK)
    )
    assert answer.status_code == 422
    assert "4111" not in answer.text


@pytest.mark.parametrize(
    ("overrides", "detail"),
    [
        ({"card_number": 4111111111111111}, "card_number: Input should be a valid string"),
        ({"tier": "diamond"}, "tier: Input should be 'VIP' or 'VVIP'"),
        (
            {"preferences": {"drinks": ["tea", 4111111111111111]}},
            "preferences.drinks[1]: Input should be a valid string",
        ),
    ],
)  # fmt: skip
def test_a_guest_that_does_not_decode_is_refused_naming_the_field(
    client, helpdesk, overrides, detail
) -> None:
    body = walk_in()
    body.update(overrides)
    answer = client.post(
        "/v1/guests", json=body, headers=helpdesk.headers(key=new_key(), staff=DESK)
    )
    assert answer.status_code == 422
    assert answer.json()["detail"] == detail
    assert "4111" not in answer.text


def test_patch_preferences_last_writer_wins(client, helpdesk) -> None:
    body = walk_in()
    client.post("/v1/guests", json=body, headers=helpdesk.headers(key=new_key(), staff=DESK))
    for drinks in (["tea"], ["sake", "water"]):
        answer = client.patch(
            f"/v1/guests/{body['id']}",
            json={"preferences": {"drinks": drinks}},
            headers=helpdesk.headers(key=new_key(), staff=HOST),
        )
        assert answer.status_code == 200, answer.text
    latest = [g for g in feed_guests(client, helpdesk) if g["id"] == body["id"]][-1]
    assert latest["preferences"]["drinks"] == ["sake", "water"]


@pytest.mark.parametrize(
    "patch",
    [
        {"preferences": {"credit_line": ["1"]}},
        {"preferences": {"drinks": "tea"}},
        {"preferences": {"meals": ["card 4111 1111 1111 1111"]}},
        {"name": "x"},
    ],
)
def test_patch_refusals(client, helpdesk, patch) -> None:
    body = walk_in()
    client.post("/v1/guests", json=body, headers=helpdesk.headers(key=new_key(), staff=DESK))
    answer = client.patch(
        f"/v1/guests/{body['id']}", json=patch, headers=helpdesk.headers(key=new_key(), staff=HOST)
    )
    assert answer.status_code == 422


def test_patch_unknown_guest_is_404(client, helpdesk) -> None:
    answer = client.patch(
        f"/v1/guests/{uuid.uuid4()}",
        json={"preferences": {"drinks": ["tea"]}},
        headers=helpdesk.headers(key=new_key(), staff=HOST),
    )
    assert answer.status_code == 404
