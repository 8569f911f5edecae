"""``make bench``: every benchmark in its own interpreter; JSON in ``bench/results/``.

At the end one table: each measure, its value, the limit measured in the same run,
the ratio, the targets and whether they are met; and one row for ``bench/HISTORY.md``
(appended), so a regression shows in the repository's history.
"""

import json
import os
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from bench.common import RESULTS_DIR

BENCHMARKS = (
    "bench.cold_start",
    "bench.guest_lookup",
    "bench.ui_paint",
    "bench.acts",
    "bench.sync_replay",
    "bench.sync_initial",
    "bench.sync_live_latency",
    "bench.sync_gui_stall",
    "bench.kpi_live",
    "bench.floor_map",
    "bench.bundle_start",
    "bench.kpis",
    "bench.kpis_pg",
    "bench.reports",
)
HISTORY = Path(__file__).resolve().parent / "HISTORY.md"


def main(argv: list[str]) -> int:
    chosen = [m for m in BENCHMARKS if not argv or m.rsplit(".", 1)[1] in argv]
    failed, measures = [], []
    for module in chosen:
        started = time.perf_counter()
        print(f"== {module}", flush=True)
        result = subprocess.run([sys.executable, "-m", module], check=False)
        print(f"== {module}: exit {result.returncode} in {time.perf_counter() - started:.1f} s")
        if result.returncode:
            failed.append(module)
        measures += [(module.rsplit(".", 1)[1], m) for m in _measures_of(module, started)]
    print()
    print(table(measures))
    if measures:
        _append_history(measures)
    if failed:
        print(f"failed: {', '.join(failed)}", file=sys.stderr)
    return 1 if failed else 0


def _measures_of(module: str, since: float) -> list[dict[str, Any]]:
    """The measures the benchmark just wrote (none if its file is older: it failed)."""
    path = RESULTS_DIR / f"{module.rsplit('.', 1)[1]}.json"
    started_at = time.time() - (time.perf_counter() - since)
    if not path.exists() or path.stat().st_mtime < started_at:
        return []
    return list(json.loads(path.read_text(encoding="utf-8")).get("measures", []))


def _number(value: float | None, unit: str = "") -> str:
    if value is None:
        return "—"
    text = f"{value:.3g}" if abs(value) < 100 else f"{value:.0f}"
    return f"{text} {unit}".strip()


def table(rows: list[tuple[str, dict[str, Any]]]) -> str:
    header = ("benchmark", "measure", "value", "limit (same run)", "ratio", "target", "met")
    lines = [header]
    for bench, m in rows:
        limit = f"{_number(m['limit'], m['unit'])} {m['limit_name'] or ''}".strip()
        targets = [_number(m["target"], m["unit"])] if m["target"] is not None else []
        if m["target_ratio"] is not None:
            targets.append(f"≤ {m['target_ratio']}×")
        met = {True: "yes", False: "NO", None: "—"}[m["met"]]
        ratio = f"{m['ratio']}×" if m["ratio"] is not None else "—"
        value = _number(m["value"], m["unit"])
        lines.append((bench, m["name"], value, limit, ratio, " and ".join(targets) or "—", met))
    widths = [max(len(str(row[i])) for row in lines) for i in range(len(header))]
    return "\n".join(
        "  ".join(str(c).ljust(w) for c, w in zip(row, widths, strict=True)) for row in lines
    )


def _append_history(rows: list[tuple[str, dict[str, Any]]]) -> None:
    commit = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, check=False
    ).stdout.strip()
    changed = subprocess.run(
        ["git", "status", "--porcelain", "--untracked-files=no", "--", ".", ":!bench/HISTORY.md"],
        capture_output=True,
        text=True,
        check=False,
    ).stdout.strip()
    if changed:  # measured on code no commit holds: say so
        commit += "-dirty"
    cells = "; ".join(
        f"{m['name']} {_number(m['value'], m['unit'])}"
        + (f" ({m['ratio']}×)" if m["ratio"] is not None else "")
        + ("" if m["met"] is None else (" ✓" if m["met"] else " ✗"))
        for _bench, m in rows
    )
    if not HISTORY.exists():
        HISTORY.write_text(
            "# Benchmark history\n\nOne row per `make bench`: the measure, its value, "
            "(its ratio to the limit measured in the same run), ✓ when every target "
            "is met.\n\n| date | commit | cores | measures |\n|---|---|---|---|\n",
            encoding="utf-8",
        )
    day = datetime.now(UTC).strftime("%Y-%m-%d %H:%M")
    with HISTORY.open("a", encoding="utf-8") as out:
        out.write(f"| {day} | {commit} | {os.cpu_count()} | {cells} |\n")


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
