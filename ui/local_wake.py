"""A commit on this console, brought to the GUI thread.

``LocalChanges`` calls its listeners on the committing thread (a worker of the
executor). Nothing Qt may be touched there: a page can be deleted on the GUI thread at
that very moment (a sign-out), and emitting a signal of a deleted object crashes the
process. So the listener only hands a call to the event loop
(``call_soon_threadsafe``); on the GUI thread that call emits ``committed`` if the
object is still alive. Closed or destroyed, the listener is unhooked.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass

import shiboken6
from PySide6.QtCore import QObject, Signal

from app.services.console import LocalChanges


@dataclass
class _Hook:
    alive: bool = True


def _gui_loop() -> asyncio.AbstractEventLoop:
    try:
        return asyncio.get_running_loop()
    except RuntimeError:  # built outside a callback: the loop qasync installed
        return asyncio.get_event_loop()


class LocalChangeWake(QObject):
    committed = Signal()

    def __init__(self, changes: LocalChanges | None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        hook = _Hook()
        loop = _gui_loop()

        def deliver() -> None:  # the GUI thread
            if hook.alive and shiboken6.isValid(self):
                self.committed.emit()

        def on_commit() -> None:  # the committing thread: no Qt here
            if hook.alive and not loop.is_closed():
                try:
                    loop.call_soon_threadsafe(deliver)
                except RuntimeError:  # the loop closed meanwhile
                    pass

        def close() -> None:
            if hook.alive:
                hook.alive = False
                if changes is not None:
                    changes.remove_listener(on_commit)

        if changes is not None:
            changes.add_listener(on_commit)
        self._close = close
        self.destroyed.connect(close)  # a closure: it never touches the deleted object

    def close(self) -> None:
        self._close()
