"""Staff sessions end to end: a console's sign-ins, its rows and its feed, on real tokens.

A real store (encrypted with a test key, which signs the sign-ins), a real engine and
the real helpdesk on 127.0.0.1; the sign-in itself goes through ``AuthService`` on a
worker thread, as the window's does.
"""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta
from decimal import Decimal

import httpx
from sqlalchemy import func, select

from app.clock import SystemClock
from app.demo.generator import DEMO_PIN
from app.domain import Category, IncidentStatus, Priority, Role
from app.services.auth import AuthService
from app.services.incidents import IncidentDraft
from app.sync.sessions import SESSION_REFUSED
from app.sync.transport import UPDATE_THE_HELPDESK
from helpdesk.models import IncidentRow, StaffLockout, StaffSession
from tests.integration.conftest import HelpdeskService, incident_body, new_key
from tests.integration.fault_proxy import Fault, FaultProxy
from tests.integration.sync_consoles import (
    Console,
    all_synced,
    eventually,
    make_console,
    sign_in_offline,
)


def _opened_by(helpdesk: HelpdeskService, incident_id: str) -> str | None:
    with helpdesk.server.context.db.read() as session:
        row = session.get(IncidentRow, incident_id)
        return None if row is None else row.opened_by


def _verifier(console: Console, staff_id: str) -> str:
    with console.store.unit_of_work() as uow:
        staff = uow.staff.by_id(staff_id)
        return staff.pin_hash if staff is not None else ""


def test_an_online_sign_in_gets_a_staff_token_bound_to_the_device(helpdesk, tmp_path) -> None:
    async def scenario() -> None:
        console = make_console(tmp_path, "alpha", helpdesk.url, issuer=helpdesk)
        auth = AuthService(console.store, SystemClock(), console.actor.device_id)
        auth.online = console.engine.online_sign_in
        auth.add_session_listener(console.engine.signed_in)
        await console.engine.start()
        try:
            # The device's own staff's verifiers arrive; the feed never carries any.
            await eventually(lambda: _verifier(console, "H001") != "", "the verifiers")
            await eventually(lambda: console.engine.status.online, "online")
            actor = await asyncio.to_thread(auth.sign_in, "H001", DEMO_PIN)
            with console.store.unit_of_work() as uow:
                session = uow.staff_sessions.get(actor.session_id)
            assert session is not None and session.token and session.vouched
            assert session.token_expires_at is not None
            assert session.token_expires_at - datetime.now(UTC) <= timedelta(hours=2)
            opened = console.incidents.open(actor, IncidentDraft(Priority.P3, Category.OTHER))
            await eventually(all_synced(console), "the host's incident sent")
            assert _opened_by(helpdesk, opened.id) == "H001"
        finally:
            await console.engine.stop()
            console.store.close()

    asyncio.run(scenario())


def test_rows_of_a_staff_member_who_signed_out_go_under_their_own_session(
    helpdesk, tmp_path
) -> None:
    """A pit boss works offline and signs out; a concierge signs in; the link returns.
    The pit boss's incident reaches the helpdesk as theirs, never under the concierge."""

    async def scenario() -> None:
        console = make_console(tmp_path, "alpha", helpdesk.url, issuer=helpdesk)  # P001 offline
        draft = IncidentDraft(Priority.P2, Category.TABLE_DISPUTE, amount=Decimal("5000"))
        opened = console.incidents.open(console.actor, draft)
        moved = console.incidents.change_status(
            console.actor, opened.id, IncidentStatus.IN_PROGRESS
        )
        sign_in_offline(console.store, console.engine, "C001", Role.CONCIERGE, "concierge")
        await console.engine.start()
        try:
            await eventually(all_synced(console), "the pit boss's rows sent")
            assert console.engine.status.dead == 0
            with helpdesk.server.context.db.read() as session:
                row = session.get(IncidentRow, opened.id)
                assert row is not None and row.opened_by == "P001"
                assert (row.status, row.amount) == (moved.status.value, "5000")
        finally:
            await console.engine.stop()
            console.store.close()

    asyncio.run(scenario())


def test_a_session_the_helpdesk_refuses_is_a_dead_letter_until_its_author_signs_in(
    helpdesk, tmp_path
) -> None:
    until = datetime.now(UTC) + timedelta(hours=1)
    with helpdesk.server.context.db.write() as session:  # locked by wrong PINs elsewhere
        session.add(StaffLockout(staff_key="P002", failed=5, locked_until=until))

    async def scenario() -> None:
        console = make_console(tmp_path, "alpha", helpdesk.url, staff_id="P002", issuer=helpdesk)
        opened = console.open_incident("Filed while P002 was locked at the helpdesk")
        await console.engine.start()
        try:
            await eventually(lambda: console.engine.status.dead == 1, "a dead letter")
            [letter] = await console.engine.dead_letters()
            assert letter.entity_id == opened.id and SESSION_REFUSED in letter.last_error
            assert _opened_by(helpdesk, opened.id) is None
            with helpdesk.server.context.db.write() as session:
                lock = session.get(StaffLockout, "P002")
                assert lock is not None
                lock.failed, lock.locked_until = 0, None  # a supervisor unlocked them
            sign_in_offline(console.store, console.engine, "P002", Role.PIT_BOSS)  # again
            console.engine.sync_now()
            await eventually(all_synced(console), "the revived rows sent")
            assert _opened_by(helpdesk, opened.id) == "P002"
        finally:
            await console.engine.stop()
            console.store.close()

    asyncio.run(scenario())


