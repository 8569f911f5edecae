"""Card swipe to painted card, and the board's tick, in the real widgets.

Swipe: the card number is typed into the focused search field as a keyboard-wedge
reader types it (fast keys, then Enter); the clock runs from the Enter (the swipe is
complete) until the window has finished painting the card the user sees with that
guest (``PaintWatch``). The limit beside it: the same lookups through the core alone.
Everything real runs in between: the application's event filters (the swipe's and the
session's, as ``run_console`` installs them), the executor, the
guest service on a 100,000-guest store, redaction, the audit row, the card widget.
Board: ``model.tick`` plus the repaint of the visible rows, with 1,000 open incidents
from the demo generator and the SLA engine.
"""

import asyncio
import random
import sys
import time
from datetime import timedelta

from bench.common import Measure, Stopwatch, summary_ms, write_result
from bench.data import demo_store_dir

GUESTS = 100_000
SWIPES = 200
TICKS = 300
BOARD_INCIDENTS = 1_000


class PaintWatch:
    """Stops the clock when the window has *finished* painting the card of ``arm``'s card.

    Qt paints a window's dirty widgets when the top-level window receives its
    UpdateRequest; the filter runs that paint itself (``obj.event``), reads the clock
    after it, and eats the event. The card must then show the armed guest. It watches
    the window alone (an application-wide filter would add its own cost to each of the
    hundreds of events a card's show sends to its widgets: the clock's, not the app's).
    """

    def __init__(self, window: object, card_of: object) -> None:
        from PySide6.QtCore import QEvent, QObject

        self._update = QEvent.Type.UpdateRequest
        self._window = window
        self._card_of = card_of  # () -> the card widget the user sees
        self.painted: asyncio.Future[float] | None = None
        self.card = ""

        class Filter(QObject):
            def eventFilter(inner, obj, event):  # noqa: N802, N805
                if self.painted is None or self.painted.done() or event.type() != self._update:
                    return False
                if obj is not self._window:
                    return False
                obj.event(event)  # the paint, now
                done = time.perf_counter()
                view = self._card_of().view
                if view is not None and view.guest.card_number == self.card:
                    self.painted.set_result(done)
                return True

        self.filter = Filter()

    def arm(self, card: str) -> "asyncio.Future[float]":
        self.card = card
        self.painted = asyncio.get_running_loop().create_future()
        return self.painted


async def measure_swipes(window, app) -> tuple[list[float], list[float]]:
    """(from the reader's Enter, from its first key) to the painted card, in seconds."""
    from app.demo.generator import loyalty_card_number
    from tests.ui.reader_keys import reader_keys

    shell = window.shell
    watch = PaintWatch(window, shell.visible_card)
    window.installEventFilter(watch.filter)
    field = shell.lookup.search_edit
    window.activateWindow()
    await asyncio.sleep(0.2)  # the window becomes active, so keys reach the focus widget
    field.setFocus()
    await asyncio.sleep(0.1)
    rng = random.Random(11)
    from_enter, from_first_key = [], []
    for i in range(SWIPES + 10):
        card = loyalty_card_number(rng.randint(1, GUESTS))
        painted = watch.arm(card)
        first_key = time.perf_counter()
        # A reader's keys with their timestamps, 4 ms apart, as a tablet's windowing
        # system delivers them; the Enter's delivery starts the clock.
        stamp = reader_keys(field, card, int(time.monotonic() * 1000), enter=False)
        enter = time.perf_counter()
        reader_keys(field, "", stamp)
        finished = await asyncio.wait_for(painted, timeout=10)
        assert shell.visible_card().view.guest.card_number == card
        if i >= 10:  # the first swipes warm caches
            from_enter.append(finished - enter)
            from_first_key.append(finished - first_key)
        await asyncio.sleep(0.05)  # a host does not swipe twice in a frame
    window.removeEventFilter(watch.filter)
    return from_enter, from_first_key


def measure_core_swipes(context) -> list[float]:
    """The same lookups as the core alone (the service call, no window): the limit."""
    from app.actor import Actor
    from app.demo.generator import loyalty_card_number
    from app.domain import Role

    actor = Actor("H001", Role.HOST, context.device_id, name="Bench Host")
    rng = random.Random(11)
    watch = Stopwatch()
    for i in range(SWIPES + 10):
        card = loyalty_card_number(rng.randint(1, GUESTS))
        with watch:
            context.services.guests.lookup_card(actor, card)
        if i < 10:
            watch.samples.pop()
    return watch.samples


