"""The incident board's table model.

Rows hold absolute deadlines; the countdown is ``deadline - now``, computed when the view
asks. ``tick(now)`` stores ``now`` and emits ``dataChanged`` for the two countdown
columns only, with display roles only, so a ``QSortFilterProxyModel`` sorting on
``SORT_ROLE`` (the core's urgency rank, ``app.sla.urgency``) does not re-sort on a tick.
The rank changes only at known instants: a row turning amber gets one ``dataChanged``
for its looks; a row whose deadline passes moves from the winnable to the breached, and
the model says so once with ``order_changed`` (the proxy re-sorts, keeping selection).
Breached and amber rows are marked in their clock cell (marker, words, colour), never
painted as a whole solid row.
"""

from __future__ import annotations

import heapq
import math
from collections.abc import Iterable
from datetime import UTC, datetime
from enum import IntEnum
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QFont

from app.domain import IncidentStatus, Priority
from app.sla import Urgency, breached_for, urgency, urgency_rank
from ui import theme
from ui.board.labels import category_label, status_label
from ui.board.rows import BoardRow
from ui.incident.labels import (
    breached_parts,
    breached_text,
    clock_parts,
    countdown,
    level_text,
    soon_parts,
    ticket_text,
)
from ui.locale_format import format_datetime

SORT_ROLE = Qt.ItemDataRole.UserRole + 1
ID_ROLE = Qt.ItemDataRole.UserRole + 2
LINES_ROLE = Qt.ItemDataRole.UserRole + 3  # the time to breach as (first line, second line)
TICK_ROLES = [Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole]
# A breach changes how a row looks, not where it sorts: these roles, never SORT_ROLE.
BREACH_ROLES = [
    *TICK_ROLES,
    Qt.ItemDataRole.BackgroundRole,
    Qt.ItemDataRole.ForegroundRole,
    Qt.ItemDataRole.FontRole,
]
P1_MARKER = "\u203c"  # ‼

_Index = QModelIndex | QPersistentModelIndex


class Col(IntEnum):
    TICKET = 0
    PRIORITY = 1
    CATEGORY = 2
    GUEST = 3
    LOCATION = 4
    STATUS = 5
    LEVEL = 6
    TIME_TO_BREACH = 7
    NEXT_UPDATE = 8


COUNTDOWN_COLUMNS = (Col.TIME_TO_BREACH, Col.NEXT_UPDATE)


