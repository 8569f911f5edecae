"""Every interactive control of every screen (tests/ui/screens.py) has an accessible
name a screen reader says, and a role (tests/ui/accessibility_tree.py)."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication

from tests.ui.accessibility_tree import INTERACTIVE, forget, unnamed_controls, walk
from tests.ui.demo_console import Console
from tests.ui.screens import SCREENS


@pytest.mark.parametrize("name", list(SCREENS))
@pytest.mark.parametrize("console", ["1280x800"], indirect=True)
def test_every_control_has_an_accessible_name(console: Console, name: str) -> None:
    screen = SCREENS[name](console)
    QApplication.processEvents()
    roots = [console.window] if screen.window() is console.window else [console.window, screen]
    met: list = []
    try:
        controls = len([i for root in roots for i in walk(root, met) if i.role() in INTERACTIVE])
        unnamed = sorted({c for root in roots for c in unnamed_controls(root, met)})
    finally:
        forget(met)
    assert controls, "the walk found no control: the tree was not read"
    assert unnamed == [], "\n".join(unnamed)
