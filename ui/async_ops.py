"""The one helper for asynchronous UI actions (Anki ``CollectionOp``, qasync ``asyncSlot``).

``AsyncOps.run(fn, *args, on_success=..., busy=widget)`` runs a blocking core call in an
executor on the qasync loop and disables ``busy`` meanwhile. One policy for all of them:

- ``busy`` is enabled again before the result or the failure is shown, so that what they
  show can take the focus (a wrong PIN puts the caret back in the PIN field);
- ``on_success`` runs on the GUI thread inside the error handling: what it raises is a
  failure of the action like one of the call, never an exception lost in the loop;
- a failure goes to ``on_error`` first (True: handled); else a refusal of the core (a
  ``KeyedError``: permission, validation, not found) goes to the refusal presenter, shown
  translated, and anything else is a bug for the error presenter (the crash dialog);
- the work belongs to an owner (``owner=``, else ``busy``, else the widget ``on_success``
  is a method of or a closure over): when the owner is destroyed or ``cancel_for`` an
  ancestor of it is called (a page dropped by a sign-out or a switch of user), the work
  is cancelled and its callbacks never run. A call already handed to the worker still
  finishes there (a write is never half-cancelled); its result is dropped.

Every task is kept and cancelled on ``shutdown`` (connected to ``aboutToQuit``).
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from concurrent.futures import Executor, Future, ThreadPoolExecutor
from functools import partial
from typing import Any

import shiboken6
from PySide6.QtCore import QCoreApplication, QObject, Qt
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from app.messages import KeyedError
from ui import input_first

log = logging.getLogger(__name__)

ErrorPresenter = Callable[[BaseException], None]
RefusalPresenter = Callable[[KeyedError], None]
ErrorHandler = Callable[[BaseException], bool | None]  # True: handled


def log_error(exc: BaseException) -> None:
    log.error("background action failed", exc_info=exc)


def show_refusal(refusal: KeyedError) -> None:
    """The default for a refusal nobody handled: the core's message, translated, in a box
    over the active window (not modal to the application: the staff keep working)."""
    from ui.error_text import error_text

    log.info("background action refused: %s", refusal)
    parent = _box_parent()
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Information)
    box.setWindowTitle(QCoreApplication.translate("AsyncOps", "Not done"))
    box.setText(error_text(refusal))
    box.setObjectName("refusalBox")
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
    if parent is None:  # nothing owns it: without a reference it would go unseen at once
        _UNOWNED_BOXES.add(box)
        box.finished.connect(lambda _result: _UNOWNED_BOXES.discard(box))
    box.open()


_UNOWNED_BOXES: set[QMessageBox] = set()


def _box_parent() -> QWidget | None:
    """The active window, else the console's window while another application is on
    top (the box waits over it), else nothing."""
    active = QApplication.activeWindow()
    if active is not None:
        return active
    shown = (w for w in QApplication.topLevelWidgets() if w.isVisible() and not w.parent())
    return next((w for w in shown if not isinstance(w, QMessageBox)), None)


def _closure_objects(callback: Callable[..., Any]) -> list[object]:
    """``callback``'s bound object and what it closes over (``lambda rows: self._show(...)``)."""
    found = [getattr(callback, "__self__", None)]
    for cell in getattr(callback, "__closure__", None) or ():
        try:
            found.append(cell.cell_contents)
        except ValueError:  # a cell not filled yet
            continue
    return found


def _owner_alive(callback: Callable[..., Any]) -> bool:
    """False when ``callback`` is a method of a widget (or object) deleted meanwhile, or a
    closure over one: the result of a page dropped by a sign-out is dropped with it."""
    return all(shiboken6.isValid(o) for o in _closure_objects(callback) if isinstance(o, QObject))


def _default_owner(busy: QWidget | None, on_success: Callable[..., Any] | None) -> QObject | None:
    if busy is not None:
        return busy
    if on_success is None:
        return None
    return next((o for o in _closure_objects(on_success) if isinstance(o, QObject)), None)


def _within(obj: QObject, ancestor: QObject) -> bool:
    here: QObject | None = obj
    while here is not None:
        if here is ancestor:
            return True
        here = here.parent()
    return False


def _release(busy: QWidget | None) -> None:
    if busy is not None and shiboken6.isValid(busy):
        busy.setEnabled(True)


def _on_loop(loop: asyncio.AbstractEventLoop, fn: Callable[..., Any], *args: Any) -> None:
    """``fn(*args)`` on ``loop``'s thread, unless the application quit meanwhile."""
    if loop.is_closed():
        return
    try:
        loop.call_soon_threadsafe(fn, *args)
    except RuntimeError:  # closed meanwhile
        pass


async def _worker_result(future: Future[Any]) -> Any:
    """Await ``future`` of the executor; cancelling the awaiting leaves the call running
    (a write handed over completes)."""
    loop = asyncio.get_running_loop()
    waiter: asyncio.Future[Any] = loop.create_future()

    def settle(done: Future[Any]) -> None:
        if waiter.done():  # cancelled: nobody waits for it (see _report_orphaned_bug)
            return
        if done.cancelled():  # the executor shut down
            waiter.cancel()
        elif (exc := done.exception()) is not None:
            waiter.set_exception(exc)
        else:
            waiter.set_result(done.result())

    future.add_done_callback(lambda done: _on_loop(loop, settle, done))
    return await waiter


