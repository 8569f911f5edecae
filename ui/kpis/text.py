"""How a KPI reads, for the strip, the dashboard and its charts: one formatter per idea.

A KPI beside its target says met or missed with a marker and words (never colour
alone): ``✓ met``, ``✗ missed``, ``– no data yet`` (a KPI with nothing to count has no
value, never 0 %).
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from app.kpis import KpiReport, Ratio, Target
from app.services.kpis import KpiSource, LiveKpis
from ui.incident.labels import countdown
from ui.locale_format import format_datetime, message_locale

MET, MISSED, NO_DATA = "\u2713", "\u2717", "\u2013"  # ✓ ✗ –


def _tr(text: str) -> str:
    return QCoreApplication.translate("kpis", text)


def kpi_name(key: str) -> str:
    names = {
        "sla": _tr("SLA attainment"),
        "reach": _tr("Table reached in time"),
        "decide": _tr("Decision in time"),
        "response": _tr("First response in time"),
        "fcr": _tr("First-contact resolution"),
        "reopen": _tr("Reopened within 7 days"),
        "csat": _tr("Guest satisfaction (CSAT)"),
        "recovery": _tr("Recovery promises kept"),
    }
    return names.get(key, key)


def time_name(key: str) -> str:
    names = {
        "ack": _tr("Time to acknowledge"),
        "reach": _tr("Time to reach the table"),
        "decide": _tr("Time to decide"),
        "response": _tr("First-response time"),
    }
    return names.get(key, key)


def backlog_name(key: str) -> str:
    names = {
        "under_1h": _tr("< 1 h"),
        "1h_4h": _tr("1–4 h"),
        "4h_24h": _tr("4–24 h"),
        "over_24h": _tr("> 24 h"),
    }
    return names.get(key, key)


def percent(share: float | None) -> str:
    """``82%`` (``82 %`` in French); ``–`` without a value."""
    if share is None:
        return NO_DATA
    number = message_locale().toString(round(share * 100))
    return _tr("{value}%").format(value=number)


def ratio_text(ratio: Ratio) -> str:
    """``82% (41/50)``: the share and what it counts."""
    if ratio.share is None:
        return NO_DATA
    return f"{percent(ratio.share)} ({ratio.numerator}/{ratio.denominator})"


def target_bound(target: Target) -> str:
    """``≥ 95%``, ``≤ 5%``."""
    return f"{'≥' if target.at_least else '≤'} {percent(target.value)}"


def target_text(target: Target) -> str:
    """``target ≥ 95%``."""
    return _tr("target {bound}").format(bound=target_bound(target))


def verdict_text(reached: bool | None) -> str:
    if reached is None:
        return f"{NO_DATA} " + _tr("no data yet")
    return f"{MET} " + _tr("met") if reached else f"{MISSED} " + _tr("missed")


def verdict_state(reached: bool | None) -> str:
    """The QSS property's value (the colour that goes with the words)."""
    return "none" if reached is None else "met" if reached else "missed"


def mean_time(seconds: float | None) -> str:
    return NO_DATA if seconds is None else countdown(seconds)


def source_text(live: LiveKpis) -> str:
    """Where the figures come from and when they were counted."""
    when = format_datetime(live.report.as_of)
    if live.source is KpiSource.HELPDESK:
        return _tr("Whole property, from the helpdesk · as of {time}").format(time=when)
    return _tr("This console's own records (helpdesk not reached) · as of {time}").format(time=when)


def period_text(report: KpiReport) -> str:
    hours = round((report.until - report.since).total_seconds() / 3600)
    return _tr("Incidents opened in the last {hours} h; backlog as of now").format(hours=hours)
