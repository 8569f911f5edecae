"""The main window assembles: sign-in, then board + lookup + card, and back on sign-out."""

from PySide6.QtCore import Qt

from app.clock import FakeClock
from tests.ui.conftest import HOST
from ui.board.feed import StaticBoardSource
from ui.demo_objects import NOW, demo_board_rows, demo_guests
from ui.main_window import MainWindow


def test_sign_in_opens_the_console_and_sign_out_returns(qtbot, auth, guest_service, ops) -> None:
    source = StaticBoardSource(demo_board_rows(demo_guests()))
    window = MainWindow(auth, guest_service, ops, board_source=source, clock=FakeClock(NOW))
    qtbot.addWidget(window)
    window.show()
    assert window.stack.currentWidget() is window.sign_in
    window.sign_in.staff_edit.setText("H001")
    window.sign_in.pin_edit.setText("1234")
    qtbot.mouseClick(window.sign_in.submit_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.stack.currentIndex() == 1, timeout=5000)
    assert "Amelia Chen" in window.who.text()
    assert "Host" in window.who.text() and "TAB-TEST-01" in window.who.text()
    assert window.board is not None
    qtbot.waitUntil(lambda: window.board.model.rowCount() == 8, timeout=5000)

    with qtbot.waitSignal(window.lookup.card_opened, timeout=5000):
        window.lookup.lookup_card("9001234567890")
    assert window.card.view is not None and window.card.view.guest.name == "Charlotte Whitfield"

    with qtbot.waitSignal(window.signed_out):
        qtbot.mouseClick(window.sign_out_button, Qt.MouseButton.LeftButton)
    assert window.stack.currentWidget() is window.sign_in
    assert window.card.view is None and not window.board.timer.isActive()
    assert window.actor is None


def test_a_swipe_before_sign_in_is_ignored(qtbot, auth, guest_service, ops) -> None:
    window = MainWindow(auth, guest_service, ops, clock=FakeClock(NOW))
    qtbot.addWidget(window)
    window.open_console(HOST)
    window.sign_out()
    window.lookup.lookup_card("9001234567890")
    assert ops.pending == 0
