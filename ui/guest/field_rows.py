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

from PySide6.QtCore import QEvent, QPointF, QSize, Qt
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
MEASURED_TEXTS = 512  # texts whose width a section remembers
_WRAP = QTextOption()
_WRAP.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)  # never past the edge


@dataclass(slots=True)
class _Placed:
    """One text and where it goes: wrapped (a layout), or on one line from ``at``'s
    baseline (most texts: no layout needed)."""

    text: QTextLayout | str
    at: QPointF
    key: bool


class FieldRows(QWidget):
    """``set_rows([(label, value), ...])``; an empty label: the value takes the width.
    ``values``: the theme's variant of label the values look like ("": a plain label)."""

    def __init__(self, parent: QWidget | None = None, *, values: str = "value") -> None:
        super().__init__(parent)
        # Hidden labels the theme styles as the form's were: their font and colour are
        # the rows' (the high-contrast theme and the text size change them).
        self._key_style = self._style_label("subtle")
        self._value_style = self._style_label(values)
        self._rows: tuple[tuple[str, str], ...] = ()
        self._fonts: tuple[QFont, QFont] | None = None  # those the sizes below are for
        # By width: the height and where each text goes, from one pass that serves both
        # Qt's size questions (a few widths a swipe) and the paint at the width given.
        self._by_width: dict[int, tuple[int, list[_Placed]]] = {}
        self._advances: list[tuple[float, float]] = []  # each row's texts on one line
        # (label?, text) -> its width on one line, in the fonts above: the labels and
        # many values (a currency, a language) come back swipe after swipe.
        self._measured: dict[tuple[bool, str], float] = {}
        self.layouts = 0  # passes over the rows so far (tests count them per swipe)
        policy = QSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)

    def _style_label(self, variant: str) -> QLabel:
        label = QLabel(self)
        if variant:
            label.setProperty("variant", variant)
        label.hide()
        return label

    def set_rows(self, rows: Sequence[tuple[str, str]]) -> None:
        self._check_fonts()
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

    def value_left(self) -> int:
        """Where the values beside their labels start at the current width (0: none)."""
        room = self.width() * (1 - VALUE_SHARE) - COLUMN_GAP
        if self._fonts is None or not any(0 <= a <= room for a, _ in self._advances):
            return 0
        return ceil(max(a for a, _ in self._advances if 0 <= a <= room)) + COLUMN_GAP

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
        return self._laid_out(width)[0]

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt API
        # The width the card gave last: a size already known, not another width to
        # lay out at (a widget never laid out is 640 px wide).
        width = self.width() if self.testAttribute(Qt.WidgetAttribute.WA_Resized) else 200
        return QSize(width, self.heightForWidth(width))

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt API
        return QSize(0, 0)  # any width: the rows wrap (their height: heightForWidth)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt API
        super().changeEvent(event)
        if event.type() in (QEvent.Type.StyleChange, QEvent.Type.FontChange):
            self._check_fonts()  # a theme or text size: the labels' fonts may have changed

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt API
        self._check_fonts()
        if self._fonts is None:
            return
        placed = self._laid_out(self.width())[1]
        painter = QPainter(self)
        role = QPalette.ColorRole.WindowText
        # (pen, font) of a label, of a value: the texts on one line are drawn in them
        looks = (
            (self._value_style.palette().color(role), self._fonts[1]),
            (self._key_style.palette().color(role), self._fonts[0]),
        )
        for text in placed:
            pen, font = looks[text.key]
            painter.setPen(pen)
            if isinstance(text.text, str):
                painter.setFont(font)
                painter.drawText(text.at, text.text)
            else:
                text.text.draw(painter, text.at)  # a layout has its font

    # -- layout -----------------------------------------------------------------------

    def _forget_sizes(self) -> None:
        self._by_width.clear()
        self._advances = []

    def _laid_out(self, width: int) -> tuple[int, list[_Placed]]:
        if self._fonts is None:
            self._check_fonts()
        known = self._by_width.get(width)
        if known is None:
            placed: list[_Placed] = []
            known = self._by_width[width] = (self._lay_out(width, placed), placed)
            self.layouts += 1
        return known

    def _check_fonts(self) -> None:
        fonts = self.fonts()
        if fonts != self._fonts:
            self._fonts = fonts
            self._measured.clear()
            self._forget_sizes()
            self.updateGeometry()

    def _lay_out(self, width: int, placed: list[_Placed]) -> int:
        """The rows' height at ``width``; their texts placed into ``placed``."""
        if not self._rows or width <= 0 or self._fonts is None:
            return 0
        key_font, value_font = self._fonts
        keys, values = _Wrapper(key_font, placed, True), _Wrapper(value_font, placed, False)
        if not self._advances:
            self._advances = [
                (
                    self._advance(keys, True, key) if key else -1.0,
                    self._advance(values, False, value),
                )
                for key, value in self._rows
            ]
        # The labels of the rows whose value keeps its share beside them make the column.
        room = width * (1 - VALUE_SHARE) - COLUMN_GAP  # (as value_left)
        column = max((a for a, _ in self._advances if 0 <= a <= room), default=0.0)
        value_x = ceil(column) + COLUMN_GAP
        # The label's first line sits on the value's first baseline.
        drop = max(values.ascent - keys.ascent, 0.0)
        spacing = max(self.style().pixelMetric(QStyle.PixelMetric.PM_LayoutVerticalSpacing), 0)
        y = 0.0
        for (key, value), (key_advance, value_advance) in zip(
            self._rows, self._advances, strict=True
        ):
            if 0 <= key_advance <= room:
                key_h = keys.wrap(key, key_advance, column + 1, QPointF(0, y + drop))
                at = QPointF(value_x, y)
                value_h = values.wrap(value, value_advance, width - value_x, at)
                y += max(key_h + drop, value_h)
            else:
                if key:
                    y += keys.wrap(key, key_advance, width, QPointF(0, y))
                y += values.wrap(value, value_advance, width, QPointF(0, y))
            y += spacing
        return ceil(y - spacing)

    def _advance(self, wrapper: _Wrapper, key: bool, text: str) -> float:
        known = self._measured.get((key, text))
        if known is None:
            if len(self._measured) >= MEASURED_TEXTS:
                self._measured.clear()  # a shift's guests: start again, never grow
            known = self._measured[key, text] = wrapper.advance(text)
        return known


class _Wrapper:
    """Wraps texts in one font at a width: their heights, and where they go into
    ``placed``."""

    def __init__(self, font: QFont, placed: list[_Placed], key: bool) -> None:
        self.font, self.placed, self.key = font, placed, key
        self.metrics = QFontMetricsF(font)
        self.ascent = self.metrics.ascent()
        self.line = self.metrics.ascent() + self.metrics.descent()  # a QTextLine's height

    def advance(self, text: str) -> float:
        return self.metrics.horizontalAdvance(text)

    def wrap(self, text: str, advance: float, width: float, at: QPointF) -> float:
        """``text``'s height at ``width``; one line when it fits (no layout to make)."""
        if advance <= width - 1:
            baseline = QPointF(at.x(), at.y() + self.ascent)
            self.placed.append(_Placed(text, baseline, self.key))
            return self.line
        layout = QTextLayout(text, self.font)
        layout.setTextOption(_WRAP)
        layout.beginLayout()
        height = 0.0
        while (line := layout.createLine()).isValid():
            line.setLineWidth(max(width, 1.0))
            line.setPosition(QPointF(0, height))
            height += line.height()
        layout.endLayout()
        self.placed.append(_Placed(layout, at, self.key))
        return height
