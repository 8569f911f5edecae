"""Swipe -> GuestService.lookup_card -> card; unknown card -> walk-in; type-ahead search."""

import threading

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit

from app.guest_card import GuestCardView
from tests.ui.conftest import HOST, PIT_BOSS
from tests.ui.waits import WAIT_MS
from ui.guest.lookup import GuestLookupPanel
from ui.guest.swipe_filter import SwipeFilter
from ui.theme import MIN_TOUCH


class ReaderClock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        self.now += 0.006
        return self.now


@pytest.fixture
def panel(qtbot, guest_service, ops):
    widget = GuestLookupPanel(guest_service, ops)
    widget.set_actor(HOST, may_register_walk_ins=True)
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


@pytest.fixture
def swipe(qapp, panel):
    flt = SwipeFilter(clock=ReaderClock())
    flt.swipe_detected.connect(panel.lookup_card)
    qapp.installEventFilter(flt)
    yield flt
    qapp.removeEventFilter(flt)


def _swipe_into(qtbot, field: QLineEdit, raw: str) -> None:
    field.setFocus()
    qtbot.waitUntil(field.hasFocus)
    qtbot.keyClicks(field, raw)
    qtbot.keyClick(field, Qt.Key.Key_Return)


def test_a_swipe_opens_the_guest_card(qtbot, panel, swipe) -> None:
    with qtbot.waitSignal(panel.card_opened, timeout=WAIT_MS) as blocker:
        _swipe_into(qtbot, panel.search_edit, "9001234567892")
    view = blocker.args[0]
    assert isinstance(view, GuestCardView)
    assert view.guest.name == "王伟"
    assert panel.search_edit.text() == ""  # the reader's digits did not stay in the field
    assert not panel.not_found.isVisible()


def test_unknown_card_offers_walk_in(qtbot, panel, swipe) -> None:
    _swipe_into(qtbot, panel.search_edit, "9009999999999")
    qtbot.waitUntil(panel.not_found.isVisible, timeout=WAIT_MS)
    assert "Card not found" in panel.not_found_label.text()
    assert "9999999999" not in panel.not_found_label.text()  # masked: last four only
    assert panel.walk_in_button.isVisible()
    with qtbot.waitSignal(panel.walk_in_requested) as blocker:
        qtbot.mouseClick(panel.walk_in_button, Qt.MouseButton.LeftButton)
    assert blocker.args == ["9009999999999"]
    assert not panel.not_found.isVisible()


def test_garbled_swipe_is_ignored_quietly(qtbot, panel, ops) -> None:
    opened = []
    panel.card_opened.connect(opened.append)
    panel.lookup_card(";90012?;80012?")
    qtbot.waitUntil(lambda: ops.pending == 0, timeout=WAIT_MS)
    assert opened == [] and not panel.not_found.isVisible() and ops.errors == []


def test_payment_card_is_refused_inline_without_walk_in(qtbot, panel, ops) -> None:
    panel.lookup_card("4111111111111111")
    qtbot.waitUntil(panel.not_found.isVisible, timeout=WAIT_MS)
    assert "payment card" in panel.not_found_label.text()
    assert "4111" not in panel.not_found_label.text()
    assert not panel.walk_in_button.isVisible()


def test_type_ahead_search_lists_guests_with_tier_and_flags(qtbot, panel) -> None:
    qtbot.keyClicks(panel.search_edit, "Mr. Lo")
    qtbot.waitUntil(lambda: panel.results.rowCount() > 0, timeout=WAIT_MS)
    text = panel.results.index(0).data()
    # Their own host finds them by alias and sees the real name.
    assert "山本 武" in text and "VVIP" in text and "Quiet visit" in text
    assert panel.results_view.isVisible()
    with qtbot.waitSignal(panel.card_opened, timeout=WAIT_MS) as blocker:
        qtbot.keyClick(panel.search_edit, Qt.Key.Key_Return)
    assert blocker.args[0].quiet_visit


def test_search_in_cyrillic(qtbot, panel) -> None:
    panel.search_edit.setText("Дми")  # QTest cannot type non-ASCII keys; an IME would
    qtbot.waitUntil(lambda: panel.results.rowCount() == 1, timeout=WAIT_MS)
    assert panel.results.index(0).data().startswith("Дмитрий Соколов")


def test_clearing_the_query_hides_results(qtbot, panel) -> None:
    qtbot.keyClicks(panel.search_edit, "Char")
    qtbot.waitUntil(lambda: panel.results.rowCount() > 0, timeout=WAIT_MS)
    panel.search_edit.clear()
    assert panel.results.rowCount() == 0 and not panel.results_view.isVisible()


def test_the_clear_button_beside_the_field_empties_the_search(qtbot, panel) -> None:
    field_width = panel.search_edit.width()
    assert panel.clear_button.isVisible() and not panel.clear_button.isEnabled()  # nothing
    qtbot.keyClicks(panel.search_edit, "Zzyzx")
    qtbot.waitUntil(panel.not_found.isVisible, timeout=WAIT_MS)
    assert panel.clear_button.isEnabled() and panel.clear_button.height() >= MIN_TOUCH
    qtbot.mouseClick(panel.clear_button, Qt.MouseButton.LeftButton)
    assert panel.search_edit.text() == "" and panel.search_edit.hasFocus()
    assert not panel.not_found.isVisible() and not panel.clear_button.isEnabled()
    # The field never changes width (a show or hide beside it lays out the whole window).
    assert panel.search_edit.width() == field_width


