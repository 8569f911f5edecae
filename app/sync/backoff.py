"""Exponential backoff with full jitter, and the helpdesk's ``Retry-After``.

Full jitter (AWS architecture blog, "Exponential Backoff And Jitter"): the wait is
uniform in ``[0, min(cap, base * 2**attempt)]``, so many consoles coming back at
once do not retry in lockstep.
"""

from __future__ import annotations

import asyncio
import logging
import random
from collections.abc import Collection
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Backoff:
    base_s: float = 0.5
    cap_s: float = 60.0
    rng: random.Random = field(default_factory=random.Random, compare=False)

    def delay(self, attempt: int) -> float:
        """Seconds to wait before try number ``attempt + 1`` (``attempt`` >= 0)."""
        ceiling = min(self.cap_s, self.base_s * (2 ** min(attempt, 32)))
        return self.rng.uniform(0.0, ceiling)

    def wait(self, attempt: int, retry_after_s: float | None) -> float:
        """The backoff, but never less than what the helpdesk asked for (capped)."""
        delay = self.delay(attempt)
        if retry_after_s is not None:
            delay = max(delay, min(retry_after_s, max(self.cap_s, 300.0)))
        return delay


def parse_retry_after(value: str | None, now: datetime | None = None) -> float | None:
    """``Retry-After`` as seconds: delta-seconds or an HTTP date; None when absent or bad."""
    if value is None:
        return None
    text = value.strip()
    try:
        seconds = float(text)
    except ValueError:
        # An HTTP date is rare: the email package (a dozen modules) loads for it alone.
        from email.utils import parsedate_to_datetime

        try:
            when = parsedate_to_datetime(text)
        except (TypeError, ValueError):
            return None
        if when.tzinfo is None:
            when = when.replace(tzinfo=UTC)
        seconds = (when - (now or datetime.now(UTC))).total_seconds()
    if seconds != seconds or seconds < 0:  # NaN or in the past
        return 0.0
    return seconds


async def wait_for(event: asyncio.Event, timeout: float | None) -> None:
    """Until ``event`` is set or ``timeout`` seconds pass (forever when None)."""
    if timeout is None:
        await event.wait()
        return
    # Not asyncio.wait_for: on Python 3.11, when the event is set in the same turn as
    # the task is cancelled, it returns normally and the cancellation is lost, so the
    # engine's stop() waited for ever on a loop that went back to sleep.
    try:
        async with asyncio.timeout(timeout):
            await event.wait()
    except TimeoutError:
        pass


STOP_ROUND_S = 5.0  # a cancelled task ends at its next await; this is for one that did not
STOP_ROUNDS = 3


async def cancel_and_wait(tasks: Collection[asyncio.Task[Any]]) -> None:
    """Cancel ``tasks`` and wait until they end. One that swallowed its cancellation is
    cancelled again and named in the log, so a stop never hangs without saying why."""
    pending = set(tasks)
    for _ in range(STOP_ROUNDS):
        if not pending:
            return
        for task in pending:
            task.cancel()
        _, pending = await asyncio.wait(pending, timeout=STOP_ROUND_S)
        for task in pending:
            log.error("a sync task did not end when cancelled: %r", task)
