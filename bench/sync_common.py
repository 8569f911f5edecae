"""Shared pieces of the sync benchmarks: a helpdesk in its own process, queued changes.

The helpdesk runs in a separate interpreter (as it would on its own server), so the
console's figures are not mixed with the service's CPU time on one GIL.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from types import TracebackType
from typing import Any

from bench.cache import cached, checkpoint_sqlite, sqlite_counts
from bench.common import CACHE_DIR

ROOT = Path(__file__).resolve().parent.parent
ENROLMENT = "bench-enrolment"  # a demo helpdesk's open code: the bench's own demo property
SERVE = """
import sys
from pathlib import Path
from typing import Any
from helpdesk.config import Settings
from helpdesk.seed import seed_demo
from helpdesk.server import start_in_thread

db, guests = Path(sys.argv[1]), int(sys.argv[2])
settings = Settings(db_url=f"sqlite:///{db}", demo_enrolment_code=sys.argv[3])
running = start_in_thread(settings, own_process=True)
if guests:
    seed_demo(running.context, guest_count=guests)
print(running.url, flush=True)
sys.stdin.read()
running.stop()
"""


def serve_script(script: str, *args: str) -> tuple[subprocess.Popen[str], str]:
    """``script`` in a new interpreter that prints its helpdesk's URL first; the process
    (stdin, stdout: pipes of text) and that URL."""
    process = subprocess.Popen(
        [sys.executable, "-c", script, *args],
        cwd=ROOT,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert process.stdout is not None
    url = process.stdout.readline().strip()
    if not url:
        raise RuntimeError("the helpdesk did not start")
    return process, url


class HelpdeskServer:
    """``with HelpdeskServer(guests) as url:`` a seeded helpdesk on 127.0.0.1."""

    def __init__(self, guests: int = 12, db: Path | None = None) -> None:
        self._guests = guests
        self._tmp = Path(tempfile.mkdtemp(prefix="vip-bench-helpdesk-"))
        self.db = db or self._tmp / "helpdesk.db"
        self._process: subprocess.Popen[str] | None = None

    def __enter__(self) -> str:
        self._process, url = serve_script(SERVE, str(self.db), str(self._guests), ENROLMENT)
        return url

    def cpu_s(self) -> float | None:
        """The service process's CPU time so far (Linux ``/proc``; None elsewhere)."""
        if self._process is None:
            return None
        try:
            fields = Path(f"/proc/{self._process.pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            return None
        ticks = os.sysconf("SC_CLK_TCK")
        return (int(fields[11]) + int(fields[12])) / ticks

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        if self._process is not None:
            assert self._process.stdin is not None and self._process.stdout is not None
            self._process.stdin.close()
            try:
                self._process.wait(30)
            except subprocess.TimeoutExpired:
                self._process.kill()
                self._process.wait()
            self._process.stdout.close()
        shutil.rmtree(self._tmp, ignore_errors=True)


def seeded_helpdesk_db(guests: int, cache_dir: Path = CACHE_DIR) -> Path:
    """A helpdesk database seeded with ``guests`` demo guests, made once and cached; a
    cache that does not hold exactly that property is made again (bench/cache.py)."""

    def seed(path: Path) -> None:
        started = time.perf_counter()
        with HelpdeskServer(guests, path):
            pass
        checkpoint_sqlite(path)
        print(f"seeded a {guests}-guest helpdesk in {time.perf_counter() - started:.0f} s")

    return cached(
        cache_dir / f"helpdesk-{guests}.db", seed, lambda db: helpdesk_problem(db, guests)
    )


def helpdesk_problem(db: Path, guests: int) -> str | None:
    """What keeps ``db`` from being a complete demo seed of ``guests`` guests, if anything."""
    counts = sqlite_counts(db, ("guests", "staff", "incidents"))
    if isinstance(counts, str):
        return counts
    if counts["guests"] != guests:
        return f"{counts['guests']} guests, expected {guests}"
    if not counts["staff"]:
        return "no staff"
    if not counts["incidents"]:
        return "no incidents: the seed did not finish"  # the seed writes them last
    return None


def copy_of(db: Path) -> Path:
    target = Path(tempfile.mkdtemp(prefix="vip-bench-db-")) / "helpdesk.db"
    shutil.copyfile(db, target)
    return target


def sync_config(url: str, device_id: str, **overrides: object) -> object:
    """The engine's config; pass ``checkpoint_public_key=store.checkpoint_public_key``:
    bound at enrolment, the key the store signs its staff's sign-ins with."""
    from app.sync.engine import SyncConfig

    values: dict[str, object] = {
        "base_url": url,
        "device_id": device_id,
        "enrolment_code": ENROLMENT,
        "backoff_base_s": 0.05,
        "backoff_cap_s": 1.0,
    }
    values.update(overrides)
    return SyncConfig(**values)  # type: ignore[arg-type]


def queue_changes(data_dir: Path, incidents: int) -> int:
    """``incidents`` incidents written offline, each opened then moved on: 4 outbox rows."""
    from app.clock import SystemClock
    from app.domain import Category, IncidentStatus, Priority, Role
    from app.policy import load_policy
    from app.services.incidents import IncidentDraft, IncidentService
    from offline_cache import open_store

    store = open_store(data_dir, key=BENCH_STORE_KEY)
    try:
        service = IncidentService(store, SystemClock(), load_policy())
        actor = bench_sign_in(store, "P001", Role.PIT_BOSS, "TAB-BENCH")
        for n in range(incidents):
            draft = IncidentDraft(Priority.P3, Category.OTHER, summary=f"Bench {n}")
            opened = service.open(actor, draft)
            service.change_status(actor, opened.id, IncidentStatus.IN_PROGRESS)
        with store.unit_of_work() as uow:
            return uow.outbox.counts()[0]
    finally:
        store.close()


BENCH_STORE_KEY = bytes.fromhex("b3" * 32)
"""The benchmarks' consoles' store key: it also signs their staff's sign-ins, which the
helpdesk exchanges for staff tokens (every write and read carries one)."""


def bench_sign_in(store: Any, staff_id: str, role: Any, device_id: str, engine: Any = None) -> Any:
    """``staff_id`` signed in on this console as after an offline PIN check: a session
    the device vouches for (the engine, if given, reads the feed for them)."""
    from datetime import UTC, datetime

    from app.actor import Actor
    from app.sync.sessions import open_session

    with store.unit_of_work() as uow:
        session = open_session(uow, staff_id, device_id, datetime.now(UTC))
    actor = Actor(staff_id, role, device_id, session_id=session.session_id)
    if engine is not None:
        engine.signed_in(actor)
    return actor
