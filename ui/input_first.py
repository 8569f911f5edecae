"""Input first: what the user waits for now comes before a clock's repaint.

A swipe's card is the user waiting; the board's countdowns, the floor map's and an
incident's timers repaint once a second for nobody in particular. When such a tick
falls inside a swipe (about one swipe in a hundred) it took the GUI thread for its
5-10 ms between the reader's Enter and the card's paint. So while a lookup is on its
way a tick waits a few milliseconds and tries again: the countdown is late by a frame
or two, the card is not. A wait never outlasts ``LONGEST_WAIT_S`` (a lookup that
hangs never stops the clocks).
"""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer

RETRY_MS = 8
LONGEST_WAIT_S = 0.25

_waits: dict[int, float] = {}  # the user's waits under way: their start (monotonic)
_next = 0


def user_waits() -> Callable[[], None]:
    """The user starts waiting (a swipe sent); call what it returns when the answer is
    shown (or failed, or dropped). Calling it again does nothing."""
    global _next
    _next += 1
    key = _next
    _waits[key] = time.monotonic()

    def answered() -> None:
        _waits.pop(key, None)

    return answered


def user_waiting() -> bool:
    """A wait under way and not yet too long."""
    if not _waits:
        return False
    oldest = min(_waits.values())
    if time.monotonic() - oldest > LONGEST_WAIT_S:
        _waits.clear()  # a lost release: the clocks run again
        return False
    return True


def tick_after_input(owner: QObject, tick: Callable[[], object]) -> None:
    """``tick()`` now, or a few milliseconds after the user's wait (while ``owner``
    lives)."""
    if user_waiting():
        QTimer.singleShot(RETRY_MS, owner, lambda: tick_after_input(owner, tick))
        return
    tick()
