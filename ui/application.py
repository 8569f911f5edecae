"""Builds the QApplication and runs the console on a qasync event loop.

``run_console`` is what the composition root (``main.py`` / ``app.cli``) calls. PySide6
is imported inside the functions, so importing this module costs nothing; the console
view behind the sign-in screen is built after sign-in.
"""

from __future__ import annotations

import asyncio
import logging
import sys
import time
import traceback
from collections.abc import Callable
from concurrent.futures import Future
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from PySide6.QtWidgets import QApplication

    from app.bootstrap import ConsoleContext
    from app.kiosk import KioskExit

log = logging.getLogger(__name__)

APP_NAME = "VIP Host Console"
ORG_NAME = "VIP Console"
ACTS_WARM_UP_DELAY_MS = 3000  # after the start; a first act before it warms up itself


def build_application(argv: list[str] | None = None, locale: str | None = None) -> QApplication:
    """The QApplication with bundled fonts, the dark theme and the translator installed."""
    from PySide6.QtWidgets import QApplication

    from ui.fonts import install_fonts
    from ui.i18n import install_translator
    from ui.theme import DRAWS_WITH_FUSION, FUSION_ARGUMENTS, apply_theme

    app = QApplication.instance()
    if app is None:
        app = QApplication([*(argv if argv is not None else sys.argv[:1]), *FUSION_ARGUMENTS])
        app.setProperty(DRAWS_WITH_FUSION, True)
    assert isinstance(app, QApplication)
    app.setApplicationName(APP_NAME)
    app.setOrganizationName(ORG_NAME)
    install_fonts(app)
    apply_theme(app)
    install_translator(app, locale)
    return app


