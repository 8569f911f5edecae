"""The helpdesk under a floor's load: live subscribers and batched writes, on PostgreSQL.

    python -m bench.helpdesk_load [--workers 1,2,4] [--subscribers 1000] [--rate 200]
                                  [--seconds 60] [--kill-worker] [--feed-window S]

Loopback only, bounded in time. For each worker count: a throwaway PostgreSQL server
(tests/pg_server.py), ``vip-console helpdesk serve --workers N`` on it, ``--subscribers``
live feeds (``GET /v1/feed``) all connected before the first write, then writes through
``POST /v1/batch`` (10 incidents a batch) at ``--rate`` incidents a second for
``--seconds``. With ``--kill-worker`` one worker is SIGKILLed halfway; its subscribers
reconnect with ``Last-Event-ID`` as consoles do.

Measured: the write rate sustained; commit → subscriber latency (from the moment the
batch was *sent*, an upper bound: the commit is between sending and the answer) on
``PROBES`` subscribers that also note when each incident arrived, all of them keeping
every event's sequence number, over bare sockets (a Python load generator on the same
two cores must not become the bottleneck it measures); and exactness: every
subscriber holds every change written after it connected exactly once, checked against
the change log in the database.
Beside the latency, its in-run limit: commit to a single subscriber, one batch at a
time, before the load starts.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import httpx

from bench.common import Measure, percentile, write_result
from bench.load_subscriber import Subscriber
from bench.load_timeline import timeline

ROOT = Path(__file__).resolve().parents[1]
BATCH = 10
PROBES = 50
QUIET_BATCHES = 9
QUIET_GAP_SECONDS = 0.5  # between them: past the feed's window, each commit flushed at once
CONNECT_SECONDS = 120.0
DRAIN_SECONDS = 120.0  # after the last write, how long subscribers may take to catch up
DEVICE_ID = "TAB-LOAD"
STAFF_ID = "P001"


def incident(device_id: str) -> dict[str, Any]:
    from tests.integration.conftest import incident_body

    return incident_body(device_id=device_id, provisional_number=f"{device_id}-0001")


async def send_batch(
    client: httpx.AsyncClient,
    token: str,
    sent: dict[str, float],
    answered: dict[str, float] | None = None,
) -> bool:
    """One batch of ``BATCH`` new incidents; when it was sent goes into ``sent`` by id,
    when its answer came into ``answered``."""
    from tests.integration.conftest import new_key

    bodies = [incident(DEVICE_ID) for _ in range(BATCH)]
    operations = [
        {
            "method": "POST",
            "path": "/incidents",
            "idempotency_key": new_key(),
            "staff_token": token,
            "body": body,
        }
        for body in bodies
    ]
    at = time.perf_counter()
    for _attempt in range(5):  # a lost answer: the same keys again, as the outbox does
        try:
            answer = await client.post("/v1/batch", json={"operations": operations})
            break
        except httpx.TransportError:
            await asyncio.sleep(0.2)
    else:
        return False
    if answer.status_code != 200:
        return False
    sent.update((body["id"], at) for body in bodies)
    if answered is not None:
        now = time.perf_counter()
        answered.update((body["id"], now) for body in bodies)
    return True


async def quiet_latency(feeds: httpx.AsyncClient, writes: httpx.AsyncClient, token: str) -> float:
    """The in-run limit: commit to one subscriber, one batch at a time, no other load,
    each batch after a pause longer than the feed's window (``serve --feed-window``)."""
    probe, stop = Subscriber(probe=True), asyncio.Event()
    task = asyncio.create_task(probe.run(feeds, stop))
    await asyncio.wait_for(probe.connected.wait(), CONNECT_SECONDS)
    samples = []
    for _ in range(QUIET_BATCHES):
        sent: dict[str, float] = {}
        assert await send_batch(writes, token, sent)
        while not set(sent) <= set(probe.arrivals):
            await asyncio.sleep(0.001)
        samples.append(max(probe.arrivals[i] - at for i, at in sent.items()))
        await asyncio.sleep(QUIET_GAP_SECONDS)
    stop.set()
    task.cancel()
    await asyncio.gather(task, return_exceptions=True)
    return sorted(samples)[len(samples) // 2]


async def writer(
    client: httpx.AsyncClient,
    token: str,
    rate: float,
    seconds: float,
    sent: dict[str, float],
    answered: dict[str, float],
) -> int:
    """Batches of ``BATCH`` incidents at ``rate`` a second; returns the batches refused."""
    interval = BATCH / rate
    start = time.perf_counter()
    refused = 0
    tasks: set[asyncio.Task[None]] = set()

    async def one() -> None:
        nonlocal refused
        if not await send_batch(client, token, sent, answered):
            refused += 1

    n = 0
    while (elapsed := time.perf_counter() - start) < seconds:
        task = asyncio.create_task(one())
        tasks.add(task)
        task.add_done_callback(tasks.discard)
        n += 1
        await asyncio.sleep(max(0.0, n * interval - elapsed))
    await asyncio.gather(*tasks)
    return refused


def change_seqs_after(db_url: str, after: int) -> list[int]:
    from sqlalchemy import create_engine, text

    engine = create_engine(db_url)
    try:
        with engine.connect() as connection:
            rows = connection.execute(
                text("SELECT seq FROM changes WHERE seq > :after ORDER BY seq"), {"after": after}
            )
            return [int(row[0]) for row in rows]
    finally:
        engine.dispose()


def head_seq(db_url: str) -> int:
    from sqlalchemy import create_engine, text

    engine = create_engine(db_url)
    try:
        with engine.connect() as connection:
            return int(
                connection.execute(text("SELECT coalesce(max(seq), 0) FROM changes")).scalar()
            )
    finally:
        engine.dispose()


def helpdesk_cpu(pid: int) -> float:
    """CPU seconds used so far by ``serve`` (``pid``) and its live worker processes."""
    from bench.feed_cpu import cpu_seconds
    from tests.integration.served_helpdesk import worker_pids

    total = 0.0
    for each in (pid, *worker_pids(pid)):
        try:
            total += cpu_seconds(each)
        except OSError:  # gone meanwhile
            pass
    return total


def database_cpu(postmaster: int) -> float:
    """CPU seconds used so far by the PostgreSQL server: the postmaster, its live
    backends and those that ended."""
    from bench.feed_cpu import cpu_seconds

    children = Path(f"/proc/{postmaster}/task/{postmaster}/children").read_text().split()
    total = cpu_seconds(postmaster, reaped=True)
    for child in children:
        try:
            total += cpu_seconds(int(child))
        except OSError:  # gone meanwhile
            pass
    return total


def serve(
    db_url: str, port: int, workers: int, log: Path, options: Sequence[str] = ()
) -> subprocess.Popen[bytes]:
    command = [sys.executable, "-m", "helpdesk", "serve", "--db", db_url, "--port", str(port)]
    command += ["--workers", str(workers), "--seed-demo", "--guests", "50", "--heartbeat", "15"]
    command += options
    env = {**os.environ, "VIP_HELPDESK_BLOB_KEY": "ab" * 32}
    with log.open("w") as sink:
        return subprocess.Popen(command, cwd=ROOT, stdout=sink, stderr=subprocess.STDOUT, env=env)


async def sign_in(url: str) -> tuple[dict[str, str], str]:
    from app.demo.generator import DEMO_PIN
    from helpdesk.config import DEMO_ENROLMENT_CODE
    from tests.integration.conftest import enrol_body

    async with httpx.AsyncClient(base_url=url, timeout=30) as client:
        deadline = time.monotonic() + 60
        while True:  # waiting for the service to listen, not measuring it
            try:
                await client.get("/healthz")
                break
            except httpx.TransportError:
                if time.monotonic() > deadline:
                    raise
                await asyncio.sleep(0.1)
        enrolled = await client.post(
            "/v1/devices/enrol", json=enrol_body(DEVICE_ID, DEMO_ENROLMENT_CODE)
        )
        enrolled.raise_for_status()
        device = {"Authorization": f"Bearer {enrolled.json()['device_token']}"}
        session = await client.post(
            "/v1/staff/sessions", json={"staff_id": STAFF_ID, "pin": DEMO_PIN}, headers=device
        )
        session.raise_for_status()
        token = session.json()["staff_token"]
        return {**device, "X-Staff-Token": token}, token


async def one_run(
    args: argparse.Namespace, workers: int, db_url: str, port: int, log: Path, postmaster: int
) -> dict[str, Any]:
    options = [] if args.feed_window is None else ["--feed-window", str(args.feed_window)]
    process = serve(db_url, port, workers, log, options)
    url = f"http://127.0.0.1:{port}"
    try:
        headers, token = await sign_in(url)
        limits = httpx.Limits(max_connections=None, max_keepalive_connections=None)
        timeout = httpx.Timeout(30.0, read=120.0)
        stop = asyncio.Event()
        subscribers = [Subscriber(probe=i < PROBES) for i in range(args.subscribers)]
        async with (
            httpx.AsyncClient(
                base_url=url, headers=headers, limits=limits, timeout=timeout
            ) as feeds,
            httpx.AsyncClient(base_url=url, headers=headers, timeout=30) as writes,
        ):
            quiet_s = await quiet_latency(feeds, writes, token)
            start_seq = head_seq(db_url)
            tasks = [asyncio.create_task(s.run(feeds, stop)) for s in subscribers]
            connect_start = time.perf_counter()
            await asyncio.wait_for(
                asyncio.gather(*(s.connected.wait() for s in subscribers)), CONNECT_SECONDS
            )
            connect_s = time.perf_counter() - connect_start
            sent: dict[str, float] = {}
            answered: dict[str, float] = {}
            killed: int | None = None
            killed_at: float | None = None
            cpu_start = (
                time.process_time(),
                helpdesk_cpu(process.pid),
                database_cpu(postmaster),
            )
            write_start = time.perf_counter()
            writing = asyncio.create_task(
                writer(writes, token, args.rate, args.seconds, sent, answered)
            )
            if args.kill_worker and workers > 1:
                await asyncio.sleep(args.seconds / 2)
                from tests.integration.served_helpdesk import worker_pids

                killed = worker_pids(process.pid)[0]
                os.kill(killed, signal.SIGKILL)
                killed_at = time.perf_counter()
            refused = await writing
            write_s = time.perf_counter() - write_start
            expected = change_seqs_after(db_url, start_seq)
            deadline = time.perf_counter() + DRAIN_SECONDS
            while time.perf_counter() < deadline:
                # Caught up: each stream has reached the last change (streams deliver in
                # order; a gap before it is counted below, not waited for).
                if not expected or all(s.seqs and s.seqs[-1] >= expected[-1] for s in subscribers):
                    break
                await asyncio.sleep(0.2)
            generator_cpu = time.process_time() - cpu_start[0]
            served_cpu = helpdesk_cpu(process.pid) - cpu_start[1]
            database_cpu_s = database_cpu(postmaster) - cpu_start[2]
            stop.set()
            for task in tasks:
                task.cancel()
            await asyncio.gather(*tasks, return_exceptions=True)
        expected_set = set(expected)
        lost = sum(len(expected_set - set(s.seqs)) for s in subscribers)
        short = [
            (s.probe, sorted(expected_set - set(s.seqs))[:5], len(s.seqs), s.reconnects)
            for s in subscribers
            if expected_set - set(s.seqs)
        ]
        if short:
            print("subscribers short of changes:", short[:10], file=sys.stderr)
        duplicated = sum(len(s.seqs) - len(set(s.seqs)) for s in subscribers)
        latencies = [
            s.arrivals[i] - sent[i] for s in subscribers if s.probe for i in sent if i in s.arrivals
        ]
        untimed = sum(1 for s in subscribers if s.probe for i in sent if i not in s.arrivals)
        return {
            "workers": workers,
            "subscribers": args.subscribers,
            "connect_all_s": round(connect_s, 2),
            "incidents_written": len(sent),
            "batches_refused": refused,
            "writes_per_s": round(len(sent) / write_s, 1),
            "target_rate": args.rate,
            "changes": len(expected),
            "latency_p50_s": round(percentile(latencies, 0.50), 3) if latencies else None,
            "latency_p95_s": round(percentile(latencies, 0.95), 3) if latencies else None,
            "limit_quiet_latency_s": round(quiet_s, 4),
            "latency_max_s": round(max(latencies), 3) if latencies else None,
            "missing_after_drain": lost,  # not received DRAIN_SECONDS after the last write
            "duplicated": duplicated,
            "probe_arrivals_missing": untimed,  # incidents written that a probe never timed
            "reconnects": sum(s.reconnects for s in subscribers),
            "killed_worker": killed is not None,
            # CPU seconds from the first write to the end of the drain: this process (the
            # load generator), the helpdesk's processes (a killed worker's not counted)
            # and PostgreSQL's
            "generator_cpu_s": round(generator_cpu, 1),
            "helpdesk_cpu_s": round(served_cpu, 1),
            "database_cpu_s": round(database_cpu_s, 1),
            **timeline([s for s in subscribers if s.probe], sent, answered, write_start, killed_at),
        }
    finally:
        process.send_signal(signal.SIGINT)
        try:
            process.wait(30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m bench.helpdesk_load", description=__doc__.split("\n")[0]
    )
    parser.add_argument("--workers", default="1,2,4", help="worker counts to run, comma separated")
    parser.add_argument("--subscribers", type=int, default=1000)
    parser.add_argument("--rate", type=float, default=200.0, help="incidents written a second")
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--kill-worker", action="store_true", help="SIGKILL a worker halfway")
    parser.add_argument(
        "--feed-window", type=float, help="the helpdesk's `serve --feed-window` (its default)"
    )
    args = parser.parse_args(argv)
    from tests.integration.conftest import fresh_postgres_database
    from tests.integration.served_helpdesk import free_port
    from tests.pg_server import PostgresServer

    runs = []
    server = PostgresServer.start()
    try:
        with_temp = Path(tempfile.gettempdir())
        for workers in (int(w) for w in args.workers.split(",")):
            db_url = fresh_postgres_database(server.url)
            log = with_temp / f"helpdesk-load-{workers}.log"
            runs.append(asyncio.run(one_run(args, workers, db_url, free_port(), log, server.pid)))
            print(json.dumps(runs[-1]), flush=True)
    finally:
        server.stop()
    measures = []
    for run in runs:
        w = run["workers"]
        measures += [
            Measure(f"sustained writes/s ({w} workers)", run["writes_per_s"], "/s"),
            Measure(
                f"commit to every subscriber p95 ({w} workers)",
                run["latency_p95_s"] or -1,
                "s",
                limit=run["limit_quiet_latency_s"],
                limit_name="commit to one subscriber, one batch at a time, same run",
                target=1.0,
            ),
            Measure(
                f"changes missing after the drain + duplicated ({w} workers)",
                run["missing_after_drain"] + run["duplicated"],
                "",
                target=0,
            ),
        ]
    write_result("helpdesk_load", {"runs": runs}, measures)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
