"""The longest GUI event-loop stall while 10,000 queued changes replay, and while a new
tablet applies the initial sync of 100,000 guests (issue 15: at most 33 ms, and the 99th
percentile of the loop's lateness at most 8 ms).

The console's own set-up: a QApplication (offscreen), the qasync loop, the engine on
that loop replaying to a helpdesk in its own process, then a fresh store pulling the
seeded property from another (the 100,000-guest helpdesk of ``bench.sync_initial``).
Two monitors run on the same loop meanwhile: an asyncio task that asks to wake every
5 ms and a 5 ms QTimer; a stall is how much later than asked the loop got to them.
The limit beside each figure is the same monitors on the same loop, idle, for two
seconds before both.
"""

from __future__ import annotations

import asyncio
import os
import shutil
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

from app.domain import Role
from bench.common import Measure, summary_ms, write_result
from bench.sync_common import (
    BENCH_STORE_KEY,
    HelpdeskServer,
    bench_sign_in,
    copy_of,
    queue_changes,
    seeded_helpdesk_db,
    sync_config,
)
from bench.sync_initial import GUESTS
from bench.sync_replay import INCIDENTS

TICK_S = 0.005
IDLE_S = 2.0
TARGET_MAX_MS = 33.0
TARGET_P99_MS = 8.0


class StallMonitor:
    """Lateness of a 5 ms asyncio sleep and of a 5 ms QTimer, on the running loop."""

    def __init__(self) -> None:
        from PySide6.QtCore import QTimer

        self.asyncio_late: list[float] = []
        self.timer_late: list[float] = []
        self._last = time.perf_counter()
        self._timer = QTimer()
        self._timer.setInterval(int(TICK_S * 1000))
        self._timer.timeout.connect(self._tick)
        self._task: asyncio.Task[None] | None = None

    def start(self) -> None:
        self._last = time.perf_counter()
        self._timer.start()
        self._task = asyncio.ensure_future(self._sleeper())

    def stop(self) -> None:
        self._timer.stop()
        if self._task is not None:
            self._task.cancel()

    def _tick(self) -> None:
        now = time.perf_counter()
        self.timer_late.append(max(0.0, now - self._last - TICK_S))
        self._last = now

    async def _sleeper(self) -> None:
        while True:
            asked = time.perf_counter()
            await asyncio.sleep(TICK_S)
            self.asyncio_late.append(max(0.0, time.perf_counter() - asked - TICK_S))


async def watched(run: Callable[[], Awaitable[None]]) -> tuple[StallMonitor, float]:
    """The monitors running while ``run()`` is awaited on this loop; and its wall time."""
    monitor = StallMonitor()
    monitor.start()
    started = time.perf_counter()
    try:
        await run()
    finally:
        monitor.stop()
    return monitor, time.perf_counter() - started


def engine_on(url: str, data_dir: Path, device_id: str) -> tuple[Any, Any]:
    """A store and its engine as the console has them, a pit boss signed in."""
    from app.sync.engine import SyncEngine
    from offline_cache import open_store

    store = open_store(data_dir, key=BENCH_STORE_KEY)
    engine = SyncEngine(
        store, sync_config(url, device_id, checkpoint_public_key=store.checkpoint_public_key)
    )  # type: ignore[arg-type]
    bench_sign_in(store, "P001", Role.PIT_BOSS, device_id, engine)
    return store, engine


async def until(engine: Any, done: Callable[[Any], bool], timeout_s: float) -> None:
    """The engine started, then running until its status says ``done``."""
    reached = asyncio.Event()

    def heard(status: Any) -> None:
        if done(status):
            reached.set()

    engine.add_listener(heard)
    await engine.start()
    try:
        await asyncio.wait_for(reached.wait(), timeout_s)
    finally:
        await engine.stop()


def phase(monitor: StallMonitor, elapsed: float) -> dict[str, object]:
    return {
        "elapsed_s": round(elapsed, 2),
        "asyncio_stall": summary_ms(monitor.asyncio_late),
        "qtimer_stall": summary_ms(monitor.timer_late),
    }


