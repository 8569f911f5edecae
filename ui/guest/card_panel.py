"""A guest card with a title bar and Close, and the card every page builds the same way.

The board shows one beside its table; the shell shows one over a page that has no
card of its own (the floor map, the incident screens), so a swipe always lands in a
card the user can see.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from app.guest_card import GuestCardView
from ui.guest.card_widget import GuestCardWidget

if TYPE_CHECKING:
    from ui.shell.pages import PageEnv


def guest_card_for(env: PageEnv, *, actions: bool = True) -> GuestCardWidget:
    """A card whose reveal and paging act as the signed-in user, through the core."""
    card = GuestCardWidget(env.host_names, actions=actions)
    guests, actor = env.services.guests, env.actor
    card.enable_reveal(env.ops, lambda guest_id: guests.reveal_itinerary(actor, guest_id))
    card.enable_paging(env.ops, lambda guest_id, kind: guests.request_paging(actor, guest_id, kind))
    return card


class GuestCardPanel(QFrame):
    """A guest card with a title bar and Close: beside the board, over a page without a
    card of its own (the shell's drawer)."""

    def __init__(self, env: PageEnv, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        # Not the "panel" variant: its rule clears the background of every label inside,
        # and the card's banners (self-excluded, quiet visit) must keep theirs.
        self.setProperty("variant", "card-panel")
        self._clock = env.clock
        self.card = guest_card_for(env)
        title = QLabel(self.tr("Guest"))
        title.setProperty("variant", "section")
        self.close_button = QPushButton(self.tr("Close"))
        self.close_button.setObjectName(f"{name}Close")
        self.close_button.clicked.connect(self.close_card)
        bar = QHBoxLayout()
        bar.addWidget(title, 1)
        bar.addWidget(self.close_button)
        box = QVBoxLayout(self)
        box.setContentsMargins(8, 4, 4, 4)
        box.addLayout(bar)
        box.addWidget(self.card, 1)
        self.hide()

    def show_guest(self, view: GuestCardView) -> None:
        self.card.show_card(view, self._clock.now().date())
        self.show()

    def close_card(self) -> None:
        self.card.clear()
        self.hide()
