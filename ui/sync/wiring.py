"""Puts the sync into the running console: banner on the window, engine on the loop.

Kept out of ``MainWindow`` (which only offers a place for the banner) and out of
``run_console`` (which only calls ``attach_sync``).
"""

from __future__ import annotations

import asyncio
import logging
import sys
from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QApplication

from app.gc_rest import start_made
from ui.async_ops import AsyncOps
from ui.sync.bridge import SyncStatusBridge
from ui.sync.status_banner import SyncStatusBanner

if TYPE_CHECKING:
    from ui.main_window import MainWindow
    from ui.sync.review import SyncReviewDialog

log = logging.getLogger(__name__)

STOP_TIMEOUT_S = 5.0


class SyncAttachment:
    """What ``attach_sync`` made; ``stop()`` ends the engine (awaitable, bounded)."""

    def __init__(self, window: MainWindow, sync: Any, ops: AsyncOps) -> None:
        self.sync = sync
        self.bridge = SyncStatusBridge(sync.engine, window)
        self.banner = SyncStatusBanner(self.bridge.status)
        self.bridge.status_changed.connect(self.banner.show_status)
        self.banner.review_requested.connect(self.open_review)
        self._window, self._ops = window, ops
        self._start: asyncio.Task[None] | None = None
        self.review: SyncReviewDialog | None = None
        self._attention = (-1, -1)
        self._received = self.bridge.status.received
        self.bridge.status_changed.connect(self._reload_views)
        self.bridge.status_changed.connect(self._refresh_review)
        window.add_banner(self.banner)
        window.language_changed.connect(self._speak)

    def _speak(self, _language: str) -> None:
        """The banner words its status again; the review is built again when opened."""
        self.banner.show_status(self.bridge.status)
        if self.review is not None:
            self.review.close()
            self.review.deleteLater()
            self.review = None

    def start(self) -> None:
        self._start = asyncio.ensure_future(self.sync.start())

    async def stop(self) -> None:
        if self._start is not None and not self._start.done():
            self._start.cancel()
        try:
            await asyncio.wait_for(self.sync.stop(), STOP_TIMEOUT_S)
        except Exception:
            log.exception("the sync did not stop cleanly")

    def open_review(self) -> None:
        if self.review is None:
            from ui.sync.review import SyncReviewDialog  # built when first opened, not at start

            self.review = SyncReviewDialog(
                self.sync.engine, self._ops, lambda: self._window.actor, self._window
            )
        self.review.reload()
        self.review.show()
        self.review.raise_()

    def _reload_views(self, status: Any) -> None:
        """Changes from other consoles show on the board at once, not at its next poll."""
        if status.received != self._received:
            self._received = status.received
            self._window.reload_board()

    def _refresh_review(self, status: Any) -> None:
        attention = (status.dead, status.conflicts)
        if attention != self._attention and self.review is not None and self.review.isVisible():
            self.review.reload()
        self._attention = attention


GUI_GIL_WAIT_S = 0.0005


def hand_the_gil_over_sooner() -> None:
    """A thread asking for the GIL gets it after half a millisecond, not five.

    While the store thread decodes and applies a big pull, each time the GUI loop
    comes back from Qt into Python (a timer, a socket, a task) it waits for the GIL
    up to the switch interval: several waits per turn of the loop made 20-30 ms
    stalls. The store thread only pays a thread switch when the GUI actually asks.
    """
    sys.setswitchinterval(GUI_GIL_WAIT_S)


def attach_sync(app: QApplication, window: MainWindow, sync: Any, ops: AsyncOps) -> SyncAttachment:
    """Banner on ``window``, engine started; closing the last window stops it, then quits."""
    attachment = SyncAttachment(window, sync, ops)
    start_made()  # the start-up heap, made: out of the collector's way (app/gc_rest.py)
    hand_the_gil_over_sooner()
    app.setQuitOnLastWindowClosed(False)

    async def stop_then_quit() -> None:
        try:
            await attachment.stop()
        finally:
            app.quit()

    stopping: list[asyncio.Task[None]] = []  # a reference, so the task is not collected
    app.lastWindowClosed.connect(lambda: stopping.append(asyncio.ensure_future(stop_then_quit())))
    attachment.start()
    return attachment
