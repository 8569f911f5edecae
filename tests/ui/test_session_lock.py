"""Idle lock on a fake clock, unlock by PIN, switch user rebuilds the pages."""

from __future__ import annotations

from datetime import timedelta

import pytest
from PySide6.QtCore import QEvent, QPointF, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QApplication, QDialog, QLabel

from tests.ui.shell_fixtures import actor, make_context, make_window
from ui.session.guard import InputActivityFilter


@pytest.fixture
def context(tmp_path, clock):
    context = make_context(tmp_path, clock)
    yield context
    context.close()


@pytest.fixture
def window(qtbot, context, ops, clock):
    window = make_window(context, ops, clock, idle_timeout=timedelta(minutes=2))
    qtbot.addWidget(window)
    window.resize(1400, 900)
    window.show()
    window.open_console(actor("H001"))
    yield window
    window.sign_out()


def _unlock(qtbot, window, staff: str, pin: str = "1234") -> None:
    pad = window.lock_screen.pad
    pad.staff_edit.setText(staff)
    pad.pin_edit.setText(pin)
    qtbot.mouseClick(pad.submit_button, Qt.MouseButton.LeftButton)


def test_idle_locks_after_the_configured_time_and_the_pin_unlocks(qtbot, window, clock) -> None:
    window.lookup.lookup_card("9001234567890")
    qtbot.waitUntil(lambda: window.card.view is not None, timeout=5000)
    clock.advance(timedelta(seconds=119))
    assert not window.guard.check()
    clock.advance(timedelta(seconds=1))
    with qtbot.waitSignal(window.locked):
        window.guard.check()
    assert window.stack.currentWidget() is window.lock_screen
    assert not window.shell.isVisible()  # nothing of the previous screen shows
    shown = " ".join(label.text() for label in window.findChildren(QLabel) if label.isVisible())
    assert "Charlotte" not in shown and window.card.view is None
    assert window.lock_screen.pad.staff_edit.text() == "H001"

    _unlock(qtbot, window, "H001", "9999")
    qtbot.waitUntil(lambda: window.lock_screen.pad.message.isVisible(), timeout=5000)
    assert window.stack.currentWidget() is window.lock_screen
    pages_before = dict(window.shell.widgets)
    _unlock(qtbot, window, "H001")
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.shell, timeout=5000)
    assert window.shell.widgets == pages_before  # same user: same pages, not rebuilt


def test_input_events_keep_the_console_unlocked(qtbot, window, clock) -> None:
    activity = InputActivityFilter(window.guard)
    QApplication.instance().installEventFilter(activity)
    try:
        clock.advance(timedelta(seconds=100))
        qtbot.mouseClick(window.shell.lookup.search_edit, Qt.MouseButton.LeftButton)
        clock.advance(timedelta(seconds=100))
        assert not window.guard.check() and window.guard.input_events > 0
        event = QMouseEvent(
            QEvent.Type.MouseMove,
            QPointF(5, 5),
            QPointF(5, 5),
            Qt.MouseButton.NoButton,
            Qt.MouseButton.NoButton,
            Qt.KeyboardModifier.NoModifier,
        )
        QApplication.sendEvent(window.shell, event)
        clock.advance(timedelta(seconds=119))
        assert not window.guard.check()
    finally:
        QApplication.instance().removeEventFilter(activity)


def test_switch_user_rebuilds_the_pages_for_the_new_role(qtbot, window) -> None:
    assert set(window.shell.widgets) >= {"board", "floor", "incident.new"}
    qtbot.mouseClick(window.shell.rail.switch_button, Qt.MouseButton.LeftButton)
    assert window.stack.currentWidget() is window.lock_screen
    assert window.lock_screen.pad.staff_edit.text() == ""
    with qtbot.waitSignal(window.user_switched, timeout=5000):
        _unlock(qtbot, window, "C001")
    assert window.actor.staff_id == "C001"
    assert "incident.new" not in window.shell.widgets and "board" not in window.shell.widgets
    assert "Concierge" in window.who.text()


def test_ctrl_l_locks(qtbot, window) -> None:
    window.activateWindow()
    window.shell.setFocus()
    with qtbot.waitSignal(window.locked):
        window.shell.lock_requested.emit()
    assert window.guard.locked


def test_a_dialog_open_over_the_console_hides_with_the_lock_and_returns(qtbot, window) -> None:
    # A TTR prompt (amount, guest) must not show over the lock screen, nor be lost by it.
    dialog = QDialog(window.shell)
    dialog.setObjectName("pendingDecision")
    dialog.show()
    qtbot.waitExposed(dialog)
    window.lock()
    assert window.stack.currentWidget() is window.lock_screen
    assert not dialog.isVisible()
    _unlock(qtbot, window, "H001")
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.shell, timeout=5000)
    qtbot.waitUntil(dialog.isVisible, timeout=2000)
    dialog.done(0)


def test_a_dialog_of_the_previous_user_is_never_shown_to_the_next(qtbot, window) -> None:
    dialog = QDialog(window)
    dialog.show()
    qtbot.waitExposed(dialog)
    window.switch_user()
    assert not dialog.isVisible()
    _unlock(qtbot, window, "P001")
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.shell, timeout=5000)
    qtbot.wait(50)  # a deferred show would have happened by now
    assert not dialog.isVisible()
