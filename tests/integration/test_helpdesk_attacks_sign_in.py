"""Issue 11's attacks on sign-in and device credentials, tried against the running
helpdesk: a staff token or an idempotency key used from another device, PIN guessing
across devices and restarts, an answer that leaks the PIN was right, an offline sign-in
vouched for by another device, verifiers for staff of other devices. The refusals of
the writes themselves: test_helpdesk_attacks.py."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

import httpx

from app.demo.generator import DEMO_PIN
from app.security.audit_chain import CheckpointSigner
from app.security.session_assertion import assertion_message
from helpdesk.models import StaffDevice, StaffLockout
from tests.integration.conftest import ROGUE, incident_body, new_key, start_service
from tests.integration.test_helpdesk_attacks import as_staff


def test_a_staff_token_works_on_its_own_device_only(client, helpdesk, rogue) -> None:
    stolen = helpdesk.staff_token("P001")  # issued to TAB-TEST01
    headers = {"Authorization": f"Bearer {rogue}", "X-Staff-Token": stolen}
    reply = client.get("/v1/changes", headers=headers)
    assert reply.status_code == 401 and "another device" in reply.json()["detail"]


def test_an_idempotency_key_belongs_to_the_device_that_first_sent_it(
    client, helpdesk, rogue
) -> None:
    key, body = new_key(), incident_body(amount="777.00")
    first = client.post("/v1/incidents", json=body, headers=helpdesk.headers(key=key))
    assert first.status_code == 201
    replay = client.post(
        "/v1/incidents",
        json=body | {"device_id": ROGUE},
        headers=as_staff(helpdesk, "P001", rogue, **{"Idempotency-Key": key}),
    )
    assert replay.status_code == 422 and "another device" in replay.json()["detail"]
    assert "777" not in replay.text


def test_the_lockout_spans_devices_and_survives_a_restart(tmp_path) -> None:
    service = start_service(tmp_path / "helpdesk.db")
    other = service.enrol(ROGUE)
    try:
        for device in (service.device_token, other, service.device_token, other):
            wrong = httpx.post(
                f"{service.url}/v1/staff/sessions",
                json={"staff_id": "H003", "pin": "000000"},
                headers={"Authorization": f"Bearer {device}"},
            )
            assert wrong.status_code == 401
    finally:
        service.server.stop()
    # The same database; a third tablet (the first is live: its id cannot enrol again).
    again = start_service(tmp_path / "helpdesk.db", seed=False, device_id="TAB-TEST03")
    try:
        fifth = httpx.post(
            f"{again.url}/v1/staff/sessions",
            json={"staff_id": "H003", "pin": "000000"},
            headers={"Authorization": f"Bearer {again.device_token}"},
        )
        assert fifth.status_code == 401
        right = httpx.post(
            f"{again.url}/v1/staff/sessions",
            json={"staff_id": "H003", "pin": DEMO_PIN},
            headers={"Authorization": f"Bearer {again.device_token}"},
        )
        assert right.status_code == 429 and int(right.headers["Retry-After"]) > 200
        with again.server.context.db.read() as session:
            lock = session.get(StaffLockout, "H003")
            assert lock is not None and lock.failed == 5
    finally:
        again.server.stop()


def test_no_answer_says_the_pin_was_right_before_the_second_factor(tmp_path) -> None:
    service = start_service(tmp_path / "helpdesk.db", require_totp=True)
    try:
        answers = []
        for pin in (DEMO_PIN, "999999"):
            reply = httpx.post(
                f"{service.url}/v1/staff/sessions",
                json={"staff_id": "H001", "pin": pin},
                headers={"Authorization": f"Bearer {service.device_token}"},
            )
            answers.append((reply.status_code, reply.json()["detail"]))
        assert answers[0] == answers[1] and answers[0][0] == 401
        coded = []
        for pin in (DEMO_PIN, "999999"):
            reply = httpx.post(
                f"{service.url}/v1/staff/sessions",
                json={"staff_id": "H001", "pin": pin, "totp_code": "123456"},
                headers={"Authorization": f"Bearer {service.device_token}"},
            )
            coded.append((reply.status_code, reply.json()["detail"]))
        assert coded[0] == coded[1] and coded[0][0] == 401  # no authenticator: refused alike
    finally:
        service.server.stop()


def _assertion(device: str, staff: str, at: datetime, key: bytes = b"k" * 32) -> dict[str, str]:
    signer = CheckpointSigner(key)
    session_id = str(uuid.uuid4())
    signed_at = at.isoformat(timespec="milliseconds")
    signature = signer.sign_bytes(assertion_message(session_id, staff, device, signed_at))
    return {
        "session_id": session_id,
        "staff_id": staff,
        "device_id": device,
        "signed_in_at": signed_at,
        "public_key": signer.public_key,
        "signature": signature,
    }


def test_an_offline_sign_in_is_vouched_for_by_its_own_device_only(client, helpdesk, rogue) -> None:
    now = datetime.now(UTC)
    mine = {"Authorization": f"Bearer {helpdesk.device_token}"}
    path = "/v1/staff/sessions/assertion"
    ok = client.post(path, json=_assertion(helpdesk.device_id, "P001", now), headers=mine)
    assert ok.status_code == 200 and ok.json()["role"] == "pit_boss"
    refused = [
        # the rogue presenting our device's assertion
        client.post(path, json=_assertion(helpdesk.device_id, "P001", now),
                    headers={"Authorization": f"Bearer {rogue}"}),
        # signed with another key than the one pinned for our device
        client.post(path, json=_assertion(helpdesk.device_id, "P001", now, b"x" * 32),
                    headers=mine),
        # too old, no staff member, from the future
        client.post(path, json=_assertion(helpdesk.device_id, "P001", now - timedelta(days=2)),
                    headers=mine),
        client.post(path, json=_assertion(helpdesk.device_id, "NOBODY", now), headers=mine),
        client.post(path, json=_assertion(helpdesk.device_id, "P001", now + timedelta(hours=1)),
                    headers=mine),
    ]  # fmt: skip
    assert [r.status_code for r in refused] == [403] * 5
    assert all("staff_token" not in r.text for r in refused)


def test_a_device_receives_only_its_own_staffs_verifiers(tmp_path) -> None:
    settings_device = "TAB-PIT3"
    service = start_service(tmp_path / "helpdesk.db")
    try:
        with service.server.context.db.write() as session:
            session.query(StaffDevice).delete()
            session.add(StaffDevice(staff_id="P002", device_id=settings_device))
        token = service.enrol(settings_device)
        mine = httpx.get(
            f"{service.url}/v1/staff/verifiers", headers={"Authorization": f"Bearer {token}"}
        ).json()
        others = httpx.get(
            f"{service.url}/v1/staff/verifiers",
            headers={"Authorization": f"Bearer {service.device_token}"},
        ).json()
        assert [s["staff"]["id"] for s in mine["staff"]] == ["P002"]
        assert mine["staff"][0]["staff"]["pin_hash"].startswith("$argon2id$")
        assert others == {"staff": []}
        refused = httpx.post(  # P001 works elsewhere: no sign-in on this tablet
            f"{service.url}/v1/staff/sessions",
            json={"staff_id": "P001", "pin": DEMO_PIN},
            headers={"Authorization": f"Bearer {token}"},
        )
        assert refused.status_code == 401
    finally:
        service.server.stop()
