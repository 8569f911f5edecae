"""The packaged console's start (``make dist``) beside the same console from the venv.

Both start on the same demo property without a helpdesk (the bundle carries none:
tablets sync with the property's), on a virtual X display as on a tablet (Xvfb, Qt's
xcb plugin; offscreen where Xvfb is not installed), and stop the clock at "console-ready"
(sync attached, sign-in screen painted: ``ui.application._report_started``); a bare
PySide6 window runs in the same rounds. Without a bundle in ``dist/`` it says so and
measures nothing: build one with ``make dist``.
"""

import statistics
import sys
from pathlib import Path

from bench.cold_start import BARE_WINDOW, time_to_ready
from bench.common import Measure, compile_project, write_result
from bench.data import demo_store_dir
from bench.xvfb import virtual_display

RUNS = 7
ROOT = Path(__file__).resolve().parent.parent
BUNDLE = ROOT / "dist" / "vip-console" / "vip-console"


def main() -> int:
    if not BUNDLE.exists():
        print("no bundle in dist/: run `make dist` first; nothing measured")
        return 0
    data_dir = demo_store_dir(2000)
    compile_project()
    tail = ["--data-dir", str(data_dir), "--no-helpdesk", "run", "--exit-when-ready"]
    bundle = [str(BUNDLE), *tail]
    venv = [sys.executable, "main.py", *tail]
    bare = [sys.executable, "-c", BARE_WINDOW]
    samples: dict[str, list[float]] = {"bundle": [], "venv": [], "bare": []}
    with virtual_display() as display:
        time_to_ready(bundle, display)  # warm the disk cache once
        for _ in range(RUNS):  # interleaved: the three see the same machine load
            samples["bundle"].append(time_to_ready(bundle, display))
            samples["venv"].append(time_to_ready(venv, display))
            samples["bare"].append(time_to_ready(bare, display))
    where = "offscreen" if display is None else "under Xvfb"
    median = {name: round(statistics.median(values), 3) for name, values in samples.items()}
    write_result(
        "bundle_start",
        {"runs": RUNS, "platform": where, "median_s": median},
        [
            Measure(
                f"bundle start to sign-in {where} (median)",
                median["bundle"],
                "s",
                limit=median["venv"],
                limit_name="the same console from the venv",
                target=1.0,
                target_ratio=1.5,
            ),
            Measure(
                f"bundle start beside a bare window {where}",
                median["bundle"],
                "s",
                limit=median["bare"],
                limit_name="bare PySide6 window",
            ),
        ],
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
