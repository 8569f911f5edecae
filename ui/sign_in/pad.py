"""The staff id and PIN fields, the keypad, the submit button and the message line.

Shared by the sign-in and lock screens. ``attempt(staff_id, pin[, code])`` is the
core call the pad makes (``AuthService.sign_in``, or the lock screen's sign-out); it
runs in the executor (scrypt takes tens of ms) and its ``Actor`` is ``accepted``.
The keypad types into whichever of the pad's fields has the focus.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.actor import Actor
from app.services.errors import (
    AccountLocked,
    PermissionDenied,
    SecondFactorRequired,
    SignInFailed,
)
from ui.async_ops import AsyncOps
from ui.error_text import error_text
from ui.locale_format import format_datetime
from ui.sign_in.keypad import Keypad
from ui.theme import KEYPAD_KEY

log = logging.getLogger(__name__)

PIN_MAX = 12
STAFF_ID_MAX = 16
Attempt = Callable[..., Actor]


class SignInPlurals(QObject):
    """Texts with a count: ``self.tr(text, "", n)`` is the form lupdate collects as plural
    (``QCoreApplication.translate`` with a count is not)."""

    def wrong_pin(self, left: int) -> str:
        return self.tr("Wrong staff id or PIN. %n attempt(s) left.", "", left)

    def code_not_accepted(self, left: int) -> str:
        return self.tr("Authenticator code not accepted. %n attempt(s) left.", "", left)


class SignInPad(QFrame):
    accepted = Signal(object)  # the Actor the attempt proved

    def __init__(self, attempt: Attempt, ops: AsyncOps, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("signInPad")
        self._attempt = attempt
        self._ops = ops
        self.staff_edit = QLineEdit()
        self.staff_edit.setObjectName("staffId")
        self.staff_edit.setPlaceholderText(QCoreApplication.translate("SignInScreen", "Staff id"))
        self.staff_edit.setAccessibleName(QCoreApplication.translate("SignInScreen", "Staff id"))
        self.staff_edit.setMaxLength(STAFF_ID_MAX)
        self.pin_edit = QLineEdit()
        self.pin_edit.setObjectName("pin")
        self.pin_edit.setPlaceholderText(QCoreApplication.translate("SignInScreen", "PIN"))
        self.pin_edit.setAccessibleName(QCoreApplication.translate("SignInScreen", "PIN"))
        self.pin_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.pin_edit.setMaxLength(PIN_MAX)
        self.pin_edit.setInputMethodHints(
            Qt.InputMethodHint.ImhDigitsOnly | Qt.InputMethodHint.ImhSensitiveData
        )
        self.staff_edit.returnPressed.connect(self.pin_edit.setFocus)
        self.pin_edit.returnPressed.connect(self.submit)
        # The second factor, shown when the property asks for it (whatever the PIN).
        self.code_edit = QLineEdit()
        self.code_edit.setObjectName("totpCode")
        # A hint a third of the row shows whole; the message above says whose code.
        self.code_edit.setPlaceholderText(QCoreApplication.translate("SignInScreen", "Code"))
        self.code_edit.setAccessibleName(
            QCoreApplication.translate("SignInScreen", "Authenticator code")
        )
        self.code_edit.setMaxLength(8)
        self.code_edit.setInputMethodHints(Qt.InputMethodHint.ImhDigitsOnly)
        self.code_edit.returnPressed.connect(self.submit)
        self.code_edit.hide()
        self._target = self.staff_edit
        for edit in (self.staff_edit, self.pin_edit, self.code_edit):
            edit.installEventFilter(self)  # a tap or the focus aims the keypad at it

        self.keypad = Keypad(self)  # in place before its keys are polished
        self.keypad.typed.connect(self.press)
        self.keypad.backspace.connect(lambda: self._target.backspace())
        self.keypad.cleared.connect(lambda: self._target.clear())

        self.message = QLabel()
        self.message.setObjectName("signInMessage")
        self.message.setWordWrap(True)
        self.message.setProperty("variant", "error")
        self.message.hide()

        self.submit_button = QPushButton(QCoreApplication.translate("SignInScreen", "Sign in"))
        self.submit_button.setObjectName("signInButton")
        self.submit_button.setProperty("variant", "primary")
        self.submit_button.setMinimumHeight(KEYPAD_KEY)
        self.submit_button.clicked.connect(self.submit)
        self.buttons = QHBoxLayout()
        self.buttons.addWidget(self.submit_button, 1)

        fields = QHBoxLayout()
        fields.addWidget(self.staff_edit, 1)
        fields.addWidget(self.pin_edit, 1)
        fields.addWidget(self.code_edit, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(10)
        layout.addLayout(fields)
        layout.addWidget(self.keypad)
        layout.addLayout(self.buttons)
        layout.addWidget(self.message)
        self._aim(self.staff_edit)

    # -- the keypad's field ----------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        aiming = (QEvent.Type.MouseButtonPress, QEvent.Type.FocusIn)
        if event.type() in aiming and isinstance(watched, QLineEdit):
            self._aim(watched)
        return False

    def _aim(self, edit: QLineEdit) -> None:
        self._target = edit
        self.keypad.set_letters_enabled(edit is self.staff_edit)

    def focus_field(self, edit: QLineEdit) -> None:
        """``edit`` takes the caret and the keypad's keys (also while hidden)."""
        self._aim(edit)
        edit.setFocus()

    def press(self, char: str) -> None:
        if char.isalpha() and self._target is not self.staff_edit:
            return  # PINs and codes are digits
        if len(self._target.text()) < self._target.maxLength():
            self._target.insert(char)

    def clear_pin(self) -> None:
        self.pin_edit.clear()

    def reset(self, staff_id: str = "") -> None:
        """Empty fields (``staff_id`` filled in), no message, the caret where it is due."""
        self.staff_edit.setText(staff_id)
        for edit in (self.pin_edit, self.code_edit):
            edit.clear()
        self.code_edit.hide()
        self.message.hide()
        self.focus_field(self.pin_edit if staff_id else self.staff_edit)

    # -- the attempt -----------------------------------------------------------------

    def submit(self) -> None:
        staff_id = self.staff_edit.text().strip()
        pin = self.pin_edit.text()
        if not staff_id:
            self._show(QCoreApplication.translate("SignInScreen", "Enter your staff id."))
            self.focus_field(self.staff_edit)
            return
        if not pin:
            self._show(QCoreApplication.translate("SignInScreen", "Enter your PIN."))
            self.focus_field(self.pin_edit)
            return
        self.message.hide()
        code = () if self.code_edit.isHidden() else (self.code_edit.text().strip(),)
        self._ops.run(
            self._attempt,
            staff_id,
            pin,
            *code,
            on_success=self._succeeded,
            on_error=self._failed,
            busy=self,
        )

    def use(self, attempt: Attempt, label: str) -> None:
        """The core call the next submit makes, and the button's text."""
        self._attempt = attempt
        self.submit_button.setText(label)

    def _succeeded(self, actor: Actor) -> None:
        self.pin_edit.clear()
        self.code_edit.clear()
        self.code_edit.hide()
        self.message.hide()
        log.info("accepted: %s (%s)", actor.staff_id, actor.role)
        self.accepted.emit(actor)

    def _failed(self, exc: BaseException) -> bool:
        asks_code = not self.code_edit.isHidden()
        self.code_edit.clear()
        if isinstance(exc, SecondFactorRequired):
            # Asked before the PIN is checked (it says nothing about the PIN): keep it.
            self.code_edit.show()
            self.focus_field(self.code_edit)
            self._show(self.code_text(exc.invalid, exc.attempts_left))
            return True
        # The property asks for codes: the field stays for the next try.
        self.code_edit.setVisible(asks_code and isinstance(exc, SignInFailed))
        self.pin_edit.clear()
        self.focus_field(self.pin_edit)
        if isinstance(exc, AccountLocked):
            self._show(self.locked_text(exc.locked_until))
            return True
        if isinstance(exc, SignInFailed):
            self._show(self.wrong_pin_text(exc.attempts_left))
            return True
        if isinstance(exc, PermissionDenied):  # a right PIN, but not one that may do this
            self._show(error_text(exc))
            return True
        return False

    def code_text(self, invalid: bool, left: int) -> str:
        if invalid:
            return SignInPlurals().code_not_accepted(left)
        return QCoreApplication.translate(
            "SignInScreen", "Enter the code from your authenticator app."
        )

    def wrong_pin_text(self, left: int | None) -> str:
        if left is None:
            return QCoreApplication.translate("SignInScreen", "Wrong staff id or PIN.")
        if left <= 0:
            return QCoreApplication.translate(
                "SignInScreen", "Wrong staff id or PIN. No attempts left."
            )
        return SignInPlurals().wrong_pin(left)

    def locked_text(self, until: datetime | None) -> str:
        if until is None:
            return QCoreApplication.translate(
                "SignInScreen", "This account is locked. Ask a supervisor to unlock it."
            )
        return QCoreApplication.translate(
            "SignInScreen", "Too many wrong PINs: this account is locked until {time}."
        ).format(time=format_datetime(until))

    def show_message(self, text: str) -> None:
        self._show(text)

    def _show(self, text: str) -> None:
        self.message.setText(text)
        self.message.show()
