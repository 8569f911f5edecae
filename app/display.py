"""One way to write a countdown and an escalation level, for every screen and document.

The board, the floor map, the incident view, the report reminder and the signed act all
write time left the same way (``countdown_text``) and a level the way the escalation
table of the SPEC does (``level_label``: L1 to L4; there is no L0 and no other letter).
Qt-free, and imports nothing from ``app`` (the domain uses it too); the UI adds its
translated words ("paused", "breached") around these.
"""

import math
from datetime import timedelta

MINUS = "\u2212"  # a true minus sign: "−4:00:48", never "-" or "+"
BREACH_MARKER = "\u26a0"  # ⚠ before a clock that is late
PAUSE_MARKER = "\u23f8"  # ⏸ before a clock that is paused (the incident waits)
LOWEST_LEVEL, HIGHEST_LEVEL = 1, 4


def countdown_text(left: float | timedelta) -> str:
    """``"09:59"``, ``"1:04:27"``, ``"2d 04:10"``; overdue with a minus: ``"−00:15"``.

    Whole seconds, rounded toward the breach: 59.4 s left is ``00:59``, 0.2 s late is
    ``−00:01``; so a clock never reads ``00:00`` while it is already late.
    """
    seconds = left.total_seconds() if isinstance(left, timedelta) else float(left)
    total = math.floor(seconds) if seconds >= 0 else -math.ceil(-seconds)
    sign = MINUS if total < 0 else ""
    total = abs(total)
    days, rest = divmod(total, 86400)
    hours, rest = divmod(rest, 3600)
    minutes, secs = divmod(rest, 60)
    if days:
        return f"{sign}{days}d {hours:02d}:{minutes:02d}"
    if hours:
        return f"{sign}{hours}:{minutes:02d}:{secs:02d}"
    return f"{sign}{minutes:02d}:{secs:02d}"


def level_label(level: int | str) -> str:
    """``L1`` … ``L4``; a stored ``0`` (no manual escalation yet) reads ``L1``, as at T0."""
    try:
        number = int(level)
    except (TypeError, ValueError):
        return str(level)
    return f"L{min(max(number, LOWEST_LEVEL), HIGHEST_LEVEL)}"
