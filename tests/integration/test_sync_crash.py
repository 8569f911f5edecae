"""The console killed mid-replay (a real process, SIGKILL) and restarted: nothing lost or doubled.

The console process replays through the fault proxy, which holds every answer back
for a moment after the helpdesk has committed; the test kills the process while
many answers are in that window, then starts it again and lets it finish.

Run as ``python -m tests.integration.test_sync_crash DATA_DIR URL DEVICE [--until-synced]``
it is that console process.
"""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from app.domain import IncidentStatus
from tests.integration.fault_proxy import Fault, FaultProxy
from tests.integration.sync_consoles import (
    ROOT,
    HelpdeskProcess,
    all_synced,
    eventually,
    make_console,
)

INCIDENTS = 200
DEVICE = "TAB-CONSOLE"  # make_console names devices after their folder

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")


def start_console(data_dir: Path, url: str, *flags: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "tests.integration.test_sync_crash", str(data_dir), url, *flags],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )


def wait_until(condition: object, what: str, timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():  # type: ignore[operator]
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.02)  # a re-check interval, not a wait for something


def test_a_console_killed_mid_replay_loses_and_doubles_nothing(tmp_path: Path) -> None:
    data = tmp_path / "console"
    with HelpdeskProcess(tmp_path / "helpdesk.db") as helpdesk:
        console = make_console(data.parent, data.name, None)  # offline: no engine running
        opened = [console.open_incident(f"Offline {n}") for n in range(INCIDENTS)]
        for incident in opened[:20]:  # a patch and two events behind some creates
            console.incidents.change_status(console.actor, incident.id, IncidentStatus.WAITING)
        # create + "opened" event each; a patch and a status event for twenty
        expected = 2 * INCIDENTS + 2 * 20 + console.checkpoint_rows()
        assert console.outbox_counts() == (expected, 0)
        console.store.close()

        with FaultProxy(helpdesk.url, delay_s=0.05) as proxy:
            proxy.plan = lambda method, path: Fault.SLOW_ANSWER  # committed, answer late
            first = start_console(data, proxy.url, "--enrol", helpdesk.issue_code(DEVICE))
            try:
                wait_until(lambda: helpdesk.counts(DEVICE)[0] >= INCIDENTS // 3, "a third replayed")
                os.kill(first.pid, signal.SIGKILL)
                assert first.wait(10) == -signal.SIGKILL
            finally:
                if first.poll() is None:
                    first.kill()
                    first.wait()
                if first.stdout is not None:
                    first.stdout.close()
            on_server = helpdesk.counts(DEVICE)[0]
            assert 0 < on_server < INCIDENTS  # killed mid-replay indeed

            second = start_console(data, proxy.url, "--until-synced")
            out, _ = second.communicate(timeout=90)
            assert second.returncode == 0, out

        assert helpdesk.counts(DEVICE) == (INCIDENTS, INCIDENTS, INCIDENTS + 20)
        reopened = make_console(data.parent, data.name, None)
        try:
            assert reopened.outbox_counts() == (0, 0)
            with reopened.store.unit_of_work() as uow:
                stored = uow.incidents.by_ids([i.id for i in opened])
            assert len({i.number for i in stored.values() if i.number}) == INCIDENTS
            assert [stored[i.id].status for i in opened[:20]] == [IncidentStatus.WAITING] * 20
            assert all(stored[i.id].version == 2 for i in opened[:20])
        finally:
            reopened.store.close()


def _console_process(data_dir: Path, url: str, until_synced: bool, code: str | None) -> int:
    async def run() -> int:
        console = make_console(
            data_dir.parent, data_dir.name, url, concurrency=8, enrolment_code=code
        )
        await console.engine.start()
        try:
            if until_synced:
                await eventually(all_synced(console), "the replay", timeout=80)
                return 0
            await asyncio.Event().wait()  # until killed
            return 1
        finally:
            await console.engine.stop()
            console.store.close()

    return asyncio.run(run())


if __name__ == "__main__":
    folder, helpdesk_url, *rest = sys.argv[1:]
    enrol = rest[rest.index("--enrol") + 1] if "--enrol" in rest else None  # the first run
    sys.exit(_console_process(Path(folder), helpdesk_url, "--until-synced" in rest, enrol))
