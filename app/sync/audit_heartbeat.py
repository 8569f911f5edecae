"""The audit log's tail leaves the tablet at least every minute while the helpdesk
answers (issue 13).

Actions other than routine reads are checkpointed at once (``app.security.audit_chain``);
routine reads wait for the next checkpoint. ``AuditHeartbeat`` signs the head every
``EVERY_S`` seconds while the sync link is online (a no-op when the head is signed
already); the checkpoint, with the hashes of every row since the one before, goes out
through the outbox like any write.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from concurrent.futures import Executor
from typing import Any

from app.sync.status import SyncStatus

log = logging.getLogger(__name__)

EVERY_S = 60.0


class AuditHeartbeat:
    def __init__(
        self,
        sign_head: Callable[[], None],
        executor: Executor | None = None,
        every_s: float = EVERY_S,
    ) -> None:
        """``sign_head``: the store's ``checkpoint_audit`` (blocking: run in ``executor``)."""
        self._sign_head = sign_head
        self._executor = executor
        self._every_s = every_s
        self._online = False
        self._timer: asyncio.TimerHandle | None = None
        self._running: asyncio.Future[Any] | None = None

    def attach(self, engine: Any) -> None:
        engine.add_listener(self.on_status)

    def on_status(self, status: SyncStatus) -> None:
        self._online = status.online
        if self._online and self._timer is None:
            self._timer = asyncio.get_running_loop().call_later(self._every_s, self._beat)
        elif not self._online:
            self.stop()

    def stop(self) -> None:
        if self._timer is not None:
            self._timer.cancel()
            self._timer = None

    def _beat(self) -> None:
        self._timer = None
        if not self._online:
            return
        loop = asyncio.get_running_loop()
        if self._running is None or self._running.done():
            self._running = loop.run_in_executor(self._executor, self._sign_head)
            self._running.add_done_callback(_report)
        self._timer = loop.call_later(self._every_s, self._beat)


def _report(task: asyncio.Future[Any]) -> None:
    if not task.cancelled() and task.exception() is not None:
        log.warning("the audit heartbeat could not sign the head: %s", task.exception())
