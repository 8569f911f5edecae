"""The guest timeline: incidents, notes, compensation promises, acts and flags in one stream.

Rows come from ``TimelineService.timeline`` (already redacted for the actor), loaded
off the GUI thread; a table model renders them.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
from PySide6.QtWidgets import QHeaderView, QTableView, QVBoxLayout, QWidget

from app.actor import Actor
from app.domain import Category
from app.services.timeline import TimelineEntry, TimelineKind
from ui.async_ops import AsyncOps
from ui.board.model import category_label
from ui.locale_format import format_date, format_date_time, format_money
from ui.row_model import Index, RowTableModel


def kind_label(kind: TimelineKind) -> str:
    labels = {
        TimelineKind.FLAG: QCoreApplication.translate("timeline", "Flag"),
        TimelineKind.INCIDENT: QCoreApplication.translate("timeline", "Incident"),
        TimelineKind.NOTE: QCoreApplication.translate("timeline", "Note"),
        TimelineKind.COMPENSATION: QCoreApplication.translate("timeline", "Compensation"),
        TimelineKind.ACT: QCoreApplication.translate("timeline", "Act signed"),
    }
    return labels[kind]


def entry_text(entry: TimelineEntry) -> str:
    if entry.kind is TimelineKind.FLAG:
        if entry.detail == "quiet_visit":
            return QCoreApplication.translate("timeline", "Quiet visit")
        if entry.detail == "self_excluded":
            return QCoreApplication.translate("timeline", "Self-excluded: no play incentives")
        until = format_date(entry.until) if entry.until else ""
        return QCoreApplication.translate("timeline", "Cooling-off until {date}").format(date=until)
    if entry.kind is TimelineKind.INCIDENT:
        try:
            return category_label(Category(entry.detail))
        except ValueError:
            return entry.detail
    if entry.kind is TimelineKind.COMPENSATION and entry.amount is not None:
        return f"{entry.detail} ({format_money(entry.amount, entry.currency)})"
    if entry.kind is TimelineKind.ACT:
        return QCoreApplication.translate("timeline", "Act {number}").format(number=entry.detail)
    return entry.detail


class TimelineModel(RowTableModel[TimelineEntry]):
    CONTEXT = "timeline"
    COLUMNS = (
        QT_TRANSLATE_NOOP("timeline", "When"),
        QT_TRANSLATE_NOOP("timeline", "What"),
        QT_TRANSLATE_NOOP("timeline", "Ticket"),
        QT_TRANSLATE_NOOP("timeline", "Detail"),
    )

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or role != Qt.ItemDataRole.DisplayRole:
            return None
        e = self._rows[index.row()]
        column = index.column()
        if column == 0:
            if e.at is None:
                return QCoreApplication.translate("timeline", "now")
            return format_date_time(e.at)
        if column == 1:
            return kind_label(e.kind)
        if column == 2:
            return e.reference
        return entry_text(e)


class GuestTimelineView(QWidget):
    def __init__(self, timeline: Any, ops: AsyncOps, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("guestTimeline")
        self._timeline, self._ops = timeline, ops
        self._guest_id: str | None = None
        self.model = TimelineModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(True)
        self.table.setTextElideMode(Qt.TextElideMode.ElideNone)
        # Long notes wrap: row heights follow the Detail column's width (a guest's
        # timeline is short, so sizing rows to their contents stays cheap).
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table)

    def load(self, actor: Actor, guest_id: str) -> None:
        self._guest_id = guest_id
        self._ops.run(
            self._timeline.timeline,
            actor,
            guest_id,
            on_success=lambda entries: self._show(guest_id, entries),
        )

    def _show(self, guest_id: str, entries: Sequence[TimelineEntry]) -> None:
        if guest_id == self._guest_id:
            self.model.set_rows(entries)
            self.table.resizeColumnsToContents()
            self.table.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
