"""The host page on a real store: my guests, alerts, code word, timeline, recovery."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QPushButton

from app.domain import Category, Priority
from app.services.incidents import IncidentDraft
from tests.ui.conftest import HOST
from tests.ui.host_desk_support import CHARLOTTE, CODE_WORD, DESK, LIAM, TapCounter, make_context
from tests.ui.shell_fixtures import page_env
from ui.host.page import HostPage


@pytest.fixture
def context(store, clock):
    return make_context(store, clock)


@pytest.fixture
def page(qtbot, context, ops):
    widget = HostPage(page_env(context, ops, HOST))
    qtbot.addWidget(widget)
    widget.resize(1400, 900)
    widget.show()
    qtbot.waitUntil(lambda: widget.model.rowCount() > 0)
    return widget


def _row(page: HostPage, guest_id: str) -> int:
    return page.model.row_of(guest_id)


def test_my_guests_lists_own_guests_only(page) -> None:
    ids = {page.model.row_at(r).guest.id for r in range(page.model.rowCount())}
    assert CHARLOTTE.id in ids
    assert LIAM.id not in ids  # H002's guest


def test_code_word_check_in_three_taps(qtbot, page) -> None:
    taps = TapCounter(qtbot, page)
    taps.tap_row(page.table, _row(page, CHARLOTTE.id))
    qtbot.waitUntil(lambda: page.code_word.word_edit.isEnabled())
    taps.tap(page.code_word.word_edit)
    taps.type(page.code_word.word_edit, CODE_WORD)
    with qtbot.waitSignal(page.code_word.checked) as answer:
        taps.tap(page.code_word.check_button)
    assert answer.args == [True]
    assert taps.taps == 3  # the guest, the code word field, Check code word
    assert CODE_WORD not in " ".join(page.card.texts())
    assert page.code_word.word_edit.text() == ""
    qtbot.waitUntil(page.code_word.check_button.isEnabled)
    page.code_word.word_edit.setText("wrong")
    with qtbot.waitSignal(page.code_word.checked) as answer:
        page.code_word.check_button.click()
    assert answer.args == [False]


def test_alert_when_an_incident_is_opened_for_my_guest(qtbot, page, context) -> None:
    # The desk opens a request on this device: the store's commit wakes the watcher.
    with qtbot.waitSignal(page.watcher.alert, timeout=3000) as raised:
        context.incidents.open(
            DESK, IncidentDraft(Priority.P2, Category.ROOM_OVERBOOKING, guest_id=CHARLOTTE.id)
        )
    assert raised.args[0].guest_id == CHARLOTTE.id
    qtbot.waitUntil(lambda: page.alert_list.alerts.rowCount() == 1)
    assert "Charlotte Whitfield" in page.alert_list.texts()[0]


def test_recovery_proposal_and_promise(qtbot, page, context) -> None:
    incident = context.incidents.open(
        DESK, IncidentDraft(Priority.P2, Category.ROOM_OVERBOOKING, guest_id=CHARLOTTE.id)
    )
    qtbot.waitUntil(lambda: page.alert_list.alerts.rowCount() == 1)
    page.open_guest(CHARLOTTE.id)
    qtbot.waitUntil(lambda: page.incident_choice.button_for(incident.id) is not None)
    qtbot.mouseClick(page.incident_choice.button_for(incident.id), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.recovery.promise_button.isEnabled())
    assert page.recovery.offers.rowCount() >= 1
    with qtbot.waitSignal(page.recovery.promised):
        page.recovery.promise_button.click()
    qtbot.waitUntil(lambda: page.timeline.model.rowCount() >= 2)
    kinds = {page.timeline.model.row_at(r).kind for r in range(page.timeline.model.rowCount())}
    assert "compensation" in kinds


def test_page_and_announce_are_offered_for_a_normal_guest(qtbot, page, store) -> None:
    page.open_guest(CHARLOTTE.id)
    qtbot.waitUntil(lambda: page.card.page_button is not None)
    assert page.card.page_button.isEnabled()
    assert isinstance(page.card.announce_button, QPushButton)
    # A tap is a request the core records (and would refuse for a quiet visit).
    with qtbot.waitSignal(page.card.page_requested):
        page.card.page_button.click()
    assert page.card.findChild(QLabel, "pagingOutcome").text() == "Paging request recorded."
    with store.unit_of_work() as uow:
        latest = uow.audit.recent(1)[0]
    assert (latest.action, latest.target, latest.detail) == (
        "guest.paging_request",
        CHARLOTTE.id,
        "page",
    )


def test_alert_when_the_board_reload_brings_an_incident_for_my_guest(
    qtbot, context, ops, store
) -> None:
    # The sync applied a change from the helpdesk and reloaded the board: the page re-reads.
    from app.sync.apply import apply_changes
    from app.sync.decode import DecodedChanges
    from tests.unit.store_fixtures import full_incident

    page = HostPage(page_env(context, ops, HOST))
    qtbot.addWidget(page)
    page.show()
    qtbot.waitUntil(lambda: page.model.rowCount() > 0)
    qtbot.waitUntil(lambda: not page.watcher._running)
    incident = full_incident("inc-from-helpdesk", guest_id=CHARLOTTE.id)
    with store.unit_of_work() as uow:  # what the engine's apply step does
        apply_changes(uow, DecodedChanges(incidents={incident.id: incident}))
    with qtbot.waitSignal(page.watcher.alert, timeout=3000) as raised:
        page.set_board_rows([], context.clock.now())
    assert raised.args[0].incident_id == "inc-from-helpdesk"
    qtbot.waitUntil(lambda: page.alert_list.alerts.rowCount() == 1)


def test_a_guest_swiped_on_the_page_opens_in_its_card(qtbot, page, context) -> None:
    page.tabs.setCurrentIndex(2)
    page.show_guest(context.guests.lookup_card(HOST, CHARLOTTE.card_number))
    assert page.guest_card() is page.card and page.card.view.guest.id == CHARLOTTE.id
    assert page.tabs.currentIndex() == 0  # the card tab, where the guest shows
    qtbot.waitUntil(lambda: page.code_word.word_edit.isEnabled())


def test_the_watcher_stops_listening_when_the_page_goes(qtbot, context, ops, store) -> None:
    # Listeners come in pairs: the page's, added at its start, goes with the page.
    before = len(store._listeners)
    page = HostPage(page_env(context, ops, HOST))
    assert len(store._listeners) == before + 1
    page.deleteLater()
    qtbot.waitUntil(lambda: len(store._listeners) == before)
