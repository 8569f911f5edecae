"""Staff sign-in: staff id + PIN, a big numeric keypad, messages for wrong PIN and lockout.

The PIN check (scrypt) takes tens of ms, so it runs in the executor through
``AsyncOps``; the screen only gathers input and renders the outcome.
"""

from __future__ import annotations

import logging
from datetime import datetime

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from app.actor import Actor
from app.services.errors import SecondFactorRequired
from ui.async_ops import AsyncOps
from ui.contracts import AccountLocked, AuthServiceLike, SignInFailed
from ui.locale_format import format_datetime
from ui.theme import KEYPAD_KEY

log = logging.getLogger(__name__)

PIN_MAX = 12


class SignInScreen(QWidget):
    """Emits ``signed_in(Actor)`` once the core accepted the staff id and PIN."""

    signed_in = Signal(object)

    def __init__(
        self,
        auth: AuthServiceLike,
        ops: AsyncOps,
        demo_hint: str | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("signIn")
        self._auth = auth
        self._ops = ops

        title = QLabel(self.tr("VIP Host Console"))
        title.setProperty("variant", "title")
        title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        subtitle = QLabel(self.tr("Sign in with your staff id and PIN"))
        subtitle.setProperty("variant", "subtle")
        subtitle.setAlignment(Qt.AlignmentFlag.AlignCenter)

        self.staff_edit = QLineEdit()
        self.staff_edit.setObjectName("staffId")
        self.staff_edit.setPlaceholderText(self.tr("Staff id"))
        self.staff_edit.setAccessibleName(self.tr("Staff id"))
        self.pin_edit = QLineEdit()
        self.pin_edit.setObjectName("pin")
        self.pin_edit.setPlaceholderText(self.tr("PIN"))
        self.pin_edit.setAccessibleName(self.tr("PIN"))
        self.pin_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.pin_edit.setMaxLength(PIN_MAX)
        self.pin_edit.setInputMethodHints(
            Qt.InputMethodHint.ImhDigitsOnly | Qt.InputMethodHint.ImhSensitiveData
        )
        self.staff_edit.returnPressed.connect(self.pin_edit.setFocus)
        self.pin_edit.returnPressed.connect(self.submit)
        # The second factor, shown when the property asks for it after a right PIN.
        self.code_edit = QLineEdit()
        self.code_edit.setObjectName("totpCode")
        self.code_edit.setPlaceholderText(self.tr("Authenticator code"))
        self.code_edit.setAccessibleName(self.tr("Authenticator code"))
        self.code_edit.setMaxLength(8)
        self.code_edit.setInputMethodHints(Qt.InputMethodHint.ImhDigitsOnly)
        self.code_edit.returnPressed.connect(self.submit)
        self.code_edit.hide()

        self.message = QLabel()
        self.message.setObjectName("signInMessage")
        self.message.setWordWrap(True)
        self.message.setProperty("variant", "error")
        self.message.hide()

        self.submit_button = QPushButton(self.tr("Sign in"))
        self.submit_button.setObjectName("signInButton")
        self.submit_button.setProperty("variant", "primary")
        self.submit_button.setMinimumHeight(KEYPAD_KEY)
        self.submit_button.clicked.connect(self.submit)

        self.form = QFrame()
        self.form.setProperty("variant", "panel")
        form_layout = QVBoxLayout(self.form)
        form_layout.setContentsMargins(24, 24, 24, 24)
        form_layout.setSpacing(12)
        form_layout.addWidget(title)
        form_layout.addWidget(subtitle)
        form_layout.addWidget(self.staff_edit)
        form_layout.addWidget(self.pin_edit)
        form_layout.addWidget(self.code_edit)
        form_layout.addLayout(self._keypad())
        form_layout.addWidget(self.submit_button)
        form_layout.addWidget(self.message)
        if demo_hint:
            hint = QLabel(demo_hint)
            hint.setObjectName("demoHint")
            hint.setProperty("variant", "hint")
            hint.setWordWrap(True)
            hint.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            form_layout.addWidget(hint)
        self.form.setMaximumWidth(520)

        outer = QHBoxLayout(self)
        outer.addStretch(1)
        outer.addWidget(self.form)
        outer.addStretch(1)
        QShortcut(QKeySequence(Qt.Key.Key_Escape), self, self.clear_pin)

    def _keypad(self) -> QGridLayout:
        grid = QGridLayout()
        grid.setSpacing(8)
        keys = ["1", "2", "3", "4", "5", "6", "7", "8", "9"]
        for i, digit in enumerate(keys):
            grid.addWidget(self._key(digit, digit), i // 3, i % 3)
        clear = self._key(self.tr("Clear"), None)
        clear.setObjectName("keyClear")
        clear.clicked.connect(self.clear_pin)
        back = self._key("⌫", None)
        back.setObjectName("keyBackspace")
        back.setAccessibleName(self.tr("Delete last digit"))
        back.clicked.connect(self.pin_edit.backspace)
        grid.addWidget(clear, 3, 0)
        grid.addWidget(self._key("0", "0"), 3, 1)
        grid.addWidget(back, 3, 2)
        return grid

    def _key(self, label: str, digit: str | None) -> QPushButton:
        button = QPushButton(label)
        button.setProperty("variant", "key")
        button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # keep the caret in the PIN field
        button.setMinimumSize(KEYPAD_KEY, KEYPAD_KEY)
        button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        if digit is not None:
            button.setObjectName(f"key{digit}")
            button.clicked.connect(lambda: self.press_digit(digit))
        return button

    # -- slots -------------------------------------------------------------------------

    def press_digit(self, digit: str) -> None:
        if len(self.pin_edit.text()) < PIN_MAX:
            self.pin_edit.insert(digit)

    def clear_pin(self) -> None:
        self.pin_edit.clear()

    def submit(self) -> None:
        staff_id = self.staff_edit.text().strip()
        pin = self.pin_edit.text()
        if not staff_id:
            self._show(self.tr("Enter your staff id."))
            self.staff_edit.setFocus()
            return
        if not pin:
            self._show(self.tr("Enter your PIN."))
            self.pin_edit.setFocus()
            return
        self.message.hide()
        code = () if self.code_edit.isHidden() else (self.code_edit.text().strip(),)
        self._ops.run(
            self._auth.sign_in,
            staff_id,
            pin,
            *code,
            on_success=self._succeeded,
            on_error=self._failed,
            busy=self.form,
        )

    def _succeeded(self, actor: Actor) -> None:
        self.pin_edit.clear()
        self.code_edit.clear()
        self.code_edit.hide()
        self.message.hide()
        log.info("signed in: %s (%s)", actor.staff_id, actor.role)
        self.signed_in.emit(actor)

    def _failed(self, exc: BaseException) -> bool:
        self.code_edit.clear()
        if isinstance(exc, SecondFactorRequired):
            # The PIN was right: keep it, ask for the code (a wrong code counts too).
            self.code_edit.show()
            self.code_edit.setFocus()
            self._show(self.code_text(exc.invalid, exc.attempts_left))
            return True
        self.code_edit.hide()
        self.pin_edit.clear()
        self.pin_edit.setFocus()
        if isinstance(exc, AccountLocked):
            self._show(self.locked_text(exc.locked_until))
            return True
        if isinstance(exc, SignInFailed):
            self._show(self.wrong_pin_text(exc.attempts_left))
            return True
        self._show(self.tr("Sign-in is unavailable right now. Try again or call IT."))
        return False

    def code_text(self, invalid: bool, left: int) -> str:
        if invalid:
            return self.tr("Authenticator code not accepted. %n attempt(s) left.", "", left)
        return self.tr("Enter the code from your authenticator app.")

    def wrong_pin_text(self, left: int | None) -> str:
        if left is None:
            return self.tr("Wrong staff id or PIN.")
        if left <= 0:
            return self.tr("Wrong staff id or PIN. No attempts left.")
        return self.tr("Wrong staff id or PIN. %n attempt(s) left.", "", left)

    def locked_text(self, until: datetime | None) -> str:
        if until is None:
            return self.tr("This account is locked. Ask a supervisor to unlock it.")
        return self.tr("Too many wrong PINs: this account is locked until {time}.").format(
            time=format_datetime(until)
        )

    def _show(self, text: str) -> None:
        self.message.setText(text)
        self.message.show()
