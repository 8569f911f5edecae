"""The lock screen: nothing of the previous screen, just who locked it and a PIN pad.

Unlocking is a sign-in through the same ``AuthService`` (same lockout rules). The
staff id is filled with the staff member who was signed in; typing another id is
switching user (the window rebuilds the pages for that role).
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from app.actor import Actor
from ui.async_ops import AsyncOps
from ui.contracts import AuthServiceLike
from ui.sign_in import SignInScreen


class LockScreen(QWidget):
    unlocked = Signal(object)  # Actor: the same staff member, or another one

    def __init__(self, auth: AuthServiceLike, ops: AsyncOps, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("lockScreen")
        self.heading = QLabel()
        self.heading.setObjectName("lockHeading")
        self.heading.setProperty("variant", "title")
        self.heading.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.hint = QLabel(
            self.tr("Enter your PIN to continue, or another staff id and PIN to switch user.")
        )
        self.hint.setProperty("variant", "subtle")
        self.hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.hint.setWordWrap(True)
        self.pad = SignInScreen(auth, ops)
        self.pad.signed_in.connect(self.unlocked)
        self.pad.submit_button.setText(self.tr("Unlock"))
        for label in self.pad.findChildren(QLabel):  # its own "Sign in" heading: ours instead
            if label.property("variant") in ("title", "subtle"):
                label.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 24, 24, 0)
        layout.addWidget(self.heading)
        layout.addWidget(self.hint)
        layout.addWidget(self.pad, 1)

    def prepare(self, actor: Actor | None, switching: bool = False) -> None:
        """Ready for ``actor``'s PIN (or, ``switching``, for anybody's staff id)."""
        if switching or actor is None:
            self.heading.setText(self.tr("Switch user"))
            self.pad.staff_edit.clear()
            focus = self.pad.staff_edit
        else:
            self.heading.setText(
                self.tr("Locked — {name}").format(name=actor.name or actor.staff_id)
            )
            self.pad.staff_edit.setText(actor.staff_id)
            focus = self.pad.pin_edit
        self.pad.pin_edit.clear()
        self.pad.message.hide()
        focus.setFocus()