def test_a_less_privileged_sign_in_replaces_what_a_host_left_on_the_device(
    client, helpdesk, tmp_path
) -> None:
    body = incident_body(amount="88000.00", transaction_ref="TX-88")
    created = client.post("/v1/incidents", json=body, headers=helpdesk.headers(key=new_key()))
    assert created.status_code == 201

    def held_amount(console: Console) -> Decimal | None:
        incident = console.incident(str(body["id"]))
        return None if incident is None else incident.amount

    def credit_lines(console: Console) -> int:
        with console.store.unit_of_work() as uow:
            hosts = [f"H00{n}" for n in range(1, 7)]
            return sum(1 for h in hosts for g in uow.guests.by_host(h) if g.credit_line is not None)

    async def scenario() -> None:
        console = make_console(
            tmp_path, "alpha", helpdesk.url, staff_id="H001", role=Role.HOST, issuer=helpdesk
        )
        await console.engine.start()
        try:
            await eventually(lambda: held_amount(console) == Decimal("88000.00"), "the host's")
            assert credit_lines(console) > 0
            sign_in_offline(console.store, console.engine, "C001", Role.CONCIERGE)
            await eventually(lambda: held_amount(console) is None, "the amount replaced")
            assert console.incident(str(body["id"])).transaction_ref == ""  # type: ignore[union-attr]
            assert credit_lines(console) == 0
        finally:
            await console.engine.stop()
            console.store.close()

    asyncio.run(scenario())


def test_a_helpdesk_on_the_old_contract_is_told_to_update_and_nothing_is_lost(
    helpdesk, tmp_path
) -> None:
    async def scenario() -> None:
        with FaultProxy(helpdesk.url) as proxy:
            proxy.plan = lambda method, path: Fault.OLD_CONTRACT
            console = make_console(tmp_path, "alpha", proxy.url, live_feed=False, issuer=helpdesk)
            opened = console.open_incident()
            await console.engine.start()
            try:
                await eventually(
                    lambda: console.engine.status.helpdesk_outdated, "the banner's cue"
                )
                assert console.engine.status.feed_error == UPDATE_THE_HELPDESK
                assert console.outbox_counts()[1] == 0  # nothing given up
                proxy.plan = lambda method, path: None  # the helpdesk was updated
                console.engine.sync_now()
                await eventually(all_synced(console), "sent once updated")
                assert console.incident(opened.id).number is not None  # type: ignore[union-attr]
            finally:
                await console.engine.stop()
                console.store.close()

    asyncio.run(scenario())


def test_a_sign_in_learns_when_the_person_last_signed_out_on_another_tablet(
    helpdesk, tmp_path
) -> None:
    """The host signed out on tablet A; at their sign-in on B (which never saw them), B's
    alerts start from that sign-out, not from a fixed shift back."""
    token = helpdesk.staff_token("H001")  # signed in on tablet A (the test's device)...
    headers = {"Authorization": f"Bearer {helpdesk.device_token}", "X-Staff-Token": token}
    out = httpx.delete(f"{helpdesk.url}/v1/staff/sessions/current", headers=headers)
    assert out.status_code == 204  # ...and out
    with helpdesk.server.context.db.read() as session:
        signed_out = session.scalar(
            select(func.max(StaffSession.revoked_at)).where(StaffSession.staff_id == "H001")
        )
    assert signed_out is not None

    async def scenario() -> None:
        bravo = make_console(tmp_path, "bravo", helpdesk.url, issuer=helpdesk)
        auth = AuthService(bravo.store, SystemClock(), bravo.actor.device_id)
        auth.online = bravo.engine.online_sign_in
        await bravo.engine.start()
        try:
            await eventually(lambda: _verifier(bravo, "H001") != "", "the verifiers")
            await eventually(lambda: bravo.engine.status.online, "online")
            await asyncio.to_thread(auth.sign_in, "H001", DEMO_PIN)
            with bravo.store.unit_of_work() as uow:
                assert uow.alerts.checked_until("H001") == signed_out
        finally:
            await bravo.engine.stop()
            bravo.store.close()

    asyncio.run(scenario())
