"""A swipe lands in the card the user is looking at, on every page of every role, after
any sequence of sign-ins, switches of user and locks (the real console, both sizes)."""

from __future__ import annotations

import pytest

from tests.ui.demo_console import Console, in_view, sign_in, swipe, tap, type_on_keypad
from tests.ui.waits import WAIT_MS

FIRST, SECOND = "9000000486", "9000000988"  # two demo guests (Mateo Patel, Mateo Tran)
PAGES = {
    "H001": ["board", "floor", "host.my_guests"],
    "P001": ["board", "floor"],
    "D001": ["board", "desk.guests"],
    "C001": ["concierge.preferences"],
}


def card_shows(console: Console, card_number: str) -> None:
    """The card on screen shows that guest, whole and in the window."""
    qtbot = console.qtbot
    with console.context.store.unit_of_work() as uow:
        guest = uow.guests.by_card(card_number)
    assert guest is not None

    def shown() -> bool:  # by id: a concierge's card does not show the card number
        card = console.window.card
        return card is not None and card.view is not None and card.view.guest.id == guest.id

    qtbot.waitUntil(shown, timeout=WAIT_MS)  # type: ignore[attr-defined]
    in_view(console.window, console.window.card)


def swipes_land_on_every_page(console: Console, staff_id: str) -> None:
    for key in PAGES[staff_id]:
        tap(console, console.shell.rail.buttons[key])
        for card_number in (FIRST, SECOND):  # the second replaces the first, visibly
            swipe(console, card_number)
            card_shows(console, card_number)


@pytest.mark.parametrize("staff_id", sorted(PAGES))
def test_a_swipe_lands_in_the_visible_card_on_every_page(console: Console, staff_id) -> None:
    sign_in(console, staff_id)
    swipes_land_on_every_page(console, staff_id)


def test_on_the_incident_form_a_swipe_names_the_incidents_guest(qtbot, console: Console) -> None:
    sign_in(console, "P001")
    tap(console, console.shell.rail.buttons["incident.new"])
    form = console.shell.page("incident.new")
    swipe(console, FIRST)
    qtbot.waitUntil(lambda: form.guest_id is not None, timeout=WAIT_MS)
    # (the form fits both sizes: tests/ui/test_screens_fit.py)
    assert form.guest_label.isVisible() and "Mateo Patel" in form.guest_label.text()
    assert console.shell.drawer.card.view is None  # not an off-screen card either


def _switch(console: Console, staff_id: str) -> None:
    tap(console, console.shell.rail.switch_button)
    pad = console.window.lock_screen.pad
    tap(console, pad.staff_edit)
    type_on_keypad(console, pad, staff_id)
    tap(console, pad.pin_edit)
    type_on_keypad(console, pad, "2468")
    tap(console, pad.submit_button)
    console.qtbot.waitUntil(  # type: ignore[attr-defined]
        lambda: console.window.actor is not None and console.window.actor.staff_id == staff_id,
        timeout=WAIT_MS,
    )


def _lock_and_unlock(console: Console) -> None:
    tap(console, console.shell.rail.lock_button)
    pad = console.window.lock_screen.pad
    type_on_keypad(console, pad, "2468")
    tap(console, pad.submit_button)
    console.qtbot.waitUntil(  # type: ignore[attr-defined]
        lambda: console.window.stack.currentWidget() is console.shell, timeout=WAIT_MS
    )


def test_after_a_concierge_every_role_still_gets_its_card(console: Console) -> None:
    # The bug: after a concierge used the tablet, the board's card was gone for good.
    sign_in(console, "C001")
    swipes_land_on_every_page(console, "C001")
    for staff_id in ("P001", "H001", "C001", "D001", "P001"):
        _switch(console, staff_id)
        swipes_land_on_every_page(console, staff_id)
        _lock_and_unlock(console)
        swipes_land_on_every_page(console, staff_id)
