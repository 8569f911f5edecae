"""Quiet visit on the card: paging/announce disabled with the reason; itinerary masked
until an audited reveal; per role, what must not appear does not."""

from __future__ import annotations

from functools import partial

import pytest
from PySide6.QtWidgets import QLabel

from app.domain import Role
from tests.ui.conftest import HOST, PIT_BOSS
from tests.ui.host_desk_support import CHARLOTTE, CONCIERGE, DESK, LOTUS, make_context
from ui.guest.card_widget import GuestCardWidget


@pytest.fixture
def context(store, clock):
    return make_context(store, clock)


def _card(qtbot, context, ops, actor, guest_id):
    card = GuestCardWidget(actions=actor.role is not Role.CONCIERGE)
    card.enable_reveal(ops, lambda gid: context.guests.reveal_itinerary(actor, gid))
    card.enable_paging(ops, partial(context.guests.request_paging, actor))
    qtbot.addWidget(card)
    card.show_card(context.guests.card(actor, guest_id), context.clock.now().date())
    card.show()
    return card


def test_quiet_visit_guest_cannot_be_paged_and_the_reason_shows(qtbot, context, ops) -> None:
    card = _card(qtbot, context, ops, DESK, LOTUS.id)
    assert not card.page_button.isEnabled()
    assert not card.announce_button.isEnabled()
    text = " ".join(card.texts())
    assert "no public paging or announcements" in text
    assert "Mr. Lotus" in text and "山本" not in text  # the alias, never the name


def test_normal_guest_can_be_paged(qtbot, context, ops) -> None:
    card = _card(qtbot, context, ops, DESK, CHARLOTTE.id)
    assert card.page_button.isEnabled() and card.announce_button.isEnabled()
    with qtbot.waitSignal(card.announce_requested):
        card.announce_button.click()
    outcome = card.findChild(QLabel, "pagingOutcome")
    assert outcome.isVisible() and outcome.text() == "Announcement request recorded."


def test_without_a_paging_service_there_are_no_paging_buttons(qtbot, context) -> None:
    card = GuestCardWidget()  # nothing behind a tap: no button that would do nothing
    qtbot.addWidget(card)
    card.show_card(context.guests.card(DESK, CHARLOTTE.id), context.clock.now().date())
    assert card.page_button is None and card.announce_button is None


def test_itinerary_is_masked_until_an_audited_reveal(qtbot, context, ops, store) -> None:
    card = _card(qtbot, context, ops, HOST, CHARLOTTE.id)
    assert "QF1" not in " ".join(card.texts())
    assert card.reveal_button is not None
    with qtbot.waitSignal(card.itinerary_revealed):
        card.reveal_button.click()
    assert any("QF1" in t for t in card.texts())
    with store.unit_of_work() as uow:
        actions = [(e.action, e.target) for e in uow.audit.recent(20)]
    assert ("guest.itinerary_reveal", CHARLOTTE.id) in actions


@pytest.mark.parametrize(
    ("actor", "absent"),
    [
        (CONCIERGE, ("Credit line", "Table limit", "Personal", "Itinerary", "Code word")),
        (PIT_BOSS, ("Credit line", "Itinerary", "Travel risk")),
        (DESK, ("Credit line", "ADT", "Cash limit")),
    ],
)
def test_per_role_fields_that_must_not_appear(qtbot, context, ops, actor, absent) -> None:
    card = _card(qtbot, context, ops, actor, CHARLOTTE.id)
    text = " ".join(card.texts())
    for label in absent:
        assert label not in text, (actor.role, label)
    assert "lotus blossom" not in text  # no role ever sees the code word
    if actor is not HOST:
        assert card.reveal_button is None or actor.role is Role.VIP_DESK


def test_desk_sees_no_code_word_only_that_one_is_on_file(qtbot, context, ops) -> None:
    card = _card(qtbot, context, ops, DESK, CHARLOTTE.id)
    assert card.view.guest.code_word_hash is None
    assert card.view.can_verify_code_word
