"""The audit tail leaves the tablet promptly, under a key of the tablet's own (issue 13,
item 5): every action but routine reads is checkpointed at once with the hash of every
row since the checkpoint before; a heartbeat signs the head every minute online."""

import asyncio
from datetime import UTC, datetime, timedelta
from pathlib import Path

from app.ports import AuditEntry
from app.security.audit_chain import GENESIS, CheckpointSigner, checkpoint_due
from app.sync.audit_heartbeat import AuditHeartbeat
from app.sync.outbox import OutboxKind
from app.sync.status import Link, SyncStatus
from offline_cache import open_store
from offline_cache.opening import CHECKPOINT_SECRET_KEY

KEY = bytes(range(32))
T0 = datetime(2026, 11, 27, 9, 0, tzinfo=UTC)


def _entry(n: int, action: str) -> AuditEntry:
    return AuditEntry(T0 + timedelta(seconds=n), "H001", "host", "tab-7", action, f"x-{n}")


def test_routine_reads_wait_every_other_action_is_checkpointed_at_once(tmp_path: Path) -> None:
    assert not checkpoint_due(7, "guest.search") and checkpoint_due(100, "guest.search")
    assert checkpoint_due(7, "act.view") and checkpoint_due(7, "permission.denied")
    store = open_store(tmp_path, key=KEY)
    try:
        with store.unit_of_work() as uow:
            uow.audit.append(_entry(1, "guest.search"))
            uow.audit.append(_entry(2, "guest.view"))
            assert uow.audit.last_checkpoint() is None  # reads ride the next checkpoint
            uow.audit.append(_entry(3, "act.view"))
            uow.audit.append(_entry(4, "guest.view"))
            uow.audit.append(_entry(5, "attachment.view"))
        with store.unit_of_work() as uow:
            sent = [r for r in uow.outbox.pending_for("audit:tab-7")]
            rows = list(uow.audit.chain_rows())  # type: ignore[attr-defined]
    finally:
        store.dispose()
    assert [r.kind for r in sent] == [OutboxKind.AUDIT_CHECKPOINT] * 2
    first, second = (r.payload for r in sent)
    assert (first["entry_id"], second["entry_id"]) == (3, 5)
    # Every row's place in the chain travels: 1-3 with the first, 4-5 with the second.
    assert first["rows"] == [
        {"id": r.id, "prev_hash": r.prev_hash, "hash": r.hash} for r in rows[:3]
    ]
    assert [link["id"] for link in second["rows"]] == [4, 5]
    assert first["rows"][0]["prev_hash"] == GENESIS
    assert second["rows"][0]["prev_hash"] == first["rows"][-1]["hash"]


def test_the_checkpoint_key_is_the_tablets_own_not_the_store_keys(tmp_path: Path) -> None:
    store = open_store(tmp_path / "a", key=KEY)
    own = store.checkpoint_public_key
    store.dispose()
    assert own is not None and own != CheckpointSigner(KEY).public_key
    again = open_store(tmp_path / "a", key=KEY)
    assert again.checkpoint_public_key == own  # kept in the store
    again.dispose()
    other = open_store(tmp_path / "b", key=KEY)  # same store key, another tablet
    assert other.checkpoint_public_key != own
    other.dispose()


def test_a_store_that_signed_before_keeps_the_key_the_helpdesk_bound(tmp_path: Path) -> None:
    """Its checkpoints were signed with the key derived from the store key."""
    store = open_store(tmp_path, key=KEY)
    with store.unit_of_work() as uow:
        uow.audit.append(_entry(1, "act.view"))
        uow.sync_state.delete(CHECKPOINT_SECRET_KEY)  # as a store from before this release
    store.dispose()
    legacy = open_store(tmp_path, key=KEY)
    assert legacy.checkpoint_public_key == CheckpointSigner(KEY).public_key
    legacy.dispose()


def test_the_heartbeat_signs_the_head_while_online_only() -> None:
    async def scenario() -> None:
        beats = asyncio.Queue[int]()
        loop = asyncio.get_running_loop()
        # The heartbeat signs in the executor: it reports back to the loop's thread.
        heartbeat = AuditHeartbeat(
            lambda: loop.call_soon_threadsafe(beats.put_nowait, 1), every_s=0.01
        )
        heartbeat.on_status(SyncStatus(link=Link.OFFLINE))
        assert heartbeat._timer is None  # offline: nothing scheduled
        heartbeat.on_status(SyncStatus(link=Link.ONLINE))
        for _ in range(2):  # beats again and again while online
            await asyncio.wait_for(beats.get(), 10)
        heartbeat.on_status(SyncStatus(link=Link.OFFLINE))
        assert heartbeat._timer is None
        heartbeat.stop()

    asyncio.run(scenario())
