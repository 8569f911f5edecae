"""Touch first: every button on every screen is at least 48 px; the fonts cover all scripts."""

import pytest
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import QAbstractButton, QWidget

from app.demo.generator import demo_sign_in
from app.guest_card import build_card_view
from tests.ui.conftest import HOST
from tests.ui.demo_objects import NOW, TODAY, demo_board_rows, demo_guests
from tests.ui.shell_fixtures import actor, make_context
from ui.fonts import FALLBACK_FAMILIES, PRIMARY_FAMILY, app_font, load_bundled_fonts
from ui.main_window import MainWindow
from ui.theme import MIN_TOUCH


def _sign_in(ops, auth, guests, context):
    from ui.sign_in import SignInScreen

    return SignInScreen(auth, ops, demo_sign_in())


def _board(ops, auth, guests, context):
    from app.clock import FakeClock
    from ui.board.view import BoardView

    view = BoardView(clock=FakeClock(NOW))
    view.model.set_rows(demo_board_rows(demo_guests()), NOW)
    return view


def _lookup(ops, auth, guests, context):
    from ui.guest.lookup import GuestLookupPanel

    panel = GuestLookupPanel(guests, ops)
    panel.set_actor(HOST, may_register_walk_ins=True)
    panel.show_not_found("9009999999999")
    return panel


def _card(ops, auth, guests, context):
    from ui.guest.card_widget import GuestCardWidget

    card = GuestCardWidget()
    card.show_card(build_card_view(HOST, demo_guests()[0], today=TODAY), TODAY)
    return card


def _console(ops, auth, guests, context):
    from ui.main_window import MainWindow

    window = MainWindow(context.services, ops)
    window.open_console(actor("H001"))
    return window


@pytest.mark.parametrize("build", [_sign_in, _board, _lookup, _card, _console])
def test_every_button_is_a_touch_target(qtbot, ops, auth, guest_service, tmp_path, build) -> None:
    from app.clock import FakeClock

    context = make_context(tmp_path / "console", FakeClock(NOW))
    widget: QWidget = build(ops, auth, guest_service, context)
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
    if isinstance(widget, MainWindow):
        widget.sign_out()
    qtbot.waitUntil(lambda: ops.pending == 0)
    context.close()


def test_bundled_fonts_cover_latin_cyrillic_and_cjk(qapp) -> None:
    families = load_bundled_fonts()
    assert PRIMARY_FAMILY in families
    assert set(FALLBACK_FAMILIES) <= set(families)
    font = app_font()
    assert font.families()[:2] == [PRIMARY_FAMILY, *FALLBACK_FAMILIES]
    cjk = QFontDatabase.writingSystems(FALLBACK_FAMILIES[0])
    assert QFontDatabase.WritingSystem.SimplifiedChinese in cjk
    assert QFontDatabase.WritingSystem.Cyrillic in QFontDatabase.writingSystems(PRIMARY_FAMILY)


def test_a_picker_refilled_on_screen_shows_its_buttons_at_once(qtbot) -> None:
    # Qt shows a child added to a visible widget one turn of the event loop later: a tap
    # that comes first (a quick finger, a loaded tablet) would find no button there.
    from ui.choice_row import TouchPicker

    picker = TouchPicker("picker", 2)
    qtbot.addWidget(picker)
    picker.show()
    picker.set_options([("Sophie Laurent", "H001"), ("Daniel Cho", "H002")], "H002")
    assert [b.isVisible() for b in picker.buttons] == [True, True]
    assert picker.value() == "H002"
