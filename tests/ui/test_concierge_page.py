"""The concierge's page: read-only card, no credit, limits, amounts, actions."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QPushButton

from tests.ui.host_desk_support import CHARLOTTE, CONCIERGE, make_context
from tests.ui.shell_fixtures import page_env
from ui.concierge.page import ConciergePage


@pytest.fixture
def services(store, clock):
    return make_context(store, clock)


@pytest.fixture
def page(qtbot, services, ops):
    widget = ConciergePage(page_env(services, ops, CONCIERGE))
    qtbot.addWidget(widget)
    widget.show()
    return widget


def test_concierge_card_has_preferences_and_nothing_else(qtbot, page, services) -> None:
    page.show_guest(services.guests.lookup_card(CONCIERGE, CHARLOTTE.card_number))
    assert page.guest_card() is page.card and page.card.view is not None
    text = " ".join(page.card.texts())
    assert "Drinks" in text
    for absent in ("Credit line", "Table limit", "ADT", "Theo", "Cash limit", "Personal"):
        assert absent not in text
    assert page.card.view.incidents == () or all(i.amount is None for i in page.card.view.incidents)
    buttons = [b.objectName() for b in page.findChildren(QPushButton) if b.isVisible()]
    for forbidden in ("pageGuest", "announceGuest", "savePreferences", "openRequestButton"):
        assert forbidden not in buttons
    assert page.card.page_button is None and page.card.announce_button is None
