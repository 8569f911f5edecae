"""What waits in this console's outbox, told to the helpdesk: IT's view of outbox lag.

Every request carries ``X-Outbox-Pending`` (and ``X-Outbox-Oldest-Seconds`` when
something waits). A console idle on the live feed sends nothing, so when the count
changes after the last request told it (the outbox drained by the last batch, a write
queued while the link carries no request), the engine sends it on its own with
``POST /v1/devices/report``. The helpdesk files it under the device its token proves.
"""

from __future__ import annotations

from datetime import datetime

from app.clock import Clock


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
