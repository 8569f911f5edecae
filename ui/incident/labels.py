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
from app.domain import Channel, Incident
from app.messages import read_note
from app.services.incidents import default_summary

__all__ = [
    "BREACH_MARKER",
    "PAUSE_MARKER",
    "SOON_MARKER",
    "age_text",
    "breached_parts",
    "breached_text",
    "clock_parts",
    "soon_parts",
    "channel_label",
    "clock_text",
    "countdown",
    "incident_ticket",
    "own_summary",
    "level_text",
    "note_text",
    "ticket_text",
]


def channel_label(channel: Channel) -> str:
    """A channel as staff say it (the request form, a guest's preferred channels)."""
    labels = {
        Channel.PHONE: QCoreApplication.translate("channels", "Phone"),
        Channel.CHAT: QCoreApplication.translate("channels", "Chat"),
        Channel.MESSENGER: QCoreApplication.translate("channels", "Secure messenger"),
        Channel.EMAIL: QCoreApplication.translate("channels", "Email"),
        Channel.ONSITE: QCoreApplication.translate("channels", "On site (VIP desk)"),
    }
    return labels[channel]


def countdown(left: float | timedelta) -> str:
    """``app.display.countdown_text`` with its day count in the screen's language."""
    days = QCoreApplication.translate("clock", "{days}d {time}", "2d 04:10: days, then h:mm")
    return countdown_text(left, days)


def ticket_text(number: str | None, provisional_number: str) -> str:
    """The helpdesk's ticket number, else the provisional one, marked as such."""
    if number:
        return number
    return QCoreApplication.translate("IncidentLabels", "{number} (prov.)").format(
        number=provisional_number
    )


def note_text(note: str) -> str:
    """A timeline note: one the console wrote ("Act … signed") in the screen's language,
    one staff wrote as they wrote it."""
    from ui.error_text import error_text

    message = read_note(note)
    return note if message is None else error_text(message)


def own_summary(incident: Incident) -> str:
    """What staff wrote about the incident; "" when they wrote nothing (the core's stand-in
    is the category in English: a screen names the category in its own language)."""
    summary = incident.summary.strip()
    return "" if summary == default_summary(incident.category) else summary


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
    text = countdown(seconds)
    if seconds <= 0:
        return f"{BREACH_MARKER} {text}", QCoreApplication.translate("IncidentLabels", "BREACHED")
    if missed:
        return f"{BREACH_MARKER} {text}", QCoreApplication.translate("IncidentLabels", "SLA missed")
    if paused:
        return f"{PAUSE_MARKER} {text}", QCoreApplication.translate("IncidentLabels", "paused")
    return text, ""


SOON_MARKER = "\u25b2"  # ▲ before a clock in its amber "breach within N minutes" window


def age_text(seconds: float | timedelta) -> str:
    """How long ago, in whole minutes: ``"12 min"``, ``"3 h 05 min"``, ``"2 d 4 h"``."""
    total = seconds.total_seconds() if isinstance(seconds, timedelta) else seconds
    minutes = max(int(total // 60), 0)
    hours, minutes = divmod(minutes, 60)
    days, hours = divmod(hours, 24)
    if days:
        return QCoreApplication.translate("clock", "{days} d {hours} h").format(
            days=days, hours=hours
        )
    if hours:
        return QCoreApplication.translate("clock", "{hours} h {minutes} min").format(
            hours=hours, minutes=f"{minutes:02d}"
        )
    return QCoreApplication.translate("clock", "{minutes} min").format(minutes=minutes)


def breached_text(late: float | timedelta, level: int) -> str:
    """A breached clock on one line: ``"⚠ Breached 12 min ago · L3"``."""
    text = QCoreApplication.translate("IncidentLabels", "Breached {age} ago · {level}")
    return f"{BREACH_MARKER} {text.format(age=age_text(late), level=level_text(level))}"


def breached_parts(late: float | timedelta, level: int) -> tuple[str, str]:
    """The same on two short lines, for a narrow column: ``"⚠ Breached · L3"``,
    ``"12 min ago"``."""
    word = QCoreApplication.translate("IncidentLabels", "Breached · {level}")
    ago = QCoreApplication.translate("IncidentLabels", "{age} ago")
    first = f"{BREACH_MARKER} {word.format(level=level_text(level))}"
    return first, ago.format(age=age_text(late))


def soon_parts(left: float | timedelta, window: timedelta) -> tuple[str, str]:
    """A clock in its amber window: ``"▲ 01:21"``, ``"breach within 15 min"``."""
    within = QCoreApplication.translate("IncidentLabels", "breach within {minutes} min")
    minutes = int(window.total_seconds() // 60)
    return f"{SOON_MARKER} {countdown(left)}", within.format(minutes=minutes)


def act_number_text(act_number: str, number: str | None, provisional_number: str) -> str:
    """An act's number on the ticket number staff see (``VIP-20016-A1``): the act is
    numbered on the provisional one when signed before the helpdesk's arrived."""
    if number and act_number.startswith(provisional_number):
        return number + act_number[len(provisional_number) :]
    return act_number if number else ticket_text(None, act_number)
