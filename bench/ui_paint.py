"""Card swipe to painted card, and the board's tick, in the real widgets.

Swipe: the card number is typed into the focused search field as a keyboard-wedge
reader types it (fast keys, then Enter); the clock stops at the first paint of the
guest card showing that guest. Everything real runs in between: the application's
swipe filter, the executor, the guest service on a 100,000-guest store, redaction,
the audit row, the card widget. Board: ``model.tick`` plus the repaint of the
visible rows, with 1,000 open incidents from the demo generator and the SLA engine.
"""

import asyncio
import random
import sys
import time
from datetime import timedelta

from bench.common import Stopwatch, summary_ms, write_result
from bench.data import demo_store_dir

GUESTS = 100_000
SWIPES = 200
TICKS = 300
BOARD_INCIDENTS = 1_000


class PaintWatch:
    """Stops the clock at the first paint inside a widget after ``arm``."""

    def __init__(self, root: object) -> None:
        from PySide6.QtCore import QEvent, QObject
        from PySide6.QtWidgets import QWidget

        self._paint = QEvent.Type.Paint
        self._root = root
        self.painted: asyncio.Future[float] | None = None
        self.card = ""

        class Filter(QObject):
            def eventFilter(inner, obj, event):  # noqa: N802, N805
                if self.painted is None or self.painted.done() or event.type() != self._paint:
                    return False
                if not isinstance(obj, QWidget) or not (
                    obj is self._root or self._root.isAncestorOf(obj)
                ):
                    return False
                view = self._root.view
                if view is not None and view.guest.card_number == self.card:
                    self.painted.set_result(time.perf_counter())
                return False

        self.filter = Filter()

    def arm(self, card: str) -> "asyncio.Future[float]":
        self.card = card
        self.painted = asyncio.get_running_loop().create_future()
        return self.painted


async def measure_swipes(window, app, context) -> list[float]:
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    from app.demo.generator import loyalty_card_number

    watch = PaintWatch(window.card)
    app.installEventFilter(watch.filter)
    field = window.lookup.search_edit
    window.activateWindow()
    await asyncio.sleep(0.2)  # the window becomes active, so keys reach the focus widget
    field.setFocus()
    await asyncio.sleep(0.1)
    rng = random.Random(11)
    samples = []
    for i in range(SWIPES + 10):
        card = loyalty_card_number(rng.randint(1, GUESTS))
        painted = watch.arm(card)
        started = time.perf_counter()
        QTest.keyClicks(field, card)
        QTest.keyClick(field, Qt.Key.Key_Return)
        finished = await asyncio.wait_for(painted, timeout=10)
        assert window.card.view is not None and window.card.view.guest.card_number == card
        if i >= 10:  # the first swipes warm caches
            samples.append(finished - started)
    app.removeEventFilter(watch.filter)
    return samples


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
    import qasync

    from app.actor import Actor
    from app.bootstrap import build_context
    from app.domain import Role
    from app.security.store_key import DEMO_STORE_KEY
    from ui.application import build_application
    from ui.async_ops import AsyncOps
    from ui.guest.swipe_filter import SwipeFilter
    from ui.main_window import MainWindow

    context = build_context(demo_store_dir(GUESTS), store_key=DEMO_STORE_KEY)
    app = build_application([])
    loop = qasync.QEventLoop(app)
    asyncio.set_event_loop(loop)
    ops = AsyncOps()
    swipe = SwipeFilter()
    app.installEventFilter(swipe)
    window = MainWindow(context.services, ops, swipe_filter=swipe)
    window.resize(1600, 900)
    window.show()
    window.activateWindow()
    window.open_console(Actor("H001", Role.HOST, context.device_id, name="Bench Host"))
    try:
        with loop:
            swipes = loop.run_until_complete(measure_swipes(window, app, context))
        rows, tick_only, tick_paint = measure_board_tick(context)
    finally:
        ops.shutdown()
        window.close()
        window.deleteLater()
        app.processEvents()
        context.close()
    write_result(
        "ui_paint",
        {
            "guests": GUESTS,
            "card_swipe_to_painted_card": summary_ms(swipes),
            "board_rows": rows,
            "board_tick_model_only": summary_ms(tick_only),
            "board_tick_with_paint": summary_ms(tick_paint),
            "targets": {"card_swipe_to_painted_p99_ms": 50, "board_tick_ms": 5},
        },
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
