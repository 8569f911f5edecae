"""The lock that serves the floor, on the real console at both tablet sizes: the idle time
of the signed-in role (SLA policy), counts without personal data, the first tap kept,
back to the same screen and card, no sign-out without a PIN; switching user leaves
nothing of the previous one."""

from __future__ import annotations

from datetime import timedelta

import pytest
from PySide6.QtCore import QEvent, QPointF, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QAbstractButton, QApplication, QDialog, QLabel

from app.domain import Role
from tests.ui.demo_console import Console, in_view, sign_in, swipe, tap, type_on_keypad
from tests.ui.waits import WAIT_MS
from ui.session.guard import InputActivityFilter

CARD = "9000000486"  # a demo guest (Mateo Patel)


def _lock_screen(console: Console):
    screen = console.window.lock_screen
    assert console.window.stack.currentWidget() is screen
    return screen


def _visible_text(console: Console) -> str:
    labels = console.window.findChildren(QLabel)
    return " ".join(label.text() for label in labels if label.isVisible())


@pytest.mark.parametrize(("staff", "minutes"), [("P001", 10), ("H001", 5), ("C001", 5)])
def test_the_idle_lock_waits_as_long_as_the_role_may_be_away(
    qtbot, console: Console, staff: str, minutes: int
) -> None:
    sign_in(console, staff)
    policy = console.context.policy
    assert policy.session.idle_lock_for(console.window.actor.role) == timedelta(minutes=minutes)
    if console.window.actor.role is Role.PIT_BOSS:  # away at a table: longer than a reaction
        assert timedelta(minutes=minutes) > max(s.wall for s in policy.onsite.reaction.values())
    console.clock.advance(timedelta(minutes=minutes) - timedelta(seconds=1))
    assert not console.window.guard.check()
    console.clock.advance(timedelta(seconds=1))
    with qtbot.waitSignal(console.window.locked):
        console.window.guard.check()
    _lock_screen(console)


def test_the_lock_screen_counts_and_names_nobody(qtbot, console: Console) -> None:
    sign_in(console, "H001")
    swipe(console, CARD)
    qtbot.waitUntil(lambda: console.window.card.view is not None, timeout=WAIT_MS)
    guest = console.window.card.view.guest.display_name
    console.window.lock()
    screen = _lock_screen(console)
    qtbot.waitUntil(screen.summary.isVisible, timeout=WAIT_MS)
    summary = console.context.incidents.summary(console.window.actor)
    assert screen.summary.text() == (
        f"Open: {summary.open}   ·   SLA breached: {summary.breached}   ·   P1: {summary.p1}"
    )
    assert summary.open > 0 and summary.breached > 0  # the demo floor has both
    shown = _visible_text(console)
    board = console.context.incidents.board(console.window.actor)
    hidden = {guest, *(r.guest_name for r in board), *(r.incident.display_number for r in board)}
    assert [text for text in hidden if text and text in shown] == []
    assert not console.window.sign_out_button.isVisible()  # no way out without a PIN
    for widget in (screen.summary, screen.pad.pin_edit, screen.pad.submit_button):
        in_view(console.window, widget)
    in_view(console.window, screen.sign_out_button)


def test_the_first_tap_counts_and_unlock_returns_to_the_same_screen_and_card(
    qtbot, console: Console
) -> None:
    sign_in(console, "H001")
    console.shell.show_page("floor")
    swipe(console, CARD)
    drawer = console.shell.drawer
    qtbot.waitUntil(lambda: drawer.card.view is not None, timeout=WAIT_MS)
    in_view(console.window, drawer.card)  # the swipe landed in a card the user sees
    console.clock.advance(timedelta(minutes=5))
    console.window.guard.check()
    screen = _lock_screen(console)
    first = screen.pad.keypad.findChild(QAbstractButton, "key2")
    tap(console, first)
    assert screen.pad.pin_edit.text() == "2"  # the tap that woke the tablet was not lost
    type_on_keypad(console, screen.pad, "468")
    tap(console, screen.pad.submit_button)
    qtbot.waitUntil(lambda: console.window.stack.currentWidget() is console.shell, timeout=WAIT_MS)
    assert console.shell.current_key() == "floor"
    assert drawer.isVisible() and drawer.card.view.guest.card_number == CARD
    assert console.window.sign_out_button.isVisible()


