"""What an alert says, in the screen's language (one sentence per kind)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from app.alerts import Alert, AlertKind
from ui.board.labels import category_label
from ui.incident.labels import level_text, ticket_text
from ui.locale_format import format_datetime


def alert_text(alert: Alert) -> str:
    translate = QCoreApplication.translate  # lupdate reads ``translate("Alerts", …)``
    templates = {
        AlertKind.NEW_P1: translate("Alerts", "New P1: {ticket} · {category}"),
        AlertKind.BREACH_SOON: translate(
            "Alerts", "{ticket} ({priority}) breaches within a minute"
        ),
        AlertKind.ESCALATED: translate("Alerts", "{ticket} ({priority}) escalated to {level}"),
        AlertKind.GUEST_IN_INCIDENT: translate(
            "Alerts", "Your guest {guest} is in an incident: {ticket} ({priority})"
        ),
        AlertKind.ROUTED_TO_YOU: translate(
            "Alerts", "Routed to you: {ticket} ({priority}) · {category}"
        ),
        AlertKind.UPDATE_DUE: translate("Alerts", "Update due to the guest: {ticket} ({priority})"),
    }
    return templates[alert.kind].format(
        ticket=ticket_text(alert.ticket, alert.ticket),
        priority=alert.priority.value,
        category=category_label(alert.category),
        level=level_text(alert.level),
        guest=alert.guest_name,
    )


def inbox_line(alert: Alert) -> str:
    """An inbox row: when, then what; unread ones marked."""
    mark = "\u25cf " if alert.unread else ""  # ● unread
    return f"{mark}{format_datetime(alert.at)} · {alert_text(alert)}"