class BoardModel(QAbstractTableModel):
    """Open incidents with live SLA countdowns."""

    breach_started = Signal(str)  # incident id: its deadline just passed
    sla_refresh_due = Signal(list)  # incident ids whose SLA answer changed with time
    order_changed = Signal()  # a row moved from winnable to breached: the rank changed

    def __init__(self, now: datetime | None = None, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[BoardRow] = []
        self._static: list[tuple[str, ...]] = []
        self._breach: list[float] = []  # absolute deadline, +inf when none
        self._update: list[float] = []
        self._row_of: dict[str, int] = {}
        self._place: list[int] = []  # each row's place in the urgency order
        self._events: list[tuple[float, str]] = []  # (when, incident id): breach or change
        self._now = (now or datetime.now(UTC)).timestamp()
        self._bold = QFont()
        self._bold.setBold(True)
        self._headers = [
            self.tr("Ticket"),
            self.tr("Priority"),
            self.tr("Category"),
            self.tr("Guest"),
            self.tr("Table / location"),
            self.tr("Status"),
            self.tr("Level"),
            self.tr("Time to breach"),
            self.tr("Next update"),
        ]

    # -- feeding -----------------------------------------------------------------------

    def set_rows(self, rows: Iterable[BoardRow], now: datetime | None = None) -> None:
        self.beginResetModel()
        if now is not None:
            self._now = now.timestamp()
        self._rows = []
        self._static = []
        self._breach = []
        self._update = []
        self._row_of = {}
        # Stored in board order: the proxy's mapping is then (nearly) the identity and a
        # tick's dataChanged stays one contiguous range through it, not 1,000 signals.
        for row in sorted(rows, key=self._order_key):
            self._append(row)
        self._rebuild_events()
        self._rank_rows()
        self.endResetModel()

    def upsert(self, row: BoardRow) -> None:
        """Insert a new incident or replace an existing one's row."""
        at = self._row_of.get(row.incident_id)
        if at is None:
            n = len(self._rows)
            self.beginInsertRows(QModelIndex(), n, n)
            self._append(row)
            self._rank_rows()
            self.endInsertRows()
        else:
            self._store(at, row)
            self._rank_rows()
            self.dataChanged.emit(self.index(at, 0), self.index(at, len(Col) - 1))
        self._push_events(row)

    def remove(self, incident_id: str) -> None:
        at = self._row_of.get(incident_id)
        if at is None:
            return
        self.beginRemoveRows(QModelIndex(), at, at)
        for seq in (self._rows, self._static, self._breach, self._update):
            del seq[at]
        self._row_of = {r.incident_id: i for i, r in enumerate(self._rows)}
        self._rank_rows()
        self.endRemoveRows()

    def row_at(self, row: int) -> BoardRow:
        return self._rows[row]

    def row_for(self, incident_id: str) -> int | None:
        return self._row_of.get(incident_id)

    @property
    def now(self) -> datetime:
        return datetime.fromtimestamp(self._now, UTC)

    # -- the tick ----------------------------------------------------------------------

    def tick(self, now: datetime, *, emit_countdowns: bool = True) -> None:
        """Advance the clock: O(1) signals plus the rows whose deadline just passed.

        ``emit_countdowns=False`` is for the board's own view, which repaints only the
        visible countdown cells itself: Qt repaints a whole viewport for a ranged
        ``dataChanged``, which costs ~9 ms a second on a tablet.
        """
        self._now = now.timestamp()
        n = len(self._rows)
        if n == 0:
            return
        events = self._events
        if events and events[0][0] <= self._now:
            self._fire_due_events()
        if not emit_countdowns:
            return
        for column in COUNTDOWN_COLUMNS:
            self.dataChanged.emit(self.index(0, column), self.index(n - 1, column), TICK_ROLES)

    def _fire_due_events(self) -> None:
        due: list[str] = []
        newly_breached: list[str] = []
        regrouped = False
        while self._events and self._events[0][0] <= self._now:
            when, incident_id = heapq.heappop(self._events)
            at = self._row_of.get(incident_id)
            if at is None:
                continue
            row = self._rows[at]
            amber = row.breach_ts is not None and row.breach_ts - self._warn(row) == when
            if amber or row.breach_ts == when:  # its looks change: amber, then breached
                last = self.index(at, len(Col) - 1)
                self.dataChanged.emit(self.index(at, 0), last, BREACH_ROLES)
            if row.breach_ts == when and row.paused_remaining is None:
                regrouped = True  # from the winnable to the breached
                if not row.sla_missed:
                    newly_breached.append(incident_id)
            if row.next_change_at is not None and row.next_change_at.timestamp() == when:
                due.append(incident_id)
        for incident_id in dict.fromkeys(newly_breached):
            self.breach_started.emit(incident_id)
        if regrouped:
            self._rank_rows()
            self.order_changed.emit()
        if due:
            self.sla_refresh_due.emit(due)

    # -- Qt model API ------------------------------------------------------------------

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(Col)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self._headers[section]
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        r, c = index.row(), index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            if c == Col.TIME_TO_BREACH:
                return self._breach_text(r)
            if c == Col.NEXT_UPDATE:
                return self._update_text(r)
            return self._static[r][c]
        if role == LINES_ROLE and c == Col.TIME_TO_BREACH:
            return self._breach_parts(r)
        if role == SORT_ROLE:
            return self._sort_key(r, c)
        if role == ID_ROLE:
            return self._rows[r].incident_id
        if role == Qt.ItemDataRole.BackgroundRole:
            if c == Col.TIME_TO_BREACH:  # the clock cell only: a row stays readable
                return theme.URGENCY_BACKGROUNDS.get(self.urgency(r))
            return None
        if role == Qt.ItemDataRole.ForegroundRole:
            if c == Col.TIME_TO_BREACH and self.urgency(r) in theme.URGENCY_FOREGROUNDS:
                return theme.URGENCY_FOREGROUNDS[self.urgency(r)]
            if self._rows[r].status is IncidentStatus.WAITING:
                return theme.WAITING_FOREGROUND
            return None
        if role == Qt.ItemDataRole.FontRole:
            row = self._rows[r]
            if row.priority is Priority.P1 or (
                c == Col.TIME_TO_BREACH and self.urgency(r) in (Urgency.BREACHED, Urgency.SOON)
            ):
                return self._bold
            return None
        if role == Qt.ItemDataRole.ToolTipRole and c == Col.NEXT_UPDATE:
            row = self._rows[r]
            if row.next_update_at is not None:
                return format_datetime(row.next_update_at)
        return None

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    # -- helpers -----------------------------------------------------------------------

    def is_breached(self, r: int) -> bool:
        row = self._rows[r]
        if row.sla_missed:
            return True
        if row.paused_remaining is not None:
            return row.paused_remaining.total_seconds() <= 0
        return self._breach[r] <= self._now

    def urgency(self, r: int) -> Urgency:
        """Breached, amber ("breach within N minutes"), on track, paused or no clock."""
        row = self._rows[r]
        return urgency(row.facts, self.now, row.warn_before)

    def seconds_to_breach(self, r: int) -> float | None:
        row = self._rows[r]
        if row.paused_remaining is not None:
            return row.paused_remaining.total_seconds()
        deadline = self._breach[r]
        return None if math.isinf(deadline) else deadline - self._now

    def _breach_text(self, r: int) -> str:
        row = self._rows[r]
        late = breached_for(row.facts, self.now)
        if late is not None and self.urgency(r) is Urgency.BREACHED:
            return breached_text(late, row.escalation_level)  # reads on one line as said
        return " ".join(part for part in self._breach_parts(r) if part)

    def _breach_parts(self, r: int) -> tuple[str, str]:
        row = self._rows[r]
        state = self.urgency(r)
        late = breached_for(row.facts, self.now)
        if state is Urgency.BREACHED and late is not None:
            return breached_parts(late, row.escalation_level)
        if state is Urgency.SOON:
            return soon_parts(self.seconds_to_breach(r) or 0.0, row.warn_before)
        return clock_parts(
            self.seconds_to_breach(r),
            paused=row.paused_remaining is not None,
            missed=row.sla_missed,
        )

    def _update_text(self, r: int) -> str:
        due = self._update[r]
        if math.isinf(due):
            return "—"
        left = due - self._now
        if left <= 0:
            return self.tr("OVERDUE {t}").format(t=countdown(-left))
        return self.tr("in {t}").format(t=countdown(left))

    def _sort_key(self, r: int, c: int) -> Any:
        row = self._rows[r]
        if c == Col.TIME_TO_BREACH:  # what needs a person next (the core's rank)
            return self._place[r]
        if c == Col.NEXT_UPDATE:
            return self._update[r]
        if c == Col.PRIORITY:
            return row.priority.value
        if c == Col.LEVEL:
            return row.escalation_level
        return self._static[r][c]

    def _order_key(self, row: BoardRow) -> tuple[int, float, float, int, str]:
        return urgency_rank(row.facts, self.now)

    def _rank_rows(self) -> None:
        """Each row's place in the core's urgency order, as an int the proxy compares in
        C++ (a tuple it cannot); redone only when rows change or a deadline passes."""
        order = sorted(range(len(self._rows)), key=lambda r: self._order_key(self._rows[r]))
        self._place = [0] * len(order)
        for place, r in enumerate(order):
            self._place[r] = place

    @staticmethod
    def _warn(row: BoardRow) -> float:
        return row.warn_before.total_seconds()

    def _append(self, row: BoardRow) -> None:
        self._row_of[row.incident_id] = len(self._rows)
        self._rows.append(row)
        self._static.append(())
        self._breach.append(math.inf)
        self._update.append(math.inf)
        self._store(len(self._rows) - 1, row)

    def _store(self, at: int, row: BoardRow) -> None:
        self._rows[at] = row
        self._static[at] = self._static_texts(row)
        self._breach[at] = row.breach_ts if row.breach_ts is not None else math.inf
        self._update[at] = row.next_update_at.timestamp() if row.next_update_at else math.inf

    def _static_texts(self, row: BoardRow) -> tuple[str, ...]:
        ticket = ticket_text(None if row.provisional else row.ticket, row.ticket)
        priority = row.priority.value
        if row.priority is Priority.P1:
            priority = f"{P1_MARKER} {priority}"
        return (
            ticket,
            priority,
            category_label(row.category),
            row.guest_name,
            row.location,
            status_label(row.status),
            level_text(row.escalation_level),
            "",
            "",
        )

    def _rebuild_events(self) -> None:
        self._events = []
        for row in self._rows:
            self._push_events(row)

    def _push_events(self, row: BoardRow) -> None:
        amber_ts = None if row.breach_ts is None else row.breach_ts - self._warn(row)
        amber_ts = None if amber_ts == row.breach_ts else amber_ts
        for when in (amber_ts, row.breach_ts, row.next_change_at):
            if when is None:
                continue
            ts = when if isinstance(when, float) else when.timestamp()
            if ts > self._now:
                heapq.heappush(self._events, (ts, row.incident_id))
