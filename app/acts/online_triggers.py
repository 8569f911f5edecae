"""When the acts' online work runs: the act-signing certificate's renewal while the
helpdesk answers (``RenewOnline``) and the upgrade of acts signed offline each time the
link comes back (``UpgradeOnReconnect``), both in an executor.

Light on purpose: the console attaches these at start, and the work they run
(``app.acts.device_cert``, ``app.acts.online``: cryptography, httpx, pyHanko) is
imported by that work, on the executor's thread, when it first runs; not on the GUI
thread during the start.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from concurrent.futures import Executor
from typing import TYPE_CHECKING, Any

from app.sync.status import SyncStatus

if TYPE_CHECKING:
    from app.acts.device_cert import Renewal
    from app.acts.online import UpgradeReport

log = logging.getLogger(__name__)

RETRY_AFTER_S = 300.0  # between two asks while online (a refusal, a failure)


class RenewOnline:
    """Runs ``renew`` (``CertificateRenewer.renew_if_due``) in ``executor`` while the
    helpdesk answers and the tablet is provisioned: at each status, at most one run at a
    time, one every ``RETRY_AFTER_S`` after a run that left it without a fresh
    certificate."""

    def __init__(
        self,
        renew: Callable[[], Renewal],
        executor: Executor | None = None,
        monotonic: Callable[[], float] | None = None,
    ) -> None:
        import time

        self._renew = renew
        self._executor = executor
        self._monotonic = monotonic or time.monotonic
        self._task: asyncio.Future[Any] | None = None
        self._next_at = 0.0

    def attach(self, engine: Any) -> None:
        engine.add_listener(self.on_status)

    def on_status(self, status: SyncStatus) -> None:
        if not status.online or status.provisioning:
            return
        if self._task is not None and not self._task.done():
            return
        if self._monotonic() < self._next_at:
            return
        self._next_at = self._monotonic() + RETRY_AFTER_S
        loop = asyncio.get_running_loop()
        self._task = loop.run_in_executor(self._executor, self._renew)
        self._task.add_done_callback(self._finished)

    def _finished(self, task: asyncio.Future[Any]) -> None:
        if task.cancelled():
            return
        error = task.exception()
        if error is not None:
            log.warning("act-signing certificate not renewed: %s", error)
            return
        renewal: Renewal = task.result()
        if renewal.renewed or renewal.why_not == "not due":
            self._next_at = self._monotonic() + RETRY_AFTER_S
        elif renewal.why_not == "not provisioned":
            self._next_at = 0.0  # ask again at the next status: enrolment is under way
        else:
            log.info("act-signing certificate not renewed: %s", renewal.why_not)


class UpgradeOnReconnect:
    """Runs ``upgrade`` (``ActUpgrader.upgrade_pending``) in ``executor`` each time the
    sync link comes online."""

    def __init__(
        self,
        upgrade: Callable[[], UpgradeReport],
        executor: Executor | None = None,
        on_done: Callable[[UpgradeReport], None] | None = None,
    ) -> None:
        self._upgrade = upgrade
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
        self._task = loop.run_in_executor(self._executor, self._upgrade)
        self._task.add_done_callback(self._finished)

    def _finished(self, task: asyncio.Future[Any]) -> None:
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
