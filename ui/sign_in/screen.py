"""Staff sign-in: staff id and PIN on a touch keypad with letters and digits; messages
for a wrong PIN and a lockout.

The PIN check (scrypt) runs in the executor through ``AsyncOps``; the screen only
gathers input and renders the outcome. ``reset`` empties it: after a sign-out the next
person never finds the previous staff id filled in.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from ui.async_ops import AsyncOps
from ui.contracts import AuthServiceLike
from ui.sign_in.pad import SignInPad


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
        title = QLabel(self.tr("VIP Host Console"))
        title.setProperty("variant", "title")
        title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        subtitle = QLabel(self.tr("Sign in with your staff id and PIN"))
        subtitle.setProperty("variant", "subtle")
        subtitle.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.pad = SignInPad(auth.sign_in, ops)
        self.pad.accepted.connect(self.signed_in)
        # The pad's parts, as the window and the tests know them.
        self.staff_edit, self.pin_edit = self.pad.staff_edit, self.pad.pin_edit
        self.code_edit, self.message = self.pad.code_edit, self.pad.message
        self.submit_button = self.pad.submit_button

        self.form = QFrame()
        self.form.setProperty("variant", "panel")
        self.form.setMaximumWidth(680)
        form_layout = QVBoxLayout(self.form)
        form_layout.setContentsMargins(20, 16, 20, 16)
        form_layout.setSpacing(8)
        form_layout.addWidget(title)
        form_layout.addWidget(subtitle)
        form_layout.addWidget(self.pad)
        if demo_hint:
            hint = QLabel(demo_hint)
            hint.setObjectName("demoHint")
            hint.setProperty("variant", "hint")
            hint.setWordWrap(True)
            hint.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            form_layout.addWidget(hint)
        column = QVBoxLayout()
        column.addStretch(1)
        column.addWidget(self.form)
        column.addStretch(1)
        outer = QHBoxLayout(self)
        outer.addStretch(1)
        outer.addLayout(column, 10)
        outer.addStretch(1)
        QShortcut(QKeySequence(Qt.Key.Key_Escape), self, self.pad.clear_pin)

    def submit(self) -> None:
        self.pad.submit()

    def clear_pin(self) -> None:
        self.pad.clear_pin()

    def reset(self) -> None:
        """Nothing of an earlier sign-in: no staff id, no PIN, no message."""
        self.pad.reset()
