"""The window's sign-in, online: the helpdesk checks the PIN too and gives this tablet a
staff token, and what the signed-in staff member does reaches the helpdesk as theirs.

The real window, the real engine on the qasync loop, the real helpdesk on 127.0.0.1.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt

from app.clock import FakeClock
from app.demo.generator import DEMO_PIN
from app.domain import Category, Priority
from app.security.secrets import verify_pin
from app.services.incidents import IncidentDraft
from app.sync.console import ConsoleSync
from helpdesk.models import IncidentRow
from tests.integration.conftest import start_service
from tests.ui.demo_objects import NOW
from tests.ui.host_desk_support import make_context
from ui.main_window import MainWindow
from ui.sync.wiring import SyncAttachment


def test_signing_in_online_gets_a_token_and_the_work_arrives_as_the_signer(
    qtbot, qasync_loop, ops, store, tmp_path: Path
) -> None:
    service = start_service(tmp_path / "helpdesk.db")
    services = make_context(store, FakeClock(NOW))
    code = service.issue_code(services.device_id)  # IT provisioned this tablet
    sync = ConsoleSync(store, tmp_path, services.device_id, service.url, enrolment_code=code)
    services.auth.online = sync.engine.online_sign_in
    services.auth.add_session_listener(sync.engine.signed_in)
    window = MainWindow(services, ops)
    qtbot.addWidget(window)
    attachment = SyncAttachment(window, sync, ops)
    window.show()
    attachment.start()
    try:

        def verifier_arrived() -> bool:  # the helpdesk's verifier replaces the fixture's
            with store.unit_of_work() as uow:
                staff = uow.staff.by_id("P001")
            return staff is not None and verify_pin(DEMO_PIN, staff.pin_hash)

        qtbot.waitUntil(verifier_arrived, timeout=15000)
        qtbot.waitUntil(lambda: sync.engine.status.online, timeout=15000)
        qtbot.keyClicks(window.sign_in.staff_edit, "P001")
        qtbot.keyClicks(window.sign_in.pin_edit, DEMO_PIN)
        qtbot.mouseClick(window.sign_in.submit_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: window.actor is not None, timeout=15000)
        actor = window.actor
        assert actor is not None and actor.session_id
        with store.unit_of_work() as uow:
            session = uow.staff_sessions.get(actor.session_id)
        assert session is not None and session.token  # checked by the helpdesk, online
        opened = services.incidents.open(actor, IncidentDraft(Priority.P2, Category.OTHER))

        def arrived() -> bool:
            with service.server.context.db.read() as db:
                row = db.get(IncidentRow, opened.id)
                return row is not None and row.opened_by == "P001"

        qtbot.waitUntil(arrived, timeout=15000)
    finally:
        stopping = qasync_loop.create_task(attachment.stop())
        qtbot.waitUntil(stopping.done, timeout=10000)
        service.server.stop()
