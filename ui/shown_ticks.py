"""Clocks that tick only what is on screen.

The floor map's tables and an incident's timers tick every second, as countdowns a user
reads. Behind another page such a tick repaints nothing and only takes the GUI thread
from what the user is doing (a swipe's card, a sync's batch): so the timer keeps
running (a page never misses its resumption) but a tick while hidden does nothing, and
the view ticks once the moment it shows again. (The board's model ticks even when it
is hidden: its due SLA changes reload the board, which every page reads.)
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QTimer

from ui.input_first import tick_after_input


class ShownTicks:
    """Mixed in before the QWidget: ``timer`` calls ``_tick_if_shown``; ``tick`` is the
    view's own. (Annotations only: nothing here hides the widget's own methods.)"""

    timer: QTimer
    tick: Callable[[], Any]
    isVisible: Callable[[], bool]  # noqa: N815 - the QWidget's

    def _tick_if_shown(self) -> None:
        if self.isVisible():
            tick_after_input(self, self.tick)  # type: ignore[arg-type]

    def showEvent(self, event: Any) -> None:  # noqa: N802 - Qt API
        super().showEvent(event)  # type: ignore[misc]
        if self.timer.isActive():
            self.tick()  # what it shows was not ticked while hidden
