"""A commit on this console, brought to the GUI thread.

``LocalChanges`` calls its listeners on the committing thread (a worker of the
executor); a widget must not be touched there. ``LocalChangeWake`` only re-emits a
queued ``committed`` signal, so its slots run on the GUI thread, and it unhooks
itself when closed or destroyed, so a page that goes is never called again.
"""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import QObject, Signal

from app.services.console import LocalChanges


class LocalChangeWake(QObject):
    committed = Signal()

    def __init__(self, changes: LocalChanges | None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._changes = changes
        if changes is not None:
            changes.add_listener(self._on_commit)
        self.destroyed.connect(self.close)

    def close(self) -> None:
        if self._changes is not None:
            self._changes.remove_listener(self._on_commit)
            self._changes = None

    def _on_commit(self) -> None:  # the committing thread: only re-emit
        if self._changes is not None and shiboken6.isValid(self):
            self.committed.emit()  # across threads: queued to the GUI thread
