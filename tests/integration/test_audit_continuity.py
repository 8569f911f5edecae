"""The helpdesk checks each console's audit chain continues what it sent before, raises
an alert on a gap, a fork or a rollback, and ``audit verify --against-helpdesk`` checks
a tablet's log against the copy (issue 13, item 5)."""

from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest

from app.cli import main as cli_main
from app.ports import AuditEntry
from app.security.audit_chain import GENESIS, CheckpointSigner, row_hash
from app.settings import Settings, save_settings
from app.sync.device_token import TOKEN_KEY
from app.sync.outbox import OutboxKind
from offline_cache import encryption, open_store
from tests.integration.conftest import HelpdeskService, enrol_body

SECRET = b"c" * 32  # the device's checkpoint secret bound at enrolment
DEVICE = "TAB-CHAIN1"
T0 = datetime(2026, 11, 27, 9, 0, tzinfo=UTC)


def _enrol(helpdesk: HelpdeskService, device: str, public_key: str) -> str:
    body = {**enrol_body(device, helpdesk.issue_code(device)), "checkpoint_public_key": public_key}
    reply = httpx.post(f"{helpdesk.url}/v1/devices/enrol", json=body)
    reply.raise_for_status()
    token: str = reply.json()["device_token"]
    return token


def _chain(count: int, start: int = 1, prev: str = GENESIS, detail: str = "") -> list[dict]:
    links = []
    for n in range(start, start + count):
        at = f"2026-11-27T09:00:{n:02d}Z"
        digest = row_hash(n, at, "H001", "host", DEVICE, "act.view", f"a{n}", detail, prev)
        links.append({"id": n, "prev_hash": prev, "hash": digest, "at": at})
        prev = digest
    return links


def _post(helpdesk: HelpdeskService, token: str, links: list[dict]) -> httpx.Response:
    head = links[-1]
    checkpoint = CheckpointSigner(SECRET).sign(DEVICE, head["id"], head["hash"], head["at"])
    body = {
        **checkpoint.to_json(),
        "rows": [{k: x[k] for k in ("id", "prev_hash", "hash")} for x in links],
    }
    return httpx.post(
        f"{helpdesk.url}/v1/audit/checkpoints",
        json=body,
        headers={"Authorization": f"Bearer {token}"},
    )


def _alerts(helpdesk: HelpdeskService, token: str) -> list[dict[str, Any]]:
    reply = httpx.get(
        f"{helpdesk.url}/v1/audit/alerts", headers={"Authorization": f"Bearer {token}"}
    )
    assert reply.status_code == 200
    return list(reply.json()["alerts"])


@pytest.fixture
def token(helpdesk: HelpdeskService) -> str:
    return _enrol(helpdesk, DEVICE, CheckpointSigner(SECRET).public_key)


def test_a_continuing_chain_is_kept_row_by_row(helpdesk: HelpdeskService, token: str) -> None:
    chain = _chain(8)
    assert _post(helpdesk, token, chain[:3]).status_code == 201
    assert _post(helpdesk, token, chain[3:]).status_code == 201
    assert _post(helpdesk, token, chain[3:]).status_code == 200  # a resend
    held = httpx.get(
        f"{helpdesk.url}/v1/audit/rows/{DEVICE}", headers={"Authorization": f"Bearer {token}"}
    ).json()["rows"]
    assert [row[0] for row in held] == list(range(1, 9))
    assert [row[2] for row in held] == [x["hash"] for x in chain]
    assert _alerts(helpdesk, token) == []


@pytest.mark.parametrize(
    ("tamper", "kind"),
    [
        # Rows 4-5 deleted on the tablet: the next checkpoint starts at 6.
        (lambda chain: _chain(2, 6, chain[-1]["hash"]), "gap"),
        # Row 4 rewritten after row 3 was held: it no longer follows it.
        (lambda chain: _chain(2, 4, "ee" * 32), "fork"),
        # An older store restored and written on: rows 2-3 differ, the head is behind.
        (lambda chain: _chain(2, 2, chain[0]["hash"], detail="again"), "rollback"),
    ],
)
def test_a_gap_a_fork_or_a_rollback_is_refused_and_alerted(
    helpdesk: HelpdeskService, token: str, tamper: Any, kind: str
) -> None:
    chain = _chain(3)
    assert _post(helpdesk, token, chain).status_code == 201
    refused = _post(helpdesk, token, tamper(chain))
    assert refused.status_code == 409 and kind in refused.json()["detail"]
    [alert] = _alerts(helpdesk, token)
    assert (alert["device_id"], alert["kind"]) == (DEVICE, kind)


def test_audit_verify_against_the_helpdesk_catches_a_deleted_tail(
    helpdesk: HelpdeskService,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The tablet's tail went to the helpdesk with its checkpoint; rows deleted and the
    local checkpoints with them: the local log is consistent, the helpdesk's copy is not."""
    key = bytes(range(32))
    data = tmp_path / "tablet"
    store = open_store(data, key=key)
    save_settings(data, Settings({"device_id": DEVICE}))
    token = _enrol(helpdesk, DEVICE, str(store.checkpoint_public_key))
    with store.unit_of_work() as uow:
        uow.sync_state.set(TOKEN_KEY, token)
        for n in range(6):
            action = "guest.view" if n % 2 else "act.view"
            uow.audit.append(
                AuditEntry(T0 + timedelta(seconds=n), "H001", "host", DEVICE, action, f"x{n}")
            )
        sent = [
            r.payload
            for r in uow.outbox.pending_for(f"audit:{DEVICE}")
            if r.kind == OutboxKind.AUDIT_CHECKPOINT
        ]
    store.dispose()
    for payload in sent:  # what the replay sends
        reply = httpx.post(
            f"{helpdesk.url}/v1/audit/checkpoints",
            json=payload,
            headers={"Authorization": f"Bearer {token}"},
        )
        assert reply.status_code == 201, reply.text
    monkeypatch.setenv("VIP_CONSOLE_STORE_KEY", key.hex())
    verify = ["audit", "verify", "--data-dir", str(data), "--against-helpdesk", helpdesk.url]
    assert cli_main(verify) == 0
    assert "as the helpdesk holds them" in capsys.readouterr().out

    raw = encryption.connect(data / "store.db", key)
    raw.isolation_level = None
    for trigger in ("audit_log_no_delete", "audit_checkpoints_no_delete"):
        raw.execute(f"DROP TRIGGER {trigger}")
    raw.execute("DELETE FROM audit_log WHERE id > 3")
    raw.execute("DELETE FROM audit_checkpoints WHERE entry_id > 3")
    raw.close()
    assert cli_main(["audit", "verify", "--data-dir", str(data)]) == 0  # alone: consistent
    capsys.readouterr()
    assert cli_main(verify) == 1
    assert "deleted" in capsys.readouterr().out
