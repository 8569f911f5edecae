"""The board's time-to-breach cell: on one line where it fits, else on two.

"⚠ −4:00:00 BREACHED" is the board's widest text. A narrow board (a 1024-px tablet
with a guest card beside it) shows it as "⚠ −4:00:00" over "BREACHED" in a row that
has the height for both, so the column needs half the width and the word stays.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex
from PySide6.QtWidgets import QStyledItemDelegate, QStyleOptionViewItem, QWidget

from ui.board.model import LINES_ROLE

LINE_SEPARATOR = "\u2028"  # the break Qt's item text layout honours without word wrap


class CountdownDelegate(QStyledItemDelegate):
    def __init__(self, padding: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._padding = padding  # a cell's margins around its text

    def initStyleOption(  # noqa: N802 - Qt API
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> None:
        super().initStyleOption(option, index)
        room = option.rect.width() - self._padding
        if option.fontMetrics.horizontalAdvance(option.text) <= room:
            return
        first, second = index.data(LINES_ROLE) or (option.text, "")
        if second:
            option.text = f"{first}{LINE_SEPARATOR}{second}"
