"""The concierge's page: the guest found by name or room in the search bar above, and
their preference card.

Read-only by construction: the card is built without actions (no paging, no
announcements), and the page offers no edit, incident, act or escalation control.
What the card shows is already limited by the permission matrix (food, drinks,
rooms, transfers, languages; never limits, credit or amounts).
"""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from app.guest_card import GuestCardView
from ui.guest.card_panel import guest_card_for
from ui.guest.card_widget import GuestCardWidget
from ui.shell.pages import PageDefaults, PageEnv


class ConciergePage(QWidget, PageDefaults):
    def __init__(self, env: PageEnv, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("conciergePage")
        self._clock = env.clock
        self.card = guest_card_for(env, actions=False)
        hint = QLabel(
            self.tr("Find a guest by name or room above. Requests go through the guest's host.")
        )
        hint.setObjectName("conciergeHint")
        hint.setProperty("variant", "subtle")
        hint.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 0, 0, 0)
        layout.addWidget(hint)
        layout.addWidget(self.card, 1)

    def guest_card(self) -> GuestCardWidget:
        return self.card

    def show_guest(self, view: GuestCardView) -> None:
        self.card.show_card(view, self._clock.now().date())
