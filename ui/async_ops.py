"""The one helper for asynchronous UI actions (Anki ``CollectionOp``, qasync ``asyncSlot``).

``AsyncOps.run(fn, *args, on_success=..., busy=widget)`` runs a blocking core call in an
executor on the qasync loop, disables ``busy`` meanwhile (restored in ``finally``),
hands the result to ``on_success`` on the GUI thread (dropped when it is a method of a
widget deleted meanwhile) and sends failures to ``on_error`` or to the one error
presenter. It keeps a reference to every task and
cancels them all on ``shutdown`` (connected to ``aboutToQuit``).
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from concurrent.futures import Executor, ThreadPoolExecutor
from typing import Any

import shiboken6
from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

log = logging.getLogger(__name__)

ErrorPresenter = Callable[[BaseException], None]


def log_error(exc: BaseException) -> None:
    log.error("background action failed", exc_info=exc)


def _owner_alive(callback: Callable[..., Any]) -> bool:
    """False when ``callback`` is a method of a widget (or object) deleted meanwhile, or a
    closure over one (``lambda rows: self._show(...)``): the result of a page dropped by
    a sign-out or a switch of user is dropped with it."""
    owners = [getattr(callback, "__self__", None)]
    for cell in getattr(callback, "__closure__", None) or ():
        try:
            owners.append(cell.cell_contents)
        except ValueError:  # a cell not filled yet
            continue
    return all(shiboken6.isValid(o) for o in owners if isinstance(o, QObject))


class AsyncOps(QObject):
    """Runs actions off the GUI thread; owned by the application, shared by features."""

    busy_changed = Signal(bool)

    def __init__(
        self,
        executor: Executor | None = None,
        present_error: ErrorPresenter = log_error,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._own_executor = executor is None
        self._executor = executor or ThreadPoolExecutor(2, thread_name_prefix="vip-ui")
        self._present_error = present_error
        self._tasks: set[asyncio.Task[Any]] = set()

    @property
    def pending(self) -> int:
        return len(self._tasks)

    def run(
        self,
        fn: Callable[..., Any],
        *args: Any,
        on_success: Callable[[Any], None] | None = None,
        on_error: Callable[[BaseException], bool | None] | None = None,
        busy: QWidget | None = None,
    ) -> asyncio.Task[Any]:
        """Run ``fn(*args)`` in the executor. ``on_error`` returns True when it handled it."""

        async def blocking() -> Any:
            loop = asyncio.get_running_loop()
            return await loop.run_in_executor(self._executor, lambda: fn(*args))

        return self.run_coro(blocking, on_success=on_success, on_error=on_error, busy=busy)

    def run_coro(
        self,
        factory: Callable[[], Awaitable[Any]],
        *,
        on_success: Callable[[Any], None] | None = None,
        on_error: Callable[[BaseException], bool | None] | None = None,
        busy: QWidget | None = None,
    ) -> asyncio.Task[Any]:
        async def wrapped() -> Any:
            try:
                result = await factory()
            except asyncio.CancelledError:
                raise
            except Exception as exc:  # one place decides how failures are shown
                handled = on_error(exc) if on_error is not None else False
                if not handled:
                    self._present_error(exc)
                return None
            if on_success is not None and _owner_alive(on_success):
                on_success(result)
            return result

        # Busy at once, not when the task first runs: a second tap must find it disabled.
        if busy is not None:
            busy.setEnabled(False)
        task = asyncio.ensure_future(wrapped())
        self._tasks.add(task)
        self.busy_changed.emit(True)

        def finished(done: asyncio.Task[Any]) -> None:
            self._tasks.discard(done)
            if busy is not None and shiboken6.isValid(busy):
                busy.setEnabled(True)
            if shiboken6.isValid(self):
                self.busy_changed.emit(bool(self._tasks))

        task.add_done_callback(finished)
        return task

    def shutdown(self) -> None:
        for task in list(self._tasks):
            task.cancel()
        if self._own_executor:
            self._executor.shutdown(wait=False, cancel_futures=True)
