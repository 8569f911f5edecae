"""The live KPIs for one widget on screen: read again soon after any write on the floor.

What wakes a read: a commit on this console (``LocalChangeWake``), the board's rows
arriving (the shell hands them to every page after the sync applied changes from other
consoles, and on the board's own reloads: ``poke``), and a slow timer for what no write
announces (a clock that fell late). Wakes within ``COALESCE_MS`` are one read; a wake
during a read asks for one more after it. A hidden widget does not read: it reads when
shown if something changed meanwhile. Locked or signed out: nothing reads.

A read asks the helpdesk first (the whole property, on the loop: ``KpiService.remote``)
and falls back on the console's own store in the executor (``KpiService.local``). A
strip's feed (``strip=True``) reads the strip's figures alone (``remote_strip``,
``local_strip``: every role may), the dashboard's the whole report.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal

from app.permissions import Action
from ui.local_wake import LocalChangeWake

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from ui.shell.pages import PageEnv

COALESCE_MS = 400  # a burst of writes (a replay, an incident and its events) is one read
FALLBACK_MS = 60_000  # no write, yet clocks run: a pending SLA falls late


class KpiFeed(QObject):
    updated = Signal(object)  # LiveKpis, or LiveStrip for a strip's feed

    def __init__(self, env: PageEnv, shown_in: QWidget, *, strip: bool = False) -> None:
        super().__init__(shown_in)
        self._env = env
        self._shown_in = shown_in
        kpis = env.services.kpis
        self._remote_read = kpis.remote_strip if strip else kpis.remote
        self._local_read = kpis.local_strip if strip else kpis.local
        self._action = Action.KPI_STRIP if strip else Action.KPI_VIEW
        self.latest: object | None = None
        self.reads = 0  # reads started (what the tests count)
        self._reading = False
        self._again = False
        self._stale = True
        self._suspended = False
        self._soon = QTimer(self)
        self._soon.setSingleShot(True)
        self._soon.setInterval(COALESCE_MS)
        self._soon.timeout.connect(self._read)
        self._slow = QTimer(self)
        self._slow.setInterval(FALLBACK_MS)
        self._slow.timeout.connect(self.poke)
        self._slow.start()
        self._wake = LocalChangeWake(env.services.local_changes, self)
        self._wake.committed.connect(self.poke)

    def poke(self) -> None:
        """Something may have changed: a read soon, if anyone sees it."""
        self._stale = True
        if self._suspended or not self._shown_in.isVisible():
            return
        if not self._soon.isActive():
            self._soon.start()

    def read_now(self) -> None:
        """A read at once, shown or not (what a screenshot waits for)."""
        self._soon.stop()
        self._reading, self._stale = True, False
        self._start_read()

    def shown(self) -> None:
        if self._stale:
            self.poke()

    def suspend(self) -> None:
        self._suspended = True
        self._soon.stop()
        self._slow.stop()

    def resume(self) -> None:
        self._suspended = False
        self._slow.start()
        self.poke()

    def _read(self) -> None:
        if self._suspended or not self._shown_in.isVisible():
            self._stale = True  # hidden meanwhile (another page, a sign-out): read when shown
            return
        if self._reading:
            self._again = True
            return
        self._reading, self._stale = True, False
        self._start_read()

    def _start_read(self) -> None:
        self.reads += 1
        read, actor = self._remote_read, self._env.actor
        self._env.ops.run_coro(
            lambda: read(actor), on_success=self._remote, on_error=self._failed, owner=self
        )

    def _remote(self, live: object | None) -> None:
        kpis, actor = self._env.services.kpis, self._env.actor
        if live is not None:
            self._show(live)
            # Audited here, as the store's reads are in the service.
            self._env.ops.run(kpis.note_remote_view, actor, self._action, owner=self)
            return
        self._env.ops.run(
            self._local_read, actor, on_success=self._show, on_error=self._failed, owner=self
        )

    def _show(self, live: object) -> None:
        self.latest = live
        self.updated.emit(live)
        self._done()

    def _failed(self, _exc: BaseException) -> bool:
        self._done()
        return False  # shown like any other failure (a refusal: the core's words)

    def _done(self) -> None:
        self._reading = False
        if self._again:
            self._again = False
            self.poke()
