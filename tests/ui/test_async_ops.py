"""The one async helper: busy state restored, errors routed, results on the GUI thread."""

import threading

import shiboken6
from PySide6.QtWidgets import QLabel, QPushButton


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
    qtbot.waitUntil(lambda: seen != [], timeout=5000)
    worker, on_gui_thread = seen[0]
    assert worker != threading.main_thread().name and on_gui_thread
    assert button.isEnabled() and ops.pending == 0


def test_unhandled_errors_go_to_the_presenter(qtbot, ops) -> None:
    def boom() -> None:
        raise RuntimeError("disk on fire")

    ops.run(boom)
    qtbot.waitUntil(lambda: ops.errors != [], timeout=5000)
    assert str(ops.errors[0]) == "disk on fire"


def test_handled_errors_do_not(qtbot, ops) -> None:
    handled: list[BaseException] = []

    def boom() -> None:
        raise ValueError("expected")

    ops.run(boom, on_error=lambda exc: handled.append(exc) or True)
    qtbot.waitUntil(lambda: handled != [], timeout=5000)
    qtbot.waitUntil(lambda: ops.pending == 0)
    assert ops.errors == []


def test_shutdown_cancels_pending_tasks(qtbot, ops) -> None:
    gate = threading.Event()
    ops.run(gate.wait, 5)
    assert ops.pending == 1
    task = next(iter(ops._tasks))
    ops.shutdown()
    gate.set()
    qtbot.waitUntil(lambda: ops.pending == 0, timeout=5000)
    assert task.cancelled()


def test_a_result_for_a_widget_deleted_meanwhile_is_dropped(qtbot, ops) -> None:
    """A closure over a widget gone by the time the result arrives (a page dropped by a
    switch of user) is never called: it would touch a deleted C++ object."""
    gate = threading.Event()
    label = QLabel()
    called: list[str] = []
    ops.run(gate.wait, 5, on_success=lambda _: (called.append("x"), label.setText("late")))
    label.deleteLater()
    qtbot.waitUntil(lambda: not shiboken6.isValid(label), timeout=5000)
    gate.set()
    qtbot.waitUntil(lambda: ops.pending == 0, timeout=5000)
    assert called == []
