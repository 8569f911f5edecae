"""Every screen of every role (tests/ui/screens.py) fits a 1280 x 800 and a 1024 x 768
tablet in English and in French: nothing needs more room than the window has, nothing
scrolls sideways, text is 12 px or more, every button is a touch target in view, no
text is cut (tests/ui/fit_checks.py); nothing grows the window. In French, no text of
any screen is left in English (tests/ui/french_texts.py)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QRect, Qt
from PySide6.QtWidgets import QApplication, QWidget

from app.compliance.rg import HELP_RESOURCES, VENUE_SELF_EXCLUSION
from app.demo.catalogue import INCIDENT_SUMMARIES
from app.recovery.matrix import load_matrix
from tests.ui.demo_console import Console, in_view, sign_in, swipe
from tests.ui.fit_checks import chrome_fits, fits, settle
from tests.ui.french_texts import data_texts, untranslated, visible_texts
from tests.ui.screens import SCREENS
from tests.ui.screens_base import CARD, TYPED
from tests.ui.waits import WAIT_MS
from ui.board.columns import PINNED
from ui.board.model import Col
from ui.i18n import current_language, use_language

WRAP = int(Qt.AlignmentFlag.AlignCenter.value | Qt.TextFlag.TextWordWrap.value)


def _board_beside_card(console: Console) -> QWidget:
    """A pit boss's board with a guest's card open: the board keeps the priority, the
    time to breach and the table in view, every header whole."""
    sign_in(console, "P001")
    page = console.shell.page("board")
    console.qtbot.waitUntil(lambda: page.board.model.rowCount() > 0, timeout=WAIT_MS)  # type: ignore[attr-defined]
    swipe(console, CARD)
    console.qtbot.waitUntil(lambda: page.card.view is not None, timeout=WAIT_MS)  # type: ignore[attr-defined]
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


def test_the_board_beside_a_card_keeps_its_clock_and_table_whole(
    language: str, console: Console
) -> None:
    page = _board_beside_card(console)
    fits(console, page)


@pytest.fixture(params=["en", "fr"])
def language(request, qapp) -> Iterator[str]:
    """The language the console starts in (set before the ``console`` fixture builds it)."""
    use_language(qapp, request.param)
    yield request.param
    use_language(qapp, "en")


@pytest.mark.parametrize("name", list(SCREENS))
def test_the_screen_fits_the_tablet(language: str, console: Console, name: str) -> None:
    screen = SCREENS[name](console)
    assert current_language() == language
    if screen.window() is console.window:
        in_view(console.window, screen)
    else:  # a dialog over the console: inside the window, never bigger
        assert console.window.geometry().contains(screen.geometry()), screen.geometry()
    fits(console, screen)
    if console.window.statusBar().isVisible():
        fits(console, console.window.statusBar())  # who is signed in, and Sign out whole
    chrome_fits(console)  # the search field's hint too
    window = console.window  # nothing makes the window grow (once its layout has run)
    settle(
        console,
        lambda: window.minimumSizeHint().boundedTo(window.size()) == window.minimumSizeHint(),
    )
    minimum = window.minimumSizeHint()
    assert minimum.width() <= window.width(), minimum
    assert minimum.height() <= window.height(), minimum


@pytest.mark.parametrize("name", list(SCREENS))
@pytest.mark.parametrize("console", ["1280x800"], indirect=True)
def test_no_text_is_left_in_english(french, console: Console, name: str) -> None:
    screen = SCREENS[name](console)
    console.qtbot.wait(10)  # type: ignore[attr-defined] - what is due to show has shown
    texts = [*visible_texts(console.window), *visible_texts(screen)]
    if console.window.isVisible():
        texts += [
            t for d in QApplication.topLevelWidgets() if d.isVisible() for t in visible_texts(d)
        ]
    english = untranslated(texts, property_data(console))
    assert not english, "\n".join(english)


_DATA: list[frozenset[str]] = []


def property_data(console: Console) -> frozenset[str]:
    """The demo property's own texts (names, rooms, preferences, tables, summaries, its
    SLA policy and compensation matrix: files a property writes in its own language)
    and what the screens type as staff would."""
    if not _DATA:
        with console.context.store.unit_of_work() as uow:
            staff = uow.staff.all()
            guests = [g for member in staff for g in uow.guests.by_host(member.id)]
            records = [*guests, *staff, *uow.tables.all(), *uow.incidents.open_incidents()]
        # The property's policy (who each escalation level is) and the help lines'
        # own names are the property's and the services' words too.
        names = [r.name for r in HELP_RESOURCES if r is not VENUE_SELF_EXCLUSION]
        # An incident's summary is the property's words even once a screen resolved it
        names += INCIDENT_SUMMARIES.values()
        policies = [console.context.policy, load_matrix()]  # escalation, compensation
        _DATA.append(data_texts([*records, *policies, *names, *TYPED]))
    return _DATA[0]
