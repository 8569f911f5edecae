"""The guest timeline: incidents, notes, compensation promises, acts and flags in one stream.

Rows come from ``TimelineService.timeline`` (already redacted for the actor), loaded
off the GUI thread; a table model renders them. The table never scrolls sideways: the
time sits under the date, the first three columns take what their texts need (a
provisional ticket's mark wraps under it when the page is narrow) and the detail
wraps in the rest.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QEvent, QObject, Qt
from PySide6.QtWidgets import QHeaderView, QTableView, QVBoxLayout, QWidget

from app.actor import Actor
from app.domain import Category
from app.services.timeline import TimelineEntry, TimelineKind
from ui.acts.act_actions import act_buttons
from ui.async_ops import AsyncOps
from ui.board.labels import category_label
from ui.incident.labels import note_text, ticket_text
from ui.locale_format import format_date, format_date_time, format_money
from ui.row_model import Index, RowTableModel

TICKET, DETAIL = 2, 3  # columns
DETAIL_MIN = 160  # px: a note still reads a few words a line
WORD_PADDING = 16  # a cell's margins around its text


def kind_label(kind: TimelineKind) -> str:
    labels = {
        TimelineKind.FLAG: QCoreApplication.translate("timeline", "Flag"),
        TimelineKind.INCIDENT: QCoreApplication.translate("timeline", "Incident"),
        TimelineKind.NOTE: QCoreApplication.translate("timeline", "Note"),
        TimelineKind.COMPENSATION: QCoreApplication.translate("timeline", "Compensation"),
        TimelineKind.DELIVERY: QCoreApplication.translate("timeline", "Compensation delivered"),
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
    if entry.kind is TimelineKind.NOTE:
        return note_text(entry.detail)
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
            return format_date_time(e.at, separator="\n")
        if column == 1:
            return kind_label(e.kind)
        if column == 2:
            return ticket_text(None if e.provisional else e.reference, e.reference)
        return entry_text(e)


class GuestTimelineView(QWidget):
    """``acts`` (the act service, built at first use): View act and Print guest copy for
    the act row chosen (``ui.acts.act_actions``); without it there are no such buttons."""

    def __init__(
        self,
        timeline: Any,
        ops: AsyncOps,
        parent: QWidget | None = None,
        acts: Callable[[], Any] | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("guestTimeline")
        self._timeline, self._ops, self._acts = timeline, ops, acts
        self._guest_id: str | None = None
        self.copies: Any = None
        self.model = TimelineModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setTabKeyNavigation(False)  # Tab leaves the table (arrows move in it)
        self.table.setAccessibleName(self.tr("Timeline"))
        self.table.verticalHeader().hide()
        self.table.setWordWrap(True)
        self.table.setTextElideMode(Qt.TextElideMode.ElideNone)
        # Long notes wrap: row heights follow the Detail column's width (a guest's
        # timeline is short, so sizing rows to their contents stays cheap).
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        header.setSectionResizeMode(DETAIL, QHeaderView.ResizeMode.Stretch)
        self.table.viewport().installEventFilter(self)  # its width: the scroll bar comes and goes
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table)
        self.act_buttons = act_buttons(self, layout)

    def chosen_act(self) -> str:
        """The act id of the row chosen, or "" when it is not an act."""
        rows = self.table.selectionModel().selectedRows()
        return self.model.row_at(rows[0].row()).act_id if rows else ""

    def load(self, actor: Actor, guest_id: str) -> None:
        if self._acts is not None:
            from ui.acts.act_actions import ActActions

            self.copies = ActActions(self._ops, self._acts, actor, self, self.act_buttons.message)
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
            self.fit_columns()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        if watched is self.table.viewport() and event.type() == QEvent.Type.Resize:
            self.fit_columns()
        return False

    def fit_columns(self) -> None:
        """When, What and Ticket as wide as their texts, the detail the rest (at least
        ``DETAIL_MIN``): the ticket column gives first, down to its longest word."""
        available = self.table.viewport().width()
        if available <= 0:
            return
        header = self.table.horizontalHeader()
        widths = [
            max(self.table.sizeHintForColumn(c), header.sectionSizeHint(c)) for c in range(DETAIL)
        ]
        over = sum(widths) + DETAIL_MIN - available
        if over > 0:
            widths[TICKET] = max(widths[TICKET] - over, self._longest_word(TICKET))
        for column, width in enumerate(widths):
            self.table.setColumnWidth(column, width)

    def _longest_word(self, column: int) -> int:
        metrics = self.table.fontMetrics()
        words = [
            word
            for row in range(self.model.rowCount())
            for word in str(self.model.index(row, column).data() or "").split()
        ]
        longest = max((metrics.horizontalAdvance(w) for w in words), default=0)
        return longest + WORD_PADDING
