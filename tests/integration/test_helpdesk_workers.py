"""``serve --workers 2`` on PostgreSQL: a commit in one worker wakes the live feeds of
the other (LISTEN/NOTIFY; the heartbeat is a minute, so nothing else could), and a
worker killed with SIGKILL mid-stream loses nothing: its clients reconnect with
``Last-Event-ID``, land on a worker still serving, and every stream ends up with every
change exactly once. The supervisor replaces the dead worker.

Which worker holds a stream is read from /proc (the socket of the client's port)."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import httpx

from tests.integration.conftest import (
    fresh_postgres_database,
    incident_body,
    new_key,
)
from tests.integration.served_helpdesk import ROOT, demo_staff_headers, served_helpdesk, worker_pids

WRITES = 15
DELIVERY_SECONDS = 30.0  # half the heartbeat's minute: only a wake-up explains it (a loaded CI
# machine once took longer than 10 s with a worker being replaced)
MAX_STREAMS = 16
TIMEOUT = httpx.Timeout(5.0, read=90.0)  # a minute of heartbeat between reads


class FeedReader(threading.Thread):
    """A live-feed client as the console is one: it keeps every event id it receives and
    reconnects with ``Last-Event-ID`` when its connection drops."""

    def __init__(self, url: str, headers: dict[str, str]) -> None:
        super().__init__(daemon=True)
        self.url, self.headers = url, headers
        self.seqs: list[int] = []
        self.incident_ids: set[str] = set()
        self.ports: list[int] = []  # the client port of each connection, newest last
        self.connected = threading.Event()
        self.stop = threading.Event()

    def run(self) -> None:
        while not self.stop.is_set():
            headers = dict(self.headers)
            if self.seqs:
                headers["Last-Event-ID"] = str(self.seqs[-1])
            try:
                timeout = httpx.Timeout(5.0, read=90.0)
                with httpx.stream(
                    "GET", f"{self.url}/v1/feed", headers=headers, timeout=timeout
                ) as r:
                    r.raise_for_status()
                    stream = r.extensions["network_stream"]
                    self.ports.append(stream.get_extra_info("client_addr")[1])
                    self.connected.set()
                    self._read(r)
            except httpx.HTTPError:
                pass
            self.connected.clear()
            self.stop.wait(0.2)

    def _read(self, response: httpx.Response) -> None:
        for line in response.iter_lines():
            if self.stop.is_set():
                return
            if line.startswith("id: "):
                self.seqs.append(int(line[4:]))
            elif line.startswith("data: "):
                item = json.loads(line[6:])
                if item.get("type") == "incident":
                    self.incident_ids.add(item["data"]["id"])


def _holder(workers: list[int], client_port: int) -> int | None:
    """The worker whose socket's peer is ``client_port`` on loopback."""
    inodes: set[str] = set()
    for line in Path("/proc/net/tcp").read_text().splitlines()[1:]:
        fields = line.split()
        if int(fields[2].split(":")[1], 16) == client_port:
            inodes.add(fields[9])
    for pid in workers:
        try:
            links = {os.readlink(f"/proc/{pid}/fd/{fd}") for fd in os.listdir(f"/proc/{pid}/fd")}
        except OSError:
            continue
        if any(f"socket:[{inode}]" in links for inode in inodes):
            return pid
    return None


def _write(client: httpx.Client, count: int) -> set[str]:
    written = set()
    for _ in range(count):
        body, key = incident_body(), new_key()
        for _attempt in range(5):  # as the outbox does: the same key again on a lost answer
            try:
                answer = client.post("/v1/incidents", json=body, headers={"Idempotency-Key": key})
                break
            except httpx.TransportError:  # its connection was on the killed worker
                time.sleep(0.2)
        assert answer.status_code == 201, answer.text
        written.add(body["id"])
    return written


def _all_delivered(readers: list[FeedReader], written: set[str]) -> bool:
    deadline = time.monotonic() + DELIVERY_SECONDS
    while time.monotonic() < deadline:
        if all(written <= r.incident_ids for r in readers):
            return True
        time.sleep(0.05)
    return False


