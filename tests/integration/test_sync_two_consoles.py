"""Two consoles (two stores, two engines) against one real helpdesk on loopback."""

from __future__ import annotations

import asyncio
from pathlib import Path

from app.domain import EventKind, IncidentStatus
from tests.integration.conftest import HelpdeskService
from tests.integration.fault_proxy import FaultProxy
from tests.integration.sync_consoles import (
    Console,
    all_synced,
    eventually,
    make_console,
)


def test_each_console_sees_the_others_incidents_live(
    helpdesk: HelpdeskService, tmp_path: Path
) -> None:

    async def scenario() -> None:
        a = make_console(tmp_path, "alpha", helpdesk.url, issuer=helpdesk)
        b = make_console(tmp_path, "bravo", helpdesk.url, issuer=helpdesk)
        await a.engine.start()
        await b.engine.start()
        try:
            await eventually(lambda: a.engine.status.live and b.engine.status.live, "live feeds")
            opened = a.open_incident("Shoe jammed at BJ-301")
            assert opened.number is None  # provisional until the helpdesk answers

            def both_numbered() -> bool:
                # Bravo may hear of it on the feed before alpha has read the answer to
                # its own write: each holds the helpdesk's number in its own time.
                seen = [b.incident(opened.id), a.incident(opened.id)]
                return all(i is not None and i.number is not None for i in seen)

            await eventually(both_numbered, "bravo to see alpha's incident, both numbered")
            mine = a.incident(opened.id)
            theirs = b.incident(opened.id)
            assert mine is not None and theirs is not None
            assert mine.number == theirs.number and mine.number.startswith("VIP-")
            assert theirs.provisional_number == opened.provisional_number

            b.incidents.add_note(b.actor, opened.id, "Dealer swapped the shoe")
            b.incidents.change_status(b.actor, opened.id, IncidentStatus.IN_PROGRESS)

            def a_sees_changes() -> bool:
                seen = a.incident(opened.id)
                return (
                    seen is not None
                    and seen.status is IncidentStatus.IN_PROGRESS
                    and any(e.detail == "Dealer swapped the shoe" for e in seen.events)
                )

            await eventually(a_sees_changes, "alpha to see bravo's note and status")
            await eventually(all_synced(a, b), "both outboxes empty")

            def same_timeline() -> bool:
                one, two = a.incident(opened.id), b.incident(opened.id)
                assert one is not None and two is not None
                return len(one.events) == 3 and {e.id for e in one.events} == {
                    e.id for e in two.events
                }

            await eventually(same_timeline, "the same three events on both consoles")
            final_a, final_b = a.incident(opened.id), b.incident(opened.id)
            assert final_a is not None and final_b is not None
            assert final_a.version == final_b.version == 2
        finally:
            await a.engine.stop()
            await b.engine.stop()
            a.store.close()
            b.store.close()

    asyncio.run(scenario())


def test_offline_work_reconciles_by_itself_on_reconnect(
    helpdesk: HelpdeskService, tmp_path: Path
) -> None:

    async def scenario() -> None:
        with FaultProxy(helpdesk.url) as proxy:
            a = make_console(tmp_path, "alpha", proxy.url, issuer=helpdesk)
            b = make_console(tmp_path, "bravo", helpdesk.url, issuer=helpdesk)
            await a.engine.start()
            await b.engine.start()
            try:
                await eventually(lambda: a.engine.status.online, "alpha online")
                proxy.down = True
                proxy.cut_streams()
                await eventually(lambda: not a.engine.status.online, "alpha offline")
                assert a.engine.status.offline_since is not None
                opened = [a.open_incident(f"Offline {n}") for n in range(5)]
                a.incidents.add_note(a.actor, opened[0].id, "written offline")

                def incident_rows() -> int:  # audit checkpoints queue beside them
                    with a.store.unit_of_work() as uow:
                        return sum(len(uow.outbox.pending_for(i.id)) for i in opened)

                await eventually(lambda: incident_rows() == 11, "11 changes waiting")
                await eventually(lambda: a.engine.status.pending >= 11, "the banner's count")
                assert all(a.incident(i.id).number is None for i in opened)  # type: ignore[union-attr]

                proxy.down = False  # nobody pokes the engine: it must notice by itself
                await eventually(all_synced(a), "alpha to reconcile")
                await eventually(
                    lambda: all(b.incident(i.id) is not None for i in opened),
                    "bravo to receive what alpha wrote offline",
                )
                numbers = {a.incident(i.id).number for i in opened}  # type: ignore[union-attr]
                assert None not in numbers and len(numbers) == 5
                assert a.engine.status.offline_since is None
                assert a.engine.status.last_sync_at is not None
            finally:
                await a.engine.stop()
                await b.engine.stop()
                a.store.close()
                b.store.close()

    asyncio.run(scenario())


