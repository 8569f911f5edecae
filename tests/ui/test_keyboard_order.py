"""Everything on every screen and dialog of every role (tests/ui/screens.py) is
reachable by keyboard alone (a desk agent's Tab, a switch-access user's single switch):
Tab from the first control reaches every enabled control once, in reading order, and
comes back round: no control keeps the focus."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication

from tests.ui.demo_console import Console
from tests.ui.focus_chain import tab_round_holds
from tests.ui.screens import SCREENS


@pytest.mark.parametrize("screen_name", list(SCREENS))
@pytest.mark.parametrize("console", ["1280x800"], indirect=True)
def test_tab_reaches_every_control_in_reading_order(console: Console, screen_name: str) -> None:
    screen = SCREENS[screen_name](console)
    window = screen.window()
    window.activateWindow()
    console.qtbot.waitUntil(lambda: QApplication.activeWindow() is window)  # type: ignore[attr-defined]
    tab_round_holds(window)
