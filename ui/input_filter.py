"""The console's input filters, behind one that lets only input by, on its windows.

A filter sees each event as Python objects. Installed on the application, it saw every
event of every object: each paint, layout, move and resize of every widget (several
hundred for one swipe's card), the window's activation told to each of its widgets,
and Qt's private objects (an animation's timer, a text label's engine, the style),
the first of which made PySide create the enums of every widget class (some 20 ms).

``InputOnly`` lets only input through to the filters it holds (the first that eats an
event ends it), and ``WindowInput`` puts it on the console's windows, where the
windowing system delivers every key, tap and click first, before the widget that
will have it: the main window once it shows, and each window that takes the keyboard
(a dialog, a message).
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QGuiApplication, QInputEvent, QWindow


class InputOnly(QObject):
    """``filters`` see the input events in their order; the first that eats one ends it."""

    def __init__(self, filters: Sequence[QObject], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.filters = tuple(filters)

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        if not isinstance(event, QInputEvent):
            return False
        return any(each.eventFilter(obj, event) for each in self.filters)


class WindowInput(QObject):
    """Puts ``input_filter`` on each window that takes the keyboard (``watch`` puts it
    on one now: the main window once shown). Installing it again on a window moves it,
    never doubles it."""

    def __init__(
        self, input_filter: QObject, app: QGuiApplication, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.input_filter = input_filter
        app.focusWindowChanged.connect(self.watch)

    def watch(self, window: QWindow | None) -> None:
        if window is not None:
            window.installEventFilter(self.input_filter)
