"""The sign-in screen asks for the authenticator code when the property requires it."""

from PySide6.QtCore import Qt

from app.security.totp import decode_secret, generate_secret, totp
from app.services.auth import AuthService
from tests.ui.waits import WAIT_MS
from ui.sign_in import SignInScreen

SECRET = generate_secret()


def test_the_code_field_appears_whatever_the_pin_and_signs_in(qtbot, store, clock, ops) -> None:
    with store.unit_of_work() as uow:
        uow.staff.set_totp_secret("H001", SECRET)
    auth = AuthService(store, clock, "TAB-1", require_totp=True)
    screen = SignInScreen(auth, ops)
    qtbot.addWidget(screen)
    screen.show()
    assert screen.code_edit.isHidden()
    qtbot.keyClicks(screen.staff_edit, "H001")
    qtbot.keyClicks(screen.pin_edit, "9999")  # a wrong PIN is asked for a code all the same
    qtbot.mouseClick(screen.submit_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not screen.code_edit.isHidden())
    assert screen.pin_edit.text() == "9999"  # kept: only the code is missing
    assert "authenticator" in screen.message.text()

    qtbot.keyClicks(
        screen.code_edit,
        "000000" if totp(decode_secret(SECRET), clock.now()) != "000000" else "111111",
    )
    qtbot.mouseClick(screen.submit_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "Wrong" in screen.message.text())
    assert not screen.code_edit.isHidden() and screen.pin_edit.text() == ""

    qtbot.keyClicks(screen.pin_edit, "1234")
    qtbot.keyClicks(screen.code_edit, totp(decode_secret(SECRET), clock.now()))
    with qtbot.waitSignal(screen.signed_in, timeout=WAIT_MS) as blocker:
        qtbot.mouseClick(screen.submit_button, Qt.MouseButton.LeftButton)
    assert blocker.args[0].staff_id == "H001"
    assert screen.code_edit.isHidden() and screen.pin_edit.text() == ""
