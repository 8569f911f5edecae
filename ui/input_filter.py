"""The console's application-wide event filters, behind one that lets only input by.

An application-wide filter sees every event of the application as Python objects:
each paint, layout, move and resize of every widget, several hundred for one swipe's
card. The swipe's filter and the session's look only at input; installed side by side,
each event crossed into Python twice (an eighth of the GUI thread's work between a
swipe's answer and its painted card). Behind this one it crosses once, and only input
reaches them.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QInputEvent


class InputOnly(QObject):
    """``filters`` see the input events in their order; the first that eats one ends it."""

    def __init__(self, filters: Sequence[QObject], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.filters = tuple(filters)

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        if not isinstance(event, QInputEvent):
            return False
        return any(each.eventFilter(obj, event) for each in self.filters)
