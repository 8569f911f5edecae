"""``vip-console helpdesk serve`` as run in production: its own process and logging, on
loopback, its output in a file the test reads."""

import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[2]
START_SECONDS = 30


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@contextmanager
def served_helpdesk(
    tmp_path: Path,
    *options: str,
    env: dict[str, str] | None = None,
    db: str | None = None,
    started: list["subprocess.Popen[bytes]"] | None = None,
) -> Iterator[tuple[str, Path]]:
    """The helpdesk's URL and its log file; stopped with SIGINT (as Ctrl-C) at the end.

    ``db``: its database URL (a SQLite file in ``tmp_path`` by default); ``started``
    receives the serving process (a test that signals its workers)."""
    port = free_port()
    log_file = tmp_path / "helpdesk.log"
    command = [sys.executable, "-m", "helpdesk", "serve", "--db", db or str(tmp_path / "h.db")]
    command += ["--port", str(port), *options]
    with log_file.open("w") as sink:
        # A real helpdesk needs a key sealing its attachments.
        full_env = {**os.environ, "VIP_HELPDESK_BLOB_KEY": "ab" * 32, **(env or {})}
        process = subprocess.Popen(
            command, cwd=ROOT, stdout=sink, stderr=subprocess.STDOUT, env=full_env
        )
    if started is not None:
        started.append(process)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + START_SECONDS
        while True:  # waiting for it to listen, not measuring it
            try:
                httpx.get(f"{url}/healthz", timeout=1)
                break
            except httpx.TransportError:
                if process.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(log_file.read_text()) from None
                time.sleep(0.05)
        yield url, log_file
    finally:
        process.send_signal(signal.SIGINT)
        try:
            process.wait(20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def worker_pids(parent: int) -> list[int]:
    """The worker processes of ``serve --workers N`` running as ``parent`` (Linux /proc):
    forked, they have its command line; spawned, multiprocessing's."""
    children = Path(f"/proc/{parent}/task/{parent}/children").read_text().split()
    own = _cmdline(parent)
    found = []
    for pid in map(int, children):
        line = _cmdline(pid)
        if line and (line == own or b"spawn_main" in line):
            found.append(pid)
    return found


def _cmdline(pid: int) -> bytes:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:  # gone meanwhile
        return b""


def demo_staff_headers(url: str) -> dict[str, str]:
    """A demo helpdesk's headers for the test device, enrolled with the published demo
    code, and the test staff member signed in on it with the demo PIN."""
    from app.demo.generator import DEMO_PIN
    from helpdesk.config import DEMO_ENROLMENT_CODE
    from tests.integration.conftest import (
        TEST_CHECKPOINT_KEY,
        TEST_DEVICE_ID,
        TEST_STAFF_ID,
        enrol_device,
    )

    token = enrol_device(url, TEST_DEVICE_ID, DEMO_ENROLMENT_CODE, TEST_CHECKPOINT_KEY)
    device = {"Authorization": f"Bearer {token}"}
    session = httpx.post(
        f"{url}/v1/staff/sessions",
        json={"staff_id": TEST_STAFF_ID, "pin": DEMO_PIN},
        headers=device,
    )
    assert session.status_code in (200, 201), session.text
    return {**device, "X-Staff-Token": session.json()["staff_token"]}
