"""A bar chart drawn with QPainter: backlog by age, SLA attainment by priority and tier.

Why not QtCharts (docs/kpis.md, "Charts"): it ships in PySide6-Addons, a second wheel of
~170 MB beside the Essentials the console uses, for a few bars; a QPainter widget draws
them in well under a millisecond, in the theme's font and colours, and says what it
shows to a screen reader in words.

Each bar carries its value in words above it and its name below, so nothing depends on
colour: a bar below its target is hatched and its value starts with the ✗ marker. The
widget's smallest size is what its words need: nothing is cut.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QBrush, QColor, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

GAP = 10  # px between bars
BAR_MIN_HEIGHT = 70  # px: the tallest bar's room at the smallest size
COLOURS = {
    "plain": QColor("#4f8cff"),
    "met": QColor("#3fb37f"),
    "missed": QColor("#e5534b"),
    "none": QColor("#5b6475"),
}
TARGET_COLOUR = QColor("#ffe08a")


@dataclass(frozen=True, slots=True)
class Bar:
    name: str  # under the bar: "P1", "< 1 h"
    value: float | None  # None: nothing to draw (no data)
    text: str  # above the bar: "✗ 67%", "3"
    state: str = "plain"  # plain, met, missed, none


class BarChart(QWidget):
    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setProperty("variant", "chart")
        self.setAccessibleName(name)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.bars: list[Bar] = []
        self._top = 1.0
        self._target: tuple[float, str] | None = None

    def set_bars(
        self, bars: list[Bar], top: float, target: tuple[float, str] | None = None
    ) -> None:
        """``top``: the value of a full-height bar; ``target``: a line (value, its words)."""
        self.bars, self._top, self._target = bars, max(top, 1e-9), target
        described = "; ".join(f"{bar.name}: {bar.text}" for bar in bars)
        if target is not None:
            described = f"{described}; {target[1]}"
        self.setAccessibleDescription(described)
        self.updateGeometry()
        self.update()

    def _column_width(self) -> int:
        metrics = self.fontMetrics()
        words = [t for bar in self.bars for t in (bar.name, bar.text)] or ["0"]
        return max(metrics.horizontalAdvance(w) for w in words) + 8

    def minimumSizeHint(self) -> QSize:  # noqa: N802
        lines = self.fontMetrics().height()
        count = max(len(self.bars), 1)
        width = count * self._column_width() + (count + 1) * GAP
        if self._target is not None:
            width += self.fontMetrics().horizontalAdvance(self._target[1]) + GAP
        return QSize(width, BAR_MIN_HEIGHT + 2 * lines + 2 * GAP)

    def sizeHint(self) -> QSize:  # noqa: N802
        hint = self.minimumSizeHint()
        return QSize(hint.width(), hint.height() + 60)

    def paintEvent(self, _event: QPaintEvent) -> None:  # noqa: N802
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        metrics = self.fontMetrics()
        line = metrics.height()
        text_colour = self.palette().windowText().color()
        right = self.width() - GAP
        if self._target is not None:
            right -= metrics.horizontalAdvance(self._target[1]) + GAP
        top, bottom = GAP + line, self.height() - GAP - line
        room = max(bottom - top, 1)
        count = max(len(self.bars), 1)
        column = (right - GAP * (count + 1)) / count
        painter.setPen(QPen(text_colour.darker(150), 1))
        painter.drawLine(GAP, bottom, right, bottom)
        for n, bar in enumerate(self.bars):
            left = GAP + n * (column + GAP)
            height = 0.0 if bar.value is None else room * min(bar.value / self._top, 1.0)
            if bar.value is not None:
                height = max(height, 3.0)  # a zero is a stub on the axis, not a gap
            box = QRectF(left + column * 0.15, bottom - height, column * 0.7, height)
            colour = COLOURS.get(bar.state, COLOURS["plain"])
            painter.fillRect(box, colour)
            if bar.state == "missed":  # hatched: not colour alone
                painter.fillRect(box, QBrush(QColor("#12151c"), Qt.BrushStyle.BDiagPattern))
            painter.setPen(text_colour)
            above = QRectF(left, bottom - height - line - 2, column, line)
            painter.drawText(above, Qt.AlignmentFlag.AlignCenter, bar.text)
            below = QRectF(left, bottom + 2, column, line)
            painter.drawText(below, Qt.AlignmentFlag.AlignCenter, bar.name)
        if self._target is not None:
            value, words = self._target
            y = bottom - room * min(value / self._top, 1.0)
            painter.setPen(QPen(TARGET_COLOUR, 2, Qt.PenStyle.DashLine))
            painter.drawLine(GAP, round(y), right, round(y))
            painter.setPen(TARGET_COLOUR)
            label = QRectF(right + GAP, y - line / 2, self.width() - right - GAP, line)
            painter.drawText(
                label, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, words
            )
        painter.end()