async def idle_monitor() -> dict[str, object]:
    """The limit: the same monitors on the same loop with nothing else to do."""
    from app.gc_rest import settle_young
    from ui.sync.wiring import hand_the_gil_over_sooner

    settle_young()  # as the console does once its window and engine are up
    hand_the_gil_over_sooner()
    return phase(*await watched(lambda: asyncio.sleep(IDLE_S)))


async def replay_phase(url: str, data_dir: Path) -> dict[str, object]:
    store, engine = engine_on(url, data_dir, "TAB-BENCH")
    try:
        return phase(
            *await watched(lambda: until(engine, lambda s: s.pending == 0 and s.online, 900))
        )
    finally:
        store.close()


async def initial_sync_phase(url: str, data_dir: Path) -> dict[str, object]:
    """A new tablet pulling the whole property; the clock stops when the feed is live."""
    store, engine = engine_on(url, data_dir, "TAB-FRESH")
    try:
        figures = phase(*await watched(lambda: until(engine, lambda s: s.live, 600)))
        with store.unit_of_work() as uow:
            figures["guests"] = uow.guests.count()
        return figures
    finally:
        store.close()


def qt_drops_references() -> bool:
    """PySide6 6.12.0 on Python 3.11 drops a reference to None/True/False per signal
    emission and per Python override call; a long replay on the GUI loop then aborts."""
    from PySide6.QtCore import QObject, Signal

    class Probe(QObject):
        fired = Signal()

    probe = Probe()
    probe.fired.connect(lambda: None)
    singletons = (None, True, False)
    before = [sys.getrefcount(obj) for obj in singletons]
    for _ in range(20):  # enough to see it, few enough not to use the references up
        probe.fired.emit()
    after = [sys.getrefcount(obj) for obj in singletons]
    return any(now < then - 10 for now, then in zip(after, before, strict=True))


def main() -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from ui.event_loop import ConsoleEventLoop

    app = QApplication.instance() or QApplication([])
    if qt_drops_references():
        print(
            "sync_gui_stall: this PySide6 corrupts reference counts on this Python (signal "
            "emissions drop references to None/True/False); a replay would abort it. "
            "Pin PySide6-Essentials<6.12 or use Python 3.12+.",
            file=sys.stderr,
            flush=True,
        )
        os._exit(2)  # not a normal exit: finalising after the probe may abort too

    work = Path(tempfile.mkdtemp(prefix="vip-bench-stall-"))
    db = copy_of(seeded_helpdesk_db(GUESTS))
    loop = ConsoleEventLoop(app)
    asyncio.set_event_loop(loop)
    try:
        queued = queue_changes(work / "console", INCIDENTS)
        with loop:
            figures: dict[str, Any] = {"idle": loop.run_until_complete(idle_monitor())}
            with HelpdeskServer() as url:
                figures["replay"] = loop.run_until_complete(replay_phase(url, work / "console"))
            with HelpdeskServer(0, db) as url:
                figures["initial_sync"] = loop.run_until_complete(
                    initial_sync_phase(url, work / "fresh")
                )
    finally:
        shutil.rmtree(work, ignore_errors=True)
        shutil.rmtree(db.parent, ignore_errors=True)

    def worst(which: str, figure: str) -> float:
        kinds = ("asyncio_stall", "qtimer_stall")
        return float(max(figures[which][kind][figure] for kind in kinds))

    figures.update(operations=queued)
    measures = []
    for which, what in (
        ("replay", f"replay of {queued:,}"),
        ("initial_sync", f"initial sync of {GUESTS:,} guests"),
    ):
        measures += [
            Measure(
                f"longest GUI stall, {what}",
                worst(which, "max_ms"),
                "ms",
                limit=worst("idle", "max_ms"),
                limit_name="longest stall idle",
                target=TARGET_MAX_MS,
            ),
            Measure(
                f"p99 GUI lateness, {what}",
                worst(which, "p99_ms"),
                "ms",
                limit=worst("idle", "p99_ms"),
                limit_name="p99 idle",
                target=TARGET_P99_MS,
            ),
        ]
    write_result("sync_gui_stall", figures, measures)
    return 0 if figures["initial_sync"]["guests"] == GUESTS else 1


if __name__ == "__main__":
    sys.exit(main())
