"""Touch first: every button on every screen is at least 48 px; the fonts cover all scripts."""

import pytest
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import QAbstractButton, QWidget

from app.permissions import build_card_view
from tests.ui.conftest import HOST
from ui.demo_objects import NOW, TODAY, demo_board_rows, demo_guests
from ui.demo_services import DEMO_HINT, DemoAuth
from ui.fonts import FALLBACK_FAMILIES, PRIMARY_FAMILY, app_font, load_bundled_fonts
from ui.theme import MIN_TOUCH


def _sign_in(ops):
    from ui.sign_in import SignInScreen

    return SignInScreen(DemoAuth(), ops, DEMO_HINT)


def _board(ops):
    from app.clock import FakeClock
    from ui.board.view import BoardView

    view = BoardView(clock=FakeClock(NOW))
    view.model.set_rows(demo_board_rows(demo_guests()), NOW)
    return view


def _lookup(ops):
    from ui.demo_services import DemoGuestService
    from ui.guest.lookup import GuestLookupPanel

    panel = GuestLookupPanel(DemoGuestService(), ops)
    panel.show_not_found("9009999999999")
    return panel


def _card(ops):
    from ui.guest.card_widget import GuestCardWidget

    card = GuestCardWidget()
    card.show_card(build_card_view(HOST, demo_guests()[0], today=TODAY), TODAY)
    return card


def _console(ops):
    from app.clock import FakeClock
    from ui.demo_services import DemoGuestService
    from ui.main_window import MainWindow

    window = MainWindow(DemoAuth(), DemoGuestService(), ops, clock=FakeClock(NOW))
    window.open_console(HOST)
    return window


@pytest.mark.parametrize("build", [_sign_in, _board, _lookup, _card, _console])
def test_every_button_is_a_touch_target(qtbot, ops, build) -> None:
    widget: QWidget = build(ops)
    qtbot.addWidget(widget)
    widget.resize(1400, 900)
    widget.show()
    qtbot.waitExposed(widget)
    buttons = [b for b in widget.findChildren(QAbstractButton) if b.isVisible()]
    small = [
        (b.objectName() or b.text() or type(b).__name__, b.width(), b.height())
        for b in buttons
        if b.width() < MIN_TOUCH or b.height() < MIN_TOUCH
    ]
    assert small == []
    if hasattr(widget, "board") and widget.board is not None:
        widget.board.stop()


def test_bundled_fonts_cover_latin_cyrillic_and_cjk(qapp) -> None:
    families = load_bundled_fonts()
    assert PRIMARY_FAMILY in families
    assert set(FALLBACK_FAMILIES) <= set(families)
    font = app_font()
    assert font.families()[:2] == [PRIMARY_FAMILY, *FALLBACK_FAMILIES]
    cjk = QFontDatabase.writingSystems(FALLBACK_FAMILIES[0])
    assert QFontDatabase.WritingSystem.SimplifiedChinese in cjk
    assert QFontDatabase.WritingSystem.Cyrillic in QFontDatabase.writingSystems(PRIMARY_FAMILY)
