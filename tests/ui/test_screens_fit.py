"""The sign-in, lock, host, VIP desk, walk-in and concierge screens, the board with a
guest's card beside it, the floor map, the incident form and screen, the search and the
guest card fit a 1280 x 800 and a 1024 x 768 tablet: nothing needs more room than the
window has (no overlap), nothing scrolls sideways, text is 12 px or more, every button
is a touch target in view. The screens most pressed for width fit in French too."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtCore import QRect, Qt
from PySide6.QtWidgets import QAbstractButton, QLabel, QWidget

from tests.ui.demo_console import Console, in_view, screen_fits, sign_in, swipe
from ui.board.columns import PINNED
from ui.board.model import ID_ROLE, Col
from ui.theme import MIN_TOUCH

CARD = "9000000486"
WRAP = int(Qt.AlignmentFlag.AlignCenter.value | Qt.TextFlag.TextWordWrap.value)
SELF_EXCLUDED_QUERY = "self-excluded"


def fits(console: Console, screen: QWidget) -> None:
    window = console.window
    console.qtbot.wait(10)  # type: ignore[attr-defined] - layouts settle
    need = screen.minimumSizeHint()
    have = screen.size()
    assert need.width() <= have.width() and need.height() <= have.height(), (need, have)
    screen_fits(console, within=screen)
    for label in screen.findChildren(QLabel):  # a wrapped text has the height for its lines
        if label.isVisible() and label.wordWrap() and label.text():
            need = label.heightForWidth(label.width())
            assert need <= label.height(), (label.objectName() or label.text()[:40], need)
    for button in screen.findChildren(QAbstractButton):
        if button.isVisible() and button.isEnabled() and button.window() is window:
            assert button.height() >= MIN_TOUCH, button.objectName() or button.text()
            in_view(window, button)
            need = button.sizeHint().width()  # its text and the theme's padding
            assert need <= button.width(), (button.objectName(), button.text(), need)  # whole


def _host_tabs(console: Console) -> QWidget:
    sign_in(console, "H001")
    console.shell.show_page("host.my_guests")
    page = console.shell.page("host.my_guests")
    swipe(console, CARD)
    console.qtbot.waitUntil(lambda: page.current is not None, timeout=5000)  # type: ignore[attr-defined]
    for tab in range(4):
        page.tabs.setCurrentIndex(tab)
        fits(console, page)
    return page


def _desk(console: Console) -> QWidget:
    sign_in(console, "D001")
    console.shell.show_page("desk.guests")
    desk = console.shell.page("desk.guests")
    swipe(console, CARD)
    console.qtbot.waitUntil(lambda: desk.current is not None, timeout=5000)  # type: ignore[attr-defined]
    fits(console, desk)
    desk.open_request.click()
    return desk


def _walk_in(console: Console) -> QWidget:
    sign_in(console, "D001")
    console.shell.start_walk_in("9001999988887777")
    form = console.shell.page("desk.walk_in")
    console.qtbot.waitUntil(lambda: len(form.host_picker.buttons) > 1, timeout=5000)  # type: ignore[attr-defined]
    return form


def _concierge(console: Console) -> QWidget:
    sign_in(console, "C001")
    swipe(console, CARD)
    page = console.shell.page("concierge.preferences")
    console.qtbot.waitUntil(lambda: page.card.view is not None, timeout=5000)  # type: ignore[attr-defined]
    return page


def _drawer(console: Console) -> QWidget:
    sign_in(console, "P001")
    console.shell.show_page("floor")
    swipe(console, CARD)
    drawer = console.shell.drawer
    console.qtbot.waitUntil(lambda: drawer.card.view is not None, timeout=5000)  # type: ignore[attr-defined]
    return drawer


def _board_card(console: Console) -> QWidget:
    sign_in(console, "H001")
    swipe(console, CARD)
    panel = console.shell.page("board").panel
    console.qtbot.waitUntil(lambda: panel.card.view is not None, timeout=5000)  # type: ignore[attr-defined]
    return panel


def _board_beside_card(console: Console) -> QWidget:
    """A pit boss's board with a guest's card open: the board keeps the priority, the
    time to breach and the table in view, every header whole."""
    sign_in(console, "P001")
    page = console.shell.page("board")
    console.qtbot.waitUntil(lambda: page.board.model.rowCount() > 0, timeout=5000)  # type: ignore[attr-defined]
    swipe(console, CARD)
    console.qtbot.waitUntil(lambda: page.card.view is not None, timeout=5000)  # type: ignore[attr-defined]
    console.qtbot.wait(10)  # type: ignore[attr-defined] - the columns follow the new width
    board = page.board
    assert {*PINNED, Col.LOCATION} <= set(board.shown_columns())
    natural = board.natural_widths()
    for col in board.shown_columns():  # each whole: nothing elided
        assert board.table.columnWidth(col) >= natural[col], col
    header = board.table.horizontalHeader()
    metrics = header.fontMetrics()
    wraps = bool(header.defaultAlignment() & Qt.AlignmentFlag(Qt.TextFlag.TextWordWrap.value))
    for col in board.shown_columns():  # whole, or wrapped at its spaces into the header
        title = str(board.model.headerData(col, header.orientation(), 0))
        width = board.table.columnWidth(col)
        if metrics.horizontalAdvance(title) >= width:
            assert wraps, title
            assert all(metrics.horizontalAdvance(word) < width for word in title.split()), title
            lines = metrics.boundingRect(QRect(0, 0, width, 1000), WRAP, title).height()
            assert lines <= header.height(), title
    assert header.length() <= board.table.viewport().width()
    return page


def _floor(console: Console) -> QWidget:
    sign_in(console, "P001")
    return console.shell.show_page("floor")


def _incident_form(console: Console) -> QWidget:
    sign_in(console, "P001")
    console.shell.new_incident(None)
    form = console.shell.page("incident.new")
    swipe(console, CARD)
    console.qtbot.waitUntil(lambda: form.guest_id is not None, timeout=5000)  # type: ignore[attr-defined]
    return form


def _incident_view(console: Console) -> QWidget:
    sign_in(console, "P001")
    shell = console.shell
    board = shell.page("board").board
    console.qtbot.waitUntil(lambda: board.model.rowCount() > 0, timeout=5000)  # type: ignore[attr-defined]
    breached = next(r for r in range(board.model.rowCount()) if board.model.is_breached(r))
    shell.open_incident(board.model.index(breached, 0).data(ID_ROLE))  # the widest clocks
    view = shell.page("incident.view")
    console.qtbot.waitUntil(lambda: view.detail is not None, timeout=5000)  # type: ignore[attr-defined]
    return view


def _search(console: Console) -> QWidget:
    sign_in(console, "C001")
    lookup = console.window.lookup
    lookup.search_edit.setText("Patel")
    console.qtbot.waitUntil(lookup.results_view.isVisible, timeout=5000)  # type: ignore[attr-defined]
    return lookup.results_view


def _banner(console: Console) -> QWidget:
    sign_in(console, "H001")
    lookup = console.window.lookup
    swipe(console, "9001999988887777")
    console.qtbot.waitUntil(lookup.not_found.isVisible, timeout=5000)  # type: ignore[attr-defined]
    return lookup.not_found


def _lock(console: Console) -> QWidget:
    sign_in(console, "P001")
    console.window.lock()
    return console.window.lock_screen


def _sign_in(console: Console) -> QWidget:
    return console.window.sign_in


SCREENS: dict[str, Callable[[Console], QWidget]] = {
    "sign_in": _sign_in,
    "lock": _lock,
    "host": _host_tabs,
    "desk_request": _desk,
    "walk_in": _walk_in,
    "concierge": _concierge,
    "card_drawer": _drawer,
    "board_card": _board_card,
    "board_beside_card": _board_beside_card,
    "floor": _floor,
    "incident_form": _incident_form,
    "incident_view": _incident_view,
    "search": _search,
    "card_not_found": _banner,
}


@pytest.mark.parametrize("name", list(SCREENS))
def test_the_screen_fits_the_tablet(console: Console, name: str) -> None:
    screen = SCREENS[name](console)
    in_view(console.window, screen)
    fits(console, screen)


@pytest.mark.parametrize("name", ["board_beside_card", "incident_view", "host"])
def test_the_screen_fits_the_tablet_in_french(french, console: Console, name: str) -> None:
    screen = SCREENS[name](console)
    in_view(console.window, screen)
    fits(console, screen)
    fits(console, console.window.statusBar())  # who is signed in, and Sign out whole
    minimum = console.window.minimumSizeHint()  # nothing makes the window grow
    assert minimum.width() <= console.window.width(), minimum
    assert minimum.height() <= console.window.height(), minimum
