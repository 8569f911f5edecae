"""The one async helper: busy state restored, errors routed, results on the GUI thread."""

import threading

import pytest
import shiboken6
from PySide6.QtWidgets import QApplication, QLabel, QMessageBox, QPushButton, QWidget

from app.services.errors import NoCodeWordOnFile, PermissionDenied
from tests.ui.waits import WAIT_MS
from ui.async_ops import AsyncOps, show_refusal
from ui.error_text import error_text


def test_result_arrives_on_the_gui_thread_and_busy_is_restored(qtbot, ops) -> None:
    button = QPushButton("go")
    qtbot.addWidget(button)
    seen: list[tuple[str, bool]] = []

    def work() -> str:
        return threading.current_thread().name

    ops.run(
        work,
        busy=button,
        on_success=lambda name: seen.append(
            (name, threading.current_thread() is threading.main_thread())
        ),
    )
    assert not button.isEnabled()
    qtbot.waitUntil(lambda: seen != [], timeout=WAIT_MS)
    worker, on_gui_thread = seen[0]
    assert worker != threading.main_thread().name and on_gui_thread
    assert button.isEnabled() and ops.pending == 0


@pytest.mark.allow_error_log  # the bug is reported at ERROR, as the crash hook logs it
def test_unhandled_errors_go_to_the_presenter(qtbot, ops) -> None:
    def boom() -> None:
        raise RuntimeError("disk on fire")

    ops.run(boom)
    qtbot.waitUntil(lambda: ops.errors != [], timeout=WAIT_MS)
    assert str(ops.errors[0]) == "disk on fire"


def test_handled_errors_do_not(qtbot, ops) -> None:
    handled: list[BaseException] = []

    def boom() -> None:
        raise ValueError("expected")

    ops.run(boom, on_error=lambda exc: handled.append(exc) or True)
    qtbot.waitUntil(lambda: handled != [], timeout=WAIT_MS)
    qtbot.waitUntil(lambda: ops.pending == 0)
    assert ops.errors == []


def test_shutdown_cancels_pending_tasks(qtbot, ops) -> None:
    gate = threading.Event()
    ops.run(gate.wait, 5)
    assert ops.pending == 1
    task = next(iter(ops._tasks))
    ops.shutdown()
    gate.set()
    qtbot.waitUntil(lambda: ops.pending == 0, timeout=WAIT_MS)
    assert task.cancelled()


def test_a_result_for_a_widget_deleted_meanwhile_is_dropped(qtbot, ops) -> None:
    """A closure over a widget gone by the time the result arrives (a page dropped by a
    switch of user) is never called: it would touch a deleted C++ object."""
    gate = threading.Event()
    label = QLabel()
    called: list[str] = []
    ops.run(gate.wait, 5, on_success=lambda _: (called.append("x"), label.setText("late")))
    label.deleteLater()
    qtbot.waitUntil(lambda: not shiboken6.isValid(label), timeout=WAIT_MS)
    gate.set()
    qtbot.waitUntil(lambda: ops.pending == 0, timeout=WAIT_MS)
    assert called == []


def test_the_busy_widget_is_enabled_again_before_the_outcome_is_shown(qtbot, ops) -> None:
    # A refusal puts the caret back in a field of the busy widget: a disabled field
    # cannot take it, and a step that follows the message at once would find it dead.
    pad = QPushButton("sign in")
    qtbot.addWidget(pad)
    seen: list[tuple[str, bool]] = []

    def refused() -> None:
        raise ValueError("wrong PIN")

    ops.run(lambda: "ok", busy=pad, on_success=lambda _r: seen.append(("ok", pad.isEnabled())))
    qtbot.waitUntil(lambda: len(seen) == 1, timeout=WAIT_MS)
    ops.run(refused, busy=pad, on_error=lambda _e: seen.append(("no", pad.isEnabled())) or True)
    assert not pad.isEnabled()
    qtbot.waitUntil(lambda: len(seen) == 2, timeout=WAIT_MS)
    assert seen == [("ok", True), ("no", True)]


@pytest.mark.allow_error_log  # the callback's bug is reported at ERROR, as the crash hook logs it
def test_an_exception_in_the_success_callback_is_a_failure_of_the_action(qtbot, ops) -> None:
    """Raised by ``on_success``, it goes to ``on_error`` and, unhandled, to the presenter:
    never an exception lost in the loop, with the busy widget left as it was."""
    handled: list[BaseException] = []

    def show(_result: object) -> None:
        raise KeyError("row vanished")

    ops.run(lambda: 1, on_success=show, on_error=lambda exc: handled.append(exc) or True)
    qtbot.waitUntil(lambda: handled != [], timeout=WAIT_MS)
    assert isinstance(handled[0], KeyError) and ops.errors == []
    ops.run(lambda: 1, on_success=show)
    qtbot.waitUntil(lambda: ops.errors != [], timeout=WAIT_MS)
    assert isinstance(ops.errors[0], KeyError)


def test_a_refusal_of_the_core_goes_to_the_refusal_presenter_not_the_crash_dialog(
    qtbot, ops
) -> None:
    def refused() -> None:
        raise PermissionDenied("host", "guest.page", "quiet_visit_no_paging")

    ops.run(refused)
    qtbot.waitUntil(lambda: ops.refusals != [], timeout=WAIT_MS)
    qtbot.waitUntil(lambda: ops.pending == 0, timeout=WAIT_MS)
    assert ops.refusals[0].key == "permission.quiet_visit_no_paging" and ops.errors == []


