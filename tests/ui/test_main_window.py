"""The main window assembles: sign-in, then the shell, and back on sign-out (audited)."""

import threading

import pytest
from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QApplication, QLabel, QPushButton, QWidget

from tests.ui.shell_fixtures import actor, make_context, make_window
from tests.ui.waits import WAIT_MS


@pytest.fixture
def context(tmp_path, clock):
    context = make_context(tmp_path, clock)
    yield context
    context.close()


def test_sign_in_opens_the_console_and_sign_out_returns(qtbot, context, ops, clock) -> None:
    window = make_window(context, ops, clock)
    qtbot.addWidget(window)
    window.show()
    assert window.stack.currentWidget() is window.sign_in
    window.sign_in.staff_edit.setText("H001")
    window.sign_in.pin_edit.setText("1234")
    qtbot.mouseClick(window.sign_in.submit_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.stack.currentIndex() == 1, timeout=WAIT_MS)
    assert "Amelia Chen" in window.who.text()
    assert "Host" in window.who.text() and "TAB-TEST-01" in window.who.text()
    assert window.board is not None and window.board.timer.isActive()

    with qtbot.waitSignal(window.signed_out):
        qtbot.mouseClick(window.sign_out_button, Qt.MouseButton.LeftButton)
    assert window.stack.currentWidget() is window.sign_in
    assert window.actor is None and window.shell.pages == {}
    assert window.sign_in.staff_edit.text() == ""  # the next person types their own id
    qtbot.waitUntil(lambda: ops.pending == 0, timeout=WAIT_MS)
    with context.store.unit_of_work() as uow:
        latest = uow.audit.recent(1)[0]
    assert (latest.action, latest.staff_id) == ("auth.sign_out", "H001")


def test_signing_out_cancels_the_pages_pending_work(qtbot, context, ops, clock) -> None:
    """A read a page started is cancelled when the sign-out drops the page: its result
    never lands on a page of the next user, and nothing stays pending."""
    window = make_window(context, ops, clock)
    qtbot.addWidget(window)
    window.show()
    window.sign_in.staff_edit.setText("H001")
    window.sign_in.pin_edit.setText("1234")
    qtbot.mouseClick(window.sign_in.submit_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.stack.currentIndex() == 1, timeout=WAIT_MS)
    qtbot.waitUntil(lambda: ops.pending == 0, timeout=WAIT_MS)
    page = window.shell.stack.currentWidget()
    label = QLabel(page)  # a widget inside the page that a late result would write to
    gate, landed = threading.Event(), []
    task = ops.run(gate.wait, 5, on_success=lambda _r: (landed.append(1), label.setText("x")))
    with qtbot.waitSignal(window.signed_out):
        qtbot.mouseClick(window.sign_out_button, Qt.MouseButton.LeftButton)
    assert task.cancelling() or task.cancelled()  # by the sign-out, not the page's deletion
    qtbot.waitUntil(task.done, timeout=WAIT_MS)
    gate.set()
    qtbot.waitUntil(lambda: ops.pending == 0, timeout=WAIT_MS)
    assert task.cancelled() and landed == []


def test_a_swipe_before_sign_in_is_ignored(qtbot, context, ops, clock) -> None:
    window = make_window(context, ops, clock)
    qtbot.addWidget(window)
    window.open_console(actor("H001"))
    window.sign_out()
    qtbot.waitUntil(lambda: ops.pending == 0, timeout=WAIT_MS)
    window.swipe.swipe_detected.emit("9001234567890")
    window.lookup.lookup_card("9001234567890")
    assert ops.pending == 0


def test_a_page_that_is_not_a_widget_is_a_bug_not_a_missing_page(qtbot, context, ops, clock):
    from ui.shell.pages import PageSpec

    def broken(env):
        return [PageSpec("broken", "Broken", frozenset({actor("H001").role}), object)]

    window = make_window(context, ops, clock, providers=(broken,))
    qtbot.addWidget(window)
    with pytest.raises(TypeError, match="a page must be a QWidget"):
        window.open_console(actor("H001"))


