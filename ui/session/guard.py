"""Counts user input and locks the console when the idle policy says so.

``InputActivityFilter`` is an application event filter: every key, mouse, wheel,
touch or tablet event tells the ``SessionGuard`` (``app.session.IdleLock``) that
someone is there. The guard checks once a second and emits ``lock_due``.
"""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QInputEvent

from app.actor import Actor
from app.clock import Clock
from app.session import IdleLock, Unlock

CHECK_MS = 1000

INPUT_EVENTS = frozenset(
    {
        QEvent.Type.KeyPress,
        QEvent.Type.KeyRelease,
        QEvent.Type.MouseButtonPress,
        QEvent.Type.MouseButtonRelease,
        QEvent.Type.MouseButtonDblClick,
        QEvent.Type.MouseMove,
        QEvent.Type.Wheel,
        QEvent.Type.TouchBegin,
        QEvent.Type.TouchUpdate,
        QEvent.Type.TouchEnd,
        QEvent.Type.TabletPress,
        QEvent.Type.TabletMove,
        QEvent.Type.TabletRelease,
    }
)


class SessionGuard(QObject):
    lock_due = Signal()

    def __init__(self, clock: Clock, timeout: timedelta | None, parent: QObject | None = None):
        super().__init__(parent)
        self.clock = clock
        self.state = IdleLock.starting(timeout, clock.now())
        self.input_events = 0
        self.timer = QTimer(self)
        self.timer.setInterval(CHECK_MS)
        self.timer.setTimerType(Qt.TimerType.CoarseTimer)
        self.timer.timeout.connect(self.check)

    def start(self) -> None:
        self.state.touch(self.clock.now())
        self.timer.start()

    def stop(self) -> None:
        self.timer.stop()

    def activity(self) -> None:
        self.input_events += 1
        self.state.touch(self.clock.now())

    def check(self) -> bool:
        if self.state.due(self.clock.now()):
            self.lock_due.emit()
            return True
        return False

    def lock(self, actor: Actor | None) -> None:
        self.state.lock(actor)
        self.timer.stop()

    def unlock(self, actor: Actor) -> Unlock:
        outcome = self.state.unlock(actor, self.clock.now())
        self.timer.start()
        return outcome

    @property
    def locked(self) -> bool:
        return self.state.locked


class InputActivityFilter(QObject):
    """On the console's windows (or the application): any user input counts as
    activity; nothing is swallowed."""

    def __init__(self, guard: SessionGuard, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._guard = guard

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802
        # Every event of the application passes here: the rest (paints, layouts) leave
        # before their type is asked, a Python enum made for each (a swipe's hundreds).
        if not isinstance(event, QInputEvent):
            return False
        if event.type() in INPUT_EVENTS and (obj.isWindowType() or obj.isWidgetType()):
            self._guard.activity()
        return False
