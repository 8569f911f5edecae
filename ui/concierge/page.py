"""The concierge's page: find a guest by name or room, read their preference card.

Read-only by construction: the card is built without actions (no paging, no
announcements), and the page offers no edit, incident, act or escalation control.
What the card shows is already limited by the permission matrix (food, drinks,
rooms, transfers, languages; never limits, credit or amounts).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget

from app.actor import Actor
from app.permissions import GuestCardView
from ui.async_ops import AsyncOps
from ui.guest.card_widget import GuestCardWidget
from ui.guest.lookup import GuestLookupPanel


class ConciergePage(QWidget):
    def __init__(
        self,
        context: Any,
        ops: AsyncOps,
        actor: Actor,
        *,
        host_names: Callable[[str], str] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("conciergePage")
        self._context = context
        self.lookup = GuestLookupPanel(context.guests, ops)
        self.lookup.set_actor(actor)
        self.lookup.search_edit.setPlaceholderText(self.tr("Guest name or room number"))
        self.lookup.walk_in_button.hide()  # registering walk-ins is the desk's job
        self.card = GuestCardWidget(host_names, actions=False)
        self.lookup.card_opened.connect(self._show)
        hint = QLabel(self.tr("Preferences only: requests go through the guest's host."))
        hint.setProperty("variant", "subtle")
        hint.setWordWrap(True)
        left = QVBoxLayout()
        left.addWidget(self.lookup)
        left.addWidget(hint)
        left.addStretch(1)
        layout = QHBoxLayout(self)
        layout.addLayout(left, 2)
        layout.addWidget(self.card, 3)

    def _show(self, view: GuestCardView) -> None:
        self.card.show_card(view, self._context.clock.now().date())
