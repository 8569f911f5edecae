"""Every interactive control of every screen (tests/ui/screens.py) has an accessible
name a screen reader says, and a role (tests/ui/accessibility_tree.py)."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication

from tests.ui.accessibility_tree import read_controls
from tests.ui.demo_console import Console
from tests.ui.screens import SCREENS


@pytest.mark.parametrize("name", list(SCREENS))
@pytest.mark.parametrize("console", ["1280x800"], indirect=True)
def test_every_control_has_an_accessible_name(console: Console, name: str) -> None:
    screen = SCREENS[name](console)
    QApplication.processEvents()
    roots = [console.window] if screen.window() is console.window else [console.window, screen]
    controls, unnamed = read_controls(roots)
    assert controls, "the walk found no control: the tree was not read"
    assert unnamed == [], "\n".join(unnamed)
