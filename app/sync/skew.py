"""Clock skew against the helpdesk, and a clock corrected by the last estimate.

The helpdesk stamps every answer with ``X-Server-Time``; the skew is
``server_time - (sent + received) / 2``. Offline, SLA timers keep running on the
local clock plus the last known skew (persisted, so a restart offline keeps it).
"""

from __future__ import annotations

import threading
from datetime import datetime, timedelta

from app.clock import Clock
from app.ports import Store

SKEW_KEY = "skew_ms"  # in the store's sync state

# An answer that took longer than this says little about the clock.
MAX_USEFUL_ROUND_TRIP = timedelta(seconds=2)


class ClockSkew:
    """The last skew estimate; shared by the engine (writer) and the clocks (readers)."""

    def __init__(self, initial: timedelta = timedelta(0)) -> None:
        self._lock = threading.Lock()
        self._skew = initial
        self._best_round_trip: timedelta | None = None
        self.samples = 0

    @property
    def value(self) -> timedelta:
        with self._lock:
            return self._skew

    def observe(self, sent: datetime, received: datetime, server_time: datetime) -> bool:
        """Take a sample; returns True when the estimate changed."""
        round_trip = received - sent
        if round_trip < timedelta(0) or round_trip > MAX_USEFUL_ROUND_TRIP:
            return False
        estimate = server_time - (sent + round_trip / 2)
        with self._lock:
            self.samples += 1
            # Shorter round trips bound the error better; still follow drift slowly.
            best = self._best_round_trip
            if best is None or round_trip <= best * 2 or self.samples % 50 == 0:
                self._best_round_trip = round_trip if best is None else min(best, round_trip)
                changed = abs(estimate - self._skew) > timedelta(milliseconds=1)
                self._skew = estimate
                return changed
        return False

    def reset_to(self, value: timedelta) -> None:
        with self._lock:
            self._skew = value


class SkewCorrectedClock:
    """``Clock`` that reads ``base`` and adds the last known skew."""

    def __init__(self, base: Clock, skew: ClockSkew) -> None:
        self._base = base
        self.skew = skew

    def now(self) -> datetime:
        return self._base.now() + self.skew.value


def stored_skew(store: Store) -> timedelta:
    """The last skew the engine persisted (zero before the first contact)."""
    with store.unit_of_work() as uow:
        return skew_from_text(uow.sync_state.get(SKEW_KEY))


def skew_from_text(value: str | None) -> timedelta:
    """The skew as the engine persists it (milliseconds), zero when absent or unreadable."""
    try:
        return timedelta(milliseconds=float(value)) if value is not None else timedelta(0)
    except ValueError:
        return timedelta(0)
