"""The incident's timeline on its screen, newest first, and the line to add a note.

Rows are the incident's own events (the core's ``IncidentDetail``): when, what, who
(the staff member's name) and the detail — a note's text, a status or level change
written the way the board writes it (``In progress → Waiting``, ``L2 → L3``).
``add_note`` goes through the core (``IncidentService.add_note``) like every action.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QPushButton,
    QScroller,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.domain import IncidentEvent
from app.domain.enums import EventKind, Satisfaction
from app.recovery.delivery import read_delivery
from ui.incident.fields import field_change, field_value
from ui.incident.labels import level_text, note_text
from ui.incident.satisfaction import face_text
from ui.locale_format import format_datetime
from ui.row_model import Index, RowTableModel


def event_label(kind: EventKind) -> str:
    labels = {
        EventKind.OPENED: QCoreApplication.translate("IncidentHistory", "Opened"),
        EventKind.STATUS_CHANGED: QCoreApplication.translate("IncidentHistory", "Status"),
        EventKind.PRIORITY_CHANGED: QCoreApplication.translate("IncidentHistory", "Priority"),
        EventKind.ASSIGNED: QCoreApplication.translate("IncidentHistory", "Assigned"),
        EventKind.ESCALATED: QCoreApplication.translate("IncidentHistory", "Escalated"),
        EventKind.REACTED: QCoreApplication.translate("IncidentHistory", "Reached the table"),
        EventKind.DECIDED: QCoreApplication.translate("IncidentHistory", "Decision taken"),
        EventKind.STABILISED: QCoreApplication.translate("IncidentHistory", "Stabilised"),
        EventKind.NOTE: QCoreApplication.translate("IncidentHistory", "Note"),
        EventKind.COMPENSATION_PROMISED: QCoreApplication.translate(
            "IncidentHistory", "Compensation promised"
        ),
        EventKind.COMPENSATION_DELIVERED: QCoreApplication.translate(
            "IncidentHistory", "Compensation delivered"
        ),
        EventKind.CONFLICT_SETTLED: QCoreApplication.translate(
            "IncidentHistory", "Changed on two tablets, settled"
        ),
        EventKind.SATISFACTION_RECORDED: QCoreApplication.translate(
            "IncidentHistory", "Guest satisfaction"
        ),
    }
    return labels.get(kind, kind.value)


def change_text(event: IncidentEvent) -> str:
    before, after = event.from_value, event.to_value
    if not before and not after:
        return ""
    if event.kind is EventKind.ESCALATED:
        return f"{level_text(before or 1)} → {level_text(after)}"
    if event.kind is EventKind.CONFLICT_SETTLED:  # detail: the field both tablets changed
        return field_change(event.detail, before, after)
    if event.kind is EventKind.SATISFACTION_RECORDED and after in set(Satisfaction):
        return face_text(Satisfaction(after))
    field = "status" if event.kind is EventKind.STATUS_CHANGED else ""
    shown = field_value(field, after)
    return f"{field_value(field, before)} → {shown}" if before else shown


class EventsModel(RowTableModel[IncidentEvent]):
    CONTEXT = "IncidentHistory"
    COLUMNS = (
        QT_TRANSLATE_NOOP("IncidentHistory", "When"),
        QT_TRANSLATE_NOOP("IncidentHistory", "What"),
        QT_TRANSLATE_NOOP("IncidentHistory", "Who"),
        QT_TRANSLATE_NOOP("IncidentHistory", "Detail"),
    )

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._names: Mapping[str, str] = {}

    def show(self, events: Sequence[IncidentEvent], names: Mapping[str, str]) -> None:
        self._names = names
        # Newest first; of events at one instant, the one recorded last comes first.
        self.set_rows(sorted(events, key=lambda event: event.at)[::-1])

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or role != Qt.ItemDataRole.DisplayRole:
            return None
        event = self._rows[index.row()]
        column = index.column()
        if column == 0:  # an incident's own day: the time alone, an earlier day in brackets
            return format_datetime(event.at)
        if column == 1:
            return event_label(event.kind)
        if column == 2:
            return self._names.get(event.actor_id, event.actor_id)
        if event.kind is EventKind.COMPENSATION_PROMISED:
            return ""  # a JSON promise: the guest timeline shows it in words
        if event.kind is EventKind.COMPENSATION_DELIVERED:  # what was handed over
            delivery = read_delivery(event.detail)
            return ", ".join(delivery.items) if delivery is not None else ""
        if event.kind is EventKind.CONFLICT_SETTLED:  # given up → kept
            kept = QCoreApplication.translate("IncidentHistory", "{change} (the second kept)")
            return kept.format(change=change_text(event))
        detail = note_text(event.detail) if event.kind is EventKind.NOTE else event.detail
        return " — ".join(part for part in (change_text(event), detail) if part)


class IncidentHistory(QWidget):
    """Emits ``note_wanted(text)`` when staff add a note."""

    note_wanted = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = EventsModel(self)
        self.table = QTableView()
        self.table.setObjectName("incidentEvents")
        self.table.setAccessibleName(QCoreApplication.translate("IncidentHistory", "History"))
        self.table.setModel(self.model)
        self.table.setTabKeyNavigation(False)  # Tab leaves the table (arrows move in it)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(True)
        self.table.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.table.setSelectionMode(QTableView.SelectionMode.NoSelection)
        self.table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        header = self.table.horizontalHeader()
        for column in range(3):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        QScroller.grabGesture(self.table.viewport(), QScroller.ScrollerGestureType.TouchGesture)
        self.note = QLineEdit()
        self.note.setObjectName("incidentNote")
        self.note.setPlaceholderText(
            QCoreApplication.translate("IncidentHistory", "Add a note to the incident")
        )
        self.note.setAccessibleName(self.note.placeholderText())
        self.note.returnPressed.connect(self._add)
        self.add_button = QPushButton(QCoreApplication.translate("IncidentHistory", "Add note"))
        self.add_button.setObjectName("incidentAddNote")
        self.add_button.clicked.connect(self._add)
        entry = QHBoxLayout()
        entry.addWidget(self.note, 1)
        entry.addWidget(self.add_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addLayout(entry)
        layout.addWidget(self.table, 1)

    def show_events(self, events: Sequence[IncidentEvent], names: Mapping[str, str]) -> None:
        self.model.show(events, names)

    def allow_notes(self, allowed: bool) -> None:
        self.note.setVisible(allowed)
        self.add_button.setVisible(allowed)

    def note_added(self) -> None:
        self.note.clear()

    def _add(self) -> None:
        text = self.note.text()
        if text.strip():
            self.note_wanted.emit(text)
