"""A batch's settled rows are counted, told to the engine and noted as echoes once, with
their batch, not by each of their woken drains."""

import asyncio
from datetime import UTC, datetime
from typing import Any

from app.clock import SystemClock
from app.sync.backoff import Backoff
from app.sync.echoes import OwnEchoes
from app.sync.outbox import OutboxEntry, OutboxKind
from app.sync.replay_settle import Answered
from app.sync.replay_steps import RowOutcomes, Step


class _Outbox:
    def __init__(self) -> None:
        self.completed: list[int] = []

    def complete_many(self, seqs: list[int]) -> None:
        self.completed.extend(seqs)


class _Uow:
    def __init__(self) -> None:
        self.outbox = _Outbox()


class _Worker:
    """The store thread's ``batched``, inline, on one unit of work."""

    def __init__(self) -> None:
        self.uow = _Uow()
        self.transactions = 0

    async def batched(self, work: Any) -> Any:
        self.transactions += 1
        return work(self.uow)


def _event_row(seq: int) -> OutboxEntry:
    return OutboxEntry(
        seq,
        f"key-{seq}",
        OutboxKind.INCIDENT_EVENT,
        f"incident-{seq}",
        "P001",
        {"id": f"event-{seq}"},
        None,
        datetime(2026, 12, 6, tzinfo=UTC),
    )


def _outcomes(worker: _Worker, told: list[None], echoes: OwnEchoes) -> RowOutcomes:
    return RowOutcomes(
        worker,  # type: ignore[arg-type]
        None,  # type: ignore[arg-type]
        SystemClock(),
        Backoff(),
        on_change=lambda: told.append(None),
        echoes=echoes,
    )


def test_a_batch_s_rows_are_told_once_and_each_drain_adds_nothing() -> None:
    told: list[None] = []
    worker = _Worker()
    outcomes = _outcomes(worker, told, OwnEchoes())
    rows = [_event_row(seq) for seq in range(1, 101)]

    async def scenario() -> list[Step]:
        settled = await outcomes.settle_batch([Answered(row) for row in rows])
        # Then the hundred drains wake, each with its row's result.
        return [await outcomes.done(row, each) for row, each in zip(rows, settled, strict=True)]

    steps = asyncio.run(scenario())
    assert steps == [Step.NEXT] * 100
    assert worker.uow.outbox.completed == list(range(1, 101))
    assert worker.transactions == 1
    assert outcomes.stats.completed == 100
    # Each of a hundred woken drains telling the engine was a tenth of their wake-up.
    assert len(told) == 1


def test_a_batch_s_events_are_noted_as_echoes_before_their_drains_wake() -> None:
    echoes = OwnEchoes()
    outcomes = _outcomes(_Worker(), [], echoes)
    rows = [_event_row(seq) for seq in range(1, 4)]
    asyncio.run(outcomes.settle_batch([Answered(row) for row in rows]))
    # Held before any drain woke: each noting its own was a lock per row on the GUI loop.
    assert [echoes.held("incident_event", {"id": f"event-{seq}"}) for seq in (1, 2, 3)] == [
        True
    ] * 3
    assert not echoes.held("incident_event", {"id": "event-4"})


def test_a_row_settled_alone_is_noted_too() -> None:
    echoes = OwnEchoes()
    outcomes = _outcomes(_Worker(), [], echoes)

    class _Gathering(_Worker):
        async def gathered(self, work: Any, item: Any) -> Any:
            return work(self.uow, [item])[0]

    outcomes.worker = _Gathering()  # type: ignore[assignment]
    asyncio.run(outcomes.done(_event_row(7)))
    assert echoes.held("incident_event", {"id": "event-7"})
