"""The sign-in screen against the real AuthService on a real store in tmp_path."""

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from app.actor import Actor
from app.demo.generator import demo_sign_in
from app.domain import Role
from tests.ui.waits import WAIT_MS
from ui.sign_in import SignInScreen

DEMO_HINT = demo_sign_in()


def _screen(qtbot, auth, ops, hint=None) -> SignInScreen:
    screen = SignInScreen(auth, ops, hint)
    qtbot.addWidget(screen)
    screen.show()
    return screen


def _key(screen: SignInScreen, char: str):
    return screen.findChild(type(screen.submit_button), f"key{char}")


def _type_on_keypad(qtbot, screen: SignInScreen, text: str) -> None:
    for char in text:
        qtbot.mouseClick(_key(screen, char), Qt.MouseButton.LeftButton)


def _type_pin_on_keypad(qtbot, screen: SignInScreen, pin: str) -> None:
    qtbot.mouseClick(screen.pin_edit, Qt.MouseButton.LeftButton)
    _type_on_keypad(qtbot, screen, pin)


def test_staff_id_and_pin_on_the_keypad_sign_in(qtbot, auth, ops) -> None:
    # Staff ids have letters (H001, P001): the keypad types them into the focused field.
    screen = _screen(qtbot, auth, ops)
    qtbot.mouseClick(screen.staff_edit, Qt.MouseButton.LeftButton)
    _type_on_keypad(qtbot, screen, "H001")
    assert screen.staff_edit.text() == "H001"
    _type_pin_on_keypad(qtbot, screen, "1234")
    assert screen.pin_edit.text() == "1234" and screen.staff_edit.text() == "H001"
    with qtbot.waitSignal(screen.signed_in, timeout=WAIT_MS) as blocker:
        qtbot.mouseClick(screen.submit_button, Qt.MouseButton.LeftButton)
    actor = blocker.args[0]
    assert isinstance(actor, Actor)
    assert actor.staff_id == "H001" and actor.role is Role.HOST
    assert screen.pin_edit.text() == ""


def test_keyboard_entry_and_enter_sign_in(qtbot, auth, ops) -> None:
    screen = _screen(qtbot, auth, ops)
    qtbot.keyClicks(screen.staff_edit, "p001")
    qtbot.keyClick(screen.staff_edit, Qt.Key.Key_Return)
    qtbot.keyClicks(screen.pin_edit, "1234")
    with qtbot.waitSignal(screen.signed_in, timeout=WAIT_MS) as blocker:
        qtbot.keyClick(screen.pin_edit, Qt.Key.Key_Return)
    assert blocker.args[0].role is Role.PIT_BOSS


def test_wrong_pin_says_how_many_attempts_are_left(qtbot, auth, ops) -> None:
    screen = _screen(qtbot, auth, ops)
    screen.staff_edit.setText("H001")
    screen.pin_edit.setText("9999")
    screen.submit()
    qtbot.waitUntil(lambda: screen.message.isVisible(), timeout=WAIT_MS)
    assert "Wrong staff id or PIN" in screen.message.text()
    assert "4 attempt(s) left" in screen.message.text()
    assert screen.pin_edit.text() == ""
    qtbot.waitUntil(lambda: screen.form.isEnabled())


def test_lockout_says_until_when(qtbot, auth, ops) -> None:
    screen = _screen(qtbot, auth, ops)
    for _ in range(5):
        screen.staff_edit.setText("H001")
        screen.pin_edit.setText("0000")
        before = ops.pending
        screen.submit()
        assert ops.pending == before + 1
        qtbot.waitUntil(lambda: ops.pending == 0, timeout=WAIT_MS)
    assert "locked until" in screen.message.text()
    # The unlock time is shown as a local clock time, HH:MM.
    assert any(ch.isdigit() for ch in screen.message.text().split("until")[-1])


def test_empty_fields_are_asked_for_without_calling_the_service(qtbot, ops) -> None:
    class NoCalls:
        def sign_in(self, staff_id: str, pin: str) -> Actor:
            raise AssertionError("must not be called")

    screen = _screen(qtbot, NoCalls(), ops)
    screen.submit()
    assert "staff id" in screen.message.text()
    screen.staff_edit.setText("H001")
    screen.submit()
    assert "PIN" in screen.message.text()
    assert ops.pending == 0


def test_demo_hint_is_shown_only_when_given(qtbot, auth, ops) -> None:
    with_hint = _screen(qtbot, auth, ops, DEMO_HINT)
    hint = with_hint.findChild(QLabel, "demoHint")
    assert hint is not None and "H001" in hint.text() and "P001" in hint.text()
    without = _screen(qtbot, auth, ops)
    assert without.findChild(QLabel, "demoHint") is None


def test_letters_are_for_the_staff_id_only(qtbot, auth, ops) -> None:
    screen = _screen(qtbot, auth, ops)
    qtbot.mouseClick(screen.staff_edit, Qt.MouseButton.LeftButton)
    assert _key(screen, "P").isEnabled()
    _type_pin_on_keypad(qtbot, screen, "12")
    assert not _key(screen, "P").isEnabled()  # a PIN is digits
    screen.pad.press("P")
    assert screen.pin_edit.text() == "12" and screen.staff_edit.text() == ""


def test_reset_leaves_no_earlier_staff_id(qtbot, auth, ops) -> None:
    screen = _screen(qtbot, auth, ops)
    screen.staff_edit.setText("P001")
    screen.pin_edit.setText("12")
    screen.reset()
    assert (screen.staff_edit.text(), screen.pin_edit.text()) == ("", "")
    assert screen.staff_edit.hasFocus() or not screen.isActiveWindow()


def test_clear_and_backspace_keys(qtbot, auth, ops) -> None:
    screen = _screen(qtbot, auth, ops)
    _type_pin_on_keypad(qtbot, screen, "123")
    qtbot.mouseClick(screen.findChild(type(screen.submit_button), "keyBackspace"),
                     Qt.MouseButton.LeftButton)  # fmt: skip
    assert screen.pin_edit.text() == "12"
    qtbot.mouseClick(screen.findChild(type(screen.submit_button), "keyClear"),
                     Qt.MouseButton.LeftButton)  # fmt: skip
    assert screen.pin_edit.text() == ""
