"""Keeps the screen awake while the board is visible (a kiosk's floor tablet).

How, by platform (docs/kiosk.md):

* Linux: ``org.freedesktop.ScreenSaver.Inhibit`` on the session bus through QtDBus
  (desktops and most kiosk compositors implement it); without it, a
  ``systemd-inhibit --what=idle`` child held as long as the board shows; without
  either, nothing: the log says so once and the device's power settings decide.
* Windows: ``SetThreadExecutionState(ES_CONTINUOUS | ES_DISPLAY_REQUIRED)`` on the GUI
  thread, cleared on release. Written and documented, not testable on the Linux
  machines this project is built on.

The board's visibility is polled every few seconds: a few seconds late is nothing
against a screen-saver's minutes, and the board's own module needs no hook.
"""

from __future__ import annotations

import ctypes
import logging
import shutil
import sys
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QProcess, QTimer

log = logging.getLogger(__name__)

POLL_MS = 3000
REASON = "The VIP board is on screen"
APP = "VIP Host Console"
ES_CONTINUOUS, ES_SYSTEM_REQUIRED, ES_DISPLAY_REQUIRED = 0x80000000, 0x1, 0x2


class ScreenInhibitor:
    """One hold on the screen-saver at a time; ``how`` names the way it was taken."""

    def __init__(self) -> None:
        self.how: str | None = None
        self._cookie: int | None = None
        self._child: QProcess | None = None
        self._said_no_way = False  # the poll tries again every tick; the log says it once

    @property
    def held(self) -> bool:
        return self.how is not None

    def hold(self) -> None:
        if self.held:
            return
        if sys.platform == "win32":
            self.how = (
                "windows" if _windows_state(ES_DISPLAY_REQUIRED | ES_SYSTEM_REQUIRED) else None
            )
        elif self._dbus_inhibit():
            self.how = "dbus"
        elif self._systemd_inhibit():
            self.how = "systemd-inhibit"
        if self.how is None and not self._said_no_way:
            self._said_no_way = True
            log.info("no way to keep the screen awake here; the power settings decide")

    def release(self) -> None:
        if self.how == "windows":
            _windows_state(0)
        elif self.how == "dbus" and self._cookie is not None:
            _screensaver().call("UnInhibit", self._cookie)
        elif self.how == "systemd-inhibit" and self._child is not None:
            self._child.kill()
            self._child.waitForFinished(1000)
        self.how, self._cookie, self._child = None, None, None

    def _dbus_inhibit(self) -> bool:
        iface = _screensaver()
        if iface is None or not iface.isValid():
            return False
        reply = iface.call("Inhibit", APP, REASON)
        cookie = reply.arguments()[0] if reply.arguments() else None
        if not isinstance(cookie, int):
            return False
        self._cookie = cookie
        return True

    def _systemd_inhibit(self) -> bool:
        tool = shutil.which("systemd-inhibit")
        if tool is None:
            return False
        child = QProcess()
        args = ["--what=idle", f"--who={APP}", f"--why={REASON}", "--mode=block"]
        child.start(tool, [*args, "sleep", "infinity"])
        if not child.waitForStarted(1000):
            return False
        self._child = child
        return True


def _screensaver() -> Any:  # a QDBusInterface, or None without QtDBus or a session bus
    try:
        from PySide6.QtDBus import QDBusConnection, QDBusInterface
    except ImportError:
        return None
    bus = QDBusConnection.sessionBus()
    if not bus.isConnected():
        return None
    path = "/org/freedesktop/ScreenSaver"
    return QDBusInterface("org.freedesktop.ScreenSaver", path, "org.freedesktop.ScreenSaver", bus)


def _windows_state(flags: int) -> bool:
    """Windows only: ``ES_CONTINUOUS | flags`` for this (the GUI) thread; 0 clears it."""
    kernel32 = ctypes.windll.kernel32  # type: ignore[attr-defined]
    return bool(kernel32.SetThreadExecutionState(ES_CONTINUOUS | flags))


class BoardAwake(QObject):
    """Holds the ``ScreenInhibitor`` while ``board_visible()`` says the board shows."""

    def __init__(self, board_visible: Callable[[], bool], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.inhibitor = ScreenInhibitor()
        self._board_visible = board_visible
        self._timer = QTimer(self)
        self._timer.setInterval(POLL_MS)
        self._timer.timeout.connect(self.follow)
        self._timer.start()

    def follow(self) -> None:
        if self._board_visible():
            self.inhibitor.hold()
        else:
            self.inhibitor.release()

    def release(self) -> None:
        self._timer.stop()
        self.inhibitor.release()
