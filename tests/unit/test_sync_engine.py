"""The engine on plain asyncio, without a helpdesk: offline status, wake-ups, clean stop."""

import asyncio
import socket
import threading
from pathlib import Path

import pytest

import app.sync.engine as engine_module
from app.actor import Actor
from app.clock import SystemClock
from app.domain import Category, Priority, Role
from app.policy import load_policy
from app.security.tls import InsecureTransport
from app.services.incidents import IncidentDraft, IncidentService
from app.sync.engine import SyncConfig, SyncEngine
from app.sync.status import Link, SyncStatus
from offline_cache import open_store

ACTOR = Actor("P001", Role.PIT_BOSS, "TAB-1")


def closed_port() -> int:
    """A loopback port nobody listens on (bound, then released)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


async def until(condition: object, timeout: float = 10.0) -> None:
    async def poll() -> None:
        while not condition():  # type: ignore[operator]
            await asyncio.sleep(0.01)  # a re-check interval, not a wait for something

    await asyncio.wait_for(poll(), timeout)


def test_without_a_helpdesk_the_console_counts_what_waits(tmp_path: Path) -> None:
    async def scenario() -> None:
        store = open_store(tmp_path)
        engine = SyncEngine(store, SyncConfig(base_url=None, device_id="TAB-1"))
        seen: list[SyncStatus] = []
        engine.add_listener(seen.append)
        await engine.start()
        try:
            incidents = IncidentService(store, SystemClock(), load_policy())
            incidents.open(ACTOR, IncidentDraft(Priority.P1, Category.EQUIPMENT_DOWN))
            await until(lambda: engine.status.pending == 2)
            assert engine.status.link is Link.DISABLED
            assert seen[-1] == engine.status
        finally:
            await engine.stop()
            store.close()
        assert not [t for t in asyncio.all_tasks() if t is not asyncio.current_task()]

    asyncio.run(scenario())


def test_an_unreachable_helpdesk_shows_offline_since_and_work_goes_on(tmp_path: Path) -> None:
    async def scenario() -> None:
        store = open_store(tmp_path)
        config = SyncConfig(
            base_url=f"http://127.0.0.1:{closed_port()}",
            device_id="TAB-1",
            enrolment_code="K7QM4XPA9RTE2WDN",  # IT's code: it tries, and finds no helpdesk
            backoff_base_s=0.01,
            backoff_cap_s=0.05,
        )
        engine = SyncEngine(store, config)
        await engine.start()
        try:
            await until(lambda: engine.status.link is Link.OFFLINE)
            assert engine.status.offline_since is not None
            assert "Connect" in engine.status.last_error
            incidents = IncidentService(store, SystemClock(), load_policy())
            incidents.open(ACTOR, IncidentDraft(Priority.P1, Category.EQUIPMENT_DOWN))
            await until(lambda: engine.status.pending == 2)
        finally:
            await engine.stop()
            store.close()
        assert not [t for t in asyncio.all_tasks() if t is not asyncio.current_task()]

    asyncio.run(scenario())


def test_a_removed_listener_hears_nothing_more(tmp_path: Path) -> None:
    async def scenario() -> None:
        store = open_store(tmp_path)
        engine = SyncEngine(store, SyncConfig(base_url=None, device_id="TAB-1"))
        kept: list[SyncStatus] = []
        gone: list[SyncStatus] = []
        engine.add_listener(kept.append)
        engine.add_listener(gone.append)
        engine.remove_listener(gone.append)
        engine.remove_listener(gone.append)  # twice: not an error
        await engine.start()
        try:
            incidents = IncidentService(store, SystemClock(), load_policy())
            incidents.open(ACTOR, IncidentDraft(Priority.P1, Category.EQUIPMENT_DOWN))
            await until(lambda: engine.status.pending == 2)
            assert kept and not gone
        finally:
            await engine.stop()
            store.close()

    asyncio.run(scenario())


WARM_BACKEND = """
import asyncio, sys, threading
from pathlib import Path

class Watch:  # which thread imports anyio's asyncio backend
    def find_spec(self, name, path=None, target=None):
        if name == "anyio._backends._asyncio":
            print("imported-on", threading.current_thread() is threading.main_thread())
        return None

sys.meta_path.insert(0, Watch())
from app.sync.engine import SyncConfig, SyncEngine
from offline_cache import open_store

async def main():
    store = open_store(Path(sys.argv[1]))
    engine = SyncEngine(store, SyncConfig(base_url=sys.argv[2], device_id="TAB-1",
                                          enrolment_code="K7QM4XPA9RTE2WDN"))
    await engine.start()
    await asyncio.sleep(0.3)  # its first requests: refused, the helpdesk is not there
    await engine.stop()
    store.close()

asyncio.run(main())
"""


def test_the_network_backend_is_loaded_off_the_event_loops_thread(tmp_path: Path) -> None:
    """Loaded by the first request, it held the loop's thread (the GUI's) ~35 ms."""
    import subprocess
    import sys

    url = f"http://127.0.0.1:{closed_port()}"
    done = subprocess.run(
        [sys.executable, "-c", WARM_BACKEND, str(tmp_path), url],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    assert done.stdout.split() == ["imported-on", "False"], done.stdout + done.stderr


def test_the_helpdesk_link_is_made_at_start_off_the_loops_thread(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Its imports and its certificate context (the system's CA certificates, 30 ms) are
    made on a worker: on the console's loop they froze its GUI at the start."""
    made_on: list[str] = []
    prepare = engine_module._prepare_link

    def recorded(url: str) -> object:
        made_on.append(threading.current_thread().name)
        return prepare(url)

    monkeypatch.setattr(engine_module, "_prepare_link", recorded)

    async def scenario() -> None:
        store = open_store(tmp_path)
        engine = SyncEngine(
            store, SyncConfig(base_url=f"http://127.0.0.1:{closed_port()}", device_id="TAB-1")
        )
        assert engine.transport is None  # nothing of the link while the window comes up
        await engine.start()
        try:
            assert engine.transport is not None and engine.feed is not None
            assert made_on and made_on[0] != threading.current_thread().name
        finally:
            await engine.stop()
            store.close()

    asyncio.run(scenario())


def test_a_plain_http_helpdesk_off_this_computer_is_refused_at_once(tmp_path: Path) -> None:
    store = open_store(tmp_path)
    try:
        with pytest.raises(InsecureTransport):
            SyncEngine(store, SyncConfig(base_url="http://10.1.2.3:8080", device_id="TAB-1"))
    finally:
        store.close()
