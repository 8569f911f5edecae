"""The lock screen: who locked it, the floor's counts (no personal data) and a PIN pad.

Unlocking is a sign-in through the same ``AuthService`` (same lockout rules): the
locked staff member's PIN returns them to their screen; another staff id and PIN is
switching user (the window rebuilds the pages for that role). *Sign out* here needs
the locked staff member's PIN or a supervisor's (``AuthService.sign_out_locked``).
The pad is ready at once: the first key tapped goes into the PIN.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent, QMouseEvent
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from app.actor import Actor
from app.services.auth import AuthService
from app.services.incidents import FloorSummary
from ui.async_ops import AsyncOps
from ui.form_parts import scrolling_body
from ui.sign_in.pad import SignInPad
from ui.theme import scaled


class LockScreen(QWidget):
    unlocked = Signal(object)  # Actor: the same staff member, or another one
    signed_out = Signal(object)  # Actor: who proved the sign-out (the same, or a supervisor)

    def __init__(self, auth: AuthService, ops: AsyncOps, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("lockScreen")
        self._auth = auth
        self._locked: Actor | None = None
        self.heading = QLabel()
        self.heading.setObjectName("lockHeading")
        self.heading.setProperty("variant", "title")
        self.heading.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.heading.setWordWrap(True)  # a long name at a large text size
        self.summary = QLabel()
        self.summary.setObjectName("lockSummary")
        self.summary.setProperty("variant", "lock-summary")
        self.summary.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.summary.setWordWrap(True)
        self.summary.hide()
        self.hint = QLabel()
        self.hint.setProperty("variant", "subtle")
        self.hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.hint.setWordWrap(True)
        self.pad = SignInPad(auth.sign_in, ops)
        self.pad.accepted.connect(self._accepted)
        self.sign_out_button = QPushButton(self.tr("Sign out"))
        self.sign_out_button.setObjectName("lockSignOut")
        self.sign_out_button.clicked.connect(self._sign_out_mode)
        self.pad.buttons.addWidget(self.sign_out_button)
        panel = QFrame()
        panel.setProperty("variant", "panel")
        panel.setMaximumWidth(scaled(680))
        box = QVBoxLayout(panel)
        box.setContentsMargins(20, 12, 20, 12)
        box.setSpacing(8)
        box.addWidget(self.heading)
        box.addWidget(self.summary)
        box.addWidget(self.hint)
        box.addWidget(self.pad)
        # Centred; with large text the keypad is taller than the screen: it scrolls.
        self.body_scroll, body = scrolling_body("lockScroll")
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(panel, 10)
        row.addStretch(1)
        column = QVBoxLayout(body)
        column.addStretch(1)
        column.addLayout(row)
        column.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.body_scroll)
        self._signing_out = False

    def prepare(self, actor: Actor | None, switching: bool = False) -> None:
        """Ready for ``actor``'s PIN (or, ``switching``, for anybody's staff id)."""
        self._locked = actor
        self._unlock_mode()
        self.summary.hide()
        if switching or actor is None:
            self.heading.setText(self.tr("Switch user"))
            self.pad.reset()
        else:
            self.heading.setText(
                self.tr("Locked — {name}").format(name=actor.name or actor.staff_id)
            )
            self.pad.reset(actor.staff_id)

    def show_summary(self, summary: FloorSummary) -> None:
        """Counts only: nothing here names a guest, a table or an amount."""
        self.summary.setText(
            self.tr("Open: {open}   ·   SLA breached: {breached}   ·   P1: {p1}").format(
                open=summary.open, breached=summary.breached, p1=summary.p1
            )
        )
        self.summary.setProperty("alert", summary.breached > 0 or summary.p1 > 0)
        self.summary.style().polish(self.summary)
        self.summary.show()

    def _unlock_mode(self) -> None:
        self._signing_out = False
        self.pad.use(self._auth.sign_in, self.tr("Unlock"))
        self.sign_out_button.setText(self.tr("Sign out"))
        self.hint.setText(
            self.tr("Enter your PIN to continue, or another staff id and PIN to switch user.")
        )

    def _sign_out_mode(self) -> None:
        """The next PIN signs the locked staff member out (theirs, or a supervisor's)."""
        if self._signing_out or self._locked is None:
            self._unlock_mode()
            return
        locked = self._locked
        self._signing_out = True
        self.pad.use(
            lambda staff_id, pin, *code: self._auth.sign_out_locked(locked, staff_id, pin, *code),
            self.tr("Confirm sign-out"),
        )
        self.sign_out_button.setText(self.tr("Back"))
        self.hint.setText(
            self.tr("To sign {name} out: their PIN, or a supervisor's staff id and PIN.").format(
                name=locked.name or locked.staff_id
            )
        )
        self.pad.focus_field(self.pad.pin_edit)

    def _accepted(self, actor: Actor) -> None:
        if self._signing_out:
            self._unlock_mode()
            self.signed_out.emit(actor)
        else:
            self.unlocked.emit(actor)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        """A digit typed while no field has the caret goes into the PIN: none is lost."""
        if event.text().isdigit():
            self.pad.focus_field(self.pad.pin_edit)
            self.pad.press(event.text())
            return
        super().keyPressEvent(event)

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        """A tap beside the pad wakes it: the field due takes the caret."""
        pad = self.pad
        pad.focus_field(pad.pin_edit if pad.staff_edit.text() else pad.staff_edit)
        super().mousePressEvent(event)
