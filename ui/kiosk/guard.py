"""Holds the console window as a kiosk: full screen, no frame, no way to the desktop.

A close (the window manager's button, Alt+F4, the session's own close) is refused and
opens the IT PIN dialog instead; Escape and Ctrl+Q / Ctrl+W do nothing on the window;
a window minimised or taken out of full screen goes back. Only the core's
``KioskExit`` answering yes to IT's PIN lets the window close (and the console end
with exit code 0, so the system does not start it again: docs/kiosk.md).
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import QWidget

from app.kiosk import KioskExit
from ui.async_ops import AsyncOps
from ui.kiosk.awake import BoardAwake
from ui.kiosk.exit_dialog import KioskExitDialog

log = logging.getLogger(__name__)

KIOSK_FLAGS = Qt.WindowType.FramelessWindowHint | Qt.WindowType.WindowStaysOnTopHint
EXIT_SHORTCUT = "Ctrl+Alt+Q"  # IT's keyboard way to the PIN dialog (so is Alt+F4)
_SWALLOWED = (
    QKeySequence.StandardKey.Close,
    QKeySequence.StandardKey.Quit,
)


class KioskGuard(QObject):
    def __init__(
        self,
        window: QWidget,
        kiosk: KioskExit,
        ops: AsyncOps,
        board_visible: Callable[[], bool] = lambda: False,
    ) -> None:
        super().__init__(window)
        self.window, self._kiosk, self._ops = window, kiosk, ops
        self.exit_allowed = False
        self.dialog: KioskExitDialog | None = None
        window.installEventFilter(self)
        self._shortcut = QShortcut(QKeySequence(EXIT_SHORTCUT), window)
        self._shortcut.setContext(Qt.ShortcutContext.ApplicationShortcut)
        self._shortcut.activated.connect(self.ask_for_pin)
        self.awake = BoardAwake(board_visible, self)

    def show(self) -> None:
        self.window.setWindowFlags(self.window.windowFlags() | KIOSK_FLAGS)
        self.window.showFullScreen()
        QTimer.singleShot(0, self._say_where)  # once the loop runs: the window is up

    def _say_where(self) -> None:
        """Where the kiosk went, for IT's log (the screen it must fill)."""
        screen = self.window.screen()
        size = screen.geometry().size()
        log.info("kiosk: full screen on %s (%dx%d)", screen.name(), size.width(), size.height())

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if watched is not self.window:
            return False
        kind = event.type()
        if kind == QEvent.Type.Close and not self.exit_allowed:
            event.ignore()
            log.info("kiosk: a close was refused")
            QTimer.singleShot(0, self.ask_for_pin)
            return True
        if kind == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            if event.key() == Qt.Key.Key_Escape or any(event.matches(k) for k in _SWALLOWED):
                return True
            if event.key() == Qt.Key.Key_F4 and event.modifiers() & Qt.KeyboardModifier.AltModifier:
                self.ask_for_pin()
                return True
        if kind == QEvent.Type.WindowStateChange and not self.exit_allowed:
            if not self.window.isFullScreen():  # minimised or restored by the system
                QTimer.singleShot(0, self.window.showFullScreen)
        return False

    def ask_for_pin(self) -> None:
        if self.dialog is not None and self.dialog.isVisible():
            self.dialog.raise_()
            return
        self.dialog = KioskExitDialog(self._kiosk, self._ops, self.window)
        self.dialog.exit_allowed.connect(self._leave)
        self.dialog.open()
        log.info("kiosk: IT PIN asked")

    def _leave(self) -> None:
        log.warning("kiosk: IT's PIN accepted; the console closes")
        self.let_close()
        self.window.close()

    def let_close(self) -> None:
        """The next close goes through: IT's PIN, or a restart into an installed update."""
        self.exit_allowed = True
        self.awake.release()
