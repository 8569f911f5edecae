"""The "my guests" table: own and covered guests, with their open incidents."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt

from app.services.timeline import MyGuestRow
from ui.guest.lookup import flag_label
from ui.row_model import Index, RowTableModel


class MyGuestsModel(RowTableModel[MyGuestRow]):
    CONTEXT = "MyGuestsModel"
    COLUMNS = (
        QT_TRANSLATE_NOOP("MyGuestsModel", "Guest"),
        QT_TRANSLATE_NOOP("MyGuestsModel", "Tier"),
        QT_TRANSLATE_NOOP("MyGuestsModel", "Flags"),
        QT_TRANSLATE_NOOP("MyGuestsModel", "Open incidents"),
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
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == 3:
            return "\n".join(f"{i.display_number} {i.priority.value}" for i in row.open_incidents)
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        column = index.column()
        if column == 0:
            return g.display_name
        if column == 1:
            return g.tier.value
        if column == 2:
            flags = []
            if g.quiet_visit:
                flags.append(flag_label("quiet_visit"))
            if g.self_excluded:
                flags.append(flag_label("self_excluded"))
            elif g.cooling_off:
                flags.append(flag_label("cooling_off"))
            return ", ".join(flags)
        if not row.open_incidents:
            return "—"
        worst = min(i.priority.value for i in row.open_incidents)  # "P1" sorts first
        return QCoreApplication.translate("MyGuestsModel", "{count} open · {priority}").format(
            count=len(row.open_incidents), priority=worst
        )
