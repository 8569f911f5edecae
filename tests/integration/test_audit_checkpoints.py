"""``/v1/audit/checkpoints``: the helpdesk holds each console's signed audit heads."""

from dataclasses import replace

import httpx

from app.security.audit_chain import ChainRow, Checkpoint, CheckpointSigner, verify_chain
from tests.integration.conftest import HelpdeskService

HASH = "ab" * 32
AT = "2026-11-27T09:00:00Z"  # a checkpoint's time is the ISO 8601 text its row keeps


def _checkpoint(
    service: HelpdeskService, entry_id: int = 100, key: bytes = b"k" * 32
) -> Checkpoint:
    return CheckpointSigner(key).sign(service.device_id, entry_id, HASH, AT)


def _post(service: HelpdeskService, checkpoint: Checkpoint) -> httpx.Response:
    return httpx.post(
        f"{service.url}/v1/audit/checkpoints",
        json=checkpoint.to_json(),
        headers=service.headers(staff=None),
    )


def test_a_checkpoint_is_stored_once_and_served_back(helpdesk: HelpdeskService) -> None:
    checkpoint = _checkpoint(helpdesk)
    assert _post(helpdesk, checkpoint).status_code == 201
    assert _post(helpdesk, checkpoint).status_code == 200
    latest = httpx.get(
        f"{helpdesk.url}/v1/audit/checkpoints/{helpdesk.device_id}/latest",
        headers=helpdesk.headers(staff=None),
    )
    assert latest.status_code == 200
    assert Checkpoint.from_json(latest.json()) == checkpoint


def test_contradicting_forged_or_foreign_checkpoints_are_refused(
    helpdesk: HelpdeskService,
) -> None:
    assert _post(helpdesk, _checkpoint(helpdesk)).status_code == 201
    contradicting = CheckpointSigner(b"k" * 32).sign(helpdesk.device_id, 100, "cd" * 32, AT)
    assert _post(helpdesk, contradicting).status_code == 409
    other_key = _checkpoint(helpdesk, entry_id=200, key=b"z" * 32)
    assert _post(helpdesk, other_key).status_code == 403  # not the key bound at enrolment
    forged = replace(_checkpoint(helpdesk, entry_id=300), hash="ef" * 32)
    assert _post(helpdesk, forged).status_code == 422
    someone_else = CheckpointSigner(b"k" * 32).sign("tab-other", 100, HASH, AT)
    assert _post(helpdesk, someone_else).status_code == 403


def test_a_truncated_log_is_caught_against_the_helpdesk_copy(helpdesk: HelpdeskService) -> None:
    from app.security.audit_chain import GENESIS, row_hash

    rows, prev = [], GENESIS
    for n in range(1, 6):
        at = f"2026-11-27T09:00:0{n}Z"
        digest = row_hash(n, at, "s", "host", helpdesk.device_id, "a", "b", "", prev)
        rows.append(ChainRow(n, at, "s", "host", helpdesk.device_id, "a", "b", "", prev, digest))
        prev = digest
    head = CheckpointSigner(b"k" * 32).sign(helpdesk.device_id, 5, prev, at)
    assert _post(helpdesk, head).status_code == 201
    held = Checkpoint.from_json(
        httpx.get(
            f"{helpdesk.url}/v1/audit/checkpoints/{helpdesk.device_id}/latest",
            headers=helpdesk.headers(staff=None),
        ).json()
    )
    assert verify_chain(rows, external=[held]).ok
    report = verify_chain(rows[:3], external=[held])
    assert not report.ok and report.broken_at == 5
