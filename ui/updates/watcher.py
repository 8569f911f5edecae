"""When the console looks for an update and when it installs one.

The check (network and disk: download, verify, unpack) runs in the executor every
``update_check_minutes``, never on the GUI thread. A staged update is installed only at
the idle lock (``SessionGuard.lock_due``): nobody is in the middle of something; the
console then starts again on the new version (ui.updates.restart). A refusal is shown
to IT in a strip above every screen (``UpdateNotice``), translated; the core audited it.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget

from app.updates.service import UpdateRefused, UpdateService
from ui.async_ops import AsyncOps
from ui.error_text import error_text

log = logging.getLogger(__name__)

FIRST_CHECK_MS = 60_000  # not during the start: the sync and the board come first


class UpdateWatcher(QObject):
    staged = Signal(str)  # the version waiting for the idle lock
    installed = Signal(str)  # the version the console starts again on
    refused = Signal(str)  # the translated message for IT

    def __init__(
        self, service: UpdateService, ops: AsyncOps, minutes: int, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._service, self._ops = service, ops
        self._checking = False
        self._waiting: str | None = service.install_dir.staged()  # staged by an earlier run
        self.timer = QTimer(self)
        self.timer.setInterval(minutes * 60_000)
        self.timer.setTimerType(Qt.TimerType.VeryCoarseTimer)
        self.timer.timeout.connect(self.check_now)

    @property
    def waiting(self) -> str | None:
        return self._waiting

    def start(self, first_check_ms: int = FIRST_CHECK_MS) -> None:
        self.timer.start()
        QTimer.singleShot(first_check_ms, self, self.check_now)

    def check_now(self) -> None:
        if self._checking:  # a slow download still running: one at a time
            return
        self._checking = True
        self._ops.run(
            self._service.check_and_stage,
            on_success=self._checked,
            on_error=self._check_failed,
            owner=self,
        )

    def at_idle_lock(self) -> None:
        if self._waiting is None:
            return
        self._ops.run(self._service.install_staged, on_success=self._installed, owner=self)

    def _checked(self, version: str | None) -> None:
        self._checking = False
        if version is not None and version != self._waiting:
            self._waiting = version
            self.staged.emit(version)

    def _check_failed(self, error: BaseException) -> bool:
        self._checking = False
        if isinstance(error, UpdateRefused):
            self.refused.emit(error_text(error))
            return True
        return False  # a bug: the crash presenter shows it

    def _installed(self, switched: object) -> None:
        self._waiting = None
        now = getattr(switched, "now", None)
        if now is not None:
            self.installed.emit(str(now))


class UpdateNotice(QFrame):
    """A strip for IT above every screen: why an update was refused; dismissed by a tap."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("updateNotice")
        # The sync banner's "attention" colours (contrast checked there).
        self.setStyleSheet("QFrame#updateNotice { background: #5c1f1f; color: #ffd6d6; }")
        self.text = QLabel()
        self.text.setObjectName("updateNoticeText")
        self.text.setWordWrap(True)
        self.dismiss = QPushButton(self.tr("Dismiss"))
        self.dismiss.setObjectName("updateNoticeDismiss")
        self.dismiss.setAccessibleName(self.tr("Dismiss the update notice"))
        self.dismiss.clicked.connect(self.hide)
        row = QHBoxLayout(self)
        row.setContentsMargins(12, 6, 12, 6)
        row.addWidget(self.text, 1)
        row.addWidget(self.dismiss)
        self.hide()

    def show_refusal(self, text: str) -> None:
        self.text.setText(text)
        self.setAccessibleName(text)
        self.show()


def attach_updates(
    window: QObject,
    service: UpdateService,
    ops: AsyncOps,
    minutes: int,
    restart: Callable[[str], None] | None = None,
) -> UpdateWatcher:
    """The watcher on ``window``: installs at its guard's idle lock, then ``restart``s
    the console on the new version; refusals in a strip."""
    watcher = UpdateWatcher(service, ops, minutes, window)
    if restart is not None:
        watcher.installed.connect(restart)
    notice = UpdateNotice()
    window.add_banner(notice)  # type: ignore[attr-defined]
    watcher.refused.connect(notice.show_refusal)
    window.guard.lock_due.connect(watcher.at_idle_lock)  # type: ignore[attr-defined]
    watcher.notice = notice  # type: ignore[attr-defined]
    return watcher
