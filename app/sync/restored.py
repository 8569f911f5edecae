"""A helpdesk restored from a backup: this console sends again what it lost.

The helpdesk's database has a *generation*, new at each restore, on every answer
(``X-Helpdesk-Generation``). The console keeps the one it synced with. On another
one, the transport refuses the answer (``HelpdeskRestored``, an ``Unreachable``: the
engine waits as if offline) and, in one transaction, the rows the helpdesk took in
the last seven days go back to the outbox under their own idempotency keys and the
change cursor is dropped. The helpdesk answers what its backup held from the stored
answers (nothing twice) and writes the rest again (nothing lost); the console reads
the changes from the start (idempotent). Then the new generation is kept and the
link resumes.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Coroutine
from datetime import timedelta
from typing import Any

from app.clock import Clock
from app.ports import UnitOfWork
from app.sync.apply import CURSOR_KEY, LAST_SEQ_KEY
from app.sync.storeio import StoreWorker
from app.sync.transport import HelpdeskTransport

log = logging.getLogger(__name__)

GENERATION_KEY = "helpdesk_generation"  # in the store's sync state
IDEMPOTENCY_WINDOW = timedelta(days=7)  # the contract keeps keys at least this long


class RestoreWatch:
    """Keeps the transport's generation and answers a new one (see the module)."""

    def __init__(
        self,
        worker: StoreWorker,
        transport: HelpdeskTransport,
        clock: Clock,
        spawn: Callable[[Coroutine[Any, Any, Any]], None],
        resumed: Callable[[int], None],
    ) -> None:
        self._worker = worker
        self._transport = transport
        self._clock = clock
        self._spawn = spawn
        self._resumed = resumed
        self._handling: str | None = None
        transport.on_generation = self._on_generation

    async def load(self) -> None:
        """The generation this console synced with; the journal's old rows forgotten."""
        before = self._clock.now() - IDEMPOTENCY_WINDOW

        def read(uow: UnitOfWork) -> str | None:
            uow.outbox.forget_sent(before)
            return uow.sync_state.get(GENERATION_KEY)

        self._transport.generation = await self._worker.run(read)

    def _on_generation(self, generation: str, restored: bool) -> None:
        if not restored:
            self._spawn(self._keep(generation))
        elif self._handling != generation:
            self._handling = generation
            self._spawn(self._resend(generation))

    async def _keep(self, generation: str) -> None:
        await self._worker.run(lambda uow: uow.sync_state.set(GENERATION_KEY, generation))

    async def _resend(self, generation: str) -> None:
        since = self._clock.now() - IDEMPOTENCY_WINDOW

        def work(uow: UnitOfWork) -> int:
            moved = uow.outbox.resend_sent(since)
            for key in (CURSOR_KEY, LAST_SEQ_KEY):
                uow.sync_state.delete(key)
            uow.sync_state.set(GENERATION_KEY, generation)
            return moved

        moved = await self._worker.run(work)
        log.warning(
            "the helpdesk was restored from a backup (generation %s): %d writes sent again",
            generation,
            moved,
        )
        self._transport.generation = generation
        self._handling = None
        self._resumed(moved)
