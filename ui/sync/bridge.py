"""The engine's status as a Qt signal (the engine is Qt-free and calls plain listeners)."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from app.sync.status import SyncStatus


class SyncStatusBridge(QObject):
    """Re-emits each status the engine reports; the engine runs on this thread's loop."""

    status_changed = Signal(object)  # SyncStatus

    def __init__(self, engine: object, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.status: SyncStatus = engine.status  # type: ignore[attr-defined]
        engine.add_listener(self._changed)  # type: ignore[attr-defined]

    def _changed(self, status: SyncStatus) -> None:
        self.status = status
        self.status_changed.emit(status)