def measure_board_tick(context):
    from PySide6.QtWidgets import QApplication

    from app.demo import generator
    from app.domain import Tier
    from app.sla import sla_status
    from ui.board.feed import board_row
    from ui.board.view import BoardView

    now = context.clock.now()
    rng = random.Random(5)
    guests = list(generator.make_guests(300, 5, ["H001"], now.date(), "x"))
    tables = generator.make_tables()
    staff = generator.make_staff(lambda pin: "x", tables)
    repeat = BOARD_INCIDENTS // 15 + 1
    incidents = generator.make_incidents(rng, now, guests, tables, staff, repeat)
    incidents = incidents[:BOARD_INCIDENTS]
    rows = [board_row(i, "Guest", sla_status(i, Tier.VIP, context.policy, now)) for i in incidents]
    board = BoardView(clock=context.clock)
    board.resize(1400, 900)
    board.show()
    board.model.set_rows(rows, now)
    QApplication.processEvents()
    tick_only, tick_paint = Stopwatch(), Stopwatch()
    for n in range(TICKS):
        at = now + timedelta(seconds=n + 1)
        if n % 2:
            with tick_only:
                board.model.tick(at, emit_countdowns=False)
            QApplication.processEvents()
        else:
            with tick_paint:  # the board's tick and the paint of what it changed
                board.tick_at(at)
                QApplication.processEvents()
    board.close()
    board.deleteLater()  # gone before the interpreter finalises (PySide6 exit crash)
    QApplication.processEvents()
    return len(rows), tick_only.samples, tick_paint.samples


def main() -> int:
    from app.actor import Actor
    from app.bootstrap import build_context
    from app.domain import Role
    from app.security.store_key import DEMO_STORE_KEY
    from ui.application import _attach_sync, build_application, console_window
    from ui.async_ops import AsyncOps
    from ui.event_loop import ConsoleEventLoop

    # The console as run_console builds it: its context, the sync attached (offline:
    # no helpdesk to wait on), the act worker warm, at a tablet's 1280x800.
    context = build_context(demo_store_dir(GUESTS), store_key=DEMO_STORE_KEY)
    core = measure_core_swipes(context)
    app = build_application([])
    loop = ConsoleEventLoop(app)
    asyncio.set_event_loop(loop)
    ops = AsyncOps()
    window, window_input = console_window(app, context, ops)  # as run_console: both filters
    window.resize(1280, 800)
    window.show()
    window_input.watch(window.windowHandle())
    window.activateWindow()
    context.start_acts()
    window.open_console(Actor("H001", Role.HOST, context.device_id, name="Bench Host"))
    try:
        with loop:
            _attach_sync(app, window, context, None, None, ops)
            from_enter, from_first_key = loop.run_until_complete(measure_swipes(window, app))
            loop.run_until_complete(window.sync.stop())
        rows, tick_only, tick_paint = measure_board_tick(context)
    finally:
        ops.shutdown()
        window.close()
        window.deleteLater()
        app.processEvents()
        context.close()
    painted = summary_ms(from_enter)
    core_ms = summary_ms(core)
    tick = summary_ms(tick_paint)
    write_result(
        "ui_paint",
        {
            "guests": GUESTS,
            "card_swipe_to_painted_card": painted,
            "card_swipe_from_first_key": summary_ms(from_first_key),
            "core_lookup_alone": core_ms,
            "board_rows": rows,
            "board_tick_model_only": summary_ms(tick_only),
            "board_tick_with_paint": tick,
        },
        [
            Measure(
                "swipe (Enter) to card painted p99",
                painted["p99_ms"],
                "ms",
                limit=core_ms["p99_ms"],
                limit_name="the core's lookup alone",
                target=16.0,
            ),
            Measure(
                "board tick + paint p99 (1,000 incidents)",
                tick["p99_ms"],
                "ms",
                limit=summary_ms(tick_only)["p99_ms"],
                limit_name="the model's tick alone",
                target=16.0,
            ),
        ],
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
