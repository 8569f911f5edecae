"""Provisioning attacked: codes used twice, expired, for another id; a live id claimed
again; a revoked token; a checkpoint under another key. Each is refused by the real
helpdesk on 127.0.0.1 and writes nothing."""

from datetime import timedelta

import httpx
import pytest

from app.security.audit_chain import CheckpointSigner
from helpdesk.config import DEMO_ENROLMENT_CODE
from helpdesk.db import utcnow
from helpdesk.enrolment import DeviceLive, issue_code, list_devices, revoke_device
from tests.integration.conftest import (
    TEST_CHECKPOINT_KEY,
    HelpdeskService,
    enrol_body,
    incident_body,
    new_key,
)

NEW = "TAB-NEW01"


def _enrol(service: HelpdeskService, device_id: str, code: str, key: bytes | None = None):
    return httpx.post(f"{service.url}/v1/devices/enrol", json=enrol_body(device_id, code, key))


def _states(service: HelpdeskService) -> dict[str, str]:
    return {row.device_id: row.state for row in list_devices(service.server.context.db)}


def _token_works(service: HelpdeskService, token: str) -> bool:
    """The device token is taken (a route that asks for nothing else: every other one
    needs a staff token too)."""
    reply = httpx.get(
        f"{service.url}/v1/staff/verifiers", headers={"Authorization": f"Bearer {token}"}
    )
    return reply.status_code == 200


def test_a_code_enrols_its_device_once_and_binds_its_roles_and_key(
    helpdesk: HelpdeskService,
) -> None:
    code = helpdesk.issue_code(NEW, role_scope=("host", "concierge"))
    first = _enrol(helpdesk, NEW, code, b"n" * 32)
    assert first.status_code == 201
    answer = first.json()
    assert answer["role_scope"] == ["host", "concierge"]
    assert answer["checkpoint_public_key"] == CheckpointSigner(b"n" * 32).public_key
    again = _enrol(helpdesk, NEW, code, b"x" * 32)  # the same code, a second time
    assert again.status_code == 403 and "already used" in again.json()["detail"]
    assert _token_works(helpdesk, answer["device_token"])  # the real tablet keeps working
    [row] = [r for r in list_devices(helpdesk.server.context.db) if r.device_id == NEW]
    assert (row.state, row.role_scope, row.checkpoint_key) == ("live", ["host", "concierge"], True)


def test_an_expired_code_is_refused_and_enrols_nothing(helpdesk: HelpdeskService) -> None:
    earlier = utcnow() - timedelta(hours=25)
    issued = issue_code(helpdesk.server.context.db, NEW, ttl=timedelta(hours=24), now=earlier)
    reply = _enrol(helpdesk, NEW, issued.code)
    assert reply.status_code == 403 and "expired" in reply.json()["detail"]
    assert _states(helpdesk)[NEW] == "code expired"


def test_a_code_for_another_device_id_is_refused_and_stays_good_for_its_own(
    helpdesk: HelpdeskService,
) -> None:
    code = helpdesk.issue_code(NEW)
    reply = _enrol(helpdesk, "TAB-ROGUE", code)
    assert reply.status_code == 403 and "another device id" in reply.json()["detail"]
    assert "TAB-ROGUE" not in _states(helpdesk)
    assert _enrol(helpdesk, NEW, code).status_code == 201  # not spent by the attempt


def test_a_guessed_or_typed_wrong_code_is_refused(helpdesk: HelpdeskService) -> None:
    helpdesk.issue_code(NEW)
    for guess in ("0000-0000-0000-0000", DEMO_ENROLMENT_CODE, "test-enrolment"):
        reply = _enrol(helpdesk, NEW, guess)
        assert reply.status_code == 403, guess
    assert _states(helpdesk)[NEW] == "code issued"


def test_a_live_device_id_cannot_be_given_a_code_nor_claimed_again(
    helpdesk: HelpdeskService,
) -> None:
    with pytest.raises(DeviceLive):
        helpdesk.issue_code(helpdesk.device_id)
    assert _token_works(helpdesk, helpdesk.device_token)


def test_a_demo_helpdesk_refuses_its_demo_code_for_a_live_id(helpdesk_factory) -> None:
    demo = helpdesk_factory(demo_enrolment_code=DEMO_ENROLMENT_CODE)
    claim = _enrol(demo, demo.device_id, DEMO_ENROLMENT_CODE, b"z" * 32)
    assert claim.status_code == 409 and "revoke it first" in claim.json()["detail"]
    assert _token_works(demo, demo.device_token)  # the real tablet was not revoked
    assert _enrol(demo, NEW, DEMO_ENROLMENT_CODE).status_code == 201  # a new id may


