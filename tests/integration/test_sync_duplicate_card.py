"""Two desks register a walk-in offline with the same loyalty card (real helpdesk, loopback).

Before: B's create became a dead letter (409), then every pull of B's feed failed on
the local unique card index, forever, with no error shown; B's incident reached the
helpdesk pointing at a guest it does not have. Now the helpdesk's guest wins, B's
walk-in is set aside for review with its incident re-pointed, and B's feed goes on.
"""

from __future__ import annotations

import asyncio
from pathlib import Path

import httpx

from app.actor import Actor
from app.clock import SystemClock
from app.domain import Category, Priority, Role
from app.services.incidents import IncidentDraft
from app.services.walkins import WalkInDraft, WalkInService
from app.sync.set_aside import SetAsideKind
from tests.integration.conftest import HelpdeskService
from tests.integration.fault_proxy import FaultProxy
from tests.integration.sync_consoles import (
    Console,
    all_synced,
    eventually,
    make_console,
    sign_in_offline,
)

CARD = "9000000012345"


def desk(console: Console) -> Actor:
    return sign_in_offline(console.store, console.engine, "D001", Role.VIP_DESK, "desk")


def test_a_card_registered_twice_offline_never_stops_the_feed(
    helpdesk: HelpdeskService, tmp_path: Path
) -> None:

    async def scenario() -> None:
        with FaultProxy(helpdesk.url) as proxy:
            a = make_console(tmp_path, "alpha", helpdesk.url, issuer=helpdesk)
            b = make_console(tmp_path, "bravo", proxy.url, issuer=helpdesk)
            await a.engine.start()
            await b.engine.start()
            try:
                await eventually(all_synced(a, b), "both online")
                await eventually(lambda: _hosts(b) > 0, "bravo has the staff")
                proxy.down = True
                proxy.cut_streams()
                await eventually(lambda: not b.engine.status.online, "bravo offline")

                mine = WalkInService(a.store, SystemClock()).register(
                    desk(a), WalkInDraft("Mateo García", card_number=CARD)
                )
                await eventually(all_synced(a), "alpha's walk-in at the helpdesk")
                theirs = WalkInService(b.store, SystemClock()).register(
                    desk(b), WalkInDraft("Mateo Garcia", card_number=CARD)
                )
                draft = IncidentDraft(
                    Priority.P2, Category.EQUIPMENT_DOWN, summary="Drinks late", guest_id=theirs.id
                )
                incident = b.incidents.open(b.actor, draft)

                proxy.down = False
                await eventually(lambda: b.engine.status.set_aside == 1, "the clash shown")
                await eventually(all_synced(b), "bravo's outbox drained, no dead letter")
                with b.store.unit_of_work() as uow:
                    assert uow.guests.by_card(CARD) is not None
                    assert uow.guests.by_card(CARD).id == mine.id  # type: ignore[union-attr]
                    assert uow.guests.by_id(theirs.id) is None
                    (item,) = uow.set_aside.open_items()
                assert (item.kind, item.local_id, item.repointed) == (
                    SetAsideKind.CARD_TAKEN,
                    theirs.id,
                    1,
                )
                held = _incident_on_helpdesk(helpdesk, incident.id)
                assert held["guest_id"] == mine.id  # a guest the helpdesk has
                assert b.engine.status.last_error == ""

                # The feed goes on: bravo sees what alpha does next.
                later = a.open_incident("After the clash")
                await eventually(lambda: b.incident(later.id) is not None, "bravo's feed")
            finally:
                await a.engine.stop()
                await b.engine.stop()
                a.store.close()
                b.store.close()

    asyncio.run(scenario())


def _hosts(console: Console) -> int:
    with console.store.unit_of_work() as uow:
        return sum(1 for member in uow.staff.all() if member.role is Role.HOST)


def _incident_on_helpdesk(helpdesk: HelpdeskService, incident_id: str) -> dict[str, object]:
    with httpx.Client(base_url=helpdesk.url) as client:
        answer = client.get(f"/v1/incidents/{incident_id}", headers=helpdesk.headers())
    assert answer.status_code == 200, answer.text
    body = answer.json()
    assert isinstance(body, dict)
    return body
