"""The sync in the window: the banner above every screen, fed by the engine's status."""

from __future__ import annotations

from dataclasses import replace

from app.actor import Actor
from app.clock import FakeClock
from app.domain import Category, Priority, Role
from app.policy import load_policy
from app.services.incidents import IncidentDraft, IncidentService
from app.sync.console import ConsoleSync
from tests.ui.demo_objects import NOW
from tests.ui.host_desk_support import make_context
from tests.ui.waits import WAIT_MS
from ui.main_window import MainWindow
from ui.sync.wiring import SyncAttachment

PIT_BOSS = Actor("P001", Role.PIT_BOSS, "TAB-TEST-01")


def test_the_banner_shows_what_waits_and_received_changes_reload_the_board(
    qtbot, qasync_loop, ops, store, tmp_path
) -> None:
    window = MainWindow(make_context(store, FakeClock(NOW)), ops)
    qtbot.addWidget(window)
    sync = ConsoleSync(store, tmp_path, "TAB-TEST-01", None)  # no helpdesk: offline mode
    attachment = SyncAttachment(window, sync, ops)
    reloads: list[int] = []
    window.reload_board = lambda *_: reloads.append(1)  # type: ignore[method-assign]
    window.show()
    assert window.centralWidget().layout().indexOf(attachment.banner) == 0  # above the stack
    attachment.start()
    try:
        qtbot.waitUntil(
            lambda: "Offline mode" in attachment.banner.headline.text(), timeout=WAIT_MS
        )
        incidents = IncidentService(store, FakeClock(NOW), load_policy())
        incidents.open(PIT_BOSS, IncidentDraft(Priority.P1, Category.EQUIPMENT_DOWN))
        qtbot.waitUntil(
            lambda: "2 change(s) waiting" in attachment.banner.detail.text(), timeout=WAIT_MS
        )
        assert reloads == []
        attachment.bridge.status_changed.emit(replace(attachment.bridge.status, received=3))
        assert reloads == [1]
    finally:
        stopping = qasync_loop.create_task(attachment.stop())
        qtbot.waitUntil(stopping.done, timeout=WAIT_MS)