def test_a_revoked_device_is_refused_and_writes_nothing_until_provisioned_again(
    helpdesk: HelpdeskService,
) -> None:
    headers = helpdesk.headers(key=new_key())  # a staff member signed in before
    revoked = revoke_device(helpdesk.server.context.db, helpdesk.device_id)
    assert revoked.token and not revoked.code
    body = incident_body()
    reply = httpx.post(f"{helpdesk.url}/v1/incidents", json=body, headers=headers)
    assert reply.status_code == 401
    assert reply.headers["WWW-Authenticate"] == 'Bearer realm="device"'
    assert "revoked" in reply.json()["detail"]
    new_token = helpdesk.enrol(helpdesk.device_id, key=TEST_CHECKPOINT_KEY)
    assert not _token_works(helpdesk, helpdesk.device_token)
    path = f"{helpdesk.url}/v1/incidents/{body['id']}"
    # The staff token signed in on the revoked tablet ended with it.
    stale = {**headers, "Authorization": f"Bearer {new_token}"}
    assert httpx.get(path, headers=stale).status_code == 401
    staff = helpdesk.staff_token(helpdesk.staff_id, device_token=new_token)
    got = httpx.get(path, headers={"Authorization": f"Bearer {new_token}", "X-Staff-Token": staff})
    assert got.status_code == 404  # the refused write never happened


def test_revoking_withdraws_an_unused_code(helpdesk: HelpdeskService) -> None:
    code = helpdesk.issue_code(NEW)
    assert revoke_device(helpdesk.server.context.db, NEW).code
    assert _enrol(helpdesk, NEW, code).status_code == 403
    assert NEW not in _states(helpdesk)


def _checkpoint_post(service: HelpdeskService, token: str, device_id: str, key: bytes):
    checkpoint = CheckpointSigner(key).sign(device_id, 100, "ab" * 32, "2026-11-27T09:00:00Z")
    return httpx.post(
        f"{service.url}/v1/audit/checkpoints",
        json=checkpoint.to_json(),
        headers={"Authorization": f"Bearer {token}"},
    )


def _latest(service: HelpdeskService, device_id: str) -> int:
    return httpx.get(
        f"{service.url}/v1/audit/checkpoints/{device_id}/latest", headers=service.headers()
    ).status_code


def test_a_first_checkpoint_under_another_key_is_refused_not_pinned(
    helpdesk: HelpdeskService,
) -> None:
    stolen = _checkpoint_post(helpdesk, helpdesk.device_token, helpdesk.device_id, b"z" * 32)
    assert stolen.status_code == 403 and "bound" in stolen.json()["detail"]
    assert _latest(helpdesk, helpdesk.device_id) == 404  # nothing held
    own = _checkpoint_post(helpdesk, helpdesk.device_token, helpdesk.device_id, TEST_CHECKPOINT_KEY)
    assert own.status_code == 201


def test_a_device_enrolled_without_a_key_may_send_no_checkpoint(helpdesk: HelpdeskService) -> None:
    token = helpdesk.enrol(NEW)  # no checkpoint key bound
    reply = _checkpoint_post(helpdesk, token, NEW, b"n" * 32)
    assert reply.status_code == 403 and "no checkpoint key" in reply.json()["detail"]
    assert _latest(helpdesk, NEW) == 404


def test_one_code_sent_by_many_at_once_enrols_exactly_one(helpdesk: HelpdeskService) -> None:
    from concurrent.futures import ThreadPoolExecutor

    code = helpdesk.issue_code(NEW)
    with ThreadPoolExecutor(8) as pool:
        replies = list(pool.map(lambda _: _enrol(helpdesk, NEW, code), range(8)))
    statuses = sorted(reply.status_code for reply in replies)
    assert statuses == [201] + [403] * 7
    [winner] = [reply.json()["device_token"] for reply in replies if reply.status_code == 201]
    assert _token_works(helpdesk, winner)


def test_the_same_enrolment_after_a_lost_answer_gets_a_token_another_does_not(
    helpdesk: HelpdeskService,
) -> None:
    code = helpdesk.issue_code(NEW)
    first = _enrol_as(helpdesk, code, b"n" * 32, "nonce-of-the-real-tablet")
    assert first.status_code == 201  # ...and its answer lost on the way
    again = _enrol_as(helpdesk, code, b"n" * 32, "nonce-of-the-real-tablet")
    assert again.status_code == 201
    assert _token_works(helpdesk, again.json()["device_token"])
    assert not _token_works(helpdesk, first.json()["device_token"])  # never seen: ended
    for key, nonce in (
        (b"n" * 32, "a-thief-saw-the-code"),
        (b"x" * 32, "nonce-of-the-real-tablet"),
    ):
        stolen = _enrol_as(helpdesk, code, key, nonce)
        assert stolen.status_code == 403 and "already used" in stolen.json()["detail"]
    assert _token_works(helpdesk, again.json()["device_token"])


def _enrol_as(service: HelpdeskService, code: str, key: bytes, nonce: str) -> httpx.Response:
    body = enrol_body(NEW, code, key, nonce)
    return httpx.post(f"{service.url}/v1/devices/enrol", json=body)
