"""The board widget: a table view over ``BoardModel`` through a sorting proxy, one timer."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import (
    QAbstractItemModel,
    QModelIndex,
    QRect,
    QSortFilterProxyModel,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QScroller,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.clock import Clock, SystemClock
from ui.board.model import COUNTDOWN_COLUMNS, ID_ROLE, SORT_ROLE, BoardModel, Col

TICK_MS = 1000
COLUMN_WIDTHS = {
    Col.TICKET: 285,
    Col.PRIORITY: 100,
    Col.TIME_TO_BREACH: 290,
    Col.NEXT_UPDATE: 190,
    Col.STATUS: 150,
    Col.LEVEL: 80,
    Col.GUEST: 260,
    Col.LOCATION: 210,
    Col.CATEGORY: 230,
}
VISUAL_ORDER = (
    Col.TICKET,
    Col.PRIORITY,
    Col.TIME_TO_BREACH,
    Col.LEVEL,
    Col.STATUS,
    Col.GUEST,
    Col.LOCATION,
    Col.CATEGORY,
    Col.NEXT_UPDATE,
)


class BoardProxy(QSortFilterProxyModel):
    """Sorts on the model's ``SORT_ROLE`` (absolute deadlines).

    Not a dynamic sort: Qt would re-check the order of every row a tick touches (1,000
    Python ``data`` calls a second). Order changes only when rows change, so the proxy
    re-sorts then: on reset, insert, and a full-row ``dataChanged`` (no roles given).
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setSortRole(SORT_ROLE)
        self.setFilterRole(SORT_ROLE)
        self.setDynamicSortFilter(False)

    def setSourceModel(self, model: QAbstractItemModel) -> None:  # noqa: N802
        super().setSourceModel(model)
        model.modelReset.connect(self.invalidate)
        model.rowsInserted.connect(self.invalidate)
        model.dataChanged.connect(self._source_changed)

    def _source_changed(self, _top: QModelIndex, _bottom: QModelIndex, roles: list[int]) -> None:
        if not roles:
            self.invalidate()


class BoardView(QWidget):
    """Emits ``incident_activated(incident_id)`` when staff tap a row."""

    incident_activated = Signal(str)

    def __init__(
        self,
        model: BoardModel | None = None,
        clock: Clock | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("board")
        self.clock = clock or SystemClock()
        self.model = model or BoardModel(self.clock.now(), self)
        self.proxy = BoardProxy(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.sort(Col.TIME_TO_BREACH, Qt.SortOrder.AscendingOrder)

        self.summary = QLabel()
        self.summary.setObjectName("boardSummary")
        self.summary.setProperty("variant", "subtle")

        self.table = QTableView()
        self.table.setObjectName("boardTable")
        self.table.setModel(self.proxy)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.setSortingEnabled(False)  # the order is the SLA's: time to breach
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(52)  # touch-size rows
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        header = self.table.horizontalHeader()
        header.setHighlightSections(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        for col, width in COLUMN_WIDTHS.items():
            header.resizeSection(col, width)
        for visual, col in enumerate(VISUAL_ORDER):  # what staff scan first, leftmost
            header.moveSection(header.visualIndex(col), visual)
        QScroller.grabGesture(self.table.viewport(), QScroller.ScrollerGestureType.TouchGesture)
        self.table.clicked.connect(self._activated)
        self.table.activated.connect(self._activated)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.summary)
        layout.addWidget(self.table)

        self.timer = QTimer(self)
        self.timer.setInterval(TICK_MS)
        self.timer.setTimerType(Qt.TimerType.CoarseTimer)
        self.timer.timeout.connect(self.tick)
        for sig in (self.model.modelReset, self.model.rowsInserted, self.model.rowsRemoved):
            sig.connect(self._update_summary)
        self.model.breach_started.connect(self._update_summary)
        self._update_summary()

    def start(self) -> None:
        self.tick()
        self.timer.start()

    def stop(self) -> None:
        self.timer.stop()

    def tick(self) -> None:
        self.tick_at(self.clock.now())

    def tick_at(self, now: datetime) -> None:
        """Advance the countdowns and repaint just their visible cells."""
        self.model.tick(now, emit_countdowns=False)
        table, viewport = self.table, self.table.viewport()
        first = table.rowAt(0)
        if first < 0:
            return
        last = table.rowAt(viewport.height() - 1)
        if last < 0:
            last = self.proxy.rowCount() - 1
        top = table.rowViewportPosition(first)
        bottom = table.rowViewportPosition(last) + table.rowHeight(last)
        for column in COUNTDOWN_COLUMNS:
            x = table.columnViewportPosition(column)
            viewport.update(QRect(x, top, table.columnWidth(column), bottom - top))

    def _activated(self, index: QModelIndex) -> None:
        incident_id = index.data(ID_ROLE)
        if incident_id:
            self.incident_activated.emit(incident_id)

    def _update_summary(self, *_: object) -> None:
        n = self.model.rowCount()
        breached = sum(1 for r in range(n) if self.model.is_breached(r))
        self.summary.setText(
            self.tr("Open incidents: {n}   ·   breached: {b}").format(n=n, b=breached)
        )
