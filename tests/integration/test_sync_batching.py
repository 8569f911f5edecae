"""The replay's writes share ``/v1/batch`` requests; without the route, each goes alone."""

import asyncio
import threading
from pathlib import Path

import httpx
import pytest

from app.sync import batching, replay, replay_steps
from app.sync.replay_settle import settle_answers
from app.sync.storeio import StoreWorker
from tests.integration.conftest import HelpdeskService
from tests.integration.fault_proxy import Fault, FaultProxy
from tests.integration.sync_consoles import (
    all_synced,
    eventually,
    helpdesk_counts,
    make_console,
)

INCIDENTS = 150


def _replay_offline(helpdesk: HelpdeskService, tmp_path: Path, plan_batch: Fault | None) -> dict:
    """``INCIDENTS`` incidents opened offline, then replayed; what the proxy saw."""
    seen: dict[str, int] = {"batch": 0, "alone": 0}

    def plan(method: str, path: str) -> Fault | None:
        if path == "/v1/batch":
            seen["batch"] += 1
            return plan_batch
        if method in ("POST", "PATCH") and path.startswith("/v1/incidents"):
            seen["alone"] += 1
        return None

    async def scenario() -> None:
        with FaultProxy(helpdesk.url) as proxy:
            proxy.down = True
            console = make_console(tmp_path, "alpha", proxy.url, live_feed=False, issuer=helpdesk)
            await console.engine.start()
            try:
                for n in range(INCIDENTS):
                    console.open_incident(f"Walk-in {n}")
                await eventually(lambda: not console.engine.status.online, "offline")
                proxy.plan = plan
                proxy.down = False
                await eventually(all_synced(console), "the outbox to drain", timeout=60)
                counts = helpdesk_counts(helpdesk.db_path, console.actor.device_id)
                assert counts[:2] == (INCIDENTS, INCIDENTS)  # each create and event once
                replayer = console.engine.replayer
                assert replayer is not None
                seen["supported"] = int(replayer.writes.supported)
            finally:
                await console.engine.stop()
                console.store.close()

    asyncio.run(scenario())
    return seen


def test_writes_ready_together_travel_together(helpdesk: HelpdeskService, tmp_path: Path) -> None:
    seen = _replay_offline(helpdesk, tmp_path, None)
    # 300 writes (a create and its "opened" event each) in a handful of requests.
    assert seen["alone"] == 0
    assert 2 <= seen["batch"] <= 2 * INCIDENTS // 20


