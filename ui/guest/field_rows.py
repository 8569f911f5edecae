"""A card section's label/value rows, laid out and painted by one widget.

A swipe must be painted within a frame. As a form of word-wrapped labels, each swipe
showed and hid rows and laid out dozens of labels again (most of a swipe's time); here
a swipe hands over the rows' texts and the widget wraps them itself (``QTextLayout``),
once per text and width.

The rows look as a form's did: the label (the theme's "subtle" label) in a column on the
left, the value (the theme's "value" label) beside it, wrapped to the width; a row whose
label leaves its value too little room puts the value under its label, and a row without
a label gives its value the whole width. Screen readers read the rows through the
widget's accessible description ("label: value" a line).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from math import ceil

from PySide6.QtCore import QEvent, QPointF, QSize
from PySide6.QtGui import (
    QFont,
    QFontMetricsF,
    QPainter,
    QPaintEvent,
    QPalette,
    QTextLayout,
    QTextOption,
)
from PySide6.QtWidgets import QLabel, QSizePolicy, QStyle, QWidget

COLUMN_GAP = 16  # px between a label and its value (the form's horizontal spacing)
VALUE_SHARE = 0.4  # a value beside its label keeps at least this share of the width
_WRAP = QTextOption()
_WRAP.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)  # never past the edge


@dataclass(slots=True)
class _Placed:
    """One text wrapped at a width and where it goes."""

    layout: QTextLayout
    at: QPointF
    key: bool


class FieldRows(QWidget):
    """``set_rows([(label, value), ...])``; an empty label: the value takes the width."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        # Hidden labels the theme styles as the form's were: their font and colour are
        # the rows' (the high-contrast theme and the text size change them).
        self._key_style = self._style_label("subtle")
        self._value_style = self._style_label("value")
        self._rows: tuple[tuple[str, str], ...] = ()
        self._placed: list[_Placed] = []
        self._fonts: tuple[QFont, QFont] | None = None  # those the sizes below are for
        self._heights: dict[int, int] = {}  # by width: Qt's layouts ask for a few widths
        self._placed_at = -1  # the width ``_placed`` is for
        policy = QSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)

    def _style_label(self, variant: str) -> QLabel:
        label = QLabel(self)
        label.setProperty("variant", variant)
        label.hide()
        return label

    def set_rows(self, rows: Sequence[tuple[str, str]]) -> None:
        rows = tuple(rows)
        if rows == self._rows:
            return  # the same texts: nothing to lay out or paint again
        self._rows = rows
        self._forget_sizes()
        self.setAccessibleDescription("\n".join(f"{k}: {v}" if k else v for k, v in rows))
        self.updateGeometry()
        self.update()

    def rows(self) -> tuple[tuple[str, str], ...]:
        return self._rows

    def texts(self) -> list[str]:
        """The texts shown, top to bottom (a row's label, then its value)."""
        return [text for row in self._rows for text in row if text]

    def fonts(self) -> tuple[QFont, QFont]:
        """The labels' font and the values' (as the theme sets them now)."""
        self._key_style.ensurePolished()
        self._value_style.ensurePolished()
        return self._key_style.font(), self._value_style.font()

    # -- Qt's size protocol -----------------------------------------------------------

    def hasHeightForWidth(self) -> bool:  # noqa: N802 - Qt API
        return True

    def heightForWidth(self, width: int) -> int:  # noqa: N802 - Qt API
        self._check_fonts()
        height = self._heights.get(width)
        if height is None:
            height = self._heights[width] = self._lay_out(width, placed=None)
        return height

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt API
        width = max(self.width(), 200)
        return QSize(width, self.heightForWidth(width))

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt API
        return QSize(0, 0)  # any width: the rows wrap (their height: heightForWidth)

    def event(self, event: QEvent) -> bool:
        if event.type() in (QEvent.Type.StyleChange, QEvent.Type.FontChange):
            self._check_fonts()  # a theme or text size: the labels' fonts may have changed
        return super().event(event)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt API
        self._check_fonts()
        if self._placed_at != self.width():
            self._placed = []
            self._lay_out(self.width(), placed=self._placed)
            self._placed_at = self.width()
        painter = QPainter(self)
        role = QPalette.ColorRole.WindowText
        key_pen = self._key_style.palette().color(role)
        value_pen = self._value_style.palette().color(role)
        for placed in self._placed:
            painter.setPen(key_pen if placed.key else value_pen)
            placed.layout.draw(painter, placed.at)

    # -- layout -----------------------------------------------------------------------

    def _forget_sizes(self) -> None:
        self._heights.clear()
        self._placed_at = -1
        self._placed = []

    def _check_fonts(self) -> None:
        fonts = self.fonts()
        if fonts != self._fonts:
            self._fonts = fonts
            self._forget_sizes()
            self.updateGeometry()

    def _lay_out(self, width: int, placed: list[_Placed] | None) -> int:
        """The rows' height at ``width``; their texts wrapped and placed into ``placed``."""
        if not self._rows or width <= 0:
            return 0
        key_font, value_font = self.fonts()
        key_metrics, value_metrics = QFontMetricsF(key_font), QFontMetricsF(value_font)
        # The labels of the rows whose value keeps its share beside them make the column.
        room = width * (1 - VALUE_SHARE) - COLUMN_GAP
        advances = [key_metrics.horizontalAdvance(key) if key else -1.0 for key, _ in self._rows]
        column = max((a for a in advances if 0 <= a <= room), default=0.0)
        value_x = ceil(column) + COLUMN_GAP
        # The label's first line sits on the value's first baseline.
        drop = max(value_metrics.ascent() - key_metrics.ascent(), 0.0)
        spacing = max(self.style().pixelMetric(QStyle.PixelMetric.PM_LayoutVerticalSpacing), 0)
        y = 0.0
        for (key, value), advance in zip(self._rows, advances, strict=True):
            if 0 <= advance <= room:
                key_h = _wrap(key, key_font, column + 1, QPointF(0, y + drop), placed, True)
                at = QPointF(value_x, y)
                value_h = _wrap(value, value_font, width - value_x, at, placed, False)
                y += max(key_h + drop, value_h)
            else:
                if key:
                    y += _wrap(key, key_font, width, QPointF(0, y), placed, True)
                y += _wrap(value, value_font, width, QPointF(0, y), placed, False)
            y += spacing
        return ceil(y - spacing)


def _wrap(
    text: str, font: QFont, width: float, at: QPointF, placed: list[_Placed] | None, key: bool
) -> float:
    """``text``'s height wrapped at ``width``; placed at ``at`` into ``placed``."""
    layout = QTextLayout(text, font)
    layout.setTextOption(_WRAP)
    layout.beginLayout()
    height = 0.0
    while (line := layout.createLine()).isValid():
        line.setLineWidth(max(width, 1.0))
        line.setPosition(QPointF(0, height))
        height += line.height()
    layout.endLayout()
    if placed is not None:
        placed.append(_Placed(layout, at, key))
    return height
