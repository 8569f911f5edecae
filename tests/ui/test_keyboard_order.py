"""Everything on the main screens is reachable by keyboard alone (a desk agent's Tab, a
switch-access user's single switch): Tab from the first control reaches every enabled
control once, in reading order, and comes back round: no control keeps the focus."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication

from tests.ui.demo_console import Console
from tests.ui.focus_chain import box, controls, name, out_of_order, reached, tab_through
from tests.ui.screens import MAIN_SCREENS, SCREENS


@pytest.mark.parametrize("screen_name", MAIN_SCREENS)
@pytest.mark.parametrize("console", ["1280x800"], indirect=True)
def test_tab_reaches_every_control_in_reading_order(console: Console, screen_name: str) -> None:
    screen = SCREENS[screen_name](console)
    window = screen.window()
    window.activateWindow()
    console.qtbot.waitUntil(lambda: QApplication.activeWindow() is window)  # type: ignore[attr-defined]
    wanted = controls(window)
    assert wanted, "nothing to operate: the screen was not read"
    first = wanted[0]
    visited = tab_through(window, first, presses=2 * len(wanted) + 2)
    cycle = visited[: visited.index(visited[0], 1) + 1] if visited[0] in visited[1:] else visited
    trapped = [name(w) for w, nxt in zip(visited, visited[1:], strict=False) if w is nxt]
    assert not trapped, f"Tab stays on {trapped[0]}"
    assert visited[0] in visited[1:], f"Tab never comes back to {name(first)}: a trap"
    missed = [name(w) for w in wanted if not reached(w, set(cycle))]
    assert missed == [], f"Tab never reaches: {missed}"
    chain = cycle[:-1]
    assert len(chain) == len(set(chain)), "a control is reached twice in one round"
    # The round read from the control a reader meets first (top, then left): the step
    # from the last control back to it is the wrap, not a step back.
    start = min(chain, key=lambda w: (box(w, window).top(), box(w, window).left()))
    at = chain.index(start)
    assert out_of_order(chain[at:] + chain[:at], window) == []