def test_a_batchs_answer_is_parsed_and_decoded_off_the_event_loops_thread(
    helpdesk: HelpdeskService, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    parsed_on: list[str] = []
    decoded_on: list[str] = []
    split, decode_incident = batching._split, replay.decode_incident

    def watched(answer: batching.Answer, prepares: list) -> list[batching.Answer]:
        parsed_on.append(threading.current_thread().name)
        return split(answer, prepares)

    def watched_decode(data: object) -> object:
        decoded_on.append(threading.current_thread().name)
        return decode_incident(data)

    monkeypatch.setattr(batching, "_split", watched)
    monkeypatch.setattr(replay, "decode_incident", watched_decode)
    seen = _replay_offline(helpdesk, tmp_path, None)  # each write applied once
    assert seen["alone"] == 0
    assert parsed_on and all(name.startswith("vip-sync-decode") for name in parsed_on)
    # The created incidents too: a hundred decoded by their tasks held the GUI's thread.
    assert len(decoded_on) == INCIDENTS
    assert all(name.startswith("vip-sync-decode") for name in decoded_on)


def test_a_batchs_rows_are_settled_together_before_their_drains_wake(
    helpdesk: HelpdeskService, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    together: list[int] = []
    by_drains: list[object] = []
    settle_batch, gathered = replay_steps.RowOutcomes.settle_batch, StoreWorker.gathered

    async def watched_batch(self: replay_steps.RowOutcomes, answered: list) -> list:
        together.append(len(answered))
        return await settle_batch(self, answered)

    async def watched_gathered(self: StoreWorker, work: object, item: object) -> object:
        if work is settle_answers:
            by_drains.append(item)
        return await gathered(self, work, item)  # type: ignore[arg-type]

    monkeypatch.setattr(replay_steps.RowOutcomes, "settle_batch", watched_batch)
    monkeypatch.setattr(StoreWorker, "gathered", watched_gathered)
    seen = _replay_offline(helpdesk, tmp_path, None)  # each write applied once
    assert seen["alone"] == 0
    # Every create and event settled with its batch: a drain woke once per row, not twice.
    assert sum(together) == 2 * INCIDENTS and len(together) <= seen["batch"]
    assert by_drains == []


def test_a_helpdesk_without_batches_gets_each_write_alone(
    helpdesk: HelpdeskService, tmp_path: Path
) -> None:
    seen = _replay_offline(helpdesk, tmp_path, Fault.NOT_FOUND)
    assert seen["supported"] == 0
    assert seen["batch"] <= 2  # learnt from the first answer (one more may be on its way)
    assert seen["alone"] == 2 * INCIDENTS


def _checkpoints_replayed(
    helpdesk: HelpdeskService, tmp_path: Path, first: Fault | None
) -> tuple[int, int]:
    """Incidents opened offline (a signed checkpoint each), then replayed, the first
    checkpoint request answered with ``first``: (requests seen, checkpoints queued)."""
    seen: list[str] = []

    def plan(method: str, path: str) -> Fault | None:
        if path == "/v1/audit/checkpoints":
            seen.append(path)
            return first if len(seen) == 1 else None
        return None

    async def scenario() -> int:
        with FaultProxy(helpdesk.url) as proxy:
            proxy.down = True
            console = make_console(tmp_path, "alpha", proxy.url, live_feed=False, issuer=helpdesk)
            await console.engine.start()
            try:
                for n in range(40):
                    console.open_incident(f"Walk-in {n}")
                await eventually(lambda: not console.engine.status.online, "offline")
                queued = console.checkpoint_rows()
                proxy.plan = plan
                proxy.down = False
                await eventually(all_synced(console), "the outbox to drain", timeout=60)
                with console.store.unit_of_work() as uow:
                    local = [(r.id, r.prev_hash, r.hash) for r in uow.audit.chain_rows()]
                    [*_, last] = uow.audit.checkpoints()
                headers = helpdesk.headers(staff=None)
                held = httpx.get(
                    f"{helpdesk.url}/v1/audit/rows/{console.actor.device_id}", headers=headers
                ).json()["rows"]
                latest = httpx.get(
                    f"{helpdesk.url}/v1/audit/checkpoints/{console.actor.device_id}/latest",
                    headers=headers,
                ).json()
            finally:
                await console.engine.stop()
                console.store.close()
            # Every row's hash reached the helpdesk, and the latest head is the last one.
            assert [tuple(row) for row in held] == local[: len(held)]
            assert held[-1][0] == last.entry_id and latest["hash"] == last.hash
            return queued

    queued = asyncio.run(scenario())
    return len(seen), queued


def test_checkpoints_waiting_together_travel_together(
    helpdesk: HelpdeskService, tmp_path: Path
) -> None:
    requests, queued = _checkpoints_replayed(helpdesk, tmp_path, None)
    assert queued >= 40  # one per incident opened
    assert requests == 1


@pytest.mark.parametrize(("first", "requests"), [(Fault.NOT_FOUND, 3), (Fault.ERROR_500, 2)])
def test_checkpoints_refused_together_are_placed_on_the_first(
    helpdesk: HelpdeskService, tmp_path: Path, first: Fault, requests: int
) -> None:
    """A permanent refusal of the whole is settled on the first row, sent alone; the
    rest go together again. A "not now" (500) makes the first row wait, then all go."""
    assert _checkpoints_replayed(helpdesk, tmp_path, first)[0] == requests