def install_crash_hook(parent: Any = None) -> None:
    """Uncaught exceptions are logged and shown in a dialog (once at a time)."""
    showing = False

    def hook(exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        nonlocal showing
        log.critical("uncaught exception", exc_info=(exc_type, exc, tb))
        if showing or issubclass(exc_type, KeyboardInterrupt):
            return
        from PySide6.QtCore import QCoreApplication
        from PySide6.QtWidgets import QMessageBox

        showing = True
        try:
            box = QMessageBox(parent)
            box.setIcon(QMessageBox.Icon.Critical)
            box.setWindowTitle(QCoreApplication.translate("crash", "Something went wrong"))
            box.setText(
                QCoreApplication.translate(
                    "crash",
                    "The console hit an unexpected error. It was logged; tell IT what you "
                    "were doing. You can keep working.",
                )
            )
            box.setDetailedText("".join(traceback.format_exception(exc_type, exc, tb)))
            box.exec()
        finally:
            showing = False

    sys.excepthook = hook


def run_console(
    context: ConsoleContext,
    *,
    helpdesk: str | None = None,
    enrolment_code: str | None = None,
    argv: list[str] | None = None,
    locale: str | None = None,
    window_mode: str = "auto",
    exit_when_ready: bool = False,
    kiosk: KioskExit | None = None,
) -> int:
    """Show the console on ``context`` and run until it is closed; returns the exit code.

    The window gets ``context.services`` (never the store). ``helpdesk`` is where the
    sync goes (a URL, "embedded", or None: offline); the sync starts once the loop runs
    (the network stack stays out of the cold start), gets its banner and stops before
    the loop ends; ``enrolment_code`` is IT's code for it (``--enrol``).
    ``window_mode``: see ``MainWindow.show_on_screen``.
    ``exit_when_ready`` prints "console-ready" once the start is complete (sync
    attached, sign-in screen painted) and closes the window: the cold-start
    benchmark's finish line, on the same path as every start. The context's
    notices (a store moved aside, say) are shown once the window is up; the context is
    closed on exit. ``kiosk``: the window is held as a kiosk (ui.kiosk) and only IT's PIN
    closes it.
    """
    from ui.event_loop import ConsoleEventLoop

    app = build_application(argv, locale)
    from ui.theme import apply_theme, theme_name

    settings = context.settings  # the device's: high contrast, text size (docs/kiosk.md)
    apply_theme(app, theme_name(settings.get("high_contrast")), settings.get("text_scale"))
    loop = ConsoleEventLoop(app)
    asyncio.set_event_loop(loop)

    from ui.async_ops import AsyncOps

    ops = AsyncOps(present_error=_present_error)
    window, window_input = console_window(app, context, ops)
    install_crash_hook(window)
    loop.set_exception_handler(_loop_exception_handler)
    from ui.updates.restart import RestartForUpdate

    if kiosk is not None:
        from ui.kiosk.guard import KioskGuard

        guard = KioskGuard(window, kiosk, ops, board_visible=lambda: board_shows(window))
        app.aboutToQuit.connect(guard.awake.release)
        guard.show()
        restart = RestartForUpdate(window, guard)
    else:
        window.show_on_screen(window_mode)
        restart = RestartForUpdate(window)
    window_input.watch(window.windowHandle())  # made by the show
    window.sign_in.staff_edit.setFocus()
    from PySide6.QtCore import QTimer

    attached = asyncio.Event()

    def attach() -> None:
        _attach_sync(app, window, context, helpdesk, enrolment_code, ops)
        _attach_updates(window, context, helpdesk, ops, restart)
        attached.set()
        # The store's data layer, when the start left it for now: on its own thread,
        # while the user reads the sign-in screen (offline_cache/pending.py).
        context.finish_opening_store()

    QTimer.singleShot(0, attach)
    # Fonts, signing key and the signing child, once the start is over: nobody signs
    # an act in the first seconds, and the warm-up must not compete with the start.
    QTimer.singleShot(
        ACTS_WARM_UP_DELAY_MS, lambda: ops.run(context.start_acts, on_error=_acts_unavailable)
    )
    _show_notices(window, context.store_moved_aside)
    opened = context.store_opened()
    if opened is not None:  # its integrity check, left for then, may move it aside
        noticed = asyncio.ensure_future(_notice_when_open(window, opened))
        app.aboutToQuit.connect(noticed.cancel)
    if exit_when_ready:
        started = asyncio.ensure_future(
            _report_started(window, attached, lambda: context.store_is_open)
        )
        app.aboutToQuit.connect(started.cancel)

    closing = asyncio.Event()
    app.aboutToQuit.connect(closing.set)
    app.aboutToQuit.connect(ops.shutdown)
    try:
        with loop:
            loop.run_until_complete(closing.wait())
    finally:
        context.close()
    return restart.exit_code


def console_window(app: QApplication, context: ConsoleContext, ops: Any) -> tuple[Any, Any]:
    """The console's window on ``context`` and the ``WindowInput`` that puts its input
    filters (a card reader's swipe on every screen; any input keeps the session awake)
    on its windows: watch the window's own once it shows. The swipe benchmark builds
    it here too."""
    from ui.guest.swipe_filter import SwipeFilter
    from ui.input_filter import InputOnly, WindowInput
    from ui.main_window import MainWindow
    from ui.session.guard import InputActivityFilter

    swipe = SwipeFilter(at_windows=True)  # on every screen: the window decides what it does
    window = MainWindow(context.services, ops, swipe_filter=swipe, demo_hint=context.demo_hint)
    # The session's sees each input first (a swipe's Enter, eaten, is activity too).
    activity = InputActivityFilter(window.guard, window)
    both = InputOnly([activity, swipe], window)
    return window, WindowInput(both, app, window)


def board_shows(window: Any) -> bool:
    """The board on screen, unlocked: what keeps a kiosk's screen awake."""
    board = window.board
    return board is not None and board.isVisible() and not window.guard.locked


def _show_notices(window: Any, moved_aside: Path | None) -> None:
    """What the start found that the user must know, in the screen's language."""
    if moved_aside is None:
        return
    from PySide6.QtCore import QCoreApplication, QTimer
    from PySide6.QtWidgets import QMessageBox

    title = QCoreApplication.translate("console", "Local store")
    text = store_moved_aside_text(moved_aside)
    QTimer.singleShot(0, lambda: QMessageBox.warning(window, title, text))


async def _notice_when_open(window: Any, opened: Future[Any]) -> None:
    """A damaged store found once the window was up: said as one found at the start."""
    try:
        store = await asyncio.wrap_future(opened)
    except Exception:  # logged by the store-open thread; each use of the store says it
        return
    _show_notices(window, store.recovered_from)


def store_moved_aside_text(moved_aside: Path) -> str:
    from PySide6.QtCore import QCoreApplication

    return QCoreApplication.translate(
        "console",
        "The local store failed its integrity check and was moved aside to {path}; a new "
        "empty store was created. Tell IT: what was not yet sent is in that file.",
    ).format(path=moved_aside)


async def _report_started(
    window: Any, attached: asyncio.Event, store_open: Callable[[], bool]
) -> None:
    """The cold-start benchmark's finish line: the sync attached (and its banner
    shown), the sign-in screen painted, the loop free. Then its second line: the store's
    data layer loaded (on its own thread, offline_cache/pending.py) and the loop's
    longest wait meanwhile, which must never freeze the screen. Then quit as a user
    would."""
    await attached.wait()
    window.repaint()  # synchronous: the pixels exist when the line is printed
    print("console-ready", flush=True)
    longest = await _longest_loop_wait_until(store_open)
    print(f"data-layer-ready {longest * 1000:.1f}", flush=True)
    window.close()  # the sync stops, then the application quits


async def _longest_loop_wait_until(done: Callable[[], bool], *, tick: float = 0.002) -> float:
    """Seconds: the longest a ``tick`` sleep overran until ``done()`` (at most 60 s)."""
    longest, deadline = 0.0, time.perf_counter() + 60
    while not done() and time.perf_counter() < deadline:
        asked = time.perf_counter()
        await asyncio.sleep(tick)
        longest = max(longest, time.perf_counter() - asked - tick)
    return longest


def _attach_sync(
    app: Any,
    window: Any,
    context: ConsoleContext,
    helpdesk: str | None,
    enrolment_code: str | None,
    ops: Any,
) -> None:
    from ui.sync.wiring import attach_sync

    console_sync = context.sync(helpdesk, enrolment_code)
    context.attach_act_upgrades(console_sync.engine)  # acts signed offline: B-T / B-LT later
    window.sync = attach_sync(app, window, console_sync, ops)


def _attach_updates(
    window: Any, context: ConsoleContext, helpdesk: str | None, ops: Any, restart: Any
) -> None:
    """Signed updates, checked in the background, installed at the idle lock; the
    console then starts again on the new version (``restart``)."""
    service = context.updates(helpdesk)
    if service is None:
        log.info("updates: off on this console (no source or no versioned install directory)")
        return
    from ui.updates.watcher import attach_updates

    minutes = context.settings.get("update_check_minutes")
    window.updates = attach_updates(window, service, ops, minutes, restart.restart)
    window.updates.start()


def _acts_unavailable(error: BaseException) -> bool:
    log.warning("acts cannot be signed on this console yet: %s", error)
    return True


def _present_error(exc: BaseException) -> None:
    sys.excepthook(type(exc), exc, exc.__traceback__)


def _loop_exception_handler(loop: Any, context: dict[str, Any]) -> None:
    exc = context.get("exception")
    if isinstance(exc, BaseException):
        _present_error(exc)
    else:
        log.error("event loop error: %s", context.get("message"))
