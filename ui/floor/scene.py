"""The floor as a ``QGraphicsScene``: one cached item per table, one rectangle per pit.

Laid out as the floor plan says, or, where the plan would be drawn too small to read
on a tablet, with its pits in columns (``arrange``): each pit keeps its own tables'
places, the view scales the scene so no text is under 12 px and scrolls only up and
down (``ui.floor.view``).

Items are built once per layout. Each second ``tick(now)`` recomputes each table's
countdown text and calls ``update()`` only on the items whose text or colour changed;
with ``DeviceCoordinateCache`` an unchanged table is a pixmap blit.

Until the first rows arrive (``set_states``) a table is drawn muted, with no colour:
its incidents are not known yet, which felt green ("no open incident") would misstate.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from math import ceil
from typing import Any

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QPainter, QPen
from PySide6.QtWidgets import (
    QGraphicsItem,
    QGraphicsRectItem,
    QGraphicsScene,
    QGraphicsSimpleTextItem,
)

from app.domain import Priority
from app.floor_layout import FloorLayout, PitPlace
from app.sla import Urgency
from ui.floor.state import TableState, countdown_text, table_urgency
from ui.incident.labels import BREACH_MARKER, SOON_MARKER

PRIORITY_COLOURS = {
    Priority.P1: QColor("#d32f2f"),
    Priority.P2: QColor("#f57c00"),
    Priority.P3: QColor("#fbc02d"),
    Priority.P4: QColor("#7cb342"),
}
# A table is filled by its urgency (breached, amber, on track) and edged by its worst
# priority: a breach reads from across the floor, and so does a clock about to go.
URGENCY_COLOURS = {
    Urgency.BREACHED: QColor("#c62828"),
    Urgency.SOON: QColor("#f5a000"),
    Urgency.ON_TRACK: QColor("#2f4b78"),
    Urgency.PAUSED: QColor("#3a4254"),
}
URGENCY_MARKERS = {Urgency.BREACHED: BREACH_MARKER, Urgency.SOON: SOON_MARKER}
IDLE_COLOUR = QColor("#1f6f4a")  # felt green: no open incident
WAITING_COLOUR = QColor("#232a36")  # the table's incidents not read yet
WAITING_TEXT = QColor("#b8c2d6")  # 4.5:1 on WAITING_COLOUR (WCAG AA)
WAITING_EDGE = QColor("#4a5670")
TEXT = QColor("#ffffff")
DARK_TEXT = QColor("#101010")
# Text sizes in floor units; the smallest decides how far the map may shrink.
ID_PX, GAME_PX, BADGE_PX, PIT_PX = 24, 20, 20, 24
SMALLEST_PX = min(ID_PX, GAME_PX, BADGE_PX)
PIT_GAP = 8.0  # floor units around pits laid out in columns


class TableItem(QGraphicsItem):
    def __init__(self, table_id: str, game: str, width: float, height: float) -> None:
        super().__init__()
        self.table_id, self.game = table_id, game
        self._rect = QRectF(0, 0, width, height)
        # asked hundreds of times a paint (the scene has no index): made once
        self._bounds = self._rect.adjusted(-3, -3, 3, 3)
        self.state: TableState | None = None
        self.urgency = Urgency.NONE
        self.known = False  # the board's rows have arrived: ``state`` is the truth
        self.countdown = ""
        self.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIsSelectable, True)
        self.setAcceptedMouseButtons(Qt.MouseButton.LeftButton)
        self.setToolTip(table_id)
        # The countdown is its own small item: a tick repaints a few glyphs, not the
        # table (whose cached pixmap stays valid until its incidents change).
        self.timer_text = QGraphicsSimpleTextItem(self)
        font = QFont()
        font.setPixelSize(BADGE_PX)
        font.setBold(True)
        self.timer_text.setFont(font)
        self._width, self._height = width, height

    def boundingRect(self) -> QRectF:  # noqa: N802
        return self._bounds

    def set_state(self, state: TableState | None, now: datetime) -> bool:
        """Returns whether anything drawn changed (then the item repaints)."""
        countdown = countdown_text(state, now)
        urgency = table_urgency(state, now)
        same = state == self.state and urgency is self.urgency
        if self.known and same and countdown == self.countdown:
            return False
        if not self.known or not same:
            self.known = True
            self.state = state
            self.urgency = urgency
            self.update()
            self.timer_text.setBrush(DARK_TEXT if self.light() else TEXT)
        if countdown != self.countdown:
            self.countdown = countdown
            self.timer_text.setText(countdown)
            box = self.timer_text.boundingRect()
            self.timer_text.setPos(10, self._height - 6 - box.height())
        return True

    def set_game(self, game: str) -> None:
        if game != self.game:
            self.game = game
            self.update()

    def colour(self) -> QColor:
        if not self.known:
            return WAITING_COLOUR
        if self.state is None or self.state.worst is None:
            return IDLE_COLOUR
        return URGENCY_COLOURS.get(self.urgency, PRIORITY_COLOURS[self.state.worst])

    def light(self) -> bool:
        """Whether the fill needs dark text (amber does)."""
        return self.known and self.urgency is Urgency.SOON

    def paint(self, painter: QPainter, option: Any, widget: Any = None) -> None:
        colour = self.colour()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        selected = self.isSelected()
        edge = QColor("#0b0d12") if self.known else WAITING_EDGE
        worst = self.state.worst if self.state is not None else None
        if worst is not None:
            edge = PRIORITY_COLOURS[worst]  # the priority stays in view, on the edge
        painter.setPen(QPen(QColor("#8fb8ff") if selected else edge, 4 if selected else 3))
        painter.setBrush(QBrush(colour))
        painter.drawRoundedRect(self._rect, 18, 18)
        painter.setPen(WAITING_TEXT if not self.known else DARK_TEXT if self.light() else TEXT)
        font = QFont(painter.font())
        font.setPixelSize(ID_PX)
        font.setBold(True)
        painter.setFont(font)
        r = self._rect.adjusted(10, 6, -10, -6)
        painter.drawText(r, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop, self.table_id)
        # The middle line: the worst priority and the count when there are incidents (the
        # countdown goes under it), else the game; one line each, none over another.
        middle = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
        if self.state is not None and self.state.worst is not None:
            font.setPixelSize(BADGE_PX)
            painter.setFont(font)
            marker = URGENCY_MARKERS.get(self.urgency, "")
            badge = f"{self.state.worst.value} ×{self.state.open_count}"
            painter.drawText(r, middle, f"{marker} {badge}" if marker else badge)
        else:
            font.setBold(False)
            font.setPixelSize(GAME_PX)
            painter.setFont(font)
            painter.drawText(r, middle, self.game)


@dataclass
class _PitItems:
    pit: PitPlace
    rect: QGraphicsRectItem
    label: QGraphicsSimpleTextItem
    tables: list[tuple[TableItem, float, float]]  # each with its place in the pit

    def move_to(self, x: float, y: float) -> None:
        self.rect.setRect(QRectF(x, y, self.pit.width, self.pit.height))
        self.label.setPos(x + 16, y + 6)
        for item, dx, dy in self.tables:
            item.setPos(x + dx, y + dy)


class FloorScene(QGraphicsScene):
    def __init__(self, layout: FloorLayout, games: dict[str, str], parent: Any = None) -> None:
        super().__init__(parent)
        self.setItemIndexMethod(QGraphicsScene.ItemIndexMethod.NoIndex)
        self.layout = layout
        self.setSceneRect(0, 0, layout.width, layout.height)
        self.setBackgroundBrush(QColor("#12151c"))
        self.items_by_table: dict[str, TableItem] = {}
        self._states: dict[str, TableState] = {}
        self._pits: list[_PitItems] = []
        self.columns: int | None = None  # None: as the floor plan lays the pits out
        self.loaded = False  # no rows yet: the tables wait, drawn muted
        for pit in layout.pits:
            rect = self.addRect(
                QRectF(pit.x, pit.y, pit.width, pit.height),
                QPen(QColor("#4a5670"), 2),
                QBrush(QColor("#1a1f29")),
            )
            rect.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
            label = QGraphicsSimpleTextItem(pit.name)
            font = QFont()
            font.setPixelSize(PIT_PX)
            font.setBold(True)
            label.setFont(font)
            label.setBrush(QColor("#dfe6f3"))
            self.addItem(label)
            tables = []
            for place in pit.tables:
                item = TableItem(
                    place.id, games.get(place.id, ""), layout.table_width, layout.table_height
                )
                self.addItem(item)
                self.items_by_table[place.id] = item
                tables.append((item, place.x - pit.x, place.y - pit.y))
            self._pits.append(_PitItems(pit, rect, label, tables))
        self.arrange(None)

    def arrange(self, columns: int | None, first: tuple[str, ...] = ()) -> None:
        """Pits where the plan puts them (``None``), or in ``columns`` columns, the pits
        named in ``first`` (the pit boss's own) leading, the others in the plan's order."""
        self.columns = columns
        if columns is None:
            for pits in self._pits:
                pits.move_to(pits.pit.x, pits.pit.y)
            self.setSceneRect(0, 0, self.layout.width, self.layout.height)
            return
        ordered = sorted(self._pits, key=lambda p: p.pit.name not in first)
        width = max(p.pit.width for p in ordered) + PIT_GAP
        y = PIT_GAP
        for start in range(0, len(ordered), columns):
            row = ordered[start : start + columns]
            for n, pits in enumerate(row):
                pits.move_to(PIT_GAP + n * width, y)
            y += max(p.pit.height for p in row) + PIT_GAP
        self.setSceneRect(0, 0, PIT_GAP + columns * width, y)

    def widest_pit(self) -> float:
        return max(p.pit.width for p in self._pits) + 2 * PIT_GAP

    def set_states(self, states: dict[str, TableState], now: datetime) -> int:
        self._states = states
        self.loaded = True
        return self.tick(now)

    def set_games(self, games: dict[str, str]) -> None:
        for table_id, item in self.items_by_table.items():
            item.set_game(games.get(table_id, ""))

    def tick(self, now: datetime) -> int:
        """Update the tables whose text or colour changed; returns how many did."""
        if not self.loaded:
            return 0
        changed = 0
        for table_id, item in self.items_by_table.items():
            if item.set_state(self._states.get(table_id), now):
                changed += 1
        return changed


def cached_pixmap_bytes(scene: QGraphicsScene, scale: float) -> int:
    """What the items that cache their drawing (``DeviceCoordinateCache``: the tables,
    the pits) hold in Qt's pixmap cache at ``scale``: 4 bytes a device pixel."""
    total = 0
    for item in scene.items():
        if item.cacheMode() is QGraphicsItem.CacheMode.NoCache:
            continue
        rect = item.boundingRect()
        total += (ceil(rect.width() * scale) + 1) * (ceil(rect.height() * scale) + 1) * 4
    return total
