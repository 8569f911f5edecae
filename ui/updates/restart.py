"""The console starts again on a version installed at the idle lock.

The install happens only at the idle lock (nobody is in the middle of something, and
everything recorded is already in the store), so the console closes there and then,
with ``RESTART_FOR_UPDATE`` as its exit code: the launcher (packaging/linux/
vip-console-launch) starts the new current version at once, and the kiosk's unit and
task restart on that code too. A kiosk's guard lets this one close through.
"""

from __future__ import annotations

import logging
from typing import Protocol

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QWidget

from app.updates.installed import RESTART_FOR_UPDATE

log = logging.getLogger(__name__)


class ClosingGuard(Protocol):
    def let_close(self) -> None: ...


class RestartForUpdate(QObject):
    """``restart(version)`` closes ``window``; ``exit_code`` is then the console's."""

    def __init__(self, window: QWidget, guard: ClosingGuard | None = None) -> None:
        super().__init__(window)
        self._window, self._guard = window, guard
        self.exit_code = 0

    def restart(self, version: str) -> None:
        log.warning("update: version %s installed; the console starts again on it", version)
        self.exit_code = RESTART_FOR_UPDATE
        if self._guard is not None:
            self._guard.let_close()
        self._window.close()
