"""Consoles for the sync integration tests: a real store, services and a SyncEngine each.

Nothing is mocked: each console has its own SQLite store in ``tmp_path`` (encrypted
with a test key, which also signs its sign-ins) and its own engine, talking HTTP on
127.0.0.1 to a real helpdesk (directly or through the fault proxy). Its staff member
is signed in as offline: a session the device vouches for, exchanged by the engine
for a real staff token, so every write and read carries one. Conditions are awaited
with ``eventually`` (re-checked until true or a timeout), never with fixed sleeps.
"""

from __future__ import annotations

import asyncio
import subprocess
import sys
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Protocol

from app.actor import Actor
from app.clock import SystemClock
from app.domain import Category, Incident, Priority, Role
from app.policy import load_policy
from app.services.incidents import IncidentDraft, IncidentService
from app.sync.engine import SyncConfig, SyncEngine
from app.sync.sessions import open_session
from offline_cache import SqliteStore, open_store
from tests.integration.conftest import database_url_for, issue_code_in, query_helpdesk

TIMEOUT_S = 30.0
TEST_STORE_KEY = bytes.fromhex("5e" * 32)
ROOT = Path(__file__).resolve().parents[2]


@dataclass
class Console:
    name: str
    store: SqliteStore
    engine: SyncEngine
    incidents: IncidentService
    actor: Actor

    def open_incident(self, summary: str = "Shoe jammed") -> Incident:
        draft = IncidentDraft(Priority.P2, Category.EQUIPMENT_DOWN, summary=summary)
        return self.incidents.open(self.actor, draft)

    def incident(self, incident_id: str) -> Incident | None:
        with self.store.unit_of_work() as uow:
            return uow.incidents.by_id(incident_id)

    def outbox_counts(self) -> tuple[int, int]:
        with self.store.unit_of_work() as uow:
            return uow.outbox.counts()

    def checkpoint_rows(self) -> int:
        """Signed audit checkpoints waiting (one per 100 audit rows: the store has a key)."""
        with self.store.unit_of_work() as uow:
            return len(uow.outbox.pending_for(f"audit:{self.actor.device_id}"))

    def incident_count(self) -> int:
        with self.store.unit_of_work() as uow:
            return len(uow.incidents.open_incidents())


def sync_config(url: str | None, device_id: str, **overrides: Any) -> SyncConfig:
    values: dict[str, Any] = {
        "base_url": url,
        "device_id": device_id,
        "backoff_base_s": 0.02,
        "backoff_cap_s": 0.5,
        "poll_interval_s": 0.5,
        "feed_read_timeout_s": 5.0,
        "request_timeout_s": 5.0,
    }
    values.update(overrides)
    return SyncConfig(**values)


class CodeIssuer(Protocol):
    def issue_code(self, device_id: str) -> str: ...


def make_console(
    directory: Path,
    name: str,
    url: str | None,
    *,
    staff_id: str = "P001",
    role: Role = Role.PIT_BOSS,
    store_key: bytes | None = TEST_STORE_KEY,
    issuer: CodeIssuer | None = None,
    **overrides: Any,
) -> Console:
    """A console with ``staff_id`` signed in offline; ``issuer`` (the helpdesk)
    provisions it with a code for its id, binding its store's checkpoint key."""
    device_id = f"TAB-{name.upper()}"
    if issuer is not None:
        overrides.setdefault("enrolment_code", issuer.issue_code(device_id))
    store = open_store(directory / name, key=store_key)
    if store.checkpoint_public_key is not None:  # what its checkpoints and sign-ins sign with
        overrides.setdefault("checkpoint_public_key", store.checkpoint_public_key)
    engine = SyncEngine(store, sync_config(url, device_id, **overrides))
    incidents = IncidentService(store, SystemClock(), load_policy())
    actor = sign_in_offline(store, engine, staff_id, role, name)
    return Console(name, store, engine, incidents, actor)


def sign_in_offline(
    store: SqliteStore, engine: SyncEngine, staff_id: str, role: Role, name: str = ""
) -> Actor:
    """``staff_id`` signed in on this console as after a PIN checked offline: a session
    the device vouches for; the engine reads the feed for them."""
    device_id = engine.config.device_id
    with store.unit_of_work() as uow:
        session = open_session(uow, staff_id, device_id, datetime.now(UTC))
    actor = Actor(staff_id, role, device_id, name=name, session_id=session.session_id)
    engine.signed_in(actor)
    return actor


async def eventually(
    condition: Callable[[], bool | Awaitable[bool]], what: str, timeout: float = TIMEOUT_S
) -> None:
    """Wait until ``condition()`` holds, re-checking as the loop runs; fail after ``timeout``."""
    deadline = time.monotonic() + timeout
    while True:
        result = condition()
        if not isinstance(result, bool):
            result = await result
        if result:
            return
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout} s waiting for {what}")
        await asyncio.sleep(0.02)  # a re-check interval, not a wait for something


def all_synced(*consoles: Console) -> Callable[[], bool]:
    def check() -> bool:
        return all(c.engine.status.online and c.outbox_counts() == (0, 0) for c in consoles)

    return check


class HelpdeskProcess:
    """The real helpdesk in an interpreter of its own (its own GIL), for the heavy tests.

    Seeded with the demo property and serving on 127.0.0.1; it exits when its stdin
    closes, so it never outlives the test, even a test that dies.
    """

    def __init__(self, db_path: Path, guests: int = 12) -> None:
        self.db_path = db_path
        self._guests = guests
        self.url = ""
        self._process: subprocess.Popen[str] | None = None

    def __enter__(self) -> HelpdeskProcess:
        command = [sys.executable, "-m", "tests.integration.sync_consoles"]
        self._process = subprocess.Popen(
            [*command, str(self.db_path), str(self._guests)],
            cwd=ROOT,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        assert self._process.stdout is not None
        self.url = self._process.stdout.readline().strip()
        if not self.url.startswith("http://127.0.0.1:"):
            self.__exit__()
            raise RuntimeError("the helpdesk process did not start")
        return self

    def __exit__(self, *_exc: object) -> None:
        process = self._process
        if process is None:
            return
        assert process.stdin is not None and process.stdout is not None
        process.stdin.close()
        try:
            process.wait(20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        process.stdout.close()

    def issue_code(self, device_id: str) -> str:
        return issue_code_in(self.db_path, device_id)

    def counts(self, device_id: str) -> tuple[int, int, int]:
        """(incidents, distinct ticket numbers, events) it holds from ``device_id``."""
        return helpdesk_counts(self.db_path, device_id)


def helpdesk_counts(db_path: Path, device_id: str) -> tuple[int, int, int]:
    """Read straight from the helpdesk's database (SQLite in WAL: readers never block it)."""
    url = database_url_for(db_path)
    [(incidents, numbers)] = query_helpdesk(
        url,
        "SELECT count(*), count(DISTINCT number) FROM incidents WHERE device_id = :device",
        device=device_id,
    )
    [(events,)] = query_helpdesk(
        url,
        "SELECT count(*) FROM incident_events WHERE incident_id IN "
        "(SELECT id FROM incidents WHERE device_id = :device)",
        device=device_id,
    )
    return int(incidents), int(numbers), int(events)


def _serve(db_path: str, guests: str) -> None:
    from tests.integration.conftest import start_service

    service = start_service(Path(db_path), guests=int(guests))
    print(service.url, flush=True)
    try:
        sys.stdin.read()  # until the test closes our stdin (or dies)
    finally:
        service.server.stop()


if __name__ == "__main__":
    _serve(*sys.argv[1:3])
