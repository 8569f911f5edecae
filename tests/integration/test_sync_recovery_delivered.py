"""A promise kept on the host's console reaches the helpdesk and the pit boss's console,
and both count recovery success the same: only the incident whose promise was
delivered is recovered (issue 14, docs/kpis.md)."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx

from app.clock import SystemClock
from app.domain import Category, EventKind, IncidentStatus, Priority, Role, Satisfaction
from app.kpis import KpiReport
from app.policy import load_policy
from app.recovery.matrix import load_matrix
from app.services.incidents import IncidentDraft
from app.services.kpis import KpiService
from app.services.recovery import RecoveryService
from app.wire.contract import format_time
from tests.integration.conftest import HelpdeskService
from tests.integration.sync_consoles import Console, all_synced, eventually, make_console


def test_the_helpdesk_and_a_console_count_only_the_delivered_promise(
    helpdesk: HelpdeskService, tmp_path: Path
) -> None:
    since = datetime.now(UTC) - timedelta(minutes=1)
    guest_id = _a_guest(helpdesk)

    async def scenario() -> tuple[dict[str, object], KpiReport]:
        host = make_console(
            tmp_path, "alpha", helpdesk.url, staff_id="H001", role=Role.HOST, issuer=helpdesk
        )
        pit = make_console(tmp_path, "bravo", helpdesk.url, issuer=helpdesk)
        await host.engine.start()
        await pit.engine.start()
        try:
            await eventually(lambda: _has_guest(host, guest_id), "the host's guests")
            recovery = RecoveryService(host.store, SystemClock(), load_policy(), load_matrix())
            ids = []
            for kept in (True, False):
                draft = IncidentDraft(Priority.P2, Category.ROOM_OVERBOOKING, guest_id=guest_id)
                incident = host.incidents.open(host.actor, draft)
                offers = recovery.proposal(host.actor, incident.id).offers
                recovery.promise(host.actor, incident.id, offers)
                if kept:
                    (promise,) = recovery.promises(host.actor, incident.id)
                    recovery.deliver(host.actor, incident.id, promise.event_id, "In the suite")
                host.incidents.change_status(host.actor, incident.id, IncidentStatus.RESOLVED)
                host.incidents.record_satisfaction(host.actor, incident.id, Satisfaction.HAPPY)
                ids.append(incident.id)
            await eventually(all_synced(host), "the host's outbox empty")
            await eventually(lambda: _resolved_on(pit, ids), "the pit boss's console")
            until = datetime.now(UTC) + timedelta(minutes=1)
            params = {"since": format_time(since), "until": format_time(until)}
            reply = httpx.get(
                f"{helpdesk.url}/v1/kpis", params=params, headers=helpdesk.headers(staff="P001")
            )
            assert reply.status_code == 200, reply.text
            local = KpiService(pit.store, SystemClock(), load_policy()).report(
                pit.actor, since, until
            )
            return reply.json()["kpis"]["recovery"], local
        finally:
            for console in (host, pit):
                await console.engine.stop()
                console.store.close()

    served, local = asyncio.run(scenario())
    assert (served["numerator"], served["denominator"]) == (1, 2)
    figure = local.ratios["recovery"]
    assert (figure.numerator, figure.denominator) == (1, 2)


def _a_guest(helpdesk: HelpdeskService) -> str:
    page = httpx.get(
        f"{helpdesk.url}/v1/changes",
        params={"limit": 1000},
        headers=helpdesk.headers(staff="H001"),
    ).json()
    return next(str(i["data"]["id"]) for i in page["items"] if i["type"] == "guest")


def _has_guest(console: Console, guest_id: str) -> bool:
    with console.store.unit_of_work() as uow:
        return uow.guests.by_id(guest_id) is not None


def _resolved_on(console: Console, ids: list[str]) -> bool:
    """Every incident there, resolved, with its satisfaction and its promise's events."""
    for incident_id in ids:
        incident = console.incident(incident_id)
        if incident is None or incident.status is not IncidentStatus.RESOLVED:
            return False
        kinds = [e.kind for e in incident.events]
        if EventKind.SATISFACTION_RECORDED not in kinds:
            return False
    delivered = [console.incident(i) for i in ids]
    return any(e.kind is EventKind.COMPENSATION_DELIVERED for i in delivered if i for e in i.events)
