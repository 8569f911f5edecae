"""``make bench``: every benchmark in its own interpreter; JSON in ``bench/results/``."""

import subprocess
import sys
import time

BENCHMARKS = (
    "bench.cold_start",
    "bench.guest_lookup",
    "bench.ui_paint",
    "bench.acts",
    "bench.sync_replay",
    "bench.sync_initial",
    "bench.sync_live_latency",
    "bench.sync_gui_stall",
    "bench.floor_map",
)


def main() -> int:
    failed = []
    for module in BENCHMARKS:
        started = time.perf_counter()
        print(f"== {module}", flush=True)
        result = subprocess.run([sys.executable, "-m", module], check=False)
        print(f"== {module}: exit {result.returncode} in {time.perf_counter() - started:.1f} s")
        if result.returncode:
            failed.append(module)
    if failed:
        print(f"failed: {', '.join(failed)}", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
