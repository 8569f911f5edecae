"""Upgrading stored acts to B-T / B-LT once the helpdesk answers.

``ActUpgrader.upgrade_pending`` takes every act whose newest revision is below B-LT,
appends what is missing (``app.acts.upgrade``), stores each result as a new
revision linked to the one before, queues its upload and audits it (as the system:
nobody pressed a button). Blocking (network + PDF work): run it in an executor.

``UpgradeOnReconnect`` does that whenever the sync engine reports the link online
(``SyncEngine.add_listener``), at most one run at a time, on the engine's loop.
"""

import asyncio
import logging
from collections.abc import Callable
from concurrent.futures import Executor
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import httpx

from app.acts.model import ActRevision
from app.sync.status import SyncStatus

if TYPE_CHECKING:
    from app.acts.service import ActService

log = logging.getLogger(__name__)


@dataclass
class UpgradeReport:
    upgraded: list[ActRevision] = field(default_factory=list)  # new revisions stored
    problems: list[str] = field(default_factory=list)
    unreachable: bool = False


class ActUpgrader:
    """``service`` is asked for at the first upgrade, in the executor: building it loads
    pyHanko (~0.8 s), which must not happen on the GUI thread at start."""

    def __init__(self, service: "Callable[[], ActService]", helpdesk_url: str) -> None:
        self._service = service
        self._url = helpdesk_url

    def upgrade_pending(self, client: httpx.Client | None = None, limit: int = 20) -> UpgradeReport:
        from app.acts.upgrade import TIMEOUT_S, upgrade

        service = self._service()
        report = UpgradeReport()
        pending = service.pending_upgrades(limit)
        if not pending:
            return report
        roots = service.identity.get().trust_roots
        http = client or httpx.Client(timeout=TIMEOUT_S)
        try:
            for revision in pending:
                result = upgrade(
                    service.files.get(revision.sha256),
                    revision.level,
                    helpdesk_url=self._url,
                    trust_roots=roots,
                    client=http,
                )
                previous = revision
                for step in result.steps:
                    previous = service.add_revision(previous, step.level, step.pdf)
                    report.upgraded.append(previous)
                if result.stopped:
                    report.problems.append(f"{revision.act_id}: {result.stopped}")
                    if not result.steps and not result.revoked:
                        report.unreachable = True  # no point trying the others now
                        break
        finally:
            if client is None:
                http.close()
        return report


class UpgradeOnReconnect:
    """Runs ``upgrade_pending`` in ``executor`` each time the sync link comes online."""

    def __init__(
        self,
        upgrader: ActUpgrader,
        executor: Executor | None = None,
        on_done: Callable[[UpgradeReport], None] | None = None,
    ) -> None:
        self._upgrader = upgrader
        self._executor = executor
        self._on_done = on_done
        self._task: asyncio.Future[Any] | None = None
        self._was_online = False

    def attach(self, engine: Any) -> None:
        engine.add_listener(self.on_status)

    def on_status(self, status: SyncStatus) -> None:
        online = status.online
        if online and not self._was_online:
            self.trigger()
        self._was_online = online

    def trigger(self) -> None:
        if self._task is not None and not self._task.done():
            return
        loop = asyncio.get_running_loop()
        self._task = loop.run_in_executor(self._executor, self._upgrader.upgrade_pending)
        self._task.add_done_callback(self._finished)

    def _finished(self, task: "asyncio.Future[Any]") -> None:
        if task.cancelled():
            return
        error = task.exception()
        if error is not None:
            log.error("act upgrade failed", exc_info=error)
            return
        report: UpgradeReport = task.result()
        if report.upgraded or report.problems:
            log.info(
                "acts upgraded: %d new revisions; %s",
                len(report.upgraded),
                "; ".join(report.problems) or "no problems",
            )
        if self._on_done is not None:
            self._on_done(report)