def test_a_role_that_may_not_register_walk_ins_is_told_whom_to_ask(qtbot, panel) -> None:
    panel.set_actor(PIT_BOSS, may_register_walk_ins=False)
    panel.show_not_found("9009999999999")
    assert not panel.walk_in_button.isVisible()
    assert "Ask the VIP desk" in panel.not_found_label.text()


def test_a_search_that_finds_nobody_says_so(qtbot, panel) -> None:
    panel.search_edit.setText("Zzyzx Nobody")
    qtbot.waitUntil(panel.not_found.isVisible, timeout=WAIT_MS)
    assert "No guest matches" in panel.not_found_label.text()
    assert not panel.walk_in_button.isVisible() and not panel.results_view.isVisible()


def test_a_typed_card_number_nobody_holds_offers_a_walk_in(qtbot, panel) -> None:
    panel.search_edit.setText("9009 9999 9999")
    qtbot.waitUntil(panel.not_found.isVisible, timeout=WAIT_MS)
    assert "Card not found (••••9999)" in panel.not_found_label.text()
    with qtbot.waitSignal(panel.walk_in_requested) as blocker:
        qtbot.mouseClick(panel.walk_in_button, Qt.MouseButton.LeftButton)
    assert blocker.args == ["900999999999"]
    assert panel.search_edit.text() == ""  # the number went to the walk-in form


def test_a_typed_card_number_and_enter_opens_the_card(qtbot, panel) -> None:
    qtbot.keyClicks(panel.search_edit, "9001234567892")
    with qtbot.waitSignal(panel.card_opened, timeout=WAIT_MS) as blocker:
        qtbot.keyClick(panel.search_edit, Qt.Key.Key_Return)
    assert blocker.args[0].guest.name == "王伟"


def test_rows_say_why_they_matched_and_what_tells_guests_apart(qtbot, panel) -> None:
    panel.search_edit.setText("Charlotte")
    qtbot.waitUntil(lambda: panel.results.rowCount() > 0, timeout=WAIT_MS)
    first, second = panel.results.index(0).data().split("\n")
    assert first.startswith("Charlotte Whitfield")
    assert second.startswith("name matches") and "Host: Amelia Chen" in second
    assert "••••" in second and ("Last visit" in second or "No visit on file" in second)


def test_a_new_user_finds_nothing_of_the_previous_ones_search(qtbot, panel, ops) -> None:
    panel.search_edit.setText("Charlotte")
    qtbot.waitUntil(lambda: panel.results.rowCount() > 0, timeout=WAIT_MS)
    panel.search_edit.setText("Charlotte W")  # an answer still on its way...
    panel.set_actor(PIT_BOSS)  # ...when another staff member takes the tablet
    qtbot.waitUntil(lambda: ops.pending == 0, timeout=WAIT_MS)
    qtbot.wait(200)  # the debounce would have fired by now
    assert panel.search_edit.text() == "" and panel.results.rowCount() == 0
    assert not panel.results_view.isVisible() and not panel.not_found.isVisible()


class HeldLookups:
    """The guest service with one card's lookup held until the test lets it go."""

    def __init__(self, service, held_card: str) -> None:
        self._service = service
        self._held_card = held_card
        self.release = threading.Event()

    def lookup_card(self, actor, raw):
        if raw == self._held_card:
            self.release.wait(timeout=10)
        return self._service.lookup_card(actor, raw)

    def __getattr__(self, name):
        return getattr(self._service, name)


def held_panel(qtbot, guest_service, ops, held_card: str):
    """The host's lookup panel on a service holding ``held_card``'s lookup: (panel, the
    service, the names of the cards it opened)."""
    held = HeldLookups(guest_service, held_card)
    panel = GuestLookupPanel(held, ops)
    panel.set_actor(HOST)
    qtbot.addWidget(panel)
    opened: list[str] = []
    panel.card_opened.connect(lambda view: opened.append(view.guest.name))
    return panel, held, opened


def test_an_older_swipe_answering_last_does_not_replace_the_newer_card(
    qtbot, guest_service, ops
) -> None:
    # Two swipes off the search field (no digits typed there): the first one's answer
    # is slow and lands after the second's card is shown; the host keeps the second.
    widget, held, opened = held_panel(qtbot, guest_service, ops, "9001234567890")
    widget.lookup_card("9001234567890")
    widget.lookup_card("9001234567891")
    qtbot.waitUntil(lambda: opened == ["Дмитрий Соколов"], timeout=WAIT_MS)
    held.release.set()
    qtbot.waitUntil(lambda: ops.pending == 0, timeout=WAIT_MS)
    assert opened == ["Дмитрий Соколов"]
