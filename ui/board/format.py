"""Countdown text: "mm:ss", "h:mm:ss", "2d 04:10", negative with a true minus sign."""

from __future__ import annotations

import math

MINUS = "\u2212"


def countdown(seconds: float) -> str:
    """Whole seconds, rounded toward the breach: 59.4 s left shows 00:59, -0.2 s shows -00:01."""

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
