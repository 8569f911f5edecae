"""The VIP desk's page: the guest identified (swipe, phone, name in the search bar above),
their card with the code-word check, *Open request* and *Register walk-in*.

The request form takes the card's place while it is open. A request is routed by the
core to the guest's host, who gets an alert. Walk-ins have a page of their own
(``ui.desk.walk_in``), reached from here or from the card-not-found banner.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from app.domain import Incident
from app.guest_card import GuestCardView
from ui.desk.request_form import RequestForm
from ui.guest.card_panel import guest_card_for
from ui.guest.card_widget import GuestCardWidget
from ui.guest.code_word import CodeWordCheck
from ui.incident.labels import incident_ticket
from ui.shell.pages import PageDefaults, PageEnv


class DeskPage(QWidget, PageDefaults):
    def __init__(self, env: PageEnv, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("deskPage")
        self._env, self._actor = env, env.actor
        self.current: GuestCardView | None = None
        self.new_walk_in = QPushButton(self.tr("Register walk-in"))
        self.new_walk_in.setObjectName("newWalkIn")
        self.new_walk_in.clicked.connect(lambda: env.nav.start_walk_in(""))
        self.open_request = QPushButton(self.tr("Open request"))
        self.open_request.setObjectName("openRequestButton")
        self.open_request.setProperty("variant", "primary")
        self.open_request.setEnabled(False)
        self.open_request.clicked.connect(self._start_request)
        actions = QHBoxLayout()
        actions.addWidget(self.open_request)
        actions.addWidget(self.new_walk_in)
        actions.addStretch(1)
        self.status = QLabel()
        self.status.setObjectName("deskStatus")
        self.status.setProperty("variant", "info")
        self.status.setWordWrap(True)
        self.status.hide()

        self.card = guest_card_for(env)
        self.code_word = CodeWordCheck(env.services.guests, env.ops)
        card_page = QWidget()
        card_box = QVBoxLayout(card_page)
        card_box.setContentsMargins(0, 0, 0, 0)
        card_box.addWidget(self.code_word)
        card_box.addWidget(self.card, 1)
        self.stack = QStackedWidget()
        self.request = RequestForm(env.services.incidents, env.ops)
        self.request.opened.connect(self._request_opened)
        self.request.cancelled.connect(lambda: self.stack.setCurrentIndex(0))
        self.stack.addWidget(card_page)
        self.stack.addWidget(self.request)
        self.action_bar = QWidget()
        self.action_bar.setLayout(actions)
        actions.setContentsMargins(0, 0, 0, 0)
        self.stack.currentChanged.connect(lambda index: self.action_bar.setVisible(index == 0))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 0, 0, 0)
        layout.addWidget(self.action_bar)
        layout.addWidget(self.status)
        layout.addWidget(self.stack, 1)

    def guest_card(self) -> GuestCardWidget:
        return self.card

    def show_guest(self, view: GuestCardView) -> None:
        self.current = view
        self.card.show_card(view, self._env.clock.now().date())
        self.code_word.set_guest(self._actor, view.guest.id, on_file=view.can_verify_code_word)
        self.open_request.setEnabled(True)
        self.stack.setCurrentIndex(0)

    def _start_request(self) -> None:
        if self.current is None:
            return
        self.request.start(self._actor, self.current.guest.id, self.current.guest.display_name)
        self.stack.setCurrentIndex(1)

    def _request_opened(self, incident: Incident) -> None:
        host = self._env.host_names(incident.owner_id) if incident.owner_id else "—"
        self._say(
            self.tr("Request {ticket} opened and routed to {host}.").format(
                ticket=incident_ticket(incident), host=host
            )
        )
        self.stack.setCurrentIndex(0)
        self._env.nav.reload_board()  # on the board now, not at its next 30-s reload

    def _say(self, text: str) -> None:
        self.status.setText(text)
        self.status.setVisible(bool(text))
