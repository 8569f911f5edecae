"""The console's live KPIs from a real helpdesk on 127.0.0.1 (``HelpdeskKpis`` over the
console's own sync engine and staff session): the whole property's figures, another
console's incident included, and the console's own store when the link is cut."""

from __future__ import annotations

import asyncio
from pathlib import Path

from app.clock import SystemClock
from app.domain import Role
from app.policy import load_policy
from app.services.kpis import KpiService, KpiSource
from app.sync.kpis_online import HelpdeskKpis
from tests.integration.conftest import HelpdeskService
from tests.integration.fault_proxy import Fault, FaultProxy
from tests.integration.sync_consoles import all_synced, eventually, make_console


def test_the_helpdesk_answers_for_the_whole_property_and_the_store_when_cut_off(
    helpdesk: HelpdeskService, tmp_path: Path
) -> None:
    async def scenario() -> None:
        with FaultProxy(helpdesk.url) as proxy:
            desk = make_console(tmp_path, "desk", helpdesk.url, issuer=helpdesk)
            duty = make_console(
                tmp_path,
                "duty",
                proxy.url,
                staff_id="M001",
                role=Role.DUTY_MANAGER,
                live_feed=False,
                issuer=helpdesk,
            )
            kpis = KpiService(duty.store, SystemClock(), load_policy())
            kpis.online = HelpdeskKpis(duty.engine)
            await desk.engine.start()
            await duty.engine.start()
            try:
                desk.open_incident("Shoe jammed at the desk's table")
                await eventually(all_synced(desk), "the desk's incident at the helpdesk")
                await eventually(lambda: duty.engine.status.online, "the duty console online")
                live = await kpis.remote(duty.actor)
                assert live is not None and live.source is KpiSource.HELPDESK
                assert live.report.opened >= 1  # the other console's incident counts
                assert sum(live.report.backlog.values()) >= 1

                proxy.plan = lambda method, path: Fault.DROP  # the link is cut
                assert await kpis.remote(duty.actor) is None  # then the store's
                local = kpis.local(duty.actor)
                assert local.source is KpiSource.CONSOLE
            finally:
                await desk.engine.stop()
                await duty.engine.stop()
                desk.store.close()
                duty.store.close()

    asyncio.run(scenario())
