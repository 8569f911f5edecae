"""The main window only assembles: sign-in, the console shell, the lock screen.

The shell (``ui.shell.console``) holds the navigation rail and the pages of the
signed-in role; the session guard (``ui.session``) locks after idle time. Feature
modules are imported when the console is built, after sign-in, so that the sign-in
screen appears as fast as possible.
"""

from __future__ import annotations

import logging
from datetime import timedelta
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QLabel,
    QMainWindow,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from app.actor import Actor
from app.clock import Clock, SystemClock
from app.policy import SessionPolicy
from app.session import Unlock
from ui.async_ops import AsyncOps
from ui.contracts import AuthServiceLike, GuestServiceLike
from ui.session.guard import SessionGuard
from ui.sign_in import SignInScreen

if TYPE_CHECKING:
    from ui.board.feed import BoardSource
    from ui.guest.swipe_filter import SwipeFilter
    from ui.session.lock_screen import LockScreen
    from ui.shell.console import ConsoleShell

log = logging.getLogger(__name__)

BOARD_RELOAD_MS = 30_000
SIGN_IN, CONSOLE, LOCKED = 0, 1, 2


class MainWindow(QMainWindow):
    signed_out = Signal()
    locked = Signal()
    user_switched = Signal(object)  # Actor

    def __init__(
        self,
        auth: AuthServiceLike,
        guests: GuestServiceLike,
        ops: AsyncOps,
        board_source: BoardSource | None = None,
        clock: Clock | None = None,
        demo_hint: str | None = None,
        swipe_filter: SwipeFilter | None = None,
        *,
        context: Any = None,
        idle_timeout: timedelta | None = None,
        session_policy: SessionPolicy | None = None,
        providers: tuple[str, ...] | None = None,
    ) -> None:
        super().__init__()
        self.setWindowTitle(self.tr("VIP Host Console"))
        self._auth, self._guests, self._ops = auth, guests, ops
        self._board_source = board_source
        self._clock = clock or SystemClock()
        self._swipe_filter = swipe_filter
        self._context = context
        self._providers = providers
        self.actor: Actor | None = None
        self.shell: ConsoleShell | None = None
        self.lock_screen: LockScreen | None = None
        self._hidden_dialogs: list[QDialog] = []  # hidden by a lock, shown again by unlock
        self.guard = SessionGuard(self._clock, idle_timeout, self)
        self._session_policy = session_policy
        self.guard.lock_due.connect(self.lock)

        self.stack = QStackedWidget()
        self.sign_in = SignInScreen(auth, ops, demo_hint)
        self.sign_in.signed_in.connect(self.open_console)
        self.stack.addWidget(self.sign_in)
        central = QWidget()
        self._column = QVBoxLayout(central)  # banners (sync status) above the stack
        self._column.setContentsMargins(0, 0, 0, 0)
        self._column.setSpacing(0)
        self._column.addWidget(self.stack, 1)
        self.setCentralWidget(central)

        self.who = QLabel()
        self.who.setObjectName("statusWho")
        self.sign_out_button = QPushButton(self.tr("Sign out"))
        self.sign_out_button.setObjectName("signOutButton")
        self.sign_out_button.clicked.connect(self.sign_out)
        self.sign_out_button.hide()
        self.statusBar().addWidget(self.who, 1)
        self.statusBar().addPermanentWidget(self.sign_out_button)
        self.statusBar().setSizeGripEnabled(False)

        self._reload = QTimer(self)
        self._reload.setInterval(BOARD_RELOAD_MS)
        self._reload.timeout.connect(self.reload_board)
        if swipe_filter is not None:
            swipe_filter.swipe_detected.connect(self._swiped)

    # Compatibility: the features other modules and tests reach through the window.
    board = property(lambda self: self.shell.board if self.shell else None)
    lookup = property(lambda self: self.shell.lookup if self.shell else None)
    card = property(lambda self: self.shell.card if self.shell else None)

    def add_banner(self, banner: QWidget) -> None:
        """A strip above every screen (the sync status), sign-in included."""
        self._column.insertWidget(self._column.count() - 1, banner)

    def _ensure_built(self) -> ConsoleShell:
        if self.shell is None:
            from ui.session.lock_screen import LockScreen
            from ui.shell.console import ConsoleShell
            from ui.shell.registry import PROVIDERS, WITHOUT_CONTEXT

            extras = {"clock": self._clock, "board_source": self._board_source}
            self.shell = ConsoleShell(
                self._guests,
                self._ops,
                context=self._context,
                extras=extras,
                providers=self._providers
                or (PROVIDERS if self._context is not None else WITHOUT_CONTEXT),
            )
            self.shell.reload_wanted.connect(self.reload_board)
            self.shell.lock_requested.connect(self.lock)
            self.shell.switch_user_requested.connect(self.switch_user)
            self.lock_screen = LockScreen(self._auth, self._ops)
            self.lock_screen.unlocked.connect(self._unlocked)
            self.stack.addWidget(self.shell)
            self.stack.addWidget(self.lock_screen)
        return self.shell

    def open_console(self, actor: Actor) -> None:
        shell = self._ensure_built()
        self.actor = actor
        shell.build(actor)
        self.stack.setCurrentIndex(CONSOLE)
        self._show_who(actor)
        self.sign_out_button.show()
        self._set_swipes(True)
        shell.resume()
        self.reload_board()
        self._reload.start()
        if self._session_policy is not None:
            self.guard.state.follow(self._session_policy, actor)
        self.guard.unlock(actor)

    def _show_who(self, actor: Actor) -> None:
        self.who.setText(
            self.tr("Signed in: {name} ({staff}) · role: {role} · device: {device}").format(
                name=actor.name or actor.staff_id,
                staff=actor.staff_id,
                role=role_label(actor.role.value),
                device=actor.device_id,
            )
        )

    def reload_board(self, *_: Any) -> None:
        if self._board_source is None or self.actor is None or self.shell is None:
            return
        shell = self.shell
        self._ops.run(
            self._board_source.rows,
            self.actor,
            self._clock.now(),
            on_success=lambda rows: shell.set_board_rows(rows, self._clock.now()),
        )

    def lock(self, switching: bool = False) -> None:
        """Hide everything behind the lock screen; only a PIN brings it back."""
        if self.actor is None or self.shell is None or self.lock_screen is None:
            return
        self.guard.lock(self.actor)
        self._hide_dialogs()
        self.shell.suspend()
        self._reload.stop()
        self._set_swipes(False)
        self.lock_screen.prepare(self.actor, switching=switching)
        self.stack.setCurrentIndex(LOCKED)
        self.locked.emit()

    def switch_user(self) -> None:
        self.lock(switching=True)

    def _hide_dialogs(self) -> None:
        """Dialogs open over the console (a TTR prompt and its amount) hide with it.

        They keep their state and come back with the console: a decision still to
        be recorded is not lost by a lock."""
        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, QDialog) and widget.isVisible():
                widget.hide()
                self._hidden_dialogs.append(widget)

    def _show_dialogs(self) -> None:
        hidden, self._hidden_dialogs = self._hidden_dialogs, []
        for dialog in hidden:
            if isValid(dialog):  # not deleted with the pages of a switched user
                dialog.show()

    def _unlocked(self, actor: Actor) -> None:
        if self.guard.unlock(actor) is Unlock.SAME_USER and self.shell is not None:
            self.actor = actor
            self.stack.setCurrentIndex(CONSOLE)
            self._set_swipes(True)
            self.shell.resume()
            self.reload_board()
            self._reload.start()
            QTimer.singleShot(0, self._show_dialogs)  # over the console, once it is back
            return
        if self._hidden_dialogs:  # never shown to another staff member (their role, not ours)
            log.warning(
                "%d dialog(s) of the previous user closed by a switch of user",
                len(self._hidden_dialogs),
            )
            self._hidden_dialogs = []
        self.open_console(actor)  # another staff member: their role's pages
        self.user_switched.emit(actor)

    def sign_out(self) -> None:
        self._hide_dialogs()  # the next one to sign in does not see this session's
        self._hidden_dialogs = []
        self.actor = None
        self._reload.stop()
        self.guard.stop()
        self._set_swipes(False)
        if self.shell is not None:
            self.shell.sign_out()
        self.who.setText("")
        self.sign_out_button.hide()
        self.stack.setCurrentIndex(SIGN_IN)
        self.signed_out.emit()

    def _set_swipes(self, enabled: bool) -> None:
        if self._swipe_filter is not None:
            self._swipe_filter.enabled = enabled

    def _swiped(self, raw: str) -> None:
        if self.shell is not None and self.actor is not None and not self.guard.locked:
            self.shell.route_swipe(raw)


def role_label(role: str) -> str:
    from PySide6.QtCore import QCoreApplication

    labels = {
        "host": QCoreApplication.translate("roles", "Host"),
        "pit_boss": QCoreApplication.translate("roles", "Pit boss"),
        "vip_desk": QCoreApplication.translate("roles", "VIP desk"),
        "concierge": QCoreApplication.translate("roles", "Concierge"),
    }
    return labels.get(role, role)
