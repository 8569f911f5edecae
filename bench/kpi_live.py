"""A write on one tablet to the KPI strip painted on another (issue 14: within 5 s).

A helpdesk in its own process; tablet A, a store and its engine, opens a P1 as a pit
boss does (local write + outbox); tablet B is the console as ``make run`` builds it
(its context on a fresh data directory, the sync attached, a pit boss signed in, the
board with its KPI strip at 1280x800). The clock runs from A's commit until B's strip
has painted the new P1 count: A's replay, the helpdesk's commit and feed, B's apply,
B's board reload, the strip's coalesced read of the helpdesk's figures, the paint.
The limit beside it, measured on the same writes: until B's engine has applied the
change (the sync's share of the path, without the KPI read and the UI).
"""

from __future__ import annotations

import asyncio
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from bench.common import Measure, summary_ms, write_result
from bench.sync_common import (
    BENCH_STORE_KEY,
    ENROLMENT,
    HelpdeskServer,
    bench_sign_in,
    sync_config,
)

SAMPLES = 20
TARGET_S = 5.0


class StripPaintWatch:
    """When the strip's P1 tile has painted a count of at least ``wanted``."""

    def __init__(self, strip: Any) -> None:
        from PySide6.QtCore import QEvent, QObject

        self._label = strip.p1.value
        self.wanted = 0
        self.painted: asyncio.Future[float] | None = None
        paint = QEvent.Type.Paint

        class Filter(QObject):
            def eventFilter(inner, obj: Any, event: Any) -> bool:  # noqa: N802, N805
                if event.type() == paint and self.painted is not None:
                    obj.event(event)  # the paint, now
                    if not self.painted.done() and self._shows(obj.text()):
                        self.painted.set_result(time.perf_counter())
                    return True
                return False

        self.filter = Filter()
        self._label.installEventFilter(self.filter)

    def _shows(self, text: str) -> bool:
        count = text.split(" ", 1)[0]
        return count.isdigit() and int(count) >= self.wanted

    def arm(self, wanted: int) -> asyncio.Future[float]:
        self.wanted = wanted
        self.painted = asyncio.get_running_loop().create_future()
        return self.painted


def tablet_b(url: str, data_dir: Path, ops: Any) -> tuple[Any, Any]:
    """The console on a fresh data directory, enrolled, a pit boss on its board."""
    from PySide6.QtWidgets import QApplication

    from app.bootstrap import build_context
    from app.domain import Role
    from ui.application import _attach_sync
    from ui.main_window import MainWindow

    context = build_context(data_dir, device_id="TAB-BRAVO", store_key=BENCH_STORE_KEY)
    window = MainWindow(context.services, ops)
    window.resize(1280, 800)
    window.show()
    _attach_sync(QApplication.instance(), window, context, url, ENROLMENT, ops)
    actor = bench_sign_in(
        context.store, "P001", Role.PIT_BOSS, "TAB-BRAVO", window.sync.sync.engine
    )
    window.open_console(actor)
    return context, window


async def measure(url: str, work: Path, ops: Any) -> dict[str, Any]:
    from app.clock import SystemClock
    from app.domain import Category, Priority, Role
    from app.policy import load_policy
    from app.services.incidents import IncidentDraft, IncidentService
    from app.services.kpis import KpiSource
    from app.sync.engine import SyncEngine
    from offline_cache import open_store

    store = open_store(work / "alpha", key=BENCH_STORE_KEY)
    engine = SyncEngine(
        store, sync_config(url, "TAB-ALPHA", checkpoint_public_key=store.checkpoint_public_key)
    )  # type: ignore[arg-type]
    actor = bench_sign_in(store, "P001", Role.PIT_BOSS, "TAB-ALPHA", engine)
    await engine.start()
    context, window = tablet_b(url, work / "bravo", ops)
    b_engine = window.sync.sync.engine
    received: list[tuple[float, int]] = []  # (when, B's count of applied changes)

    def heard(status: Any) -> None:
        if not received or status.received > received[-1][1]:
            received.append((time.perf_counter(), status.received))

    b_engine.add_listener(heard)
    strip = window.shell.page("board").kpis
    feed = strip.feed
    deadline = time.monotonic() + 60
    while feed.latest is None or feed.latest.source is not KpiSource.HELPDESK:
        if time.monotonic() > deadline:
            raise SystemExit("kpi_live: tablet B never read the helpdesk's figures")
        await asyncio.sleep(0.05)
    watch = StripPaintWatch(strip)
    service = IncidentService(store, SystemClock(), load_policy())
    to_strip, to_applied = [], []
    try:
        for n in range(SAMPLES):
            painted = watch.arm(feed.latest.figures.p1 + 1)
            started = time.perf_counter()
            draft = IncidentDraft(Priority.P1, Category.PAYMENT_FAILED, summary=f"Live {n}")
            service.open(actor, draft)
            done = await asyncio.wait_for(painted, 60)
            to_strip.append(done - started)
            # B's first apply after the write: the incident (the feed sends it first).
            to_applied.append(next(at for at, _n in received if at > started) - started)
            await asyncio.sleep(0.5)  # one write at a time: latency, not throughput
    finally:
        await window.sync.stop()
        await engine.stop()
        store.close()
        window.hide()  # not closed: the last window closed would stop the sync again
        context.close()
    return {"write_to_strip_painted": to_strip, "write_to_b_applied": to_applied}


def main() -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from ui.application import build_application
    from ui.async_ops import AsyncOps
    from ui.event_loop import ConsoleEventLoop

    app = build_application([])
    loop = ConsoleEventLoop(app)
    asyncio.set_event_loop(loop)
    ops = AsyncOps()
    work = Path(tempfile.mkdtemp(prefix="vip-bench-kpi-live-"))
    try:
        with HelpdeskServer() as url, loop:
            samples = loop.run_until_complete(measure(url, work, ops))
    finally:
        ops.shutdown()
        shutil.rmtree(work, ignore_errors=True)
    strip = summary_ms(samples["write_to_strip_painted"])
    applied = summary_ms(samples["write_to_b_applied"])
    write_result(
        "kpi_live",
        {"samples": SAMPLES, "write_to_strip_painted": strip, "write_to_b_applied": applied},
        [
            Measure(
                "write on one tablet to KPI strip painted on another, max",
                strip["max_ms"] / 1000,
                "s",
                limit=applied["max_ms"] / 1000,
                limit_name="until the other tablet's engine applied it",
                target=TARGET_S,
            )
        ],
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
