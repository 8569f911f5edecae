"""A pull from the start pauses the guests' name index and rebuilds it once: every guest
the console holds is found by name after the pull, and after a pull that failed half-way.
The next pull leaves exactly the helpdesk's guests, each once, as the role may see them."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from app.domain import Guest
from app.wire import codec
from helpdesk.views import guest_dict_for
from offline_cache.search_index import STALE_KEY
from tests.integration.conftest import HelpdeskService, database_url_for, query_helpdesk
from tests.integration.fault_proxy import Fault, FaultProxy
from tests.integration.sync_consoles import Console, eventually, make_console


def held_and_not_found(console: Console, helpdesk: HelpdeskService) -> tuple[int, list[str]]:
    """How many of the helpdesk's guests the console holds, and those a search by
    their name does not find."""
    ids = query_helpdesk(database_url_for(helpdesk.db_path), "SELECT id FROM guests")
    held, not_found = 0, []
    with console.store.unit_of_work() as uow:
        assert uow.sync_state.get(STALE_KEY) is None  # not paused
        for (guest_id,) in ids:
            guest = uow.guests.by_id(guest_id)
            if guest is None:
                continue
            held += 1
            if guest_id not in [found.id for found in uow.guests.search(guest.name, 50)]:
                not_found.append(guest.name)
    return held, not_found


@pytest.mark.allow_error_log  # the malformed pages are logged at ERROR
def test_guests_are_found_by_name_after_a_pull_that_failed_half_way_and_after_the_next(
    helpdesk: HelpdeskService, tmp_path: Path
) -> None:
    failing = [True]

    async def scenario() -> None:
        with FaultProxy(helpdesk.url) as proxy:
            console = make_console(
                tmp_path, "alpha", proxy.url, live_feed=False, page_limit=4, issuer=helpdesk
            )

            def plan(method: str, path: str) -> Fault | None:
                # Pages spoilt once some guests are held: the pull from the start fails
                # half-way, with its first pages (and the paused index) committed.
                if "/v1/changes" in path and failing[0] and guests_held(console):
                    return Fault.GARBAGE
                return None

            proxy.plan = plan
            await console.engine.start()
            try:
                await eventually(
                    lambda: "malformed" in console.engine.status.last_error, "a failed pull"
                )
                held, not_found = held_and_not_found(console, helpdesk)
                assert held > 0 and not_found == []
                failing[0] = False
                console.engine.sync_now()
                await eventually(
                    lambda: held_and_not_found(console, helpdesk)[0] == helpdesk.seeded_guests,
                    "the next pull",
                )
                assert held_and_not_found(console, helpdesk)[1] == []
                assert held_as_sent(console) == helpdesk_as_sent(helpdesk, console)
            finally:
                await console.engine.stop()
                console.store.close()

    asyncio.run(scenario())


def guests_held(console: Console) -> int:
    with console.store.unit_of_work() as uow:
        return uow.guests.count()


def held_as_sent(console: Console) -> dict[str, object]:
    """Every guest row the store holds (a guest twice would fail), field for field in
    the codec's encoding (amounts to their digits, times to their zone)."""
    with console.store.unit_of_work() as uow:
        connection = uow.guests._conn  # type: ignore[attr-defined]
        ids = [guest_id for (guest_id,) in connection.exec_driver_sql("SELECT id FROM guests")]
        held = uow.guests.by_ids(ids)
    assert len(held) == len(ids)
    return {guest_id: codec.encode(guest) for guest_id, guest in held.items()}


def helpdesk_as_sent(helpdesk: HelpdeskService, console: Console) -> dict[str, object]:
    """The helpdesk's guests as ``console``'s signed-in staff may hold them."""
    rows = query_helpdesk(database_url_for(helpdesk.db_path), "SELECT id, data FROM guests")
    return {
        guest_id: codec.encode(codec.decode(guest_dict_for(console.actor, data), Guest))
        for guest_id, data in rows
    }
