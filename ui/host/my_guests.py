"""The "my guests" table: own and covered guests, with their open incidents.

Two columns, so that it fits beside the card on a 1024-px tablet: the guest (name and
tier, their flags on a second line) and the open incidents (count and the worst
priority; each one in the tooltip).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt

from app.services.timeline import MyGuestRow
from ui.guest.search_rows import flag_label, flags_of
from ui.incident.labels import incident_ticket
from ui.row_model import Index, RowTableModel


class MyGuestsModel(RowTableModel[MyGuestRow]):
    CONTEXT = "MyGuestsModel"
    COLUMNS = (
        QT_TRANSLATE_NOOP("MyGuestsModel", "Guest"),
        QT_TRANSLATE_NOOP("MyGuestsModel", "Open"),
    )

    def row_of(self, guest_id: str) -> int:
        for index, row in enumerate(self._rows):
            if row.guest.id == guest_id:
                return index
        return -1

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        g = row.guest
        if role == Qt.ItemDataRole.UserRole + 1:
            return g.id
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == 1:
            return "\n".join(f"{incident_ticket(i)} {i.priority.value}" for i in row.open_incidents)
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if index.column() == 0:
            flags = ", ".join(flag_label(f) for f in flags_of(g))
            name = f"{g.display_name} · {g.tier.value}"
            return f"{name}\n{flags}" if flags else name
        if not row.open_incidents:
            return "—"
        worst = min(i.priority.value for i in row.open_incidents)  # "P1" sorts first
        return QCoreApplication.translate("MyGuestsModel", "{count} open · {priority}").format(
            count=len(row.open_incidents), priority=worst
        )
