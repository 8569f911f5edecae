"""The board widget: a table view over ``BoardModel`` through a sorting proxy, one timer.

It never scrolls sideways: the columns shown are chosen by priority to fit the width,
the rest one tap away (``ui.board.columns``); the time to breach is measured on two
lines, which it takes when its column is narrow (``ui.board.countdown_cell``); a row
tapped opens the incident.
"""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import (
    QAbstractItemModel,
    QEvent,
    QModelIndex,
    QObject,
    QRect,
    QSortFilterProxyModel,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QFont, QFontMetrics, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QBoxLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QScroller,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.clock import Clock, SystemClock
from ui.board.columns import BY_PRIORITY, PINNED, column_pages, spread
from ui.board.countdown_cell import CountdownDelegate
from ui.board.model import COUNTDOWN_COLUMNS, ID_ROLE, LINES_ROLE, SORT_ROLE, BoardModel, Col
from ui.input_first import tick_after_input

TICK_MS = 1000
PADDING = 20  # px around a text: a cell's margins and grid line, a header's padding
HEADER_PADDING = 14  # px above and below a header's lines (the theme's padding, a border)
MEASURED_ROWS = 200  # enough rows to know a column's width; a board rarely has more
# A countdown's text grows as it ticks (−9:59:59, −10:00:00): room for one more digit.
COUNTDOWN_SLACK = "0"


class BoardProxy(QSortFilterProxyModel):
    """Sorts on the model's ``SORT_ROLE`` (the core's urgency rank, absolute times).

    Not a dynamic sort: Qt would re-check the order of every row a tick touches (1,000
    Python ``data`` calls a second). Order changes only when rows change or a deadline
    passes, so the proxy re-sorts then: on reset, insert, a full-row ``dataChanged`` (no
    roles given) and the model's ``order_changed``. A re-sort keeps the selection (Qt's
    persistent indexes) and the scroll position.
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
        if isinstance(model, BoardModel):  # a deadline passed: the urgency rank moved
            model.order_changed.connect(self.invalidate)

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
        self.summary.setWordWrap(True)  # beside "Show: …" on a narrow board, in French too
        self.more_columns = QPushButton()
        self.more_columns.setObjectName("boardMoreColumns")
        self.more_columns.clicked.connect(self.next_columns)
        self.more_columns.hide()
        self.pages: list[tuple[Col, ...]] = []
        self.page = 0
        self.one_line_breach = 0  # px: the time to breach on one line (natural_widths)
        # natural_widths measures every row's texts: kept until the rows or the font
        # change (a swipe asks twice for the room beside the board, then paints).
        self._widths: tuple[str, dict[Col, int]] | None = None
        for changed in (
            self.model.modelReset,
            self.model.dataChanged,
            self.model.rowsInserted,
            self.model.rowsRemoved,
            self.model.layoutChanged,
            self.model.headerDataChanged,
        ):
            changed.connect(self._forget_widths)

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
        self.table.verticalHeader().setDefaultSectionSize(52)  # touch-size rows, two lines
        # A narrow board shows the time to breach on two lines (ui.board.countdown_cell).
        self.countdown_cells = CountdownDelegate(PADDING, self.table)
        self.table.setItemDelegateForColumn(Col.TIME_TO_BREACH, self.countdown_cells)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        # Never sideways: the columns shown fit the width (ui.board.columns).
        self.table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        header = self.table.horizontalHeader()
        header.setHighlightSections(False)
        # A header wraps at its spaces on a narrow board ("Time to" over "breach"): a
        # column needs no more than its widest word of it; the header has room for two lines.
        header.setDefaultAlignment(
            Qt.AlignmentFlag.AlignCenter | Qt.AlignmentFlag(Qt.TextFlag.TextWordWrap.value)
        )
        header.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        header.setStretchLastSection(False)
        for visual, col in enumerate((*PINNED, *BY_PRIORITY)):  # what staff scan first, left
            header.moveSection(header.visualIndex(col), visual)
        QScroller.grabGesture(self.table.viewport(), QScroller.ScrollerGestureType.TouchGesture)
        self.table.viewport().installEventFilter(self)
        self.table.clicked.connect(self._activated)
        self.table.activated.connect(self._activated)

        self._buttons = QHBoxLayout()
        self._buttons.addStretch()  # on a line of their own, the buttons stand right
        self._buttons.addWidget(self.more_columns)
        self._top = top = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        top.addWidget(self.summary, 1)
        top.addLayout(self._buttons)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)  # the room left is the rows'; the top line its own

        self.timer = QTimer(self)
        self.timer.setInterval(TICK_MS)
        self.timer.setTimerType(Qt.TimerType.CoarseTimer)
        self.timer.timeout.connect(lambda: tick_after_input(self, self.tick))  # a swipe first
        for sig in (self.model.modelReset, self.model.rowsInserted, self.model.rowsRemoved):
            sig.connect(self._update_summary)
            sig.connect(self.fit_columns)
        self.model.breach_started.connect(self._update_summary)
        self._update_summary()

    def add_action(self, button: QWidget) -> None:
        """A page's button on the board's top line, after its summary (e.g. the handover),
        reached by Tab in reading order: the line's buttons, then the table."""
        self._buttons.addWidget(button)
        self.arrange_top()
        QWidget.setTabOrder(self.more_columns, button)
        QWidget.setTabOrder(button, self.table)

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
            if table.isColumnHidden(column):
                continue
            x = table.columnViewportPosition(column)
            viewport.update(QRect(x, top, table.columnWidth(column), bottom - top))

    # Columns: by priority, the rest one tap away ------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        # The table's viewport, not the board, changes width when its vertical scroll
        # bar comes and goes: the columns follow it.
        if watched is self.table.viewport() and event.type() == QEvent.Type.Resize:
            self.fit_columns()
        return False

    def _forget_widths(self, *_: object) -> None:
        self._widths = None

    def natural_widths(self) -> dict[Col, int]:
        """Each column's width for its header and its longest text now (countdowns at
        their widest), from the table's own font; the time to breach's on two lines
        (``one_line_breach``: its width on one)."""
        font = self.table.font().key()
        if self._widths is None or self._widths[0] != font:
            self._widths = (font, self._measure_widths())
        return dict(self._widths[1])

    def _measure_widths(self) -> dict[Col, int]:
        metrics = QFontMetrics(self.table.font())
        bold = QFont(self.table.font())
        bold.setBold(True)
        bold_metrics = QFontMetrics(bold)
        rows = min(self.model.rowCount(), MEASURED_ROWS)
        header_font = QFont(self.table.horizontalHeader().font())
        header_font.setBold(True)
        header_metrics = QFontMetrics(header_font)
        widths = {}
        for col in Col:
            header = str(self.model.headerData(col, Qt.Orientation.Horizontal, 0))
            slack = COUNTDOWN_SLACK if col in COUNTDOWN_COLUMNS else ""
            if col == Col.TIME_TO_BREACH:  # its two lines: the column may be that narrow
                parts = [self.model.index(r, col).data(LINES_ROLE) for r in range(rows)]
                texts = [text for first, second in parts for text in (first + slack, second)]
                whole = [f"{self.model.index(r, col).data()}{slack}" for r in range(rows)]
                self.one_line_breach = PADDING + max(
                    [bold_metrics.horizontalAdvance(t) for t in whole]
                    + [header_metrics.horizontalAdvance(header)]
                )
            else:
                texts = [f"{self.model.index(r, col).data()}{slack}" for r in range(rows)]
            sizes = [bold_metrics.horizontalAdvance(t) for t in texts]
            sizes.extend(header_metrics.horizontalAdvance(word) for word in header.split())
            widths[col] = PADDING + max(sizes)
        widths[Col.PRIORITY] = max(
            widths[Col.PRIORITY], metrics.horizontalAdvance("‼ P1 ") + PADDING
        )
        return widths

    def fit_columns(self, *_: object) -> None:
        """Show the pinned columns and the page of the others that fits the width."""
        available = self.table.viewport().width()
        if available <= 0:
            return
        widths = self.natural_widths()
        header = self.table.horizontalHeader()
        header.setMinimumHeight(2 * header.fontMetrics().lineSpacing() + HEADER_PADDING)
        pages = column_pages(widths, available)
        if pages != self.pages:
            self.pages = pages
            self.page = min(self.page, len(pages) - 1)
        shown = (*PINNED, *self.pages[self.page])
        for col in Col:
            self.table.setColumnHidden(col, col not in shown)
        # Room to spare goes first to the time to breach, up to one line of it.
        room = available - 1 - sum(widths[c] for c in shown)
        if room > 0:
            breach = widths[Col.TIME_TO_BREACH]
            widths[Col.TIME_TO_BREACH] = max(breach, min(breach + room, self.one_line_breach))
        for col, width in spread(widths, shown, available - 1).items():
            self.table.setColumnWidth(col, width)
        more = len(self.pages) > 1
        self.more_columns.setVisible(more)
        if more:
            following = self.pages[(self.page + 1) % len(self.pages)]
            names = ", ".join(
                str(self.model.headerData(c, Qt.Orientation.Horizontal, 0)) for c in following
            )
            self.more_columns.setText(self.tr("Show: {columns}").format(columns=names))
        self.arrange_top()

    def first_page_width(self) -> int:
        """The board's width for the priority, the time to breach and the next column
        whole (their natural widths, the frame and a vertical scroll bar)."""
        widths = self.natural_widths()
        columns = sum(widths[c] for c in (*PINNED, BY_PRIORITY[0]))
        frame = 2 * self.table.frameWidth() + self.table.verticalScrollBar().sizeHint().width()
        return columns + frame + 1

    def shown_columns(self) -> list[Col]:
        return [c for c in Col if not self.table.isColumnHidden(c)]

    def next_columns(self) -> None:
        """One tap: the next page of columns beside the priority and the time to breach."""
        if self.pages:
            self.page = (self.page + 1) % len(self.pages)
            self.fit_columns()

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
        self.arrange_top()

    # Height: the top line, and the table's for a number of rows ----------------------------

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt API
        super().resizeEvent(event)
        self.arrange_top()

    def _top_heights(self) -> tuple[int, int]:
        """The top line's height with the summary beside its buttons, and above them."""
        width = self.width()
        items = (self._buttons.itemAt(i) for i in range(self._buttons.count()))
        shown = [w for item in items if item and (w := item.widget()) and not w.isHidden()]
        alone = self.summary.heightForWidth(width)
        if not shown:
            return alone, alone
        spacing = max(self._top.spacing(), 0)
        wide = sum(b.sizeHint().width() + spacing for b in shown)
        tall = max(max(b.sizeHint().height(), b.minimumHeight()) for b in shown)
        beside = max(tall, self.summary.heightForWidth(max(width - wide, 1)))
        return beside, alone + spacing + tall

    def arrange_top(self) -> None:
        """The summary beside the buttons, or above them where beside them it would wrap
        into more lines than the two rows take (text at 200 %): decided from the width
        alone, so the table's height does not move it back."""
        beside, above = self._top_heights()
        direction = (
            QBoxLayout.Direction.TopToBottom if above < beside else QBoxLayout.Direction.LeftToRight
        )
        if self._top.direction() != direction:
            self._top.setDirection(direction)

    def top_height(self) -> int:
        return min(self._top_heights())

    def table_height(self, rows: int) -> int:
        """The table's height that shows its header and ``rows`` whole rows."""
        header = self.table.horizontalHeader()
        head = max(header.sizeHint().height(), header.minimumHeight())
        body = rows * self.table.verticalHeader().defaultSectionSize()
        return head + body + 2 * self.table.frameWidth()
