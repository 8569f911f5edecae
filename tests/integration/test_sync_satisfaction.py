"""The guest's satisfaction recorded on one console reaches the helpdesk and the others."""

from __future__ import annotations

import asyncio
from pathlib import Path

import httpx

from app.domain import IncidentStatus, Satisfaction
from tests.integration.conftest import HelpdeskService
from tests.integration.sync_consoles import all_synced, eventually, make_console


def test_the_answer_travels_to_the_helpdesk_and_the_other_console(
    helpdesk: HelpdeskService, tmp_path: Path
) -> None:
    async def scenario() -> None:
        a = make_console(tmp_path, "alpha", helpdesk.url, issuer=helpdesk)
        b = make_console(tmp_path, "bravo", helpdesk.url, issuer=helpdesk)
        await a.engine.start()
        await b.engine.start()
        try:
            opened = a.open_incident("Table closed for a new shoe")
            a.incidents.change_status(a.actor, opened.id, IncidentStatus.RESOLVED)
            a.incidents.record_satisfaction(a.actor, opened.id, Satisfaction.HAPPY)

            def b_has_it() -> bool:
                # The incident's answer and the event that records it are two changes
                # of the feed: the one may be applied a page before the other.
                seen = b.incident(opened.id)
                return (
                    seen is not None
                    and seen.satisfaction is Satisfaction.HAPPY
                    and any(e.to_value == "happy" for e in seen.events)
                )

            await eventually(b_has_it, "bravo to see the guest's answer")
            await eventually(all_synced(a, b), "both outboxes empty")
            theirs = b.incident(opened.id)
            assert theirs is not None
            assert theirs.events[-1].to_value == "happy"
            reply = httpx.get(
                f"{helpdesk.url}/v1/incidents/{opened.id}", headers=helpdesk.headers()
            )
            assert reply.json()["satisfaction"] == "happy"
        finally:
            await a.engine.stop()
            await b.engine.stop()
            a.store.close()
            b.store.close()

    asyncio.run(scenario())
