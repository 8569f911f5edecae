"""The main window only assembles: sign-in, the console shell, the lock screen.

The shell (``ui.shell.console``) holds the navigation rail and the pages of the
signed-in role; the session guard (``ui.session``) locks after the idle time the SLA
policy sets for that role. Feature modules are imported when the console is built,
after sign-in, so that the sign-in screen appears as fast as possible.

The console speaks the language chosen on the sign-in screen, then each staff
member's own (``StaffLanguages``) from their sign-in; signing out returns to the
tablet's. A change of language builds the sign-in screen, the shell and the lock
screen again (no restart): nothing of a session lives in them at that moment.

Locking keeps the screen as it was (page, guest card, dialogs hidden and shown
again) for the same staff member's PIN; a switch of user or a sign-out drops all of
it. While locked, the lock screen shows the floor's counts (no personal data) and the
only way out is a PIN: the status bar's *Sign out* is hidden.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import (
    QApplication,
    QLabel,
    QMainWindow,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from app.actor import Actor
from app.gc_rest import settle_all
from app.services.console import ConsoleServices
from app.session import Unlock
from ui.async_ops import AsyncOps, NewestAnswer
from ui.board.feed import ServiceBoardSource
from ui.i18n import current_language, use_language
from ui.roles import role_label
from ui.session.dialogs import DialogsBehindLock
from ui.session.guard import SessionGuard
from ui.sign_in import SignInScreen

if TYPE_CHECKING:
    from app.demo.generator import DemoSignIn
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
    language_changed = Signal(str)  # the code of the language the console now speaks

    def __init__(
        self,
        services: ConsoleServices,
        ops: AsyncOps,
        *,
        swipe_filter: SwipeFilter | None = None,
        demo_hint: DemoSignIn | None = None,
        providers: tuple[Provider, ...] | None = None,
    ) -> None:
        super().__init__()
        self.setWindowTitle(self.tr("VIP Host Console"))
        self._services, self._ops = services, ops
        self._board_source = ServiceBoardSource(services.incidents)
        self._board_answers = NewestAnswer()  # the board's rows, the lock screen's counts
        self._summary_answers = NewestAnswer()
        self._clock = services.clock
        self._swipe_filter = swipe_filter
        self._providers = providers
        self._demo_hint = demo_hint
        self._device_language = current_language()  # the tablet's: back to it at sign-out
        self._chosen_language: str | None = None  # tapped on the sign-in screen
        self.actor: Actor | None = None
        self.shell: ConsoleShell | None = None
        self.lock_screen: LockScreen | None = None
        self._dialogs = DialogsBehindLock()  # hidden by a lock, shown again by unlock
        self.guard = SessionGuard(self._clock, None, self)
        self.guard.lock_due.connect(self.lock)

        # Each widget made in its place, top down: a polished widget moved to a new
        # parent is polished again, its whole tree (the sign-in keypad's 38 keys).
        central = QWidget(self)
        # The theme sets it no animation (resources/theme/dark.qss). A geometry animation
        # starts Qt's private animation timer; the first object of a class PySide does
        # not know to reach the event filters makes it create every widget class's
        # enums, some 20 ms of the start.
        central.setObjectName("windowColumn")
        self.setCentralWidget(central)
        self._column = QVBoxLayout(central)  # banners (sync status) above the stack
        self._column.setContentsMargins(0, 0, 0, 0)
        self._column.setSpacing(0)
        self.stack = QStackedWidget(central)
        self._column.addWidget(self.stack, 1)
        self.sign_in = self._new_sign_in()
        self.stack.addWidget(self.sign_in)

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

        self._settle_after_load = False
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
            banner = self.shell.alert_banner  # in the "signed in" line's place while shown
            self.statusBar().insertWidget(0, banner, 1)
            banner.hide()
            banner.shown.connect(lambda shown: self.who.setVisible(not shown))
            self.lock_screen = LockScreen(self._services.auth, self._ops)
            self.lock_screen.unlocked.connect(self._unlocked)
            self.lock_screen.signed_out.connect(lambda _who: self._end_session())
            self.stack.addWidget(self.shell)
            self.stack.addWidget(self.lock_screen)
        return self.shell

    def _new_sign_in(self) -> SignInScreen:
        screen = SignInScreen(self._services.auth, self._ops, self._demo_hint, self.stack)
        screen.signed_in.connect(self._signed_in)
        screen.language_chosen.connect(self._language_chosen)
        return screen

    # Language ------------------------------------------------------------------------

    def _language_chosen(self, code: str) -> None:
        """Tapped on the sign-in screen: spoken at once, kept for whoever signs in."""
        self._chosen_language = code
        self._speak(code)

    def _signed_in(self, actor: Actor) -> None:
        """``actor``'s language first (chosen just now, else their earlier choice), then
        their pages in it."""
        chosen, self._chosen_language = self._chosen_language, None
        languages = self._services.languages

        def keep_or_read() -> str | None:
            if chosen is None:
                return languages.of(actor)
            languages.choose(actor, chosen)
            return chosen

        def open_anyway(exc: BaseException) -> bool:
            self.open_console(actor)  # in the language on screen
            return _not_allowed(exc)

        self._ops.run(
            keep_or_read,
            on_success=lambda code: self._open_speaking(actor, code),
            on_error=open_anyway,
        )

    def _open_speaking(self, actor: Actor, language: str | None) -> None:
        self._speak(language or self._device_language)
        self.open_console(actor)

    def _speak(self, code: str) -> None:
        """Speak ``code``; what was built in another language is built again."""
        app = QApplication.instance()
        if not isinstance(app, QApplication) or not use_language(app, code):
            return
        self.setWindowTitle(self.tr("VIP Host Console"))
        self.sign_out_button.setText(self.tr("Sign out"))
        staff_id = self.sign_in.staff_edit.text()
        old, self.sign_in = self.sign_in, self._new_sign_in()
        self.sign_in.staff_edit.setText(staff_id)  # a staff id typed stays (never a PIN)
        self.stack.insertWidget(SIGN_IN, self.sign_in)
        showing = self.stack.currentWidget() is old
        self.stack.removeWidget(old)
        self._ops.cancel_for(old)
        old.deleteLater()
        if showing:
            self.stack.setCurrentWidget(self.sign_in)
            self.sign_in.pad.focus_field(
                self.sign_in.pad.pin_edit if staff_id else self.sign_in.staff_edit
            )
        for part in (self.shell, self.lock_screen):  # built again in _ensure_built
            if part is not None:
                self._ops.cancel_for(part)
                self.stack.removeWidget(part)
                part.deleteLater()
        if self.shell is not None:
            self.shell.sign_out()
        self.shell = self.lock_screen = None
        self.language_changed.emit(code)

    def open_console(self, actor: Actor) -> None:
        """``actor``'s pages, built now: nothing of the previous user's stays."""
        self._dialogs.forget()
        shell = self._ensure_built()
        self.actor = actor
        shell.build(actor)
        self.stack.setCurrentIndex(CONSOLE)
        self._show_who(actor)
        self.sign_out_button.show()
        shell.resume()
        # Unlocked before the first load: a session that ended on the lock screen left
        # the guard locked, and a locked console loads only the lock screen's counts.
        self.guard.state.follow(self._services.policy.session, actor)
        self.guard.unlock(actor)
        self._settle_after_load = True  # the new user's pages, once loaded (app/gc_rest.py)
        self.reload_board()
        self._reload.start()

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
        ticket = self._board_answers.ask()  # two reads at once may answer out of order
        self._ops.run(
            self._board_source.rows,
            actor,
            self._clock.now(),
            on_success=lambda rows: self._board_loaded(actor, rows, ticket),
        )

    def _board_loaded(self, actor: Actor, rows: Any, ticket: int) -> None:
        if not self._board_answers.is_newest(ticket):
            return  # read before a change the board already shows
        if self.shell is not None and self.actor == actor and not self.guard.locked:
            self.shell.set_board_rows(rows, self._clock.now())
            if self._settle_after_load:  # the previous user's garbage goes, this one's
                self._settle_after_load = False  # pages stay out of the collector's way
                QTimer.singleShot(0, settle_all)

    def _reload_summary(self, actor: Actor) -> None:
        lock_screen = self.lock_screen
        ticket = self._summary_answers.ask()

        def show(summary: Any) -> None:
            fresh = self._summary_answers.is_newest(ticket)
            if fresh and lock_screen is not None and self.guard.locked:
                lock_screen.show_summary(summary)

        self._ops.run(
            self._services.incidents.summary, actor, on_success=show, on_error=_not_allowed
        )

    def lock(self, switching: bool = False) -> None:
        """Hide everything behind the lock screen; only a PIN brings it back."""
        if self.actor is None or self.shell is None or self.lock_screen is None:
            return
        self.guard.lock(self.actor)
        self._dialogs.hide()
        self.shell.suspend()
        self.sign_out_button.hide()
        self.stack.setCurrentIndex(LOCKED)
        self.lock_screen.prepare(self.actor, switching=switching)  # shown: the caret stays
        self._reload_summary(self.actor)
        QTimer.singleShot(0, settle_all)  # nobody waits on a locked console
        self.locked.emit()

    def switch_user(self) -> None:
        self.lock(switching=True)

    def _unlocked(self, actor: Actor) -> None:
        if self.guard.unlock(actor) is Unlock.SAME_USER and self.shell is not None:
            self.actor = actor
            self.stack.setCurrentIndex(CONSOLE)  # the same page, the same card
            self.sign_out_button.show()
            self.shell.resume()
            self.reload_board()
            QTimer.singleShot(0, self._dialogs.show_again)  # over the console, once it is back
            return
        previous = self.actor
        if previous is not None:  # the locked session ends with the switch
            self._ops.run(self._services.auth.sign_out, previous, on_error=_not_allowed)

        def in_the_tablets_language(exc: BaseException) -> bool:
            self._switched(actor, None)
            return _not_allowed(exc)

        self._ops.run(
            self._services.languages.of,
            actor,
            on_success=lambda code: self._switched(actor, code),
            on_error=in_the_tablets_language,
        )

    def _switched(self, actor: Actor, language: str | None) -> None:
        """Another staff member took the tablet: their language, their role's pages."""
        self._open_speaking(actor, language)
        self.user_switched.emit(actor)

    def sign_out(self) -> None:
        """The status bar's *Sign out* (never shown while locked): audited."""
        if self.actor is not None:
            self._ops.run(self._services.auth.sign_out, self.actor, on_error=_not_allowed)
        self._end_session()

    def _end_session(self) -> None:
        """Back to an empty sign-in screen; nothing of this session stays."""
        self._dialogs.hide()
        self._dialogs.forget()
        self._services.timeline.forget_summaries()
        self.actor = None
        self._reload.stop()
        self.guard.stop()
        if self.shell is not None:
            self.shell.sign_out()
        self.who.setText("")
        self.sign_out_button.hide()
        self._chosen_language = None
        self._speak(self._device_language)  # the tablet's language for the next person
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
        from ui.window_mode import show_in_mode

        show_in_mode(self, mode)


def _not_allowed(exc: BaseException) -> bool:
    """A refused read or audit row for a background refresh: logged, nothing to show."""
    from app.services.errors import ServiceError

    if isinstance(exc, ServiceError):
        log.info("background call refused: %s", exc)
        return True
    return False
