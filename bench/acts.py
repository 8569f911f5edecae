"""Signed acts: render, sign (PAdES B-B, EC P-256) and total per act; GUI stall while signing.

Every act is a real one: a P1 table dispute with a Cyrillic/CJK guest, a timeline,
compensation, two drawn signatures; ``ActService.record_act`` on a real SQLite store
renders it (reportlab), signs both fields (staff approval + property seal), writes
``acts/<sha256>.pdf`` and commits the rows, the audit and the outbox in one unit of
work. ``render`` and ``sign`` are the service's own split timings; ``total`` is the
whole call. Target: p99 of ``total`` at most 150 ms.

GUI stall: the acts are recorded through the executor (as the UI's ``AsyncOps`` does)
while a 1 ms ``QTimer`` runs on the Qt event loop; the longest gap between two ticks,
minus the 1 ms interval, is the longest the GUI thread could not run. The same loop
idle gives the baseline.
"""

import json
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from bench.common import Measure, percentile, summary_ms, write_result

WARMUP = 5
ACTS = 200
STALL_ACTS = 40
TICK_MS = 1


def record_many(env: object, count: int) -> list[object]:
    from tests.unit.acts_fixtures import PIT_BOSS, act_draft

    results = []
    for i in range(count):
        draft = act_draft("i-2" if i % 2 else "i-1", decision=f"Decision number {i} for the bench.")
        results.append(env.service.record_act(PIT_BOSS, draft))  # type: ignore[attr-defined]
    return results


def longest_stall(work: object, count: int) -> tuple[float, float, float]:
    """(longest gap while ``work`` runs in the executor, its p99, longest gap idle), in ms."""
    from PySide6.QtCore import QEventLoop, QTimer
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication([])
    gaps: list[float] = []
    last = [time.perf_counter()]

    def tick() -> None:
        now = time.perf_counter()
        gaps.append(now - last[0])
        last[0] = now

    def run_loop(until: object) -> list[float]:
        gaps.clear()
        loop = QEventLoop()
        timer = QTimer()
        timer.setInterval(TICK_MS)
        timer.timeout.connect(tick)
        poll = QTimer()
        poll.setInterval(5)
        poll.timeout.connect(lambda: until() and loop.quit())  # type: ignore[operator]
        last[0] = time.perf_counter()
        timer.start()
        poll.start()
        loop.exec()
        timer.stop()
        poll.stop()
        return list(gaps)

    started = time.perf_counter()
    run_loop(lambda: time.perf_counter() - started > 2.0)  # warm the loop
    idle_start = time.perf_counter()
    idle = run_loop(lambda: time.perf_counter() - idle_start > 2.0)
    with ThreadPoolExecutor(1, thread_name_prefix="acts") as executor:
        future = executor.submit(work, count)  # type: ignore[arg-type]
        busy = run_loop(future.done)
        future.result()
    del app
    busy_ms = [gap * 1000 - TICK_MS for gap in busy]
    return (max(busy_ms), percentile(busy_ms, 0.99), max(idle) * 1000 - TICK_MS)


def measure(env: object) -> dict[str, object]:
    env.service.warm_up()  # type: ignore[attr-defined]
    record_many(env, WARMUP)
    recorded = record_many(env, ACTS)
    stall, stall_p99, idle = longest_stall(lambda n: record_many(env, n), STALL_ACTS)
    return {
        "render": summary_ms([r.timings.render_s for r in recorded]),  # type: ignore[attr-defined]
        "sign": summary_ms([r.timings.sign_s for r in recorded]),  # type: ignore[attr-defined]
        "total": summary_ms([r.timings.total_s for r in recorded]),  # type: ignore[attr-defined]
        "pdf_bytes": {
            "min": min(r.revision.size for r in recorded),  # type: ignore[attr-defined]
            "max": max(r.revision.size for r in recorded),  # type: ignore[attr-defined]
        },
        "gui_stall_ms": {
            "while_signing_max": round(stall, 2),
            "while_signing_p99_gap": round(stall_p99, 2),
            "idle_max": round(idle, 2),
            "acts_during_measure": STALL_ACTS,
            "tick_ms": TICK_MS,
        },
    }


def run_one(worker: str) -> dict[str, object]:
    """Measure one worker kind in this interpreter (a fresh one: heaps do not mix)."""
    import secrets

    from app.acts.worker import ProcessWorker
    from tests.unit.acts_fixtures import build_env, shared_pki

    with tempfile.TemporaryDirectory(prefix="vip-bench-acts-") as tmp:
        # Encrypted, as the console's store always is.
        env = build_env(Path(tmp), shared_pki(), store_key=secrets.token_bytes(32))
        if worker == "process":
            env.service.worker = ProcessWorker(env.service.identity)
        try:
            return measure(env)
        finally:
            env.service.close()
            env.store.close()


def main() -> int:
    if len(sys.argv) == 3 and sys.argv[1] == "--worker":
        print(json.dumps(run_one(sys.argv[2])))
        return 0
    results = {}
    for worker in ("process", "thread"):
        done = subprocess.run(
            [sys.executable, "-m", "bench.acts", "--worker", worker],
            capture_output=True,
            text=True,
            check=True,
        )
        results[worker] = json.loads(done.stdout.strip().splitlines()[-1])
    process, thread = results["process"], results["thread"]
    stall = process["gui_stall_ms"]  # type: ignore[index]
    write_result(
        "acts",
        {
            "acts": ACTS,
            "level": "PAdES B-B, two signatures (staff approval + property seal), EC P-256",
            "console": "process worker: render + sign in a child process (ActService.for_data_dir)",
            "process_worker": results["process"],
            "thread_worker": results["thread"],
        },
        [
            Measure(
                "act render + sign p99",
                process["total"]["p99_ms"],  # type: ignore[index]
                "ms",
                limit=thread["total"]["p99_ms"],  # type: ignore[index]
                limit_name="the same work in this process",
                target=150.0,
            ),
            Measure(
                "longest GUI stall while signing",
                stall["while_signing_max"],
                "ms",
                limit=stall["idle_max"],
                limit_name="longest gap idle",
                target=33.0,
            ),
            Measure(
                "p99 GUI gap while signing",
                stall["while_signing_p99_gap"],
                "ms",
                target=8.0,
            ),
        ],
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