def test_an_unhandled_refusal_is_shown_translated_by_default(qtbot, qasync_loop, french) -> None:
    window = QWidget()
    qtbot.addWidget(window)
    window.show()
    helper = AsyncOps()  # the default presenters, as the console has them

    def refused() -> None:
        raise NoCodeWordOnFile()

    helper.run(refused)

    def box() -> QMessageBox | None:
        found = [w for w in QApplication.topLevelWidgets() if w.objectName() == "refusalBox"]
        return next((w for w in found if isinstance(w, QMessageBox) and w.isVisible()), None)

    qtbot.waitUntil(lambda: box() is not None, timeout=WAIT_MS)
    shown = box()
    assert shown is not None
    assert shown.text() == error_text(NoCodeWordOnFile()) != str(NoCodeWordOnFile())  # French
    shown.close()
    helper.shutdown()


def test_the_work_of_a_destroyed_owner_is_cancelled_at_once(qtbot, ops) -> None:
    """Its callbacks never run and it stops counting as pending before the call returns."""
    gate = threading.Event()
    page = QWidget()
    called: list[object] = []
    task = ops.run(gate.wait, 5, owner=page, on_success=called.append)
    page.deleteLater()
    qtbot.waitUntil(lambda: ops.pending == 0, timeout=WAIT_MS)
    gate.set()
    assert task.cancelled() and called == []


def test_cancel_for_a_page_cancels_the_work_of_what_is_inside_it_only(qtbot, ops) -> None:
    gate = threading.Event()
    page, other = QWidget(), QWidget()
    qtbot.addWidget(page)
    qtbot.addWidget(other)
    button = QPushButton("save", page)
    called: list[str] = []
    inside = ops.run(gate.wait, 5, busy=button, on_success=lambda _r: called.append("page"))
    outside = ops.run(gate.wait, 5, on_success=lambda _r: called.append("other"), owner=other)
    assert ops.cancel_for(page) == 1
    qtbot.waitUntil(lambda: inside.done(), timeout=WAIT_MS)
    assert button.isEnabled()  # released though cancelled
    gate.set()
    qtbot.waitUntil(lambda: outside.done(), timeout=WAIT_MS)
    assert inside.cancelled() and called == ["other"]


def test_a_call_handed_to_the_worker_completes_though_its_page_goes(qtbot, ops) -> None:
    """Cancelling drops the result, never the write: what the staff saved is saved."""
    gate = threading.Event()
    written: list[str] = []

    def save() -> None:
        gate.wait(5)
        written.append("row")

    page = QWidget()
    qtbot.addWidget(page)
    for _ in range(2):  # both workers busy: the save waits in the queue when cancelled
        ops.run(gate.wait, 5)
    ops.run(save, owner=page)
    qtbot.wait(50)  # a few turns of the loop: the task awaits the worker when cancelled
    ops.cancel_for(page)
    qtbot.waitUntil(lambda: ops.pending == 2, timeout=WAIT_MS)
    gate.set()
    qtbot.waitUntil(lambda: written == ["row"], timeout=WAIT_MS)


@pytest.mark.allow_error_log  # the late bug is reported at ERROR, which is what is checked
def test_a_bug_in_a_call_whose_page_went_is_still_reported(qtbot, ops, caplog) -> None:
    gate = threading.Event()

    def broken() -> None:
        gate.wait(5)
        raise RuntimeError("disk on fire")

    page = QWidget()
    qtbot.addWidget(page)
    ops.run(broken, owner=page)
    ops.cancel_for(page)
    gate.set()
    qtbot.waitUntil(lambda: "disk on fire" in caplog.text, timeout=WAIT_MS)


def test_a_result_for_any_widget_it_would_touch_deleted_meanwhile_is_dropped(qtbot, ops) -> None:
    """The owner (here the busy button) lives on, but the label the callback writes to
    went: the callback is not called."""
    gate = threading.Event()
    button, label = QPushButton("go"), QLabel()
    qtbot.addWidget(button)
    called: list[str] = []
    ops.run(gate.wait, 5, busy=button, on_success=lambda _: (called.append("x"), label.clear()))
    label.deleteLater()
    qtbot.waitUntil(lambda: not shiboken6.isValid(label), timeout=WAIT_MS)
    gate.set()
    qtbot.waitUntil(lambda: ops.pending == 0, timeout=WAIT_MS)
    assert called == [] and button.isEnabled()


def test_work_asked_for_after_shutdown_is_cancelled_not_raised(qtbot, ops) -> None:
    """A timer that fires while the application quits finds nothing to run, no crash."""
    ops.shutdown()
    called: list[object] = []
    task = ops.run(lambda: 1, on_success=called.append)
    qtbot.waitUntil(task.done, timeout=WAIT_MS)
    assert task.cancelled() and called == [] and ops.errors == []


def test_a_refusal_with_no_active_window_is_still_shown(qtbot) -> None:
    # The tablet's window inactive (a system dialog on top, the screen asleep): the box
    # must stay until read, not vanish with the call that made it.
    assert QApplication.activeWindow() is None
    show_refusal(NoCodeWordOnFile())

    def box() -> QMessageBox | None:
        found = [w for w in QApplication.topLevelWidgets() if w.objectName() == "refusalBox"]
        return next((w for w in found if isinstance(w, QMessageBox) and w.isVisible()), None)

    qtbot.wait(50)
    shown = box()
    assert shown is not None and shown.text() == error_text(NoCodeWordOnFile())
    shown.close()
