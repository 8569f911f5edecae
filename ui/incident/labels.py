"""How every screen names an incident's ticket, its level and its clocks.

One function per idea (STYLE: "one formatter per idea"): the board, the floor map, the
incident view and the report reminder all call these, so a ticket reads the same
everywhere — the helpdesk's number once it has arrived, the console's provisional one
marked "prov." until then — and so does a countdown (``app.display``), paused or
breached.
"""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtCore import QCoreApplication

from app.display import BREACH_MARKER, PAUSE_MARKER, countdown_text, level_label
from app.domain import Incident

__all__ = [
    "BREACH_MARKER",
    "PAUSE_MARKER",
    "clock_parts",
    "clock_text",
    "incident_ticket",
    "level_text",
    "ticket_text",
]


def ticket_text(number: str | None, provisional_number: str) -> str:
    """The helpdesk's ticket number, else the provisional one, marked as such."""
    if number:
        return number
    return QCoreApplication.translate("IncidentLabels", "{number} (prov.)").format(
        number=provisional_number
    )


def incident_ticket(incident: Incident) -> str:
    """``ticket_text`` of an incident as the core handed it over."""
    return ticket_text(incident.number, incident.provisional_number)


def level_text(level: int | str) -> str:
    """The escalation level as the SPEC's table writes it: L1 … L4, in every language."""
    return level_label(level)


def clock_text(
    left: float | timedelta | None, *, paused: bool = False, missed: bool = False
) -> str:
    """Time left on a clock: ``"09:59"``, ``"⏸ 09:59 paused"``, ``"⚠ −00:15 BREACHED"``.

    ``missed``: a deadline was already missed (the clock may have stopped since).
    """
    return " ".join(part for part in clock_parts(left, paused=paused, missed=missed) if part)


def clock_parts(
    left: float | timedelta | None, *, paused: bool = False, missed: bool = False
) -> tuple[str, str]:
    """``clock_text`` in its two parts, the marker and the time, then the word (or ""):
    a narrow column shows them on two lines."""
    if left is None:
        return "—", ""
    seconds = left.total_seconds() if isinstance(left, timedelta) else left
    text = countdown_text(seconds)
    if seconds <= 0:
        return f"{BREACH_MARKER} {text}", QCoreApplication.translate("IncidentLabels", "BREACHED")
    if missed:
        return f"{BREACH_MARKER} {text}", QCoreApplication.translate("IncidentLabels", "SLA missed")
    if paused:
        return f"{PAUSE_MARKER} {text}", QCoreApplication.translate("IncidentLabels", "paused")
    return text, ""


def act_number_text(act_number: str, number: str | None, provisional_number: str) -> str:
    """An act's number on the ticket number staff see (``VIP-20016-A1``): the act is
    numbered on the provisional one when signed before the helpdesk's arrived."""
    if number and act_number.startswith(provisional_number):
        return number + act_number[len(provisional_number) :]
    return act_number if number else ticket_text(None, act_number)
