"""Shared pieces of the benchmarks: percentiles, measures, results files, scratch data.

A figure alone says little on a shared 2-core machine; each ``Measure`` carries the
limit it is read against, measured in the same run (a bare PySide6 window, the core
call alone, SQLite's own lookup, one helpdesk write), and the ratio to it.
"""

import compileall
import json
import os
import platform
import statistics
import subprocess
import sys
import time
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
RESULTS_DIR = Path(__file__).resolve().parent / "results"
CACHE_DIR = Path(__file__).resolve().parent / ".cache"


def compile_project() -> None:
    """Bytecode for every module of the console, as an installed console has it (pip
    compiles a wheel's modules, the bundle carries them, a first `make run` writes
    them). A start measured while it compiles sources measures the compiler: with
    PYTHONDONTWRITEBYTECODE set, some 60 changed modules were compiled at every start,
    about 0.1 s of it. The same holds for the code of the dataclasses' methods."""
    for package in ("app", "ui", "offline_cache", "helpdesk"):
        compileall.compile_dir(ROOT / package, quiet=1)
    compileall.compile_file(ROOT / "main.py", quiet=1)
    # The dataclass methods' code too, kept beside the bytecode (app/dataclass_code.py).
    command = [sys.executable, "-m", "app.dataclass_code"]
    subprocess.run(command, cwd=ROOT, check=True, stdout=subprocess.DEVNULL)


def percentile(samples: Iterable[float], fraction: float) -> float:
    """Nearest-rank percentile (p99 of 200 samples is the 198th smallest)."""
    ordered = sorted(samples)
    if not ordered:
        raise ValueError("no samples")
    rank = max(1, min(len(ordered), round(fraction * len(ordered) + 0.5)))
    return ordered[rank - 1]


def summary_ms(samples_s: list[float]) -> dict[str, float]:
    ms = [s * 1000 for s in samples_s]
    return {
        "n": len(ms),
        "p50_ms": round(percentile(ms, 0.50), 3),
        "p95_ms": round(percentile(ms, 0.95), 3),
        "p99_ms": round(percentile(ms, 0.99), 3),
        "max_ms": round(max(ms), 3),
        "mean_ms": round(statistics.fmean(ms), 3),
    }


@dataclass(frozen=True)
class Measure:
    """One figure of ``make bench``'s table, beside its in-run limit and its targets."""

    name: str
    value: float
    unit: str  # "s", "ms", "MB"
    limit: float | None = None  # what the same work costs at its floor, this run
    limit_name: str | None = None
    target: float | None = None  # the value must not exceed it (same unit)
    target_ratio: float | None = None  # value / limit must not exceed it

    @property
    def ratio(self) -> float | None:
        if self.limit is None or self.limit <= 0:
            return None
        return round(self.value / self.limit, 2)

    @property
    def met(self) -> bool | None:
        checks = []
        if self.target is not None:
            checks.append(self.value <= self.target)
        if self.target_ratio is not None and self.ratio is not None:
            checks.append(self.ratio <= self.target_ratio)
        return all(checks) if checks else None

    def as_json(self) -> dict[str, Any]:
        return {**asdict(self), "ratio": self.ratio, "met": self.met}


def write_result(name: str, figures: dict[str, Any], measures: Sequence[Measure] = ()) -> Path:
    RESULTS_DIR.mkdir(parents=True, exist_ok=True)
    payload = {
        "benchmark": name,
        "at": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": {
            "python": platform.python_version(),
            "system": platform.system(),
            "cpus": os.cpu_count(),
        },
        "measures": [m.as_json() for m in measures],
        **figures,
    }
    path = RESULTS_DIR / f"{name}.json"
    path.write_text(json.dumps(payload, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(json.dumps(payload, indent=2, ensure_ascii=False))
    return path


class Stopwatch:
    def __init__(self) -> None:
        self.samples: list[float] = []

    def __enter__(self) -> "Stopwatch":
        self._t0 = time.perf_counter()
        return self

    def __exit__(self, *exc: object) -> None:
        self.samples.append(time.perf_counter() - self._t0)
