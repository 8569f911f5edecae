"""Answers lost after the helpdesk committed: the retry must not overwrite anyone's edit.

A records an incident offline and moves it on; its create lands but the answer is
lost and A goes dark; B changes the same incident meanwhile. When A comes back, its
queued change was made on the version A's own create produced (1), not on B's: the
helpdesk must refuse it (412) and A must put the clash to its user.
"""

from __future__ import annotations

import asyncio
import threading
from pathlib import Path

import httpx
import pytest

from app.domain import IncidentStatus
from tests.integration.conftest import HelpdeskService
from tests.integration.fault_proxy import Fault, FaultProxy, Plan
from tests.integration.sync_consoles import all_synced, eventually, make_console

WRITE_PATHS = ("/v1/batch", "/v1/incidents")


def lose_first_write_then_go_dark(proxy: FaultProxy) -> Plan:
    """The first write is done by the helpdesk, its answer cut, then the link goes down."""
    lost = threading.Event()

    def plan(method: str, path: str) -> Fault | None:
        if method == "POST" and path.startswith(WRITE_PATHS) and not lost.is_set():
            lost.set()
            proxy.down = True  # this request still goes through; nothing after it
            return Fault.DROP_AFTER_COMMIT
        return None

    return plan


@pytest.mark.parametrize("batch_writes", [True, False], ids=["batched", "single"])
def test_a_change_queued_behind_a_lost_create_answer_is_a_conflict_not_an_overwrite(
    helpdesk: HelpdeskService, tmp_path: Path, batch_writes: bool
) -> None:

    async def scenario() -> None:
        with FaultProxy(helpdesk.url) as proxy:
            a = make_console(tmp_path, "alpha", proxy.url, batch_writes=batch_writes)
            b = make_console(tmp_path, "bravo", helpdesk.url)
            proxy.down = True  # A starts offline
            await a.engine.start()
            await b.engine.start()
            try:
                opened = a.open_incident("Shoe jammed at BJ-301")
                a.incidents.change_status(a.actor, opened.id, IncidentStatus.IN_PROGRESS)
                proxy.plan = lose_first_write_then_go_dark(proxy)
                proxy.down = False
                a.engine.sync_now()

                await eventually(lambda: b.incident(opened.id) is not None, "bravo has it")
                seen = b.incident(opened.id)
                assert seen is not None and seen.version == 1
                assert seen.status is IncidentStatus.NEW  # A's change never went out
                b.incidents.change_status(b.actor, opened.id, IncidentStatus.WAITING)
                await eventually(all_synced(b), "bravo's change")
                assert _on_helpdesk(helpdesk, opened.id)["version"] == 2

                proxy.plan = lambda method, path: None
                proxy.down = False
                await eventually(all_synced(a), "alpha to replay")
                await eventually(lambda: a.engine.status.conflicts == 1, "one conflict")
                conflicts = await a.engine.open_conflicts()
                assert [(c.field, c.local_value, c.server_value) for c in conflicts] == [
                    ("status", "in_progress", "waiting")
                ]
                held = _on_helpdesk(helpdesk, opened.id)
                assert (held["status"], held["version"]) == ("waiting", 2)  # B's edit stands
                shown = a.incident(opened.id)
                assert shown is not None and shown.status is IncidentStatus.WAITING
                assert shown.number == held["number"]
            finally:
                await a.engine.stop()
                await b.engine.stop()
                a.store.close()
                b.store.close()

    asyncio.run(scenario())


def _on_helpdesk(helpdesk: HelpdeskService, incident_id: str) -> dict[str, object]:
    with httpx.Client(base_url=helpdesk.url) as client:
        answer = client.get(f"/v1/incidents/{incident_id}", headers=helpdesk.headers())
    assert answer.status_code == 200
    body = answer.json()
    assert isinstance(body, dict)
    return body
