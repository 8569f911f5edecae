"""An incident's fields as staff name them, and their values as the screens show them.

Changes travel with the field names and values of the wire contract
(``app.wire.contract.PATCHABLE_FIELDS``: ``status``, ``in_progress``, ``3``); a change the
helpdesk refused, a field changed on two tablets and how it was settled show them in
the console's language: "Statut : En cours", "Niveau d'escalade : L3".
"""

from __future__ import annotations

import json

from PySide6.QtCore import QCoreApplication

from app.domain import IncidentStatus
from ui.board.labels import status_label
from ui.incident.labels import level_text

NO_VALUE = "—"


def field_label(name: str) -> str:
    """A field of an incident; a name the console does not know stays as it came."""
    labels = {
        "status": QCoreApplication.translate("IncidentFields", "Status"),
        "priority": QCoreApplication.translate("IncidentFields", "Priority"),
        "owner_id": QCoreApplication.translate("IncidentFields", "Owner"),
        "guest_id": QCoreApplication.translate("IncidentFields", "Guest"),
        "manual_escalation_level": QCoreApplication.translate("IncidentFields", "Escalation level"),
        "summary": QCoreApplication.translate("IncidentFields", "Summary"),
        "desired_outcome": QCoreApplication.translate("IncidentFields", "Desired outcome"),
    }
    return labels.get(name, name)


def field_change(name: str, before: object, after: object) -> str:
    """ "Status: New → Resolved": a field's change (a conflict settled, a refused change)."""
    text = QCoreApplication.translate("IncidentFields", "{field}: {before} → {after}")
    return text.format(
        field=field_label(name), before=field_value(name, before), after=field_value(name, after)
    )


def field_value(name: str, value: object) -> str:
    """``value`` of field ``name``: a status in words, a level as L1-L4, an id or a text
    as it is (staff ids, guests' ids and staff's words are not translated)."""
    if value is None or value == "":
        return NO_VALUE
    if name == "status":
        try:
            return status_label(IncidentStatus(str(value)))
        except ValueError:
            pass
    if name == "manual_escalation_level":
        return level_text(str(value))
    return value if isinstance(value, str) else json.dumps(value)
