"""A read-only table model over a list of row objects (the guest timeline, my guests).

A subclass names its ``COLUMNS`` (marked with ``QT_TRANSLATE_NOOP`` in its translation
``CONTEXT``, so lupdate collects them) and renders a cell in ``data``; loading replaces
all rows at once (a model reset).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, ClassVar, Generic, TypeVar

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    QTimer,
)

from app.gc_rest import MANY_ROWS, settle_young

Index = QModelIndex | QPersistentModelIndex
R = TypeVar("R")


class RowTableModel(QAbstractTableModel, Generic[R]):
    CONTEXT: ClassVar[str]
    COLUMNS: ClassVar[tuple[object, ...]]  # QT_TRANSLATE_NOOP marks; str() gives the text

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[R] = []

    def set_rows(self, rows: Sequence[R]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()
        if len(self._rows) >= MANY_ROWS:  # they live on: out of the collector's way
            QTimer.singleShot(0, settle_young)  # once the rows are painted

    def row_at(self, row: int) -> R:
        return self._rows[row]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if orientation is Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return QCoreApplication.translate(self.CONTEXT, str(self.COLUMNS[section]))
        return None
