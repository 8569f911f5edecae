"""A quiet-visit guest on the real console, at both tablet sizes: the VIP desk swipes
their card and sees the alias, the quiet-visit rules and no way to page them; a search by
their real name does not list them; a request for them reaches their host, and the board
names them by the alias; their own host, taking the tablet, sees who they are. Every
control is in view when tapped; each record is in the store."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel

from app.domain import Category, Channel
from tests.ui.demo_console import (
    Console,
    in_view,
    route_request,
    sign_in,
    swipe,
    tap,
    type_on_keypad,
)
from tests.ui.waits import WAIT_MS
from ui.board.model import Col


def _quiet_guest(console: Console):
    """A quiet-visit guest with an alias and a host; a name the test keyboard can type
    (QTest aborts on a key outside ASCII, such as the ü of Müller)."""
    with console.context.store.unit_of_work() as uow:
        return next(
            g
            for g in uow.guests.search("a", 2000)
            if g.quiet.enabled
            and g.quiet.alias
            and g.host_id
            and g.name != g.quiet.alias
            and g.name.isascii()
        )


def _swiped(console: Console, staff_id: str, target: str) -> bool:
    """The card swipe that opened the guest is in the audit log, as ``staff_id``'s."""
    with console.context.store.unit_of_work() as uow:
        rows = uow.audit.recent(50)
    return any(
        e.action == "guest.view" and e.detail.startswith("card swipe")
        for e in rows
        if e.staff_id == staff_id and e.target == target
    )


def test_the_desk_serves_a_quiet_guest_through_their_host(qtbot, console: Console) -> None:
    guest = _quiet_guest(console)
    sign_in(console, "D001")
    tap(console, console.shell.rail.buttons["desk.guests"])
    desk = console.shell.page("desk.guests")
    swipe(console, guest.card_number)
    qtbot.waitUntil(lambda: desk.current is not None, timeout=WAIT_MS)
    card = desk.card
    in_view(console.window, card)
    shown = " ".join(card.texts())
    assert guest.quiet.alias in shown and guest.name not in shown  # the alias, never the name
    banner = card.findChild(QLabel, "quietBanner")
    in_view(console.window, banner)
    assert "no public paging or announcements" in banner.text()
    for button in (card.page_button, card.announce_button):
        in_view(console.window, button)
        assert not button.isEnabled()  # nobody pages a quiet visit
    reason = card.findChild(QLabel, "pagingBlockedReason")
    assert reason.isVisible() and "contact through the host or a messenger" in reason.text()
    assert _swiped(console, "D001", guest.id)

    lookup = console.window.lookup  # the real name finds nobody at the desk
    tap(console, lookup.search_edit)
    qtbot.keyClicks(lookup.search_edit, guest.name)
    qtbot.waitUntil(lambda: lookup.not_found.isVisible() or lookup.results_view.isVisible())
    listed = [lookup.results.hit(r).id for r in range(lookup.results.rowCount())]
    assert guest.id not in listed
    tap(console, lookup.clear_button)

    summary = "Private lounge, no announcement"  # a request for them goes to their host
    incident = route_request(console, desk, Category.SERVICE_WAIT, Channel.MESSENGER, summary)
    assert incident.owner_id == guest.host_id and incident.guest_id == guest.id
    board = console.shell.page("board").board
    tap(console, console.shell.rail.buttons["board"])
    qtbot.waitUntil(lambda: board.model.row_for(incident.id) is not None, timeout=WAIT_MS)
    row = board.model.row_for(incident.id)
    names = {board.model.index(row, c).data() for c in range(board.model.columnCount())}
    assert guest.quiet.alias in names and guest.name not in names
    assert board.model.index(row, Col.GUEST).data() == guest.quiet.alias

    tap(console, console.shell.rail.switch_button)  # their host takes the tablet
    pad = console.window.lock_screen.pad
    tap(console, pad.staff_edit)
    type_on_keypad(console, pad, guest.host_id)
    tap(console, pad.pin_edit)
    type_on_keypad(console, pad, "2468")
    with qtbot.waitSignal(console.window.user_switched, timeout=WAIT_MS):
        tap(console, pad.submit_button)
    swipe(console, guest.card_number)
    qtbot.waitUntil(lambda: console.window.card.view is not None, timeout=WAIT_MS)
    card = console.window.card
    in_view(console.window, card)
    assert guest.name in " ".join(card.texts())  # their own host knows who they are
    assert not card.page_button.isEnabled()  # and does not page them either
    assert _swiped(console, guest.host_id, guest.id)