def _report_orphaned_bug(task: asyncio.Task[Any], done: Future[Any]) -> None:
    """A call whose task was cancelled (its page went) and which then failed: nobody shows
    it, so a bug in it is logged rather than lost."""

    def check() -> None:
        late = None if done.cancelled() else done.exception()
        if task.cancelled() and late is not None and not isinstance(late, KeyedError):
            log.error("background call failed after its page went", exc_info=late)

    _on_loop(task.get_loop(), check)


class AsyncOps(QObject):
    """Runs actions off the GUI thread; owned by the application, shared by features."""

    def __init__(
        self,
        executor: Executor | None = None,
        present_error: ErrorPresenter = log_error,
        parent: QObject | None = None,
        *,
        present_refusal: RefusalPresenter = show_refusal,
    ) -> None:
        super().__init__(parent)
        self._own_executor = executor is None
        self._executor = executor or ThreadPoolExecutor(2, thread_name_prefix="vip-ui")
        self._present_error = present_error
        self._present_refusal = present_refusal
        self._tasks: dict[asyncio.Task[Any], QObject | None] = {}  # task -> its owner
        self._watched: set[int] = set()  # owners whose ``destroyed`` cancels their work

    @property
    def pending(self) -> int:
        return len(self._tasks)

    def run(
        self,
        fn: Callable[..., Any],
        *args: Any,
        on_success: Callable[[Any], None] | None = None,
        on_error: ErrorHandler | None = None,
        busy: QWidget | None = None,
        owner: QObject | None = None,
        user_waits: bool = False,
    ) -> asyncio.Task[Any]:
        """Run ``fn(*args)`` in the executor. ``on_error`` returns True when it handled it.
        ``user_waits``: the user waits for its answer (a swipe's card): the clocks'
        repaints wait until it is shown (ui/input_first.py)."""
        try:
            future = self._executor.submit(fn, *args)  # now: in order, a write never waits
        except RuntimeError:  # shut down: the application is quitting, nothing runs now
            future = Future()
            future.cancel()

        def blocking() -> Awaitable[Any]:
            return _worker_result(future)

        task = self.run_coro(
            blocking, on_success=on_success, on_error=on_error, busy=busy, owner=owner
        )
        future.add_done_callback(partial(_report_orphaned_bug, task))
        if user_waits:
            answered = input_first.user_waits()
            task.add_done_callback(lambda _task: answered())
        return task

    def run_coro(
        self,
        factory: Callable[[], Awaitable[Any]],
        *,
        on_success: Callable[[Any], None] | None = None,
        on_error: ErrorHandler | None = None,
        busy: QWidget | None = None,
        owner: QObject | None = None,
    ) -> asyncio.Task[Any]:
        async def wrapped() -> Any:
            try:
                result = await factory()
                _release(busy)  # before the result is shown: a field it focuses takes the caret
                if on_success is not None and _owner_alive(on_success):
                    on_success(result)
                return result
            except asyncio.CancelledError:
                raise
            except Exception as exc:  # one place decides how failures are shown
                _release(busy)
                self._fail(exc, on_error)
                return None

        # Busy at once, not when the task first runs: a second tap must find it disabled.
        if busy is not None:
            busy.setEnabled(False)
        task = asyncio.ensure_future(wrapped())
        owner = owner if owner is not None else _default_owner(busy, on_success)
        self._tasks[task] = owner
        self._watch(owner)

        def finished(done: asyncio.Task[Any]) -> None:
            self._tasks.pop(done, None)
            _release(busy)  # cancelled: no callback released it

        task.add_done_callback(finished)
        return task

    def _fail(self, exc: Exception, on_error: ErrorHandler | None) -> None:
        try:
            if on_error is not None and on_error(exc):
                return
        except Exception as handler_failed:  # a bug in the handler is a bug to show
            self._present_error(handler_failed)
            return
        if isinstance(exc, KeyedError):
            self._present_refusal(exc)
        else:
            self._present_error(exc)

    def _watch(self, owner: QObject | None) -> None:
        if owner is None or id(owner) in self._watched:
            return
        self._watched.add(id(owner))
        owner.destroyed.connect(partial(self._owner_destroyed, id(owner)))

    def _owner_destroyed(self, key: int, *_: Any) -> None:
        self._watched.discard(key)
        for task, owner in list(self._tasks.items()):
            if id(owner) == key:
                task.cancel()

    def cancel_for(self, owner: QObject) -> int:
        """Cancel the work of ``owner`` and of everything inside it (a page about to be
        dropped); returns how many tasks were cancelled."""
        doomed = [
            task
            for task, its_owner in self._tasks.items()
            if its_owner is not None
            and shiboken6.isValid(its_owner)
            and _within(its_owner, owner)
            and not task.done()
        ]
        for task in doomed:
            task.cancel()
        return len(doomed)

    def shutdown(self) -> None:
        for task in list(self._tasks):
            task.cancel()
        if self._own_executor:
            self._executor.shutdown(wait=False, cancel_futures=True)


class NewestAnswer:
    """Answers to one question asked again and again (the board's rows) come back from
    the workers in any order: an answer older than one already shown is stale (read
    before a change the shown one has) and is dropped."""

    def __init__(self) -> None:
        self._asked = 0
        self._shown = 0

    def ask(self) -> int:
        """The ticket of a new asking."""
        self._asked += 1
        return self._asked

    def is_newest(self, ticket: int) -> bool:
        """True (and it is shown from now) unless a later asking's answer was shown."""
        if ticket < self._shown:
            return False
        self._shown = ticket
        return True
