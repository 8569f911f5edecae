"""Where ``bench.helpdesk_load``'s latency comes from: per second of the run, and per probe.

A p95 over the whole run says how late the tail is, not when nor for whom: the
seconds after a worker was killed, the probes that reconnected, or every probe all
along. Both go into the run's result (``timeline``, ``late_probes``).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from typing import Any

from bench.common import percentile
from bench.load_subscriber import Subscriber

LATE_SECONDS = 1.0  # the target: commit to every subscriber, p95


def _summary(latencies: Sequence[float]) -> dict[str, float]:
    return {
        "n": len(latencies),
        "p50_s": round(percentile(latencies, 0.50), 3),
        "p95_s": round(percentile(latencies, 0.95), 3),
        "max_s": round(max(latencies), 3),
    }


def timeline(
    probes: Sequence[Subscriber],
    sent: dict[str, float],
    answered: dict[str, float],
    start: float,
    killed_at: float | None,
) -> dict[str, Any]:
    """Probes' latencies by the second their batch was sent (from the first write), and
    split by whether the probe reconnected; ``killed_at``: when a worker was killed.
    Beside each second, how long its batches took to be answered (``write_p95_s``): a
    late write is late for every subscriber, a late fan-out is not."""
    writes: dict[int, list[float]] = defaultdict(list)
    for incident, at in sent.items():
        if incident in answered:
            writes[int(at - start)].append(answered[incident] - at)
    by_second: dict[int, list[float]] = defaultdict(list)
    stayed: list[float] = []
    reconnected: list[float] = []
    late = []
    for index, probe in enumerate(probes):
        own = [(sent[i], probe.arrivals[i] - sent[i]) for i in sent if i in probe.arrivals]
        for at, latency in own:
            by_second[int(at - start)].append(latency)
        (reconnected if probe.reconnects else stayed).extend(latency for _, latency in own)
        over = [latency for _, latency in own if latency > LATE_SECONDS]
        if over:
            late.append(
                {
                    "probe": index,
                    "late": len(over),
                    "max_s": round(max(over), 3),
                    "dropped_at_s": [round(t - start, 2) for t in probe.dropped_at],
                }
            )
    return {
        "killed_at_s": None if killed_at is None else round(killed_at - start, 2),
        "timeline": [
            {
                "second": second,
                **_summary(values),
                "write_p95_s": round(percentile(writes[second], 0.95), 3)
                if writes[second]
                else None,
            }
            for second, values in sorted(by_second.items())
        ],
        "probes_stayed": _summary(stayed) if stayed else None,
        "probes_reconnected": _summary(reconnected) if reconnected else None,
        "late_probes": sorted(late, key=lambda each: -each["late"]),
    }
