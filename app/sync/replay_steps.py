"""What becomes of an outbox row once sent: the replayer's and every sender's vocabulary.

``Step`` tells the replayer how to go on with an incident's rows; ``RowOutcomes``
settles a row (done, tried again later, refused for good) in the store and keeps
the counts. The per-kind senders (``replay_guests``, ``replay_audit``,
``replay_upload``) take a ``RowOutcomes`` and nothing of the replayer itself.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from datetime import timedelta
from enum import Enum
from pathlib import Path
from typing import Any

from app.clock import Clock
from app.ports import UnitOfWork
from app.sync.backoff import Backoff
from app.sync.echoes import OwnEchoes
from app.sync.enrolment import device_token_refused
from app.sync.outbox import OutboxEntry, OutboxKind
from app.sync.replay_settle import Answered, Settled, settle_answers
from app.sync.staff_tokens import StaffTokens, staff_token_refused
from app.sync.storeio import StoreWorker
from app.sync.transport import Answer, HelpdeskTransport

log = logging.getLogger(__name__)

# Answers that mean "not now" rather than "never".
TRANSIENT_STATUSES = frozenset({408, 425, 429})


class Step(Enum):
    NEXT = "next"  # this row is settled; go on with the entity's next row
    RELOAD = "reload"  # this row was rewritten (412): read the entity's rows again
    STOP = "stop"  # wait: the entity's later rows must not overtake this one


@dataclass
class ReplayStats:
    sent: int = 0
    completed: int = 0
    retried: int = 0
    dead: int = 0
    conflicts: int = 0


class RowOutcomes:
    """The parts a sender needs: the transport, the store, and the row's outcomes."""

    def __init__(
        self,
        worker: StoreWorker,
        transport: HelpdeskTransport,
        clock: Clock,
        backoff: Backoff,
        *,
        data_dir: Path | None = None,
        on_change: Callable[[], None] = lambda: None,
        reenrol: Callable[[str | None], Awaitable[bool]] | None = None,
        tokens: StaffTokens | None = None,
        echoes: OwnEchoes | None = None,
    ) -> None:
        self.worker = worker
        self.echoes = echoes  # what the store now holds, noted once settled
        self.tokens = tokens
        self.transport = transport
        self.clock = clock
        self.data_dir = data_dir  # attachment paths are relative to it
        self.stats = ReplayStats()
        self._backoff = backoff
        self._on_change = on_change
        self._reenrol = reenrol

    async def staff_token(self, row: OutboxEntry) -> str | None:
        """The staff token of the session ``row`` was written in (raises
        ``SessionRefused`` / ``SessionUnavailable``, which the replayer settles)."""
        if self.tokens is None:
            return None
        return await self.tokens.for_session(row.session_id)

    async def reenrol(self, challenge: str | None) -> bool:
        """A 401 with ``challenge``: when it refused the device's token, enrol again
        (True: a new one is held)."""
        return self._reenrol is not None and await self._reenrol(challenge)

    def changed(self) -> None:
        """Something the user may see moved (the status is recounted)."""
        self._on_change()

    async def complete(self, row: OutboxEntry, work: Callable[[UnitOfWork], Any]) -> None:
        """Applied: ``work`` removes the row (and writes what the answer taught us)."""
        await self.worker.batched(work)
        self.stats.completed += 1
        self._on_change()

    async def settle(self, answered: Answered) -> Settled:
        """Applied: settled with the other rows answered meanwhile (replay_settle.py)."""
        settled = await self.worker.gathered(settle_answers, answered)
        self._noted([answered])
        self.applied()
        return settled

    def applied(self) -> None:
        """A row settled here, alone (``settle_batch`` counts a batch's)."""
        self.stats.completed += 1
        self._on_change()

    async def settle_batch(self, answered: list[Answered]) -> list[Settled]:
        """The rows one ``/v1/batch`` answer applied, settled in one transaction before
        their drains wake (``WriteBatcher``'s ``settle_many``); counted and told here,
        once: a hundred drains each telling the engine were a tenth of their wake-up."""
        settled = await self.worker.batched(lambda uow: settle_answers(uow, answered))
        self._noted(answered)
        self.stats.completed += len(answered)
        self._on_change()
        return settled

    def _noted(self, answered: list[Answered]) -> None:
        """The incidents and events the store holds now: their echoes on the feed need
        no decoding (echoes.py). Noted here, with their batch, not by each woken drain."""
        if self.echoes is None:
            return
        incidents = [(a.row.entity_id, a.incident.version) for a in answered if a.incident]
        events = [
            a.row.payload["id"]
            for a in answered
            if a.row.kind is OutboxKind.INCIDENT_EVENT and isinstance(a.row.payload.get("id"), str)
        ]
        self.echoes.settled_many(incidents, events)

    async def done(self, row: OutboxEntry, settled: Settled | None = None) -> Step:
        """Applied, and the answer teaches nothing more: the row goes (or went, with
        its batch: ``settled``)."""
        if settled is None:
            await self.settle(Answered(row))
        return Step.NEXT

    async def done_together(self, rows: Sequence[OutboxEntry]) -> None:
        """Applied by one request (checkpoints sent together): the rows go as one."""
        await self.worker.batched(lambda uow: uow.outbox.complete_many([r.seq for r in rows]))
        self.stats.completed += len(rows)
        self._on_change()

    async def refused(self, row: OutboxEntry, answer: Answer) -> Step:
        """Not applied: tried again later (transient) or a dead letter (permanent)."""
        status = answer.status
        if staff_token_refused(answer) and self.tokens is not None:
            # The session's token expired or was ended: its assertion is asked for again
            # (a session the helpdesk no longer vouches for then becomes a dead letter).
            self.tokens.forget(row.session_id)
            await self.retry(row, status, f"HTTP 401: {answer.detail()}", None)
            return Step.STOP
        challenge = answer.headers.get("www-authenticate") if status == 401 else None
        if status == 401 and self._reenrol is not None and await self._reenrol(challenge):
            await self.retry(row, status, "device token refused; enrolled again", None)
            return Step.STOP
        # Our device token refused: the change waits until IT provisions the tablet again.
        if status in TRANSIENT_STATUSES or status >= 500 or device_token_refused(challenge):
            await self.retry(row, status, f"HTTP {status}: {answer.detail()}", answer.retry_after)
            return Step.STOP
        await self.dead(row, status, f"HTTP {status}: {answer.detail()}")
        return Step.STOP if row.kind is OutboxKind.INCIDENT_CREATE else Step.NEXT

    async def retry(
        self, row: OutboxEntry, status: int | None, error: str, retry_after: float | None
    ) -> None:
        delay = self._backoff.wait(row.attempts, retry_after)
        at = self.clock.now() + timedelta(seconds=delay)
        log.info("%s %s: %s; again in %.2f s", row.kind, row.entity_id, error, delay)
        await self.worker.batched(
            lambda uow: uow.outbox.retry_later(row.seq, at=at, status=status, error=error)
        )
        self.stats.retried += 1

    async def dead(self, row: OutboxEntry, status: int | None, error: str) -> None:
        log.warning("%s %s refused for good: %s", row.kind, row.entity_id, error)
        now = self.clock.now()
        await self.worker.batched(
            lambda uow: uow.outbox.mark_dead(row.seq, at=now, status=status, error=error)
        )
        self.stats.dead += 1
        self._on_change()
