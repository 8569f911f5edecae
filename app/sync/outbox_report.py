"""What waits in this console's outbox, told to the helpdesk: IT's view of outbox lag.

Every request carries ``X-Outbox-Pending`` (and ``X-Outbox-Oldest-Seconds`` when
something waits). A console idle on the live feed sends nothing, so when the count
changes after the last request told it (the outbox drained by the last batch, a write
queued while the link carries no request), the engine sends it on its own with
``POST /v1/devices/report``. The helpdesk files it under the device its token proves.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Coroutine
from datetime import datetime
from typing import TYPE_CHECKING, Any

from app.clock import Clock

if TYPE_CHECKING:
    from app.sync.transport import HelpdeskTransport

log = logging.getLogger(__name__)


class OutboxReport:
    def __init__(self, clock: Clock) -> None:
        self._clock = clock
        self._pending: int | None = None
        self._oldest: datetime | None = None
        self._told: int | None = None  # the count the last request carried

    def update(self, pending: int, oldest: datetime | None) -> None:
        self._pending, self._oldest = pending, oldest

    @property
    def untold(self) -> bool:
        """The helpdesk last heard another count than the outbox holds now."""
        return self._pending is not None and self._pending != self._told

    def headers(self) -> dict[str, str]:
        if self._pending is None:
            return {}
        self._told = self._pending
        headers = {"X-Outbox-Pending": str(self._pending)}
        if self._oldest is not None:
            age = (self._clock.now() - self._oldest).total_seconds()
            headers["X-Outbox-Oldest-Seconds"] = f"{max(age, 0.0):.0f}"
        return headers


class OutboxReportSender:
    """Sends the count no request has carried yet, one report at a time."""

    def __init__(
        self,
        transport: HelpdeskTransport,
        spawn: Callable[[Coroutine[Any, Any, Any]], None],
    ) -> None:
        self._transport = transport
        self._spawn = spawn
        self._sending = False
        self._stopped = False

    def stop(self) -> None:
        self._stopped = True

    def refresh(self, pending: int, oldest: datetime | None, online: bool) -> None:
        report = self._transport.outbox_report
        report.update(pending, oldest)
        if self._transport.device_token is None or not online or self._sending:
            return
        if self._stopped:
            return
        if report.untold:
            self._sending = True
            self._spawn(self._send())

    async def _send(self) -> None:
        try:
            await self._transport.request("POST", "/devices/report")
        except Exception as error:  # a measure for IT: never worth more than a line
            log.info("outbox report not sent: %s", error)
        finally:
            self._sending = False
