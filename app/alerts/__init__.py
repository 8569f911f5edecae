"""Alerts that reach people (issue 14): which events tell whom, kept in an inbox.

``rules`` is pure (incidents, their SLA status and a time window in, alerts out); the
inbox lives in the local store and ``app.services.alerts`` runs the rules for whoever
is signed in, from where they left off.
"""

from app.alerts.model import Alert, AlertKind
from app.alerts.rules import SHIFT_LOOKBACK, Watched, alerts_for

__all__ = ["SHIFT_LOOKBACK", "Alert", "AlertKind", "Watched", "alerts_for"]
