"""A console's side of provisioning, against the real helpdesk: no code, no sync; a
revoked tablet says it must be provisioned again (once, no loop) and keeps its
changes; a new code from IT brings them through; a lost enrolment answer is asked
again; a helpdesk on the older contract (a small stand-in on loopback) is named."""

from __future__ import annotations

import asyncio
import json
import threading
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from app.sync.device_token import TOKEN_KEY
from app.sync.enrolment import Provisioning
from app.sync.status import UPDATE_THE_HELPDESK
from helpdesk.enrolment import revoke_device
from tests.integration.conftest import HelpdeskService
from tests.integration.fault_proxy import Fault, FaultProxy
from tests.integration.sync_consoles import Console, all_synced, eventually, make_console


def _enrolments(proxy: FaultProxy) -> int:
    return sum(1 for seen in proxy.seen if seen.path == "/v1/devices/enrol")


@asynccontextmanager
async def running(console: Console) -> AsyncIterator[Console]:
    """The console's engine started, then stopped and its store closed."""
    await console.engine.start()
    try:
        yield console
    finally:
        await console.engine.stop()
        console.store.close()


def test_a_console_without_a_code_never_enrols_and_says_so(
    helpdesk: HelpdeskService, tmp_path: Path
) -> None:
    async def scenario() -> None:
        with FaultProxy(helpdesk.url) as proxy:
            no_code = make_console(tmp_path, "alpha", proxy.url)  # nothing from IT
            async with running(no_code) as console:
                await eventually(
                    lambda: console.engine.status.provisioning == Provisioning.NEEDED,
                    "the status to say the tablet is not provisioned",
                )
                console.open_incident()
                console.engine.sync_now()
                assert console.outbox_counts()[1] == 0  # waiting, not refused
                assert proxy.seen == []  # no built-in code tried, nothing sent

    asyncio.run(scenario())


def test_a_revoked_tablet_must_be_provisioned_again_and_loses_nothing(
    helpdesk: HelpdeskService, tmp_path: Path
) -> None:
    async def scenario() -> None:
        with FaultProxy(helpdesk.url) as proxy:
            async with running(
                make_console(tmp_path, "alpha", proxy.url, live_feed=False, issuer=helpdesk)
            ) as console:
                await eventually(all_synced(console), "enrolled and synced")
                revoke_device(helpdesk.server.context.db, console.actor.device_id)
                opened = console.open_incident()
                await eventually(
                    lambda: console.engine.status.provisioning == Provisioning.AGAIN,
                    "the status to say the tablet must be provisioned again",
                )
                # One more try of its (spent) code, then it stops asking.
                assert _enrolments(proxy) == 2
                assert console.outbox_counts()[1] == 0  # the write waits, not a dead letter
                assert console.incident(opened.id).number is None  # type: ignore[union-attr]

            # IT provisions it again; the console starts with the new code (--enrol).
            code = helpdesk.issue_code(console.actor.device_id)
            async with running(
                make_console(tmp_path, "alpha", helpdesk.url, enrolment_code=code)
            ) as again:
                await eventually(all_synced(again), "the waiting write after provisioning")
                assert again.incident(opened.id).number is not None  # type: ignore[union-attr]
                assert again.engine.status.provisioning == Provisioning.OK

    asyncio.run(scenario())


def test_a_lost_enrolment_answer_is_asked_again_and_enrols(
    helpdesk: HelpdeskService, tmp_path: Path
) -> None:
    lost: list[str] = []

    def lose_the_first_enrolment(method: str, path: str) -> Fault | None:
        if path == "/v1/devices/enrol" and not lost:
            lost.append(path)
            return Fault.DROP_AFTER_COMMIT  # the helpdesk enrolled us; the answer is cut
        return None

    async def scenario() -> None:
        with FaultProxy(helpdesk.url) as proxy:
            proxy.plan = lose_the_first_enrolment
            async with running(
                make_console(tmp_path, "alpha", proxy.url, issuer=helpdesk)
            ) as console:
                console.open_incident()
                await eventually(all_synced(console), "enrolled after the lost answer")
                assert lost and _enrolments(proxy) == 2
                assert console.engine.status.provisioning == Provisioning.OK

    asyncio.run(scenario())


class _OldHelpdesk(BaseHTTPRequestHandler):
    """A helpdesk on the contract before provisioning: its enrolment refuses the fields
    it does not know (the 422 its strict bodies gave), as that release answered."""

    def do_POST(self) -> None:  # noqa: N802
        self.rfile.read(int(self.headers.get("Content-Length", "0")))
        body = json.dumps(
            {
                "detail": "checkpoint_public_key: Extra inputs are not permitted; "
                "enrolment_nonce: Extra inputs are not permitted"
            }
        ).encode()
        self.send_response(422)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *_args: object) -> None:
        pass


def test_a_console_facing_an_older_helpdesk_says_to_update_it(tmp_path: Path) -> None:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _OldHelpdesk)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    url = f"http://127.0.0.1:{server.server_address[1]}"

    async def scenario() -> None:
        async with running(
            make_console(tmp_path, "alpha", url, enrolment_code="K7QM4XPA9RTE2WDN")
        ) as console:
            opened = console.open_incident()
            await eventually(
                lambda: console.engine.status.helpdesk_outdated,
                "the status to say the helpdesk must be updated",
            )
            # Its answer names no contract: nothing is enrolled, the change waits.
            assert console.engine.status.feed_error == UPDATE_THE_HELPDESK
            assert console.engine.status.provisioning == Provisioning.OK
            pending, dead = console.outbox_counts()
            assert pending > 0 and dead == 0
            assert console.incident(opened.id).number is None  # type: ignore[union-attr]
            with console.store.unit_of_work() as uow:
                assert uow.sync_state.get(TOKEN_KEY) is None

    try:
        asyncio.run(scenario())
    finally:
        server.shutdown()
        server.server_close()
        thread.join()
