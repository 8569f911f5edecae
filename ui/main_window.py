"""The main window only assembles: sign-in, the console shell, the lock screen.

The shell (``ui.shell.console``) holds the navigation rail and the pages of the
signed-in role; the session guard (``ui.session``) locks after the idle time the SLA
policy sets for that role. Feature modules are imported when the console is built,
after sign-in, so that the sign-in screen appears as fast as possible.

Locking keeps the screen as it was (page, guest card, dialogs hidden and shown
again) for the same staff member's PIN; a switch of user or a sign-out drops all of
it. While locked, the lock screen shows the floor's counts (no personal data) and the
only way out is a PIN: the status bar's *Sign out* is hidden.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, QTimer, Signal
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
from app.cli import WINDOW_MODES
from app.services.console import ConsoleServices
from app.session import Unlock
from ui.async_ops import AsyncOps
from ui.board.feed import ServiceBoardSource
from ui.session.guard import SessionGuard
from ui.sign_in import SignInScreen

if TYPE_CHECKING:
    from ui.guest.swipe_filter import SwipeFilter
    from ui.session.lock_screen import LockScreen
    from ui.shell.console import ConsoleShell
    from ui.shell.registry import Provider

log = logging.getLogger(__name__)

BOARD_RELOAD_MS = 30_000
SIGN_IN, CONSOLE, LOCKED = 0, 1, 2


class MainWindow(QMainWindow):
    signed_out = Signal()
    locked = Signal()
    user_switched = Signal(object)  # Actor

    def __init__(
        self,
        services: ConsoleServices,
        ops: AsyncOps,
        *,
        swipe_filter: SwipeFilter | None = None,
        demo_hint: str | None = None,
        providers: tuple[Provider, ...] | None = None,
    ) -> None:
        super().__init__()
        self.setWindowTitle(self.tr("VIP Host Console"))
        self._services, self._ops = services, ops
        self._board_source = ServiceBoardSource(services.incidents)
        self._clock = services.clock
        self._swipe_filter = swipe_filter
        self._providers = providers
        self.actor: Actor | None = None
        self.shell: ConsoleShell | None = None
        self.lock_screen: LockScreen | None = None
        self._hidden_dialogs: list[QDialog] = []  # hidden by a lock, shown again by unlock
        self.guard = SessionGuard(self._clock, None, self)
        self.guard.lock_due.connect(self.lock)

        self.stack = QStackedWidget()
        self.sign_in = SignInScreen(services.auth, ops, demo_hint)
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
        self.who.setWordWrap(True)  # on two lines before it squeezes Sign out (French, 1024 px)
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

    # For tests and screenshots: what the signed-in user sees.
    lookup = property(lambda self: self.shell.lookup if self.shell else None)
    card = property(lambda self: self.shell.visible_card() if self.shell else None)

    @property
    def board(self) -> Any:
        page = self.shell.page("board") if self.shell else None
        return page.board if page is not None else None

    def add_banner(self, banner: QWidget) -> None:
        """A strip above every screen (the sync status), sign-in included."""
        self._column.insertWidget(self._column.count() - 1, banner)

    def _ensure_built(self) -> ConsoleShell:
        if self.shell is None:
            from ui.session.lock_screen import LockScreen
            from ui.shell.console import ConsoleShell
            from ui.shell.registry import PROVIDERS

            self.shell = ConsoleShell(
                self._services, self._ops, self._clock, providers=self._providers or PROVIDERS
            )
            self.shell.reload_wanted.connect(self.reload_board)
            self.shell.lock_requested.connect(self.lock)
            self.shell.switch_user_requested.connect(self.switch_user)
            self.lock_screen = LockScreen(self._services.auth, self._ops)
            self.lock_screen.unlocked.connect(self._unlocked)
            self.lock_screen.signed_out.connect(lambda _who: self._end_session())
            self.stack.addWidget(self.shell)
            self.stack.addWidget(self.lock_screen)
        return self.shell

    def open_console(self, actor: Actor) -> None:
        """``actor``'s pages, built now: nothing of the previous user's stays."""
        self._forget_dialogs()
        shell = self._ensure_built()
        self.actor = actor
        shell.build(actor)
        self.stack.setCurrentIndex(CONSOLE)
        self._show_who(actor)
        self.sign_out_button.show()
        shell.resume()
        self.reload_board()
        self._reload.start()
        self.guard.state.follow(self._services.policy.session, actor)
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
        """The board's rows; while locked, only the lock screen's counts."""
        if self.actor is None or self.shell is None:
            return
        actor = self.actor
        if self.guard.locked:
            self._reload_summary(actor)
            return
        self._ops.run(
            self._board_source.rows,
            actor,
            self._clock.now(),
            on_success=lambda rows: self._board_loaded(actor, rows),
        )

    def _board_loaded(self, actor: Actor, rows: Any) -> None:
        if self.shell is not None and self.actor == actor and not self.guard.locked:
            self.shell.set_board_rows(rows, self._clock.now())

    def _reload_summary(self, actor: Actor) -> None:
        lock_screen = self.lock_screen

        def show(summary: Any) -> None:
            if lock_screen is not None and self.guard.locked:
                lock_screen.show_summary(summary)

        self._ops.run(
            self._services.incidents.summary, actor, on_success=show, on_error=_not_allowed
        )

    def lock(self, switching: bool = False) -> None:
        """Hide everything behind the lock screen; only a PIN brings it back."""
        if self.actor is None or self.shell is None or self.lock_screen is None:
            return
        self.guard.lock(self.actor)
        self._hide_dialogs()
        self.shell.suspend()
        self.sign_out_button.hide()
        self.stack.setCurrentIndex(LOCKED)
        self.lock_screen.prepare(self.actor, switching=switching)  # shown: the caret stays
        self._reload_summary(self.actor)
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

    def _forget_dialogs(self) -> None:
        """Never shown to another staff member (their role, not ours): closed for good."""
        hidden, self._hidden_dialogs = self._hidden_dialogs, []
        if hidden:
            log.warning("%d dialog(s) of the previous user closed by a switch of user", len(hidden))
        for dialog in hidden:
            if isValid(dialog):
                dialog.reject()

    def _unlocked(self, actor: Actor) -> None:
        if self.guard.unlock(actor) is Unlock.SAME_USER and self.shell is not None:
            self.actor = actor
            self.stack.setCurrentIndex(CONSOLE)  # the same page, the same card
            self.sign_out_button.show()
            self.shell.resume()
            self.reload_board()
            QTimer.singleShot(0, self._show_dialogs)  # over the console, once it is back
            return
        previous = self.actor
        if previous is not None:  # the locked session ends with the switch
            self._ops.run(self._services.auth.sign_out, previous, on_error=_not_allowed)
        self.open_console(actor)  # another staff member: their role's pages
        self.user_switched.emit(actor)

    def sign_out(self) -> None:
        """The status bar's *Sign out* (never shown while locked): audited."""
        if self.actor is not None:
            self._ops.run(self._services.auth.sign_out, self.actor, on_error=_not_allowed)
        self._end_session()

    def _end_session(self) -> None:
        """Back to an empty sign-in screen; nothing of this session stays."""
        self._hide_dialogs()
        self._forget_dialogs()
        self.actor = None
        self._reload.stop()
        self.guard.stop()
        if self.shell is not None:
            self.shell.sign_out()
        self.who.setText("")
        self.sign_out_button.hide()
        self.sign_in.reset()
        self.stack.setCurrentIndex(SIGN_IN)
        self.sign_in.staff_edit.setFocus()
        self.signed_out.emit()

    def _swiped(self, raw: str) -> None:
        """A card reader's burst. The filter takes it on every screen, so that a card
        swiped at a locked tablet never becomes a PIN attempt; only a signed-in, unlocked
        console looks it up."""
        if self.shell is not None and self.actor is not None and not self.guard.locked:
            self.shell.route_swipe(raw)

    # Showing the window ------------------------------------------------------------

    def show_on_screen(self, mode: str = "auto") -> None:
        """``fullscreen``, ``maximised``, ``windowed``, ``kiosk`` (full screen, no frame,
        on top) or ``auto``: full screen on a tablet-sized screen, else maximised."""
        show_in_mode(self, mode)


