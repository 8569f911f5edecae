"""A pit boss logs an incident on a tablet with no link to the helpdesk, at 1024×768 and
1280×800, through the real console built from a demo data directory: the banner says the
tablet is offline and how many changes wait, the incident gets its provisional number
"(prov.)" everywhere, and its rows wait in the outbox of the store, nothing lost across
a sign-out and the next sign-in."""

from __future__ import annotations

import re

from app.domain import Category, Priority
from tests.ui.demo_console import Console, in_view, sign_in, tap
from tests.ui.waits import WAIT_MS
from ui.sync.wiring import SyncAttachment


def test_an_incident_logged_offline_waits_in_the_store_and_says_so(
    qtbot, qasync_loop, console: Console
) -> None:
    window, context = console.window, console.context
    attachment = SyncAttachment(window, context.sync(None), window._ops)  # no helpdesk
    window.sync = attachment
    attachment.start()
    try:
        banner = attachment.banner
        qtbot.waitUntil(lambda: "Offline mode" in banner.headline.text(), timeout=WAIT_MS)
        with context.store.unit_of_work() as uow:
            guest = uow.guests.search("a", 1)[0]
            waiting_before = uow.outbox.counts()[0]
        sign_in(console, "P001")
        in_view(window, banner.headline)  # the state is on screen at both sizes

        shell = console.shell
        tap(console, shell.rail.buttons["incident.new"])
        form = shell.page("incident.new")
        console.swipe.swipe_detected.emit(f";{guest.card_number}?")
        qtbot.waitUntil(lambda: form.guest_id == guest.id, timeout=WAIT_MS)
        tap(console, form.priority_buttons[Priority.P2])
        tap(console, form.category_buttons[Category.SERVICE_WAIT])
        view = shell.page("incident.view")
        tap(console, form.submit_button)
        qtbot.waitUntil(lambda: view.detail is not None, timeout=WAIT_MS)
        incident = view.detail.incident
        assert incident.number is None  # only the helpdesk numbers tickets
        assert view.heading.text().startswith(f"{incident.provisional_number} (prov.)")
        in_view(window, view.heading)

        with context.store.unit_of_work() as uow:
            waiting = uow.outbox.pending_for(incident.id)
            assert waiting, "the incident's rows wait in the outbox"
            assert uow.outbox.counts()[0] >= waiting_before + len(waiting)
        qtbot.waitUntil(
            lambda: _waiting(banner.detail.text()) >= waiting_before + len(waiting), timeout=WAIT_MS
        )
        assert "Offline mode" in banner.headline.text()

        # Signed out and in again: the incident is still on the board, provisional.
        window.sign_out()
        sign_in(console, "P001")
        board = window.board
        qtbot.waitUntil(lambda: incident.id in _board_rows(board), timeout=WAIT_MS)
        assert _board_rows(board)[incident.id].provisional  # "(prov.)" on the board too
        with context.store.unit_of_work() as uow:
            kept = uow.incidents.by_id(incident.id)
            assert kept is not None and kept.number is None
            assert uow.outbox.pending_for(incident.id)
    finally:
        stopping = qasync_loop.create_task(attachment.stop())
        qtbot.waitUntil(stopping.done, timeout=WAIT_MS)


def _waiting(text: str) -> int:
    found = re.search(r"(\d+) change\(s\) waiting", text)
    return int(found.group(1)) if found else 0


def _board_rows(board) -> dict:  # noqa: ANN001 - the board page of the console
    return {row.incident_id: row for row in board.model._rows}
