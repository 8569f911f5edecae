"""The main screens in the high-contrast theme and with text at 150 % and 200 % (the
device's settings) fit a 1280 x 800 tablet: controls inside the window, no text cut
or elided (the fit checks of tests/ui/fit_checks.py)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtWidgets import QApplication, QStyle

from tests.ui.demo_console import Console, in_view
from tests.ui.fit_checks import chrome_fits, fits
from tests.ui.screens import MAIN_SCREENS, SCREENS
from tests.ui.screens_base import wait
from tools.screenshots_readable import LOOKS
from ui.theme import apply_theme


@pytest.fixture(params=list(LOOKS))
def look(request, themed_app: QApplication) -> Iterator[str]:
    """The theme and text size the device's settings ask for, set before the console."""
    apply_theme(themed_app, *LOOKS[request.param])
    yield request.param
    apply_theme(themed_app)


@pytest.mark.parametrize("name", MAIN_SCREENS)
@pytest.mark.parametrize("console", ["1280x800"], indirect=True)
def test_the_main_screen_fits_in_each_readable_look(look: str, console: Console, name: str) -> None:
    screen = SCREENS[name](console)
    if screen.window() is console.window:
        in_view(console.window, screen)
    else:  # a dialog over the console: inside the window, never bigger
        assert console.window.geometry().contains(screen.geometry()), screen.geometry()
    fits(console, screen)
    chrome_fits(console)


@pytest.mark.parametrize("look", ["text_200"], indirect=True)
@pytest.mark.parametrize("console", ["1280x800"], indirect=True)
def test_at_200_percent_a_guest_takes_the_place_of_the_list_and_back_returns_to_it(
    look: str, console: Console
) -> None:
    page = SCREENS["host_card"](console)
    panes = page.panes
    assert panes.one_at_a_time()
    assert not page.table.isVisible() and page.tabs.isVisible()
    in_view(console.window, panes.back_button)
    panes.back_button.click()
    assert page.table.isVisible() and not page.tabs.isVisible()
    page.open_guest(page.model.row_at(1).guest.id)
    wait(console, lambda: page.tabs.isVisible())
    assert not page.table.isVisible()


@pytest.mark.parametrize("console", ["1280x800"], indirect=True)
def test_at_ordinary_text_the_list_and_the_guest_stand_side_by_side(console: Console) -> None:
    page = SCREENS["host_card"](console)
    assert not page.panes.one_at_a_time()
    assert page.table.isVisible() and page.tabs.isVisible()
    assert not page.panes.back_button.isVisible()
    tabs = page.tabs.tabBar()
    assert tabs.width() >= tabs.sizeHint().width()  # no tab cut beside the list


@pytest.mark.parametrize("look", ["text_200"], indirect=True)
@pytest.mark.parametrize("console", ["1280x800"], indirect=True)
def test_at_200_percent_a_guest_card_takes_the_board_s_place_until_it_closes(
    look: str, console: Console
) -> None:
    page = SCREENS["board_card"](console)
    assert page.card_takes_the_board()
    assert not page.board.isVisible() and page.panel.isVisible()
    page.panel.close_button.click()
    assert page.board.isVisible() and not page.panel.isVisible()


def test_the_same_look_again_sets_no_style(themed_app: QApplication) -> None:
    """Setting a style re-polishes every widget there is: a theme applied again (each
    console's start, each test) keeps the Fusion style Qt draws under the style sheet."""
    style = themed_app.style()
    apply_theme(themed_app)
    assert themed_app.style() is style
    apply_theme(themed_app, *LOOKS["high_contrast"])  # another sheet, the same style
    apply_theme(themed_app)
    assert [s.name() for s in themed_app.style().findChildren(QStyle)] == ["fusion"]
