"""A word-wrapped label whose minimum height is its lines' at the width it is given.

Qt gives a wrapped label the minimum height of one line, and a ``QStatusBar`` sizes a
child by that minimum: at 150 % or 200 % text the alert banner got one or two lines'
height for a text that wraps into three, and the rest was cut. ``FittedLabel`` asks,
as its minimum, for ``heightForWidth`` of its width now, and for a new layout each time
that width changes; before it is shown, one line (its width then is Qt's default, not
the one it will get: measured there, it asked for a huge height). Never through
``setMinimumHeight``: Qt's ``heightForWidth`` of a label is at least its minimum height,
so a height asked once would never shrink again.
"""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QLabel, QWidget


class FittedLabel(QLabel):
    def __init__(self, text: str = "", parent: QWidget | None = None) -> None:
        super().__init__(text, parent)
        self.setWordWrap(True)

    def lines_height(self) -> int:
        """The height its text wraps into at its width now (0: not laid out yet)."""
        if not self.isVisible() or self.width() <= 0 or not self.text():
            return 0  # not laid out at its width yet: its first resize asks again
        return self.heightForWidth(self.width())

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt API
        hint = super().minimumSizeHint()
        return QSize(hint.width(), max(hint.height(), self.lines_height()))

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt API
        hint = super().sizeHint()
        return QSize(hint.width(), max(hint.height(), self.lines_height()))

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt API
        super().resizeEvent(event)
        if event.size().width() != event.oldSize().width():
            self.updateGeometry()  # another width, other lines: the container asks again
