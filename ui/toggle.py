"""A toggle button that keeps its words whole when checked."""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import QPushButton


class BoldWhenChecked(QPushButton):
    """A toggle whose text the theme turns bold when checked: sized for the bold text,
    so checking it never clips its words."""

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt API
        hint = super().sizeHint()
        bold = QFont(self.font())
        bold.setBold(True)
        text = self.text()
        extra = QFontMetrics(bold).horizontalAdvance(text)
        extra -= QFontMetrics(self.font()).horizontalAdvance(text)
        return QSize(hint.width() + max(0, extra), hint.height())
