"""The console's asyncio loop on Qt's: qasync's, with ``call_soon`` taken in rounds.

qasync makes every ``call_soon`` a Qt timer of its own, after checking that the
callback is no coroutine function: some 22 us of the GUI thread each (the check alone
9 us), which asyncio's own loop does only in debug mode. A replay of 10,000 changes
schedules about 40,000 of them: 0.9 s of the GUI's thread in a 6 s replay, in bursts
of hundreds as each batch's answer wakes its writes, and a tap waits behind a burst.

Here a ``call_soon`` joins a round: the first of a round asks Qt for one zero timer,
and that timer runs the handles the round holds when it fires, in order, as asyncio's
``_run_once`` runs its ready queue. What they schedule while running goes to the next
round, so Qt's own events (input, paint) still come between rounds.

A worker thread's answer (``call_soon_threadsafe``) runs when Qt delivers the wake-up
it posts, and the round it fills (the task it wakes) right after: qasync made it a
``call_soon`` of the next turn of the loop, and the task a turn after that, two turns
of Qt's loop between a swipe's lookup and its card.

Its default executor (``asyncio.to_thread``) is Python's thread pool, which starts a
thread when there is work for it: qasync's starts ten QThreads at its first job, some
13 ms of the GUI's thread at the end of the start.
"""

from __future__ import annotations

import asyncio
import threading
from collections import deque
from concurrent.futures import ThreadPoolExecutor
from contextvars import Context
from typing import Any

from ui import pyside_imports

pyside_imports.install()  # before qasync imports PySide6 (ui/pyside_imports.py)

import qasync  # noqa: E402
from PySide6.QtCore import QObject, Qt, Signal  # noqa: E402

DEFAULT_WORKERS = 4  # asyncio.to_thread's: the embedded helpdesk's start and stop, counts


class _Wake(QObject):
    woken = Signal()


class ConsoleEventLoop(qasync.QEventLoop):  # type: ignore[misc]
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.set_default_executor(
            ThreadPoolExecutor(DEFAULT_WORKERS, thread_name_prefix="loop-default")
        )
        self._round: deque[asyncio.Handle] = deque()
        self._round_asked = False
        self._from_threads: deque[asyncio.Handle] = deque()
        self._wake_lock = threading.Lock()
        self._wake_sent = False
        self._wake = _Wake()
        # Queued even when called on the loop's own thread: never run in the caller.
        self._wake.woken.connect(self._run_from_threads, Qt.ConnectionType.QueuedConnection)

    def call_soon(
        self, callback: Any, *args: Any, context: Context | None = None
    ) -> asyncio.Handle:
        handle = asyncio.Handle(callback, args, self, context=context)
        self._round.append(handle)
        if not self._round_asked:
            self._round_asked = True
            super().call_soon(self._run_round)
        return handle

    def call_soon_threadsafe(
        self, callback: Any, *args: Any, context: Context | None = None
    ) -> asyncio.Handle:
        handle = asyncio.Handle(callback, args, self, context=context)
        with self._wake_lock:
            self._from_threads.append(handle)
            if self._wake_sent:
                return handle  # the wake-up on its way runs it too
            self._wake_sent = True
        self._wake.woken.emit()
        return handle

    def close(self) -> None:
        if not self.is_closed():
            self._wake.woken.disconnect(self._run_from_threads)
        super().close()

    def _run_from_threads(self) -> None:
        with self._wake_lock:
            self._wake_sent = False
            handles = list(self._from_threads)
            self._from_threads.clear()
        if self._round:
            self._run_round()  # scheduled before them: first, as asyncio's order has it
        for handle in handles:
            if not handle._cancelled:
                handle._run()
        if self._round:
            self._run_round()  # what they woke (a task awaiting the worker): now

    def _run_round(self) -> None:
        self._round_asked = False  # what the round schedules asks for the next one
        for _ in range(len(self._round)):
            handle = self._round.popleft()
            if not handle._cancelled:
                handle._run()  # an exception goes to the loop's handler, as asyncio's do