@pytest.mark.parametrize(
    ("mode", "screen", "shown"),
    [
        ("auto", (1280, 800), "fullscreen"),  # a floor tablet
        ("auto", (1024, 768), "fullscreen"),
        ("auto", (1920, 1080), "maximised"),  # a desk
        ("kiosk", (1920, 1080), "kiosk"),
        ("windowed", (1280, 800), "windowed"),
    ],
)
def test_the_window_opens_as_the_screen_wants(mode, screen, shown) -> None:
    from ui.window_mode import window_mode

    assert window_mode(mode, *screen) == shown


def test_an_unknown_window_mode_is_refused() -> None:
    from ui.window_mode import window_mode

    with pytest.raises(ValueError, match="unknown window mode 'tiny'"):
        window_mode("tiny", 1280, 800)


@pytest.mark.parametrize("mode", ["fullscreen", "kiosk", "maximised"])
def test_the_window_shows_in_the_mode_asked(qtbot, context, ops, clock, mode) -> None:
    from PySide6.QtCore import Qt

    window = make_window(context, ops, clock)
    qtbot.addWidget(window)
    window.show_on_screen(mode)
    qtbot.waitExposed(window)
    if mode == "maximised":
        assert window.isMaximized() or window.isFullScreen()  # offscreen: no window manager
    else:
        assert window.isFullScreen()
    frameless = bool(window.windowFlags() & Qt.WindowType.FramelessWindowHint)
    assert frameless is (mode == "kiosk")


def test_the_sign_in_keypad_is_polished_in_its_window(qtbot, context, ops, clock) -> None:
    """Under the theme's style sheet a polished widget moved to a new parent is polished
    again, with its whole tree: the sign-in keypad's 38 keys, polished as they were made
    and then moved five times, were a tenth of the console's start. Each key is polished
    once, already in the window that shows it."""

    class PolishSeen(QObject):
        def __init__(self) -> None:
            super().__init__()
            self.seen: list[tuple[str, QWidget]] = []

        def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
            if event.type() == QEvent.Type.Polish and isinstance(obj, QPushButton):
                if obj.property("variant") == "key":
                    self.seen.append((obj.objectName(), obj.window()))
            return False

    seen = PolishSeen()
    app = QApplication.instance()
    app.installEventFilter(seen)
    try:
        window = make_window(context, ops, clock)
        qtbot.addWidget(window)
        window.show()
        qtbot.waitExposed(window)
    finally:
        app.removeEventFilter(seen)
    keys = window.sign_in.pad.keypad.findChildren(QPushButton)
    assert len(keys) == 38
    names = [name for name, _ in seen.seen]
    assert sorted(names) == sorted(key.objectName() for key in keys)  # each once
    elsewhere = [name for name, shown_in in seen.seen if shown_in is not window]
    assert elsewhere == [], f"polished before they were in the window: {elsewhere}"
    # Sized by the theme alone (its least key size), as the keys always were.
    assert {key.height() for key in keys} == {keys[0].height()} and keys[0].height() >= 48


def test_the_sign_in_tab_order_follows_the_screen(qtbot, context, ops, clock) -> None:
    """Built in place, the form still takes its tab order from top to bottom: the
    languages, then the staff id, the PIN and the button (the keys take no focus)."""
    window = make_window(context, ops, clock)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    order: list[str] = []
    widget = window.sign_in.nextInFocusChain()
    while widget is not window.sign_in and len(order) < 200:
        if widget.focusPolicy() != Qt.FocusPolicy.NoFocus and widget.isVisible():
            order.append(widget.objectName())
        widget = widget.nextInFocusChain()
    languages = [name for name in order if name.startswith("language:")]
    assert languages and order[: len(languages)] == languages
    assert order[len(languages) : len(languages) + 3] == ["staffId", "pin", "signInButton"]
