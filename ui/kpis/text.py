"""How a KPI reads, for the strip, the dashboard and its charts: one formatter per idea.

A KPI beside its target says met or missed with a marker and words (never colour
alone): ``✓ met``, ``✗ missed``, ``– no data yet`` (a KPI with nothing to count has no
value, never 0 %).
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from app.kpis import KpiReport, Ratio, Target
from app.services.kpis import KpiSource, LiveKpis, LiveStrip
from ui.incident.labels import countdown
from ui.locale_format import format_datetime, message_locale

MET, MISSED, NO_DATA = "\u2713", "\u2717", "\u2013"  # ✓ ✗ –


def kpi_name(key: str) -> str:
    names = {
        "sla": QCoreApplication.translate("kpis", "SLA attainment"),
        "reach": QCoreApplication.translate("kpis", "Table reached in time"),
        "decide": QCoreApplication.translate("kpis", "Decision in time"),
        "response": QCoreApplication.translate("kpis", "First response in time"),
        "fcr": QCoreApplication.translate("kpis", "First-contact resolution"),
        "reopen": QCoreApplication.translate("kpis", "Reopened within 7 days"),
        "csat": QCoreApplication.translate("kpis", "Guest satisfaction (CSAT)"),
        "recovery": QCoreApplication.translate("kpis", "Recovery promises kept"),
    }
    return names.get(key, key)


def time_name(key: str) -> str:
    names = {
        "ack": QCoreApplication.translate("kpis", "Time to acknowledge"),
        "reach": QCoreApplication.translate("kpis", "Time to reach the table"),
        "decide": QCoreApplication.translate("kpis", "Time to decide"),
        "response": QCoreApplication.translate("kpis", "First-response time"),
    }
    return names.get(key, key)


def backlog_name(key: str) -> str:
    names = {
        "under_1h": QCoreApplication.translate("kpis", "< 1 h"),
        "1h_4h": QCoreApplication.translate("kpis", "1–4 h"),
        "4h_24h": QCoreApplication.translate("kpis", "4–24 h"),
        "over_24h": QCoreApplication.translate("kpis", "> 24 h"),
    }
    return names.get(key, key)


def percent(share: float | None) -> str:
    """``82%`` (``82 %`` in French, with a no-break space); ``–`` without a value."""
    if share is None:
        return NO_DATA
    number = message_locale().toString(round(share * 100))
    return QCoreApplication.translate("kpis", "{value}%").format(value=number)


def ratio_text(ratio: Ratio) -> str:
    """``82% (41/50)``: the share and what it counts."""
    if ratio.share is None:
        return NO_DATA
    return f"{percent(ratio.share)} ({ratio.numerator}/{ratio.denominator})"


def target_bound(target: Target) -> str:
    """``≥ 95%``, ``≤ 5%``: one unit, never broken over two lines."""
    return f"{'≥' if target.at_least else '≤'}\u00a0{percent(target.value)}"


def target_text(target: Target) -> str:
    """``target ≥ 95%``."""
    return QCoreApplication.translate("kpis", "target {bound}").format(bound=target_bound(target))


def verdict_text(reached: bool | None) -> str:
    if reached is None:
        return f"{NO_DATA} " + QCoreApplication.translate("kpis", "no data yet")
    return (
        f"{MET} " + QCoreApplication.translate("kpis", "met")
        if reached
        else f"{MISSED} " + QCoreApplication.translate("kpis", "missed")
    )


def verdict_state(reached: bool | None) -> str:
    """The QSS property's value (the colour that goes with the words)."""
    return "none" if reached is None else "met" if reached else "missed"


def mean_time(seconds: float | None) -> str:
    return NO_DATA if seconds is None else countdown(seconds)


def source_text(live: LiveKpis | LiveStrip) -> str:
    """Where the figures come from and when they were counted."""
    when = format_datetime(live.as_of)
    if live.source is KpiSource.HELPDESK:
        return QCoreApplication.translate(
            "kpis", "Whole property, from the helpdesk · as of {time}"
        ).format(time=when)
    return QCoreApplication.translate(
        "kpis", "This console's own records (helpdesk not reached) · as of {time}"
    ).format(time=when)


def period_text(report: KpiReport) -> str:
    hours = round((report.until - report.since).total_seconds() / 3600)
    return QCoreApplication.translate(
        "kpis", "Incidents opened in the last {hours} h; backlog as of now"
    ).format(hours=hours)