def show_in_mode(window: QWidget, mode: str = "auto") -> None:
    """Show ``window`` as ``MainWindow.show_on_screen`` says (the provisioning screen too)."""
    screen = window.screen().availableGeometry()
    mode = window_mode(mode, screen.width(), screen.height())
    if mode == "kiosk":
        window.setWindowFlags(
            window.windowFlags()
            | Qt.WindowType.FramelessWindowHint
            | Qt.WindowType.WindowStaysOnTopHint
        )
        window.showFullScreen()
    elif mode == "fullscreen":
        window.showFullScreen()
    elif mode == "maximised":
        window.showMaximized()
    else:
        window.resize(1280, 800)
        window.show()


TABLET_MAX = (1366, 900)  # a screen this size or smaller is a floor tablet


def window_mode(mode: str, width: int, height: int) -> str:
    """``auto`` made concrete for a screen of ``width`` x ``height``: full screen on a
    tablet, maximised on a desk screen; any other mode as given."""
    if mode not in WINDOW_MODES:
        raise ValueError(f"unknown window mode {mode!r}; known: {', '.join(WINDOW_MODES)}")
    if mode != "auto":
        return mode
    tablet = width <= TABLET_MAX[0] or height <= TABLET_MAX[1]
    return "fullscreen" if tablet else "maximised"


def _not_allowed(exc: BaseException) -> bool:
    """A refused read or audit row for a background refresh: logged, nothing to show."""
    from app.services.errors import ServiceError

    if isinstance(exc, ServiceError):
        log.info("background call refused: %s", exc)
        return True
    return False


def role_label(role: str) -> str:
    from PySide6.QtCore import QCoreApplication

    labels = {
        "host": QCoreApplication.translate("roles", "Host"),
        "pit_boss": QCoreApplication.translate("roles", "Pit boss"),
        "vip_desk": QCoreApplication.translate("roles", "VIP desk"),
        "concierge": QCoreApplication.translate("roles", "Concierge"),
    }
    return labels.get(role, role)
