"""Initial sync of 100,000 guests into an empty console (targets: <= 30 s, <= 300 MB RSS).

A helpdesk seeded with the demo property (100,000 guests, cached in ``bench/.cache``)
runs in its own process; a fresh console process enrols, pulls the whole change feed
(pages parsed and applied in batches on the store thread) and reports its wall time
and peak RSS (``ru_maxrss``) when the live feed takes over.
"""

from __future__ import annotations

import asyncio
import json
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from app.domain import Role
from bench.common import write_result
from bench.sync_common import (
    BENCH_STORE_KEY,
    ROOT,
    HelpdeskServer,
    bench_sign_in,
    copy_of,
    seeded_helpdesk_db,
    sync_config,
)

GUESTS = 100_000
TARGET_S = 30.0
TARGET_RSS_MB = 300.0


async def initial_sync(url: str, data_dir: Path) -> dict[str, float]:
    from app.sync.engine import SyncEngine
    from offline_cache import open_store

    started = time.perf_counter()
    store = open_store(data_dir, key=BENCH_STORE_KEY)
    engine = SyncEngine(
        store, sync_config(url, "TAB-FRESH", checkpoint_public_key=store.checkpoint_public_key)
    )  # type: ignore[arg-type]
    bench_sign_in(store, "P001", Role.PIT_BOSS, "TAB-FRESH", engine)
    caught_up = asyncio.Event()
    engine.add_listener(lambda status: status.live and caught_up.set())
    await engine.start()
    try:
        await asyncio.wait_for(caught_up.wait(), 300)
        elapsed = time.perf_counter() - started
    finally:
        await engine.stop()
    with store.unit_of_work() as uow:
        guests = uow.guests.count()
        staff = len(uow.staff.all())
    store.close()
    peak_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB on Linux
    return {
        "elapsed_s": round(elapsed, 2),
        "peak_rss_mb": round(peak_kib / 1024, 1),
        "guests": guests,
        "staff": staff,
        "items_applied": engine.items_applied,
    }


def main() -> int:
    db = copy_of(seeded_helpdesk_db(GUESTS))
    work = Path(tempfile.mkdtemp(prefix="vip-bench-initial-"))
    try:
        with HelpdeskServer(0, db) as url:
            child = subprocess.run(
                [sys.executable, "-m", "bench.sync_initial", "--console", url, str(work)],
                cwd=ROOT,
                capture_output=True,
                text=True,
                check=False,
            )
    finally:
        shutil.rmtree(work, ignore_errors=True)
        shutil.rmtree(db.parent, ignore_errors=True)
    if child.returncode:
        print(child.stderr[-3000:], file=sys.stderr)
        return 1
    figures = json.loads(child.stdout.strip().splitlines()[-1])
    figures.update(
        target_s=TARGET_S,
        target_rss_mb=TARGET_RSS_MB,
        within_target=figures["elapsed_s"] <= TARGET_S and figures["peak_rss_mb"] <= TARGET_RSS_MB,
    )
    write_result("sync_initial", figures)
    return 0 if figures["guests"] == GUESTS else 1


if __name__ == "__main__":
    if sys.argv[1:2] == ["--console"]:
        result = asyncio.run(initial_sync(sys.argv[2], Path(sys.argv[3]) / "console"))
        print(json.dumps(result))
        sys.exit(0)
    sys.exit(main())
