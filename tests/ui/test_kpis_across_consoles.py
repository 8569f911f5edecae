"""The KPI strip follows a write made on another tablet, through the real path: console
A's incident replayed to the helpdesk on 127.0.0.1, the helpdesk's feed to console B's
engine on B's qasync loop, B's board reloaded, its strip's feed reading the whole
property's figures from the helpdesk. Nobody refreshes anything on B.

How long it takes is for a benchmark to say; here, that it comes."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from app.clock import FakeClock
from app.demo.generator import DEMO_PIN
from app.domain import Category, Priority
from app.security.secrets import verify_pin
from app.services.incidents import IncidentDraft
from app.services.kpis import KpiSource
from app.sync.console import ConsoleSync
from app.sync.kpis_online import HelpdeskKpis
from tests.integration.conftest import start_service
from tests.integration.sync_consoles import make_console
from tests.ui.host_desk_support import make_context
from tests.ui.waits import WAIT_MS
from ui.main_window import MainWindow
from ui.sync.wiring import SyncAttachment


@pytest.mark.parametrize("staff", ["P001", "H001"], ids=["pit-boss", "host"])
def test_an_incident_on_another_tablet_reaches_this_tablets_strip(
    qtbot, qasync_loop, ops, store, tmp_path: Path, staff: str
) -> None:
    """The pit boss's strip and the host's (who sees the strip's figures alone)."""
    service = start_service(tmp_path / "helpdesk.db")
    clock = FakeClock(datetime.now(UTC))  # the other tablet writes in real time
    services = make_context(store, clock)
    code = service.issue_code(services.device_id)
    sync = ConsoleSync(store, tmp_path, services.device_id, service.url, enrolment_code=code)
    services.auth.online = sync.engine.online_sign_in
    services.auth.add_session_listener(sync.engine.signed_in)
    online = HelpdeskKpis(sync.engine)  # as the console's bootstrap wires it
    services.kpis.online, services.kpis.online_strip = online, online.strip
    window = MainWindow(services, ops)
    qtbot.addWidget(window)
    window.resize(1280, 800)
    attachment = SyncAttachment(window, sync, ops)
    window.show()
    attachment.start()
    other = make_console(tmp_path, "other", service.url, issuer=service)
    starting = qasync_loop.create_task(other.engine.start())
    try:
        qtbot.waitUntil(lambda: sync.engine.status.online, timeout=WAIT_MS)

        def verifier_arrived() -> bool:  # the helpdesk's PIN verifier replaces the fixture's
            with store.unit_of_work() as uow:
                member = uow.staff.by_id(staff)
            return member is not None and verify_pin(DEMO_PIN, member.pin_hash)

        qtbot.waitUntil(verifier_arrived, timeout=WAIT_MS)
        qtbot.keyClicks(window.sign_in.staff_edit, staff)
        qtbot.keyClicks(window.sign_in.pin_edit, DEMO_PIN)
        qtbot.mouseClick(window.sign_in.submit_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: window.actor is not None, timeout=WAIT_MS)
        feed = window.shell.page("board").kpis.feed
        qtbot.waitUntil(
            lambda: feed.latest is not None and feed.latest.source is KpiSource.HELPDESK,
            timeout=WAIT_MS,
        )
        before = feed.latest.figures.p1
        reads = feed.reads

        draft = IncidentDraft(Priority.P1, Category.PAYMENT_FAILED, summary="Cash-out refused")
        opened = other.incidents.open(other.actor, draft)  # a P1 on the other tablet
        # This tablet's clock past it: the live window is [start of the day, now).
        clock.set(opened.opened_at + timedelta(seconds=1))

        qtbot.waitUntil(
            lambda: feed.latest is not None and feed.latest.figures.p1 == before + 1,
            timeout=WAIT_MS,
        )
        assert feed.latest.source is KpiSource.HELPDESK  # the whole property's figure
        assert feed.reads > reads  # read again, unasked
        strip = window.shell.page("board").kpis
        assert strip.p1.value.text().startswith(f"{before + 1} P1")
    finally:
        stopping = qasync_loop.create_task(attachment.stop())
        qtbot.waitUntil(stopping.done, timeout=WAIT_MS)
        qtbot.waitUntil(starting.done, timeout=WAIT_MS)
        halted = qasync_loop.create_task(other.engine.stop())
        qtbot.waitUntil(halted.done, timeout=WAIT_MS)
        other.store.close()
        service.server.stop()
