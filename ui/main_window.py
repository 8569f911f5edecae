"""The main window only assembles: sign-in first, then board + lookup + guest card.

Feature modules (``ui.board``, ``ui.guest``) are imported when the console view is built,
after sign-in, so that the sign-in screen appears as fast as possible.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QLabel,
    QMainWindow,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from app.actor import Actor
from app.clock import Clock, SystemClock
from ui.async_ops import AsyncOps
from ui.contracts import AuthServiceLike, GuestServiceLike
from ui.sign_in import SignInScreen

if TYPE_CHECKING:
    from ui.board.feed import BoardSource
    from ui.board.view import BoardView
    from ui.guest.card_widget import GuestCardWidget
    from ui.guest.lookup import GuestLookupPanel
    from ui.guest.swipe_filter import SwipeFilter

log = logging.getLogger(__name__)

BOARD_RELOAD_MS = 30_000


class MainWindow(QMainWindow):
    signed_out = Signal()

    def __init__(
        self,
        auth: AuthServiceLike,
        guests: GuestServiceLike,
        ops: AsyncOps,
        board_source: BoardSource | None = None,
        clock: Clock | None = None,
        demo_hint: str | None = None,
        swipe_filter: SwipeFilter | None = None,
    ) -> None:
        super().__init__()
        self.setWindowTitle(self.tr("VIP Host Console"))
        self._guests = guests
        self._ops = ops
        self._board_source = board_source
        self._clock = clock or SystemClock()
        self._swipe_filter = swipe_filter
        self.actor: Actor | None = None
        self.board: BoardView | None = None
        self.lookup: GuestLookupPanel | None = None
        self.card: GuestCardWidget | None = None

        self.stack = QStackedWidget()
        self.sign_in = SignInScreen(auth, ops, demo_hint)
        self.sign_in.signed_in.connect(self.open_console)
        self.stack.addWidget(self.sign_in)
        central = QWidget()
        self._column = QVBoxLayout(central)  # banners (sync status) above the stack
        self._column.setContentsMargins(0, 0, 0, 0)
        self._column.setSpacing(0)
        self._column.addWidget(self.stack, 1)
        self.setCentralWidget(central)

        self.who = QLabel()
        self.who.setObjectName("statusWho")
        self.sign_out_button = QPushButton(self.tr("Sign out"))
        self.sign_out_button.setObjectName("signOutButton")
        self.sign_out_button.clicked.connect(self.sign_out)
        self.sign_out_button.hide()
        self.statusBar().addWidget(self.who, 1)
        self.statusBar().addPermanentWidget(self.sign_out_button)
        self.statusBar().setSizeGripEnabled(False)

        self._reload = QTimer(self)
        self._reload.setInterval(BOARD_RELOAD_MS)
        self._reload.timeout.connect(self.reload_board)

    def add_banner(self, banner: QWidget) -> None:
        """A strip above every screen (the sync status), sign-in included."""
        self._column.insertWidget(self._column.count() - 1, banner)

    def open_console(self, actor: Actor) -> None:
        self.actor = actor
        if self.board is None:
            self.stack.addWidget(self._build_console())
        assert self.lookup is not None and self.board is not None
        self.lookup.set_actor(actor)
        self.stack.setCurrentIndex(1)
        self.who.setText(
            self.tr("Signed in: {name} ({staff}) · role: {role} · device: {device}").format(
                name=actor.name or actor.staff_id,
                staff=actor.staff_id,
                role=role_label(actor.role.value),
                device=actor.device_id,
            )
        )
        self.sign_out_button.show()
        if self._swipe_filter is not None:
            self._swipe_filter.enabled = True
        self.board.start()
        self.reload_board()
        self._reload.start()

    def _build_console(self) -> QWidget:
        from PySide6.QtWidgets import QSplitter, QVBoxLayout

        from ui.board.view import BoardView
        from ui.guest.card_widget import GuestCardWidget
        from ui.guest.lookup import GuestLookupPanel

        self.board = BoardView(clock=self._clock)
        self.lookup = GuestLookupPanel(self._guests, self._ops)
        self.card = GuestCardWidget()
        self.lookup.card_opened.connect(self.card.show_card)
        self.lookup.walk_in_requested.connect(self._walk_in_requested)
        self.board.model.sla_refresh_due.connect(self.reload_board)
        if self._swipe_filter is not None:
            self._swipe_filter.swipe_detected.connect(self.lookup.lookup_card)

        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.setHandleWidth(12)
        splitter.setChildrenCollapsible(False)
        splitter.addWidget(self.board)
        splitter.addWidget(self.card)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([1100, 520])

        page = QWidget()
        page.setObjectName("console")
        layout = QVBoxLayout(page)
        layout.addWidget(self.lookup)
        layout.addWidget(splitter, 1)
        return page

    def reload_board(self, *_: Any) -> None:
        if self._board_source is None or self.actor is None or self.board is None:
            return
        board = self.board
        now = self._clock.now()
        self._ops.run(
            self._board_source.rows,
            self.actor,
            now,
            on_success=lambda rows: board.model.set_rows(rows, self._clock.now()),
        )

    def sign_out(self) -> None:
        self.actor = None
        self._reload.stop()
        if self._swipe_filter is not None:
            self._swipe_filter.enabled = False
        if self.board is not None:
            self.board.stop()
        if self.lookup is not None:
            self.lookup.set_actor(None)
        if self.card is not None:
            self.card.clear()
        self.who.setText("")
        self.sign_out_button.hide()
        self.stack.setCurrentIndex(0)
        self.signed_out.emit()

    def _walk_in_requested(self, card_number: str) -> None:
        log.info("walk-in registration requested for card …%s", card_number[-4:])
        self.statusBar().showMessage(self.tr("Walk-in registration is not available yet."), 5000)


def role_label(role: str) -> str:
    from PySide6.QtCore import QCoreApplication

    labels = {
        "host": QCoreApplication.translate("roles", "Host"),
        "pit_boss": QCoreApplication.translate("roles", "Pit boss"),
        "vip_desk": QCoreApplication.translate("roles", "VIP desk"),
        "concierge": QCoreApplication.translate("roles", "Concierge"),
    }
    return labels.get(role, role)