def test_workers_wake_each_other_and_a_killed_worker_loses_nothing(
    tmp_path: Path, postgres_admin_url: str
) -> None:
    db = fresh_postgres_database(postgres_admin_url)
    options = ("--seed-demo", "--guests", "20", "--workers", "2", "--heartbeat", "60")
    started: list[subprocess.Popen[bytes]] = []
    with served_helpdesk(tmp_path, *options, db=db, started=started) as (url, log_file):
        parent = started[0].pid
        headers = demo_staff_headers(url)
        deadline = time.monotonic() + 20
        while len(workers := worker_pids(parent)) < 2:  # waiting for them, not timing them
            assert time.monotonic() < deadline, log_file.read_text()
            time.sleep(0.1)

        # Streams until both workers hold at least one.
        readers: list[FeedReader] = []
        holders: dict[int, list[FeedReader]] = {}
        while len(holders) < 2:
            assert len(readers) < MAX_STREAMS, "every stream landed on one worker"
            reader = FeedReader(url, headers)
            reader.start()
            assert reader.connected.wait(10), log_file.read_text()
            readers.append(reader)
            holder = _holder(workers, reader.ports[-1])
            assert holder is not None
            holders.setdefault(holder, []).append(reader)
        try:
            with httpx.Client(base_url=url, headers=headers, timeout=10) as client:
                written = _write(client, WRITES)
                assert _all_delivered(readers, written), "a worker's streams were not woken"

                victim = next(iter(holders))
                os.kill(victim, signal.SIGKILL)  # mid-stream, no goodbye
                written |= _write(client, WRITES)
                assert _all_delivered(readers, written), [
                    (len(written - r.incident_ids), r.ports, r.connected.is_set()) for r in readers
                ]
        finally:
            for reader in readers:
                reader.stop.set()

        every = set().union(*(set(r.seqs) for r in readers))
        for reader in readers:
            assert len(reader.seqs) == len(set(reader.seqs)), "an event was delivered twice"
            assert reader.seqs == sorted(reader.seqs)
            assert set(reader.seqs) == every  # each stream got every change
        assert all(len(r.ports) >= 2 for r in holders[victim])  # they did reconnect
        deadline = time.monotonic() + 20
        while victim in (now := worker_pids(parent)) or len(now) < 2:  # the supervisor's job
            assert time.monotonic() < deadline, f"no replacement for the killed worker: {now}"
            time.sleep(0.2)
        _assert_forked(parent, now)


def _assert_forked(parent: int, workers: list[int]) -> None:
    """The workers, the replacement too, were forked from the supervisor with the
    service imported (its command line, not multiprocessing's ``spawn_main``), and a
    signal the supervisor handles for itself is the default again in a worker: SIGHUP
    ends one, as it ends a spawned worker, instead of going to the supervisor's queue."""
    own = Path(f"/proc/{parent}/cmdline").read_bytes()
    for pid in workers:
        assert Path(f"/proc/{pid}/cmdline").read_bytes() == own, pid
    os.kill(workers[0], signal.SIGHUP)
    deadline = time.monotonic() + 10
    while workers[0] in worker_pids(parent):
        assert time.monotonic() < deadline, "SIGHUP did not end the worker"
        time.sleep(0.1)


def test_several_workers_on_sqlite_are_refused_by_name(tmp_path: Path) -> None:
    command = [sys.executable, "-m", "helpdesk", "serve", "--db", str(tmp_path / "h.db")]
    env = {**os.environ, "VIP_HELPDESK_BLOB_KEY": "ab" * 32}
    done = subprocess.run(
        [*command, "--workers", "2"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 2
    assert "several workers need PostgreSQL" in done.stderr


def test_the_settings_reach_a_spawned_worker_whole() -> None:
    from datetime import timedelta

    from helpdesk.config import Settings
    from helpdesk.workers import settings_from_json, settings_json

    settings = Settings(
        db_url="postgresql+psycopg://helpdesk@127.0.0.1:5432/helpdesk",
        heartbeat_seconds=7.5,
        feed_window_seconds=0.05,
        blob_key=bytes(range(32)),
        staff_session_ttl=timedelta(minutes=90),
        metrics_token="scrape-me",
        require_totp=True,
        updates_dir=Path("updates"),
    )
    assert settings_from_json(settings_json(settings)) == settings
