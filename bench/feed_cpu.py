"""The helpdesk worker's CPU per write and per delivered feed event, on PostgreSQL.

    python -m bench.feed_cpu [--subscribers 300] [--batches 40] [--rate 30] [--rounds 2]
                             [--feed-window S]

Wall-clock figures on a shared 2-core machine move with whatever else runs; the CPU
seconds the worker process itself spent (``/proc/PID/stat`` utime + stime, all of its
threads) move far less. One worker (``serve --workers 1``) on a throwaway PostgreSQL
server, loopback only, bounded in time. Each round:

1. writes ``--batches`` batches of ten incidents at ``--rate`` incidents a second with
   no live feed open: the worker's CPU per 100 incidents written;
2. opens ``--subscribers`` live feeds (bare sockets, sequence numbers only), writes
   the same again and waits until every feed holds every change: what this phase cost
   beyond phase 1, per 1,000 events delivered (feeds x changes written).

The CPU of an idle second (heartbeats, the wake-up listener) is taken off both.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import signal
import tempfile
import time
from pathlib import Path
from typing import Any

import httpx

from bench.helpdesk_load import BATCH, head_seq, send_batch, serve, sign_in
from bench.load_subscriber import Subscriber

CLOCK_TICKS = os.sysconf("SC_CLK_TCK")
DRAIN_SECONDS = 120.0


def cpu_seconds(pid: int, reaped: bool = False) -> float:
    """``pid``'s CPU seconds; ``reaped``: with those of its children that ended."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    ticks = int(fields[11]) + int(fields[12])  # utime, stime
    if reaped:
        ticks += int(fields[13]) + int(fields[14])  # cutime, cstime
    return ticks / CLOCK_TICKS


async def write_paced(client: httpx.AsyncClient, token: str, batches: int, rate: float) -> int:
    interval = BATCH / rate
    start = time.perf_counter()
    sent: dict[str, float] = {}
    for n in range(batches):
        assert await send_batch(client, token, sent)
        await asyncio.sleep(max(0.0, (n + 1) * interval - (time.perf_counter() - start)))
    return len(sent)


async def one_round(
    url: str, pid: int, db_url: str, headers: dict[str, str], token: str, args: argparse.Namespace
) -> dict[str, Any]:
    limits = httpx.Limits(max_connections=None, max_keepalive_connections=None)
    async with (
        httpx.AsyncClient(base_url=url, headers=headers, limits=limits, timeout=60) as feeds,
        httpx.AsyncClient(base_url=url, headers=headers, timeout=30) as writes,
    ):
        idle_start = cpu_seconds(pid)
        await asyncio.sleep(2.0)
        idle_per_s = (cpu_seconds(pid) - idle_start) / 2.0

        started, cpu = time.perf_counter(), cpu_seconds(pid)
        written = await write_paced(writes, token, args.batches, args.rate)
        await asyncio.sleep(0.5)
        write_cpu = cpu_seconds(pid) - cpu - idle_per_s * (time.perf_counter() - started)

        stop = asyncio.Event()
        subscribers = [Subscriber(probe=False) for _ in range(args.subscribers)]
        tasks = [asyncio.create_task(s.run(feeds, stop)) for s in subscribers]
        await asyncio.wait_for(asyncio.gather(*(s.connected.wait() for s in subscribers)), 120)
        await asyncio.sleep(1.0)
        before = head_seq(db_url)
        started, cpu = time.perf_counter(), cpu_seconds(pid)
        await write_paced(writes, token, args.batches, args.rate)
        last = head_seq(db_url)
        deadline = time.perf_counter() + DRAIN_SECONDS
        while time.perf_counter() < deadline:
            if all(s.seqs and s.seqs[-1] >= last for s in subscribers):
                break
            await asyncio.sleep(0.05)
        fed_cpu = cpu_seconds(pid) - cpu - idle_per_s * (time.perf_counter() - started)
        stop.set()
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
    changes = last - before
    delivered = sum(sum(1 for seq in s.seqs if before < seq <= last) for s in subscribers)
    duplicated = sum(len(s.seqs) - len(set(s.seqs)) for s in subscribers)
    return {
        "incidents_per_phase": written,
        "changes_per_phase": changes,
        "delivered": delivered,
        "missing": args.subscribers * changes - delivered,
        "duplicated": duplicated,
        "idle_cpu_per_s": round(idle_per_s, 4),
        "cpu_s_per_100_writes": round(write_cpu / written * 100, 4),
        "cpu_s_per_1000_deliveries": (
            round((fed_cpu - write_cpu) / delivered * 1000, 4) if delivered else None
        ),
    }


async def run(args: argparse.Namespace, db_url: str, port: int) -> list[dict[str, Any]]:
    log = Path(tempfile.gettempdir()) / "helpdesk-feed-cpu.log"
    options = [] if args.feed_window is None else ["--feed-window", str(args.feed_window)]
    process = serve(db_url, port, 1, log, options)
    url = f"http://127.0.0.1:{port}"
    try:
        headers, token = await sign_in(url)
        async with httpx.AsyncClient(base_url=url, headers=headers, timeout=30) as warm:
            await write_paced(warm, token, 5, args.rate)
        return [
            await one_round(url, process.pid, db_url, headers, token, args)
            for _ in range(args.rounds)
        ]
    finally:
        process.send_signal(signal.SIGINT)
        try:
            process.wait(30)
        except Exception:  # noqa: BLE001 - a throwaway server: make sure it goes
            process.kill()
            process.wait()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m bench.feed_cpu", description=__doc__.split("\n")[0]
    )
    parser.add_argument("--subscribers", type=int, default=300)
    parser.add_argument("--batches", type=int, default=40)
    parser.add_argument("--rate", type=float, default=30.0, help="incidents written a second")
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument(
        "--feed-window", type=float, help="the helpdesk's `serve --feed-window` (its default)"
    )
    args = parser.parse_args(argv)
    from tests.integration.conftest import fresh_postgres_database
    from tests.integration.served_helpdesk import free_port
    from tests.pg_server import PostgresServer

    server = PostgresServer.start()
    try:
        rounds = asyncio.run(run(args, fresh_postgres_database(server.url), free_port()))
    finally:
        server.stop()
    load = os.getloadavg()
    for result in rounds:
        print(json.dumps({**result, "loadavg": [round(x, 2) for x in load]}), flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
