"""The host's journey on the real console, at both tablet sizes: the alert for one of
their guests, the timeline, the code word, a preference edited, the service recovery
recorded. Every control tapped is in view; each record is in the store."""

from __future__ import annotations

from app.demo.generator import DEMO_CODE_WORD
from app.domain import Category, Priority
from app.services.incidents import IncidentDraft
from tests.ui.demo_console import (
    Console,
    host_with_a_calm_guest,
    in_view,
    screen_fits,
    sign_in,
    tap,
    tap_row,
)
from tests.ui.waits import WAIT_MS


def test_alert_timeline_code_word_preference_and_recovery(qtbot, console: Console) -> None:
    page, guest = host_with_a_calm_guest(console)
    # The VIP desk opens an overbooking for this guest on this console: the host is alerted.
    desk = console.context.auth.sign_in("D001", "2468")
    incident = console.context.incidents.open(
        desk, IncidentDraft(Priority.P2, Category.ROOM_OVERBOOKING, guest_id=guest.id)
    )
    # The window's banner says it at once (with its sound: routed to this host, who owns
    # it); the page keeps it in its alert list.
    banner = console.shell.alert_banner
    qtbot.waitUntil(lambda: incident.provisional_number in banner.text.text(), timeout=WAIT_MS)
    in_view(console.window, banner)
    qtbot.waitUntil(lambda: page.alert_list.alerts.rowCount() == 1, timeout=WAIT_MS)
    assert f"{incident.provisional_number} (prov.)" in page.alert_list.texts()[0]
    tap_row(console, page.alert_list, 0)  # the alert opens the guest at the recovery tab
    qtbot.waitUntil(lambda: page.current is not None and page.current.guest.id == guest.id)
    assert page.tabs.currentIndex() == 3

    tap(console, page.tabs.tabBar(), page.tabs.tabBar().tabRect(1).center())
    qtbot.waitUntil(lambda: page.timeline.model.rowCount() > 0, timeout=WAIT_MS)
    in_view(console.window, page.timeline)
    kinds = {
        page.timeline.model.row_at(r).kind.value for r in range(page.timeline.model.rowCount())
    }
    assert "incident" in kinds
    tickets = {
        page.timeline.model.index(r, 2).data() for r in range(page.timeline.model.rowCount())
    }
    assert f"{incident.provisional_number} (prov.)" in tickets  # the board's way
    table = page.timeline.table
    assert not table.horizontalScrollBar().isVisible()  # its columns fit the page
    assert table.horizontalHeader().length() <= table.viewport().width()
    screen_fits(console, within=page)  # the alert list, too, wraps instead of scrolling

    tap(console, page.tabs.tabBar(), page.tabs.tabBar().tabRect(0).center())
    qtbot.waitUntil(page.code_word.word_edit.isEnabled, timeout=WAIT_MS)
    tap(console, page.code_word.word_edit)
    qtbot.keyClicks(page.code_word.word_edit, DEMO_CODE_WORD)
    with qtbot.waitSignal(page.code_word.checked, timeout=WAIT_MS) as answer:
        tap(console, page.code_word.check_button)
    assert answer.args == [True]
    in_view(console.window, page.code_word.result_label)

    tap(console, page.tabs.tabBar(), page.tabs.tabBar().tabRect(2).center())
    drinks = page.preferences.edits["drinks"]
    qtbot.waitUntil(drinks.isEnabled, timeout=WAIT_MS)
    tap(console, drinks)
    drinks.setPlainText("Oolong tea\nNo ice")
    with qtbot.waitSignal(page.preferences.saved, timeout=WAIT_MS):
        tap(console, page.preferences.save_button)
    with console.context.store.unit_of_work() as uow:
        assert uow.guests.by_id(guest.id).preferences.drinks == ("Oolong tea", "No ice")

    tap(console, page.tabs.tabBar(), page.tabs.tabBar().tabRect(3).center())
    qtbot.waitUntil(lambda: page.incident_choice.button_for(incident.id) is not None)
    tap(console, page.incident_choice.button_for(incident.id))
    qtbot.waitUntil(page.recovery.promise_button.isEnabled, timeout=WAIT_MS)
    with qtbot.waitSignal(page.recovery.promised, timeout=WAIT_MS):
        tap(console, page.recovery.promise_button)
    in_view(console.window, page.recovery.recorded)
    with console.context.store.unit_of_work() as uow:
        events = [e.kind.value for e in uow.incidents.by_id(incident.id).events]
    assert "compensation_promised" in events


def test_a_tapped_row_opens_the_guest(qtbot, console: Console) -> None:
    sign_in(console, "H001")
    tap(console, console.shell.rail.buttons["host.my_guests"])
    page = console.shell.page("host.my_guests")
    qtbot.waitUntil(lambda: page.model.rowCount() > 2, timeout=WAIT_MS)
    tap_row(console, page.table, 2)
    wanted = page.model.row_at(2).guest.id
    qtbot.waitUntil(lambda: page.current is not None and page.current.guest.id == wanted)
    in_view(console.window, page.card)
