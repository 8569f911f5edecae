"""The floor map page: the map (``QGraphicsView``) and the tapped table's incidents.

Tap a table: its open incidents are listed beside the map (tap one to open it) with a
"Log an incident here" button that opens the form with the table filled in. The map
gets the board's rows on each board reload and ticks its countdowns every second.
The page is built at once from the layout; the tables' games and the rows arrive from
the executor (``set_games``, ``show_rows``), the tables drawn muted until then.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import (
    QPainter,
    QPixmapCache,
    QStandardItem,
    QStandardItemModel,
    QTransform,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QGraphicsView,
    QHBoxLayout,
    QLabel,
    QListView,
    QPushButton,
    QScroller,
    QVBoxLayout,
    QWidget,
)

from app.floor_layout import FloorLayout
from ui.board.labels import category_label
from ui.floor.scene import SMALLEST_PX, FloorScene, TableItem, cached_pixmap_bytes
from ui.floor.state import TableState, table_states
from ui.incident.labels import own_summary, ticket_text
from ui.shell.pages import PageDefaults
from ui.shown_ticks import ShownTicks

TICK_MS = 1000
ID_ROLE = Qt.ItemDataRole.UserRole + 1
MIN_TEXT_PX = 12.0  # at 96 dpi: nothing on the map is drawn smaller
PANEL_WIDTH = 300  # px, or what "Log an incident here" needs whole in the language
DEFAULT_PIXMAP_CACHE_KB = 10 * 1024  # Qt's own QPixmapCache limit


class FloorMapView(QGraphicsView):
    """The floor, never smaller than readable: the whole plan when it fits with its text
    at 12 px or more, else its pits in as many columns as fit that size (``own_pits``
    first), scrolling up and down only."""

    table_activated = Signal(str)

    def __init__(
        self, scene: FloorScene, own_pits: tuple[str, ...] = (), parent: QWidget | None = None
    ) -> None:
        super().__init__(scene, parent)
        self.setObjectName("floorMap")
        self._scene = scene
        self._own_pits = own_pits
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.setViewportUpdateMode(QGraphicsView.ViewportUpdateMode.MinimalViewportUpdate)
        self.setOptimizationFlag(QGraphicsView.OptimizationFlag.DontSavePainterState, True)
        self.setCacheMode(QGraphicsView.CacheModeFlag.CacheBackground)
        self.setDragMode(QGraphicsView.DragMode.NoDrag)
        QScroller.grabGesture(self.viewport(), QScroller.ScrollerGestureType.TouchGesture)

    def fit(self) -> None:
        scene = self._scene
        width, height = self.viewport().width(), self.viewport().height()
        if width <= 0 or height <= 0:
            return
        plan = scene.layout
        readable = MIN_TEXT_PX / SMALLEST_PX  # the least scale at which text stays readable
        whole = min(width / plan.width, height / plan.height)
        if whole >= readable:
            self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
            if scene.columns is not None:
                scene.arrange(None)
            self.setSceneRect(scene.sceneRect())
            self._scale_to(whole)
            return
        # In columns the floor is taller than the screen: the scroll bar is there for good
        # (its width is not found missing after the scale was chosen).
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
        width = self.viewport().width()  # narrowed by the scroll bar, at once
        columns = max(1, int(width / readable // scene.widest_pit()))
        rearranged = scene.columns != columns
        if rearranged:
            scene.arrange(columns, self._own_pits)
        self.setSceneRect(scene.sceneRect())
        self._scale_to(width / scene.sceneRect().width())
        if rearranged:  # the pit boss's own pits lead: show them
            self.verticalScrollBar().setValue(0)

    def _scale_to(self, factor: float) -> None:
        self.setTransform(QTransform.fromScale(factor, factor))
        _room_for_cached_items(self._scene, factor)

    @property
    def text_scale(self) -> float:
        """How many screen px a floor unit of text is drawn at now."""
        return self.transform().m11()

    def resizeEvent(self, event: Any) -> None:  # noqa: N802
        super().resizeEvent(event)
        self.fit()

    def mouseReleaseEvent(self, event: Any) -> None:  # noqa: N802
        super().mouseReleaseEvent(event)
        item = self.itemAt(event.position().toPoint())
        if isinstance(item, TableItem):
            self.scene().clearSelection()
            item.setSelected(True)
            self.table_activated.emit(item.table_id)


def _room_for_cached_items(scene: FloorScene, scale: float) -> None:
    """Each table and pit keeps its drawing as a pixmap at the view's scale, in Qt's one
    pixmap cache. At Qt's default 10 MB the 200 tables of a big floor (some 30 MB at full
    HD, 13 MB on a 1280-px tablet) pushed each other out, and the first ticks after the
    page opened drew them all again (20-40 ms, a dropped frame or two). The cache keeps
    them all, beside the default room for the rest of the console."""
    wanted_kb = DEFAULT_PIXMAP_CACHE_KB + cached_pixmap_bytes(scene, scale) // 1024
    if QPixmapCache.cacheLimit() < wanted_kb:
        QPixmapCache.setCacheLimit(wanted_kb)


class FloorPage(ShownTicks, QWidget, PageDefaults):
    def __init__(
        self,
        layout: FloorLayout,
        games: dict[str, str],
        clock: Any,
        extras: dict[str, Any],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("floorPage")
        self._clock = clock
        self._open = extras.get("open_incident")
        self._new = extras.get("new_incident")
        self._load = extras.get("load_rows")  # load_rows(on_success): off the GUI thread
        self.states: dict[str, TableState] = {}
        self.rows_by_id: dict[str, Any] = {}
        self.selected: str | None = None
        self.scene = FloorScene(layout, games, self)
        tables = set(extras.get("tables", ()))
        own = tuple(p.name for p in layout.pits if tables & {t.id for t in p.tables})
        self.map = FloorMapView(self.scene, own)
        self.map.table_activated.connect(self.select_table)

        panel = QFrame()
        panel.setObjectName("floorPanel")
        panel.setProperty("variant", "panel")
        self.table_title = QLabel(self.tr("Tap a table"))
        self.table_title.setObjectName("floorTableTitle")
        self.table_title.setProperty("variant", "title")
        self.table_title.setWordWrap(True)
        self.incidents = QStandardItemModel(self)
        self.incident_list = QListView()
        self.incident_list.setObjectName("floorIncidents")
        self.incident_list.setAccessibleName(self.tr("Incidents at this table"))
        self.incident_list.setModel(self.incidents)
        self.incident_list.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.incident_list.setWordWrap(True)
        self.incident_list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        QScroller.grabGesture(
            self.incident_list.viewport(), QScroller.ScrollerGestureType.TouchGesture
        )
        self.incident_list.clicked.connect(self._incident_chosen)
        self.log_here = QPushButton(self.tr("Log an incident here"))
        self.log_here.setObjectName("floorLogHere")
        self.log_here.setProperty("variant", "primary")
        self.log_here.setMinimumHeight(64)
        self.log_here.setEnabled(False)
        self.log_here.clicked.connect(self._log_here)
        self.log_here.ensurePolished()  # the theme's font: the width its words need
        panel.setFixedWidth(max(PANEL_WIDTH, self.log_here.sizeHint().width() + 24))
        side = QVBoxLayout(panel)
        side.addWidget(self.table_title)
        side.addWidget(self.incident_list, 1)
        side.addWidget(self.log_here)
        if self._new is None:
            self.log_here.hide()

        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.map, 1)
        row.addWidget(panel)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        self.kpis = extras.get("kpi_strip")  # the KPI strip above the map (ui/kpis), or None
        if self.kpis is not None:
            column.addWidget(self.kpis)
        column.addLayout(row, 1)
        self.timer = QTimer(self)
        self.timer.setInterval(TICK_MS)
        self.timer.setTimerType(Qt.TimerType.CoarseTimer)
        self.timer.timeout.connect(self._tick_if_shown)  # hidden: nothing to repaint

    def set_games(self, games: dict[str, str]) -> None:
        """The tables' games, read off the GUI thread after the page was built."""
        self.scene.set_games(games)
        if self.selected is not None:
            self.select_table(self.selected)

    def set_board_rows(self, _rows: Any, _now: datetime) -> None:
        """The board reloaded: reload the map's rows too (it needs the tables' ids)."""
        if self._load is not None:
            self._load(self.show_rows)

    def show_rows(self, rows: Any) -> None:
        """``rows``: the incident service's board rows (incident + SLA status)."""
        rows = list(rows)
        self.rows_by_id = {r.incident.id: r for r in rows}
        self.states = table_states(rows)
        self.scene.set_states(self.states, self._clock.now())
        if self.selected is not None:
            self.select_table(self.selected)

    def start(self) -> None:
        self.timer.start()
        if self.kpis is not None:
            self.kpis.feed.resume()

    def stop(self) -> None:
        self.timer.stop()
        if self.kpis is not None:
            self.kpis.feed.suspend()

    resume, suspend = start, stop  # the Page protocol's names

    def tick(self) -> int:
        return self.scene.tick(self._clock.now())

    def select_table(self, table_id: str) -> None:
        self.selected = table_id
        item = self.scene.items_by_table.get(table_id)
        game = item.game if item is not None else ""
        if item is not None and not item.isSelected():
            self.scene.clearSelection()
            item.setSelected(True)
        self.table_title.setText(self.tr("{table} · {game}").format(table=table_id, game=game))
        self.incidents.clear()
        state = self.states.get(table_id)
        for incident_id in state.incident_ids if state else ():
            row = self.rows_by_id[incident_id]
            i = row.incident
            what = own_summary(i) or category_label(i.category)
            text = f"{i.priority.value} · {ticket_text(i.number, i.provisional_number)}\n{what}"
            entry = QStandardItem(text)
            entry.setData(incident_id, ID_ROLE)
            self.incidents.appendRow(entry)
        if state is None and self.scene.loaded:  # before the rows arrive: nothing to say
            entry = QStandardItem(self.tr("No open incident at this table."))
            entry.setEnabled(False)
            self.incidents.appendRow(entry)
        self.log_here.setEnabled(True)

    def _incident_chosen(self, index: Any) -> None:
        incident_id = index.data(ID_ROLE)
        if incident_id and self._open is not None:
            self._open(incident_id)

    def _log_here(self) -> None:
        if self.selected and self._new is not None:
            self._new(self.selected)
