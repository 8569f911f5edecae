"""The VIP desk's page: identify (card, phone, name), register walk-ins, open requests.

Left: the lookup panel and *Register walk-in*. Right, one at a time: the guest's card
(with the code-word check and *Open request*), the walk-in form, the request form.
A request is routed by the core to the guest's host, who gets an alert.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any

from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from app.actor import Actor
from app.domain import Guest, Incident
from app.permissions import GuestCardView
from ui.async_ops import AsyncOps
from ui.desk.request_form import RequestForm
from ui.desk.walk_in import WalkInForm
from ui.guest.card_widget import GuestCardWidget
from ui.guest.code_word import CodeWordCheck
from ui.guest.lookup import GuestLookupPanel


class DeskPage(QWidget):
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
        self.setObjectName("deskPage")
        self._context, self._ops, self._actor = context, ops, actor
        self._host_names = host_names or (lambda host_id: host_id)
        self.current: GuestCardView | None = None
        self.lookup = GuestLookupPanel(context.guests, ops)
        self.lookup.set_actor(actor)
        self.lookup.card_opened.connect(self.show_card)
        self.lookup.walk_in_requested.connect(self.start_walk_in)
        self.new_walk_in = QPushButton(self.tr("Register walk-in"))
        self.new_walk_in.setObjectName("newWalkIn")
        self.new_walk_in.clicked.connect(lambda: self.start_walk_in(""))
        self.status = QLabel()
        self.status.setObjectName("deskStatus")
        self.status.setProperty("variant", "info")
        self.status.setWordWrap(True)
        self.status.hide()
        left = QVBoxLayout()
        left.addWidget(self.lookup)
        left.addWidget(self.new_walk_in)
        left.addWidget(self.status)
        left.addStretch(1)

        self.card = GuestCardWidget(host_names)
        self.card.enable_reveal(ops, lambda gid: context.guests.reveal_itinerary(actor, gid))
        self.card.enable_paging(ops, partial(context.guests.request_paging, actor))
        self.code_word = CodeWordCheck(context.guests, ops)
        self.open_request = QPushButton(self.tr("Open request"))
        self.open_request.setObjectName("openRequestButton")
        self.open_request.setProperty("variant", "primary")
        self.open_request.setEnabled(False)
        self.open_request.clicked.connect(self._start_request)
        card_page = QWidget()
        card_box = QVBoxLayout(card_page)
        card_box.setContentsMargins(0, 0, 0, 0)
        card_box.addWidget(self.code_word)
        card_box.addWidget(self.open_request)
        card_box.addWidget(self.card, 1)
        self.stack = QStackedWidget()
        self.walk_in = WalkInForm(context.walkins, ops)
        self.walk_in.registered.connect(self._registered)
        self.walk_in.cancelled.connect(lambda: self.stack.setCurrentIndex(0))
        self.request = RequestForm(context.incidents, ops)
        self.request.opened.connect(self._request_opened)
        self.request.cancelled.connect(lambda: self.stack.setCurrentIndex(0))
        for widget in (card_page, self.walk_in, self.request):
            self.stack.addWidget(widget)
        layout = QHBoxLayout(self)
        layout.addLayout(left, 2)
        layout.addWidget(self.stack, 3)

    def show_card(self, view: GuestCardView) -> None:
        self.current = view
        self.card.show_card(view, self._context.clock.now().date())
        self.code_word.set_guest(self._actor, view.guest.id, on_file=view.can_verify_code_word)
        self.open_request.setEnabled(True)
        self.stack.setCurrentIndex(0)

    def start_walk_in(self, card_number: str) -> None:
        self.walk_in.start(self._actor, card_number)
        self.stack.setCurrentIndex(1)

    def _registered(self, guest: Guest) -> None:
        host = self._host_names(guest.host_id) if guest.host_id else "—"
        self._say(self.tr("{guest} registered; host: {host}.").format(guest=guest.name, host=host))
        self._ops.run(self._context.guests.card, self._actor, guest.id, on_success=self.show_card)

    def _start_request(self) -> None:
        if self.current is None:
            return
        self.request.start(self._actor, self.current.guest.id, self.current.guest.display_name)
        self.stack.setCurrentIndex(2)

    def _request_opened(self, incident: Incident) -> None:
        host = self._host_names(incident.owner_id) if incident.owner_id else "—"
        self._say(
            self.tr("Request {ticket} opened and routed to {host}.").format(
                ticket=incident.display_number, host=host
            )
        )
        self.stack.setCurrentIndex(0)

    def _say(self, text: str) -> None:
        self.status.setText(text)
        self.status.setVisible(bool(text))
