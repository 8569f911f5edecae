"""Replay of 10,000 queued changes to a helpdesk on loopback (target: <= 5 s, issue 15).

1,667 incidents are written offline as a pit boss does (each: create, its "opened"
event, a status patch and its event, and the audit log's signed checkpoint after each
of the two actions: 6 outbox rows, 10,002 in all); then the engine starts against a
fresh helpdesk in its own process and the clock runs until the outbox is empty. The
writes travel in ``/v1/batch`` requests (``batches``), the checkpoints waiting
together in one. Both processes' CPU time is reported, so a slow run says which side
was busy; the limit beside the figure is the helpdesk's own CPU time for the same
writes (its one core can do no faster).
"""

from __future__ import annotations

import asyncio
import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path

from app.domain import Role
from bench.common import Measure, write_result
from bench.sync_common import (
    BENCH_STORE_KEY,
    HelpdeskServer,
    bench_sign_in,
    queue_changes,
    sync_config,
)

INCIDENTS = 1_667
TARGET_S = 5.0


def cpu_s() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


async def replay(url: str, data_dir: Path) -> dict[str, float]:
    """Replay the outbox in ``data_dir`` to ``url``; the clock stops when it is empty."""
    from app.sync.engine import SyncEngine
    from offline_cache import open_store

    store = open_store(data_dir, key=BENCH_STORE_KEY)
    engine = SyncEngine(
        store, sync_config(url, "TAB-BENCH", checkpoint_public_key=store.checkpoint_public_key)
    )  # type: ignore[arg-type]
    bench_sign_in(store, "P001", Role.PIT_BOSS, "TAB-BENCH", engine)
    drained = asyncio.Event()
    engine.add_listener(lambda s: s.pending == 0 and s.online and drained.set())
    cpu, started = cpu_s(), time.perf_counter()
    await engine.start()
    try:
        await asyncio.wait_for(drained.wait(), 600)
        elapsed = time.perf_counter() - started
        used = cpu_s() - cpu
    finally:
        await engine.stop()
    with store.unit_of_work() as uow:
        pending, dead = uow.outbox.counts()
    store.close()
    assert engine.replayer is not None
    stats = engine.replayer.stats
    return {
        "elapsed_s": round(elapsed, 2),
        "console_cpu_s": round(used, 2),
        "operations_sent": stats.sent,
        "batches": engine.replayer.writes.batches_sent,
        "retried": stats.retried,
        "left_pending": pending,
        "dead": dead,
    }


def main() -> int:
    work = Path(tempfile.mkdtemp(prefix="vip-bench-replay-"))
    try:
        started = time.perf_counter()
        queued = queue_changes(work / "console", INCIDENTS)
        print(f"queued {queued} changes offline in {time.perf_counter() - started:.1f} s")
        server = HelpdeskServer()
        with server as url:
            cpu_before = server.cpu_s()
            figures = asyncio.run(replay(url, work / "console"))
            cpu_after = server.cpu_s()
        if cpu_before is not None and cpu_after is not None:
            figures["helpdesk_cpu_s"] = round(cpu_after - cpu_before, 2)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    ops = queued
    figures.update(
        operations=ops,
        ops_per_s=round(ops / figures["elapsed_s"], 1),
        console_cpu_ms_per_op=round(figures["console_cpu_s"] * 1000 / ops, 3),
        **(
            {"helpdesk_cpu_ms_per_op": round(figures["helpdesk_cpu_s"] * 1000 / ops, 3)}
            if "helpdesk_cpu_s" in figures
            else {}
        ),
        target_s=TARGET_S,
        within_target=figures["elapsed_s"] <= TARGET_S,
    )
    write_result(
        "sync_replay",
        figures,
        [
            Measure(
                f"replay of {ops:,} queued changes",
                figures["elapsed_s"],
                "s",
                limit=figures.get("helpdesk_cpu_s"),
                limit_name="helpdesk CPU for the same writes",
                target=TARGET_S,
            )
        ],
    )
    return 0 if figures["left_pending"] == 0 and figures["dead"] == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