def test_a_digit_typed_on_the_lock_screen_goes_into_the_pin(qtbot, console: Console) -> None:
    sign_in(console, "P001")
    console.window.lock()
    screen = _lock_screen(console)
    screen.setFocus()
    qtbot.keyClick(screen, Qt.Key.Key_7)
    assert screen.pad.pin_edit.text() == "7"


def test_signing_out_a_locked_console_takes_its_users_or_a_supervisors_pin(
    qtbot, console: Console
) -> None:
    sign_in(console, "H001")
    console.window.lock()
    screen = _lock_screen(console)
    tap(console, screen.sign_out_button)
    assert screen.pad.submit_button.text() == "Confirm sign-out"
    # Another host may not sign a colleague out.
    screen.pad.staff_edit.setText("H002")
    tap(console, screen.pad.pin_edit)
    type_on_keypad(console, screen.pad, "2468")
    tap(console, screen.pad.submit_button)
    qtbot.waitUntil(screen.pad.message.isVisible, timeout=WAIT_MS)
    assert "may not sign another staff member out" in screen.pad.message.text()
    # The refusal hands the PIN field back at once, ready and with the caret (it was
    # still disabled while the message showed: the next tap on it failed, now and then).
    assert screen.pad.pin_edit.isEnabled() and screen.pad.pin_edit.hasFocus()
    assert console.window.actor.staff_id == "H001" and console.window.guard.locked
    # The floor's supervisor may.
    screen.pad.staff_edit.setText("P001")
    tap(console, screen.pad.pin_edit)
    type_on_keypad(console, screen.pad, "2468")
    with qtbot.waitSignal(console.window.signed_out, timeout=WAIT_MS):
        tap(console, screen.pad.submit_button)
    assert console.window.stack.currentWidget() is console.window.sign_in
    assert console.window.sign_in.staff_edit.text() == ""
    with console.context.store.unit_of_work() as uow:
        rows = [(e.action, e.staff_id, e.detail) for e in uow.audit.recent(5)]
    assert ("auth.sign_out", "H001", "from the lock screen by P001") in rows
    assert ("permission.denied", "H002", "refused: sign out H001 from the lock screen") in rows


def test_switching_user_leaves_nothing_of_the_previous_one(qtbot, console: Console) -> None:
    sign_in(console, "H001")
    swipe(console, CARD)
    board_card = console.shell.page("board").card
    qtbot.waitUntil(lambda: board_card.view is not None, timeout=WAIT_MS)
    lookup = console.window.lookup
    lookup.search_edit.setText("Mateo Patel")
    qtbot.waitUntil(lookup.results_view.isVisible, timeout=WAIT_MS)
    tap(console, console.shell.rail.switch_button)
    screen = _lock_screen(console)
    assert screen.pad.staff_edit.text() == ""  # never the previous staff id
    tap(console, screen.pad.staff_edit)
    type_on_keypad(console, screen.pad, "P001")
    tap(console, screen.pad.pin_edit)
    type_on_keypad(console, screen.pad, "2468")
    with qtbot.waitSignal(console.window.user_switched, timeout=WAIT_MS):
        tap(console, screen.pad.submit_button)
    assert console.window.actor.staff_id == "P001"
    assert lookup.search_edit.text() == "" and lookup.results.rowCount() == 0
    assert not lookup.results_view.isVisible() and not lookup.not_found.isVisible()
    new_card = console.shell.page("board").card
    assert new_card is not board_card and new_card.view is None
    assert "Mateo" not in _visible_text(console)
    assert "host.my_guests" not in console.shell.pages
    qtbot.waitUntil(lambda: console.window._ops.pending == 0, timeout=WAIT_MS)
    with console.context.store.unit_of_work() as uow:
        rows = [(e.action, e.staff_id) for e in uow.audit.recent(5)]
    assert ("auth.sign_out", "H001") in rows  # the switch ended the locked session


