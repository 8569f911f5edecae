"""A row of widgets that becomes a grid when the row would cut them.

Buttons side by side fit in English at 1280 px; in French, on a 1024-px tablet or with
text at 200 %, the widest would be cut. ``ReflowGrid`` stands them up to ``columns``
wide and takes a column away until the widest label fits whole.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QSize
from PySide6.QtWidgets import QBoxLayout, QGridLayout, QLabel, QSizePolicy, QWidget


class Rearranging(QWidget):
    """Arranges its parts again whenever its width may have changed: resized, or shown
    after being sized while hidden (a stack's page)."""

    def resizeEvent(self, event: Any) -> None:  # noqa: N802 - Qt API
        super().resizeEvent(event)
        self._arrange()

    def showEvent(self, event: Any) -> None:  # noqa: N802 - Qt API
        super().showEvent(event)
        self._arrange()

    def _arrange(self) -> None:
        raise NotImplementedError


class ReflowGrid(Rearranging):
    def __init__(self, columns: int, parent: QWidget | None = None, *, spacing: int = 6) -> None:
        super().__init__(parent)
        self._columns = columns
        self._laid_out = 0  # the columns the widgets stand in now
        self._grid = QGridLayout(self)
        self._grid.setContentsMargins(0, 0, 0, 0)
        self._grid.setSpacing(spacing)
        self.items: list[QWidget] = []

    def set_items(self, widgets: Sequence[QWidget]) -> None:
        """Lay ``widgets`` out (those laid out before are only taken out, not deleted)."""
        for widget in self.items:
            self._grid.removeWidget(widget)
        self.items = list(widgets)
        for widget in self.items:  # as wide as the grid gives, never wider than a column
            widget.setSizePolicy(QSizePolicy.Policy.Ignored, widget.sizePolicy().verticalPolicy())
        self._laid_out = 0
        self._arrange()
        for widget in self.items:
            widget.show()  # now, not a turn of the event loop later (a tap may come first)

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt API
        """Never narrower than one column of the widest: a row it shares gives it that."""
        widest = max((w.sizeHint().width() for w in self.items), default=0)
        return QSize(widest, super().minimumSizeHint().height())

    def _arrange(self) -> None:
        widest = max((w.sizeHint().width() for w in self.items), default=0)
        spacing = self._grid.horizontalSpacing()
        columns = self._columns
        while (
            self.isVisible()  # hidden, its width means nothing yet: as wide as it may be
            and columns > 1
            and widest * columns + spacing * (columns - 1) > self.width()
        ):
            columns -= 1
        if columns == self._laid_out:
            return
        self._laid_out = columns
        for widget in self.items:
            self._grid.removeWidget(widget)
        for n, widget in enumerate(self.items):
            self._grid.addWidget(widget, n // columns, n % columns)
        self.updateGeometry()


class SideBySide(Rearranging):
    """A title and what goes with it (buttons, a guest's name) on one row when both fit
    whole, else the second under the first: a title is never squeezed into a column
    of single words, and a button never cut."""

    def __init__(
        self,
        first: QLabel,
        second: QWidget,
        parent: QWidget | None = None,
        *,
        stretch_first: bool = False,
    ) -> None:
        """Side by side, the room left goes to ``second`` (or ``first``)."""
        super().__init__(parent)
        self.first, self.second = first, second
        first.setWordWrap(True)  # under each other, a long title still fits
        self._box = QBoxLayout(QBoxLayout.Direction.LeftToRight, self)
        self._box.setContentsMargins(0, 0, 0, 0)
        self._box.addWidget(first, 1 if stretch_first else 0)
        self._box.addWidget(second, 0 if stretch_first else 1)

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt API
        """As narrow as the wider part alone (they can stand one under the other)."""
        hints = (self.first.minimumSizeHint(), self.second.minimumSizeHint())
        return QSize(max(h.width() for h in hints), super().minimumSizeHint().height())

    def _arrange(self) -> None:
        one_line = self.first.fontMetrics().horizontalAdvance(self.first.text())
        margins = self.first.contentsMargins()
        need = one_line + margins.left() + margins.right() + self._box.spacing()
        need += self.second.sizeHint().width()
        direction = (
            QBoxLayout.Direction.LeftToRight
            if need <= self.width()
            else QBoxLayout.Direction.TopToBottom
        )
        if self._box.direction() != direction:
            self._box.setDirection(direction)
            self.updateGeometry()
