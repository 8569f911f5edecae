"""Upgrades start when the sync link comes online, one run at a time."""

import asyncio
import threading

from app.acts.online import UpgradeReport
from app.acts.online_triggers import UpgradeOnReconnect
from app.sync.status import Link, SyncStatus


class FakeUpgrader:
    def __init__(self) -> None:
        self.runs = 0
        self.release = threading.Event()

    def upgrade_pending(self) -> UpgradeReport:
        self.runs += 1
        self.release.wait(5)
        return UpgradeReport()


def test_a_run_per_reconnect_never_two_at_once() -> None:
    upgrader = FakeUpgrader()
    reports: list[UpgradeReport] = []

    async def scenario() -> None:
        hook = UpgradeOnReconnect(upgrader.upgrade_pending, on_done=reports.append)
        hook.on_status(SyncStatus(Link.CONNECTING))
        hook.on_status(SyncStatus(Link.ONLINE))  # came online: a run starts
        hook.on_status(SyncStatus(Link.ONLINE))  # still online: nothing new
        hook.trigger()  # a run is going: not a second one
        upgrader.release.set()
        while not reports:
            await asyncio.sleep(0.01)  # a re-check interval
        hook.on_status(SyncStatus(Link.OFFLINE))
        hook.on_status(SyncStatus(Link.ONLINE))  # back online: another run
        while len(reports) < 2:
            await asyncio.sleep(0.01)

    asyncio.run(scenario())
    assert upgrader.runs == 2
