"""The main screens in the high-contrast theme and with text at 150 % and 200 % (the
device's settings) fit a 1280 x 800 tablet: controls inside the window, no text cut
or elided (the fit checks of tests/ui/fit_checks.py)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtWidgets import QApplication

from tests.ui.demo_console import Console, in_view
from tests.ui.fit_checks import fits
from tests.ui.screens import MAIN_SCREENS, SCREENS
from tools.screenshots_readable import LOOKS
from ui.theme import apply_theme

# Not yet whole at that size (reported to the lead, issue 17): each needs a layout of its
# own for large text, or a change in a module another engineer owns.
CUT = {
    ("text_200", "host_card"): "the guest's four tabs beside the list need more width than "
    "the page leaves at 200 %",
}


@pytest.fixture(params=list(LOOKS))
def look(request, themed_app: QApplication) -> Iterator[str]:
    """The theme and text size the device's settings ask for, set before the console."""
    apply_theme(themed_app, *LOOKS[request.param])
    yield request.param
    apply_theme(themed_app)


@pytest.mark.parametrize("name", MAIN_SCREENS)
@pytest.mark.parametrize("console", ["1280x800"], indirect=True)
def test_the_main_screen_fits_in_each_readable_look(
    request: pytest.FixtureRequest, look: str, console: Console, name: str
) -> None:
    if (look, name) in CUT:
        request.applymarker(pytest.mark.xfail(reason=CUT[look, name], strict=True))
    screen = SCREENS[name](console)
    if screen.window() is console.window:
        in_view(console.window, screen)
    else:  # a dialog over the console: inside the window, never bigger
        assert console.window.geometry().contains(screen.geometry()), screen.geometry()
    fits(console, screen)
