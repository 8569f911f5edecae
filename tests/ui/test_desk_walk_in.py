"""The VIP desk on a real store: the walk-in form (touch pickers, a swipe into the open
form), and routing a request to the host."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from app.domain import Category, Channel
from tests.ui.conftest import HOST
from tests.ui.host_desk_support import CHARLOTTE, DESK, TapCounter, make_context
from tests.ui.shell_fixtures import RecordingNavigator, page_env
from ui.desk.page import DeskPage
from ui.desk.walk_in import WalkInForm
from ui.host.page import HostPage
from ui.theme import MIN_TOUCH


@pytest.fixture
def services(store, clock):
    return make_context(store, clock)


@pytest.fixture
def nav() -> RecordingNavigator:
    return RecordingNavigator()


@pytest.fixture
def form(qtbot, services, ops, nav):
    page = WalkInForm(page_env(services, ops, DESK, nav))
    qtbot.addWidget(page)
    page.resize(1024, 700)
    page.show()
    page.start("")
    qtbot.waitUntil(lambda: len(page.host_picker.buttons) > 1)
    return page


def test_walk_in_registration_in_four_taps(qtbot, form, store, nav) -> None:
    taps = TapCounter(qtbot, form)
    taps.tap(form.name_edit)
    taps.type(form.name_edit, "Sofia Marchetti")
    taps.tap(form.phone_edit)
    taps.type(form.phone_edit, "+61 412 555 010")
    oliver = form.host_picker.button_for("H002")
    assert oliver is not None and oliver.height() >= MIN_TOUCH  # a button, not a drop-down
    taps.tap(oliver)
    with qtbot.waitSignal(form.registered) as done:
        taps.tap(form.register_button)
    guest = done.args[0]
    assert taps.taps == 4
    with store.unit_of_work() as uow:
        stored = uow.guests.by_id(guest.id)
        kinds = [e.kind.value for e in uow.outbox.pending_for(guest.id)]
    assert stored is not None and stored.host_id == "H002" and stored.tier.value == "VIP"
    assert stored.phone == "+61412555010"
    assert kinds == ["guest.create"]
    # Back where the user came from, with the new guest's card shown there.
    qtbot.waitUntil(lambda: any(call == "show_guest" for call, _ in nav.calls))
    shown = [view for call, view in nav.calls if call == "show_guest"]
    assert ("back", None) in nav.calls and shown[0].guest.id == guest.id


def test_the_host_picker_defaults_to_the_fewest_guests(form) -> None:
    assert form.host_picker.value() is None  # the core picks the host with fewest guests
    labels = [b.text() for b in form.host_picker.buttons]
    assert labels[0] == "Fewest guests" and any("Oliver Grant" in text for text in labels)


def test_a_swipe_into_the_open_form_fills_the_card_field(qtbot, form) -> None:
    assert form.accept_swipe(";9001999988887777?") is True  # never a lookup banner
    assert form.card_edit.text() == "9001999988887777"
    assert form.accept_swipe("4111111111111111") is True
    assert form.card_edit.text() == "9001999988887777"  # the payment card stored nowhere
    assert "payment card" in form.message.text() and "4111" not in form.message.text()


def test_a_payment_card_typed_in_the_card_field_is_refused(qtbot, form) -> None:
    form.name_edit.setText("Test Guest")
    form.card_edit.setText("4111111111111111")
    form.register_button.click()
    qtbot.waitUntil(lambda: bool(form.message.text()))
    assert "payment card" in form.message.text()


def test_cancel_goes_back(qtbot, form, nav) -> None:
    qtbot.mouseClick(form.findChild(type(form.register_button), "cancelWalkIn"),
                     Qt.MouseButton.LeftButton)  # fmt: skip
    assert nav.calls[-1] == ("back", None)


def test_the_desk_button_asks_the_shell_for_the_walk_in_page(qtbot, services, ops, nav) -> None:
    desk = DeskPage(page_env(services, ops, DESK, nav))
    qtbot.addWidget(desk)
    desk.show()
    qtbot.mouseClick(desk.new_walk_in, Qt.MouseButton.LeftButton)
    assert nav.calls == [("start_walk_in", "")]


def test_request_is_routed_to_the_host_who_is_alerted(qtbot, services, ops, store) -> None:
    desk = DeskPage(page_env(services, ops, DESK))
    qtbot.addWidget(desk)
    desk.resize(1024, 700)
    desk.show()
    host_page = HostPage(page_env(services, ops, HOST))
    qtbot.addWidget(host_page)
    qtbot.waitUntil(lambda: host_page.model.rowCount() > 0)
    desk.show_guest(services.guests.lookup_card(DESK, CHARLOTTE.card_number))
    desk.open_request.click()
    desk.request.summary.setText("Dinner booking for four at 8 pm")
    phone = desk.request.channel.button_for(Channel.PHONE)
    assert phone is not None and phone.height() >= MIN_TOUCH
    qtbot.mouseClick(phone, Qt.MouseButton.LeftButton)
    with qtbot.waitSignal(host_page.watcher.alert, timeout=3000) as alerted:
        with qtbot.waitSignal(desk.request.opened) as opened:
            desk.request.open_button.click()
    incident = opened.args[0]
    assert incident.owner_id == "H001" and incident.category is Category.OTHER
    assert incident.channel is Channel.PHONE and incident.location == "VIP desk"
    assert alerted.args[0].incident_id == incident.id
    with store.unit_of_work() as uow:
        assert uow.incidents.by_id(incident.id) is not None