def test_a_status_changed_on_both_sides_is_put_to_the_user(
    helpdesk: HelpdeskService, tmp_path: Path
) -> None:

    async def scenario() -> None:
        with FaultProxy(helpdesk.url) as proxy:
            a = make_console(tmp_path, "alpha", proxy.url, issuer=helpdesk)
            b = make_console(tmp_path, "bravo", helpdesk.url, issuer=helpdesk)
            await a.engine.start()
            await b.engine.start()
            try:
                opened = a.open_incident()
                await eventually(all_synced(a), "alpha's create")
                await eventually(lambda: b.incident(opened.id) is not None, "bravo has it")
                proxy.down = True
                proxy.cut_streams()
                await eventually(lambda: not a.engine.status.online, "alpha offline")
                a.incidents.change_status(a.actor, opened.id, IncidentStatus.WAITING)
                a.incidents.escalate(a.actor, opened.id, 2, "Guest upset")
                b.incidents.change_status(b.actor, opened.id, IncidentStatus.RESOLVED)
                await eventually(all_synced(b), "bravo's change")
                proxy.down = False
                await eventually(all_synced(a), "alpha to replay")
                await eventually(lambda: a.engine.status.conflicts == 1, "one conflict")
                conflicts = await a.engine.open_conflicts()
                assert [(c.field, c.local_value, c.server_value) for c in conflicts] == [
                    ("status", "waiting", "resolved")
                ]
                # The escalation nobody else touched went through on the new version.
                await eventually(
                    lambda: _level(b, opened.id) == 2, "bravo to see alpha's escalation"
                )
                shown = a.incident(opened.id)
                assert shown is not None and shown.status is IncidentStatus.RESOLVED

                await a.engine.settle(a.actor, conflicts[0].id, keep_mine=True)
                await eventually(
                    lambda: _status(b, opened.id) is IncidentStatus.WAITING,
                    "bravo to see the status alpha kept",
                )
                assert not await a.engine.open_conflicts()
                # Both tablets' changes stay on the timeline; one entry says how it ended.
                await eventually(
                    lambda: _settled(b, opened.id) == [("status", "resolved", "waiting")],
                    "bravo to see how the clash was settled",
                )
            finally:
                await a.engine.stop()
                await b.engine.stop()
                a.store.close()
                b.store.close()

    asyncio.run(scenario())


def _level(console: Console, incident_id: str) -> int | None:
    incident = console.incident(incident_id)
    return None if incident is None else incident.manual_escalation_level


def _status(console: Console, incident_id: str) -> IncidentStatus | None:
    incident = console.incident(incident_id)
    return None if incident is None else incident.status


def _settled(console: Console, incident_id: str) -> list[tuple[str, str, str]]:
    incident = console.incident(incident_id)
    events = () if incident is None else incident.events
    return [
        (e.detail, e.from_value, e.to_value) for e in events if e.kind is EventKind.CONFLICT_SETTLED
    ]
