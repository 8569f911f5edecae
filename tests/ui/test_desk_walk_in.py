"""The VIP desk on a real store: walk-in registration and routing a request to the host."""

from __future__ import annotations

import pytest

from app.domain import Channel
from tests.ui.conftest import HOST
from tests.ui.host_desk_support import CHARLOTTE, DESK, TapCounter, make_context
from ui.desk.page import DeskPage
from ui.host.page import HostPage


@pytest.fixture
def context(store, clock):
    return make_context(store, clock)


@pytest.fixture
def desk(qtbot, context, ops):
    page = DeskPage(context, ops, DESK)
    qtbot.addWidget(page)
    page.resize(1400, 900)
    page.show()
    return page


def test_walk_in_registration_within_six_taps(qtbot, desk, context) -> None:
    taps = TapCounter(qtbot, desk)
    taps.tap(desk.new_walk_in)
    qtbot.waitUntil(lambda: desk.walk_in.host_combo.count() > 1)
    taps.tap(desk.walk_in.name_edit)
    taps.type(desk.walk_in.name_edit, "Sofia Marchetti")
    taps.tap(desk.walk_in.phone_edit)
    taps.type(desk.walk_in.phone_edit, "+61 412 555 010")
    with qtbot.waitSignal(desk.walk_in.registered) as done:
        taps.tap(desk.walk_in.register_button)
    guest = done.args[0]
    assert taps.taps <= 6, taps.taps
    assert taps.taps == 4
    assert guest.tier.value == "VIP"
    qtbot.waitUntil(lambda: desk.current is not None and desk.current.guest.id == guest.id)
    with context.store.unit_of_work() as uow:
        stored = uow.guests.by_id(guest.id)
        kinds = [e.kind.value for e in uow.outbox.pending_for(guest.id)]
    assert stored is not None and stored.host_id == "H001"  # 3 guests each: tie by staff id
    assert stored.phone == "+61412555010"
    assert kinds == ["guest.create"]


def test_unknown_card_opens_the_walk_in_form_prefilled(qtbot, desk) -> None:
    desk.lookup.show_not_found("9001999988887777")
    desk.lookup.walk_in_button.click()
    assert desk.stack.currentWidget() is desk.walk_in
    assert desk.walk_in.card_edit.text() == "9001999988887777"


def test_payment_card_in_the_card_field_is_refused(qtbot, desk) -> None:
    desk.start_walk_in("4111111111111111")
    desk.walk_in.name_edit.setText("Test Guest")
    desk.walk_in.register_button.click()
    qtbot.waitUntil(lambda: bool(desk.walk_in.message.text()))
    assert "payment card" in desk.walk_in.message.text()


def test_request_is_routed_to_the_host_who_is_alerted(qtbot, desk, context, ops) -> None:
    host_page = HostPage(context, ops, HOST)
    qtbot.addWidget(host_page)
    qtbot.waitUntil(lambda: host_page.model.rowCount() > 0)
    with qtbot.waitSignal(desk.lookup.card_opened):
        desk.lookup.lookup_card(CHARLOTTE.card_number)
    desk.open_request.click()
    desk.request.summary.setText("Dinner booking for four at 8 pm")
    desk.request.channel.setCurrentIndex(desk.request.channel.findData(Channel.PHONE.value))
    with qtbot.waitSignal(host_page.watcher.alert, timeout=3000) as alerted:
        with qtbot.waitSignal(desk.request.opened) as opened:
            desk.request.open_button.click()
    incident = opened.args[0]
    assert incident.owner_id == "H001"
    assert incident.channel is Channel.PHONE and incident.location == "VIP desk"
    assert alerted.args[0].incident_id == incident.id
