"""Switching user between every pair of roles (4 x 4) on the real console, at both sizes:
the new user gets their role's pages, and nothing of the previous user's stays (search
text, results, card, banner)."""

from __future__ import annotations

import pytest

from tests.ui.demo_console import Console, in_view, sign_in, swipe, tap, type_on_keypad
from tests.ui.waits import WAIT_MS

ROLES = {"H001": "host", "P001": "pit_boss", "D001": "vip_desk", "C001": "concierge"}
RAIL = {  # and every role's alert inbox
    "H001": {"board", "floor", "host.my_guests", "incident.new", "alerts"},
    "P001": {"board", "floor", "incident.new", "kpis", "alerts"},
    "D001": {"board", "desk.guests", "incident.new", "alerts"},
    "C001": {"concierge.preferences", "alerts"},
}
CARD = "9000000486"
SECOND = {"H001": "H002", "P001": "P002", "D001": "D002", "C001": "C002"}  # same role


@pytest.mark.parametrize("after", sorted(ROLES))
@pytest.mark.parametrize("before", sorted(ROLES))
def test_switching_from_one_role_to_another(qtbot, console: Console, before, after) -> None:
    role = after
    if after == before:  # another staff member of the same role (the same one is unlocking)
        after = SECOND[after]
    sign_in(console, before)
    swipe(console, CARD)
    qtbot.waitUntil(lambda: console.window.card.view is not None, timeout=WAIT_MS)
    lookup = console.window.lookup
    lookup.search_edit.setText("Zzyzx")  # a search that says "no guest matches"
    qtbot.waitUntil(lookup.not_found.isVisible, timeout=WAIT_MS)

    tap(console, console.shell.rail.switch_button)
    pad = console.window.lock_screen.pad
    assert pad.staff_edit.text() == "" and pad.pin_edit.text() == ""
    tap(console, pad.staff_edit)
    type_on_keypad(console, pad, after)
    tap(console, pad.pin_edit)
    type_on_keypad(console, pad, "2468")
    tap(console, pad.submit_button)
    qtbot.waitUntil(lambda: console.window.stack.currentWidget() is console.shell, timeout=WAIT_MS)

    assert console.window.actor.staff_id == after
    assert console.window.actor.role.value == ROLES[role]
    assert set(console.shell.rail.buttons) == RAIL[role]
    for button in console.shell.rail.buttons.values():
        in_view(console.window, button)
    assert lookup.search_edit.text() == "" and lookup.results.rowCount() == 0
    assert not lookup.not_found.isVisible() and not lookup.results_view.isVisible()
    card = console.window.card
    assert card is not None and card.view is None  # no guest of the previous user
    swipe(console, CARD)  # and the new user's swipes work at once
    qtbot.waitUntil(lambda: console.window.card.view is not None, timeout=WAIT_MS)
    in_view(console.window, console.window.card)