def test_input_events_keep_the_console_unlocked(qtbot, console: Console) -> None:
    sign_in(console, "H001")
    activity = InputActivityFilter(console.window.guard)
    QApplication.instance().installEventFilter(activity)
    try:
        console.clock.advance(timedelta(minutes=4))
        qtbot.mouseClick(console.window.lookup.search_edit, Qt.MouseButton.LeftButton)
        console.clock.advance(timedelta(minutes=4))
        assert not console.window.guard.check() and console.window.guard.input_events > 0
        event = QMouseEvent(
            QEvent.Type.MouseMove,
            QPointF(5, 5),
            QPointF(5, 5),
            Qt.MouseButton.NoButton,
            Qt.MouseButton.NoButton,
            Qt.KeyboardModifier.NoModifier,
        )
        QApplication.sendEvent(console.shell, event)
        console.clock.advance(timedelta(minutes=4, seconds=59))
        assert not console.window.guard.check()
    finally:
        QApplication.instance().removeEventFilter(activity)


def test_a_dialog_open_over_the_console_hides_with_the_lock_and_returns(
    qtbot, console: Console
) -> None:
    # A TTR prompt (amount, guest) must not show over the lock screen, nor be lost by it.
    sign_in(console, "H001")
    dialog = QDialog(console.shell)
    dialog.show()
    qtbot.waitExposed(dialog)
    console.window.lock()
    assert not dialog.isVisible()
    screen = _lock_screen(console)
    type_on_keypad(console, screen.pad, "2468")
    tap(console, screen.pad.submit_button)
    qtbot.waitUntil(lambda: console.window.stack.currentWidget() is console.shell, timeout=WAIT_MS)
    qtbot.waitUntil(dialog.isVisible, timeout=2000)
    dialog.done(0)


def test_a_dialog_of_the_previous_user_is_never_shown_to_the_next(qtbot, console: Console) -> None:
    sign_in(console, "H001")
    dialog = QDialog(console.window)
    dialog.show()
    qtbot.waitExposed(dialog)
    console.window.switch_user()
    assert not dialog.isVisible()
    screen = _lock_screen(console)
    screen.pad.staff_edit.setText("P001")
    tap(console, screen.pad.pin_edit)
    type_on_keypad(console, screen.pad, "2468")
    tap(console, screen.pad.submit_button)
    qtbot.waitUntil(lambda: console.window.stack.currentWidget() is console.shell, timeout=WAIT_MS)
    qtbot.wait(50)  # a deferred show would have happened by now
    assert not dialog.isVisible()


def test_a_card_swiped_at_a_locked_tablet_is_no_pin_attempt(qtbot, console: Console) -> None:
    sign_in(console, "P001")
    console.window.lock()
    screen = _lock_screen(console)
    reader = console.swipe  # the window's own filter, as the application installs it
    QApplication.instance().installEventFilter(reader)
    try:
        pin = screen.pad.pin_edit
        pin.setFocus()
        qtbot.waitUntil(pin.hasFocus, timeout=2000)
        qtbot.keyClicks(pin, CARD)  # a reader's burst: keys milliseconds apart, then Enter
        qtbot.keyClick(pin, Qt.Key.Key_Return)
    finally:
        QApplication.instance().removeEventFilter(reader)
    assert pin.text() == "" and console.window.guard.locked
    qtbot.waitUntil(lambda: console.window._ops.pending == 0, timeout=WAIT_MS)
    with console.context.store.unit_of_work() as uow:
        actions = [e.action for e in uow.audit.recent(3)]
    assert "auth.sign_in_failed" not in actions and "guest.view" not in actions


def test_after_a_locked_console_is_signed_out_the_next_user_sees_the_board_at_once(
    qtbot, console: Console
) -> None:
    sign_in(console, "H001")
    console.window.lock()
    screen = _lock_screen(console)
    tap(console, screen.sign_out_button)
    type_on_keypad(console, screen.pad, "2468")  # the host's own PIN
    with qtbot.waitSignal(console.window.signed_out, timeout=WAIT_MS):
        tap(console, screen.pad.submit_button)
    sign_in(console, "P001")
    assert not console.window.guard.locked
    # The board's first load, not its 30-second reload: once the sign-in's work is done
    # the rows are there (the lock once outlived the session and the load was skipped).
    qtbot.waitUntil(lambda: console.window._ops.pending == 0, timeout=WAIT_MS)
    assert console.shell.page("board").board.model.rowCount() > 0
