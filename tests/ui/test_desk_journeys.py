"""Journeys of the VIP desk and the concierge on the real console, at both tablet sizes:
a walk-in from an unknown swipe, a request routed to the host, a walk-in from the banner
on any page, a concierge finding a guest by name and by room. Each step taps controls
that are in view; the records land in the store."""

from __future__ import annotations

from app.domain import Category, Channel
from tests.ui.demo_console import Console, in_view, route_request, sign_in, swipe, tap, tap_row
from tests.ui.waits import WAIT_MS
from ui.theme import MIN_TOUCH

UNKNOWN = "9001999988887777"


def _walk_in_from_the_banner(console: Console, name: str) -> object:
    qtbot = console.qtbot
    lookup = console.window.lookup
    swipe(console, UNKNOWN)
    qtbot.waitUntil(lookup.not_found.isVisible, timeout=WAIT_MS)  # type: ignore[attr-defined]
    in_view(console.window, lookup.not_found_label)
    tap(console, lookup.walk_in_button)
    form = console.shell.page("desk.walk_in")
    assert console.shell.current_key() == "desk.walk_in"
    assert form.card_edit.text() == UNKNOWN
    swipe(console, UNKNOWN)  # swiped again into the open form: it fills, no banner
    assert form.card_edit.text() == UNKNOWN and not lookup.not_found.isVisible()
    tap(console, form.name_edit)
    console.qtbot.keyClicks(form.name_edit, name)  # type: ignore[attr-defined]
    buttons = lambda: form.host_picker.buttons  # type: ignore[attr-defined]  # noqa: E731
    # New buttons are shown by Qt one turn of the loop after they are laid out.
    qtbot.waitUntil(lambda: len(buttons()) > 2 and buttons()[2].isVisible(), timeout=WAIT_MS)
    host = buttons()[2]
    assert host.height() >= MIN_TOUCH
    tap(console, host)
    chosen = form.host_picker.value()
    with qtbot.waitSignal(form.registered, timeout=WAIT_MS) as done:  # type: ignore[attr-defined]
        tap(console, form.register_button)
    guest = done.args[0]
    with console.context.store.unit_of_work() as uow:
        stored = uow.guests.by_card(UNKNOWN)
        queued = [e.kind.value for e in uow.outbox.pending_for(guest.id)]
    assert stored is not None and stored.name == name and stored.host_id == chosen
    assert queued == ["guest.create"]
    return guest


def test_the_desk_registers_a_walk_in_and_routes_a_request_to_the_host(
    qtbot, console: Console
) -> None:
    sign_in(console, "D001")
    tap(console, console.shell.rail.buttons["desk.guests"])
    guest = _walk_in_from_the_banner(console, "Sofia Marchetti")
    desk = console.shell.page("desk.guests")
    # Back on the desk, with the new guest's card.
    qtbot.waitUntil(lambda: console.shell.current_key() == "desk.guests", timeout=WAIT_MS)
    qtbot.waitUntil(lambda: desk.current is not None and desk.current.guest.id == guest.id)
    in_view(console.window, desk.card)
    summary = "Table for two at the noodle bar"
    stored = route_request(console, desk, Category.SERVICE_WAIT, Channel.PHONE, summary)
    assert stored.guest_id == guest.id
    assert stored.owner_id == guest.host_id  # routed to the guest's host
    in_view(console.window, desk.status)
    assert f"{stored.provisional_number} (prov.)" in desk.status.text()  # as the board


def test_a_host_registers_a_walk_in_from_the_banner_on_the_floor_map(
    qtbot, console: Console
) -> None:
    sign_in(console, "H001")
    tap(console, console.shell.rail.buttons["floor"])
    guest = _walk_in_from_the_banner(console, "Kai Nakamura")
    qtbot.waitUntil(lambda: console.shell.current_key() == "floor", timeout=WAIT_MS)
    qtbot.waitUntil(lambda: console.shell.drawer.card.view is not None, timeout=WAIT_MS)
    assert console.shell.drawer.card.view.guest.id == guest.id  # where the user came from
    in_view(console.window, console.shell.drawer.card)


def test_a_pit_boss_is_told_whom_to_ask_for_an_unknown_card(qtbot, console: Console) -> None:
    sign_in(console, "P001")
    lookup = console.window.lookup
    swipe(console, UNKNOWN)
    qtbot.waitUntil(lookup.not_found.isVisible, timeout=WAIT_MS)
    assert not lookup.walk_in_button.isVisible()  # not a pit boss's job: no dead button
    assert "Ask the VIP desk" in lookup.not_found_label.text()


def test_the_concierge_finds_a_guest_by_name_and_by_room(qtbot, console: Console) -> None:
    sign_in(console, "C001")
    lookup = console.window.lookup
    page = console.shell.page("concierge.preferences")
    with console.context.store.unit_of_work() as uow:
        roomed = next(g for g in uow.guests.search("Patel", 50) if g.room and not g.quiet.enabled)
    for text, reason in ((roomed.name, "name matches"), (roomed.room, "room matches")):
        tap(console, lookup.search_edit)
        lookup.search_edit.clear()
        qtbot.keyClicks(lookup.search_edit, text)
        qtbot.waitUntil(lookup.results_view.isVisible, timeout=WAIT_MS)
        in_view(console.window, lookup.results_view)
        rows = [lookup.results.hit(r) for r in range(lookup.results.rowCount())]
        row = next(n for n, hit in enumerate(rows) if hit.id == roomed.id)
        shown = lookup.results.index(row).data()
        assert reason in shown and f"Room {roomed.room}" in shown
        if reason == "room matches":  # no guest listed for digits of a phone she cannot see
            assert all(hit.matched_on.value == "room" for hit in rows)
        if row < 4:  # the rows in view; the list scrolls for the others
            tap_row(console, lookup.results_view, row)
            qtbot.waitUntil(lambda: page.card.view is not None, timeout=WAIT_MS)
            assert page.card.view.guest.id == roomed.id
            in_view(console.window, page.card)
