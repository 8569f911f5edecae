"""Staff sign-in: staff id and PIN on a touch keypad with letters and digits; messages
for a wrong PIN and a lockout; the language, each named in its own words.

Tapping a language emits ``language_chosen``: the window speaks it at once (it builds
this screen again in it) and keeps it as the staff member's own at their sign-in.

The PIN check (scrypt) runs in the executor through ``AsyncOps``; the screen only
gathers input and renders the outcome. ``reset`` empties it: after a sign-out the next
person never finds the previous staff id filled in.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from ui.async_ops import AsyncOps
from ui.contracts import AuthServiceLike
from ui.i18n import available_languages, current_language, language_name
from ui.roles import role_label
from ui.sign_in.pad import SignInPad
from ui.theme import MIN_TOUCH, scaled

if TYPE_CHECKING:
    from app.demo.generator import DemoSignIn


class SignInScreen(QWidget):
    """Emits ``signed_in(Actor)`` once the core accepted the staff id and PIN, and
    ``language_chosen(code)`` when a language is tapped."""

    signed_in = Signal(object)
    language_chosen = Signal(str)

    def __init__(
        self,
        auth: AuthServiceLike,
        ops: AsyncOps,
        demo_hint: DemoSignIn | None = None,
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
        # The form, then the pad in it: the keypad's keys are polished as they are made,
        # and a polished widget moved to a new parent is polished again. The languages
        # come first, as they did: first in the tab order, as on the screen.
        self.form = QFrame(self)
        self.form.setProperty("variant", "panel")
        self.form.setMaximumWidth(scaled(680))
        form_layout = QVBoxLayout(self.form)
        # Tight enough that the demo hint's third line (five roles, in French) leaves
        # the keypad whole on a 1024 x 768 tablet and at twice the text size.
        form_layout.setContentsMargins(20, 12, 20, 12)
        form_layout.setSpacing(6)
        form_layout.addLayout(self._language_row())
        form_layout.addWidget(title)
        form_layout.addWidget(subtitle)
        self.pad = SignInPad(auth.sign_in, ops, self.form)
        self.pad.accepted.connect(self.signed_in)
        # The pad's parts, as the window and the tests know them.
        self.staff_edit, self.pin_edit = self.pad.staff_edit, self.pad.pin_edit
        self.code_edit, self.message = self.pad.code_edit, self.pad.message
        self.submit_button = self.pad.submit_button
        form_layout.addWidget(self.pad)
        if demo_hint is not None:
            hint = QLabel(demo_text(demo_hint))
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

    def _language_row(self) -> QHBoxLayout:
        """One button per language the console speaks, the current one checked."""
        row = QHBoxLayout()
        row.addStretch(1)
        self.language_buttons: dict[str, QPushButton] = {}
        current = current_language()
        for code in available_languages():
            button = QPushButton(language_name(code))
            button.setObjectName(f"language:{code}")
            button.setProperty("variant", "choice")
            button.setCheckable(True)
            button.setChecked(code == current)
            button.setMinimumHeight(MIN_TOUCH)
            button.clicked.connect(lambda _checked=False, c=code: self._choose(c))
            row.addWidget(button)
            self.language_buttons[code] = button
        return row

    def _choose(self, code: str) -> None:
        for other, button in self.language_buttons.items():
            button.setChecked(other == code)
        self.language_chosen.emit(code)

    def submit(self) -> None:
        self.pad.submit()

    def clear_pin(self) -> None:
        self.pad.clear_pin()

    def reset(self) -> None:
        """Nothing of an earlier sign-in: no staff id, no PIN, no message."""
        self.pad.reset()


def demo_text(hint: DemoSignIn) -> str:
    """Whom to sign in as on the demo property, in the console's language."""
    from PySide6.QtCore import QCoreApplication

    staff = ", ".join(f"{sid} ({role_label(role.value)})" for sid, role in hint.staff)
    return QCoreApplication.translate(
        "SignInScreen", "Demo property — staff {staff}; PIN {pin}"
    ).format(staff=staff, pin=hint.pin)
