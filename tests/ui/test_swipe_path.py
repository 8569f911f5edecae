"""What a swipe costs between the core's answer and the paint, counted (never timed), and
what a card filled in place must still show: exactly what a new card would.

A swipe must be painted within a frame (docs: issue 15). The card is built once and
filled again; a bug there either leaves something of the previous guest on screen or
brings the old cost back: widgets made again, the rows laid out at every width Qt asks.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QWidget

from app.demo.generator import loyalty_card_number
from app.domain import Guest
from tests.ui.demo_console import Console, sign_in, swipe
from tests.ui.waits import WAIT_MS
from ui.guest.card_panel import guest_card_for
from ui.guest.card_widget import GuestCardWidget
from ui.guest.field_rows import FieldRows
from ui.shell.pages import PageEnv


def _guests_of_every_kind(console: Console) -> list[Guest]:
    """Quiet, self-excluded, cooling-off and plain guests, in an order where each one
    follows a guest with other banners, sections and rows."""
    kinds: dict[str, Guest] = {}
    with console.context.store.unit_of_work() as uow:
        for n in range(1, 400):
            guest = uow.guests.by_card(loyalty_card_number(n))
            if guest is None:
                continue
            kind = (
                "quiet"
                if guest.quiet.enabled
                else "excluded"
                if guest.rg.self_excluded
                else "cooling"
                if guest.rg.cooling_off_until is not None
                else "plain"
            )
            kinds.setdefault(kind, guest)
    assert set(kinds) == {"quiet", "excluded", "cooling", "plain"}, set(kinds)
    order = ("quiet", "plain", "excluded", "cooling", "plain", "quiet", "excluded", "plain")
    return [kinds[k] for k in order]


class _CardEvents(QObject):
    """Counts what happens inside ``card`` while installed: widgets added, deleted."""

    def __init__(self, card: QWidget) -> None:
        super().__init__()
        self.card = card
        self.added = self.deleted = 0

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        kind = event.type()
        if kind not in (QEvent.Type.ChildAdded, QEvent.Type.DeferredDelete):
            return False
        inside = isinstance(obj, QWidget) and (obj is self.card or self.card.isAncestorOf(obj))
        if inside and kind == QEvent.Type.DeferredDelete:
            self.deleted += 1
        elif inside and event.child().isWidgetType():  # type: ignore[attr-defined]
            self.added += 1
        return False


def _layouts(card: GuestCardWidget) -> int:
    return sum(rows.layouts for rows in card.findChildren(FieldRows))


def _rows(card: GuestCardWidget) -> list[tuple[tuple[str, str], ...]]:
    return [rows.rows() for rows in card.findChildren(FieldRows)]


@pytest.fixture
def counted(qapp) -> Iterator[Callable[[QWidget], _CardEvents]]:
    installed: list[_CardEvents] = []

    def install(card: QWidget) -> _CardEvents:
        installed.append(_CardEvents(card))
        qapp.installEventFilter(installed[-1])
        return installed[-1]

    yield install
    for events in installed:
        qapp.removeEventFilter(events)


def test_a_card_filled_in_place_shows_what_a_new_card_would(
    qtbot, console: Console, ops, counted
) -> None:
    """Swipe after swipe on the real console: the card on screen reads exactly as a card
    made for that guest alone (no row, banner, section or paging reason of the guest
    before), no widget is made or deleted, and each section whose rows changed is laid
    out once (at most once more each when the card's width changed: a scroll bar).
    Before, a swipe made its banners again and laid its rows out at every width Qt
    asked: 12 layouts a swipe on the bench's guests for 4 to 6 sections changed."""
    sign_in(console, "H001")
    card = console.shell.visible_card()
    env = PageEnv(
        console.context.services, ops, console.window.actor, console.clock, console.shell,
        console.shell.host_names,
    )  # fmt: skip
    fresh = guest_card_for(env)
    qtbot.addWidget(fresh)
    guests = _guests_of_every_kind(console)
    for guest in guests:  # what the card makes once (a tier's badge, the reveal button)
        swipe(console, guest.card_number)
        qtbot.waitUntil(lambda g=guest: card.view is not None and card.view.guest.id == g.id)
    events = counted(card)
    for guest in guests:
        rows_before, layouts_before = _rows(card), _layouts(card)
        width_before = card.widget().width()
        swipe(console, guest.card_number)
        qtbot.waitUntil(
            lambda g=guest: card.view is not None and card.view.guest.id == g.id, timeout=WAIT_MS
        )
        fresh.show_card(card.view, console.clock.now().date())
        assert card.texts() == fresh.texts(), guest.display_name
        assert card.verticalScrollBar().value() == 0
        changed = sum(a != b for a, b in zip(rows_before, _rows(card), strict=True))
        shown = sum(rows.isVisibleTo(card) for rows in card.findChildren(FieldRows))
        again = shown if card.widget().width() != width_before else 0
        assert _layouts(card) - layouts_before <= changed + again, guest.display_name
    assert (events.added, events.deleted) == (0, 0)
