"""Guest lookup: card swipes (routed by the shell) and type-ahead search by name, room,
phone or card number.

Thin slots: each calls ``GuestService`` through ``AsyncOps`` and renders the answer.
Emits ``card_opened(GuestCardView)`` when a guest's card is ready and
``walk_in_requested(card_number)`` when staff choose to register an unknown card
(offered only to roles that may). A search that finds nobody says so; a typed
loyalty number nobody holds is treated like an unknown swipe. ``set_actor`` forgets
everything of the previous user: text, results, messages and answers still on the way.
In the console the results and the banner float over the page (``float_over``), so
that the page and the rail below keep their places.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence

from PySide6.QtCore import QModelIndex, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QPushButton,
    QScroller,
    QVBoxLayout,
    QWidget,
)

from app.actor import Actor
from app.guest_card import GuestCardView
from app.services.errors import GuestNotFound, MalformedSwipe, PaymentCardSwiped
from app.services.guests import GuestService, GuestSummary
from app.swipe import is_loyalty_card_number, mask_card_number, parse_swipe
from ui.async_ops import AsyncOps
from ui.guest.search_rows import GUEST_ID_ROLE, SearchResultsModel, flag_label
from ui.hint_field import ShorteningHint

__all__ = ["GuestLookupPanel", "flag_label"]

log = logging.getLogger(__name__)

DEBOUNCE_MS = 150
MIN_QUERY = 2
RESULT_LIMIT = 20
VISIBLE_ROWS = 4  # the list scrolls beyond this, so the page below keeps its room


class GuestLookupPanel(QWidget):
    card_opened = Signal(object)  # GuestCardView
    walk_in_requested = Signal(str)  # the unknown card number

    def __init__(self, guests: GuestService, ops: AsyncOps, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("guestLookup")
        self._guests = guests
        self._ops = ops
        self._actor: Actor | None = None
        self._may_register = False
        self._seq = 0  # answers of an older query, or of the previous user, are dropped
        self._unknown_card = ""

        self.search_edit = QLineEdit()
        self.search_edit.setObjectName("guestSearch")
        self.search_edit.setAccessibleName(self.tr("Guest search"))
        # the whole hint where it fits; at 200 % text or in French, fewer words
        self._hint = ShorteningHint(
            self.search_edit,
            [
                self.tr("Search guest by name, room or phone — or swipe a card"),
                self.tr("Name, room, phone — or swipe a card"),
                self.tr("Search or swipe a card"),
            ],
        )
        self.search_edit.textChanged.connect(self._text_changed)
        # A touch-sized Clear beside the field: the field's own clear icon is a speck
        # a finger misses, and the theme's button sizes pushed it out of the field.
        self.clear_button = QPushButton(self.tr("Clear"))
        self.clear_button.setObjectName("clearSearch")
        self.clear_button.clicked.connect(self._clear_and_type)
        # Disabled, never hidden, when there is nothing to clear: a reader's burst shows
        # it and the swipe hid it again, and any show or hide lays out the whole window
        # (about 5 ms of the GUI thread between the swipe and its card).
        self.clear_button.setEnabled(False)
        self.search_edit.returnPressed.connect(self._open_first)

        self.results = SearchResultsModel(self)
        self.results_view = QListView()
        self.results_view.setObjectName("searchResults")
        self.results_view.setAccessibleName(self.tr("Guests found"))
        self.results_view.setModel(self.results)
        self.results_view.setUniformItemSizes(True)
        self.results_view.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.results_view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.results_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        QScroller.grabGesture(
            self.results_view.viewport(), QScroller.ScrollerGestureType.TouchGesture
        )
        self.results_view.clicked.connect(self._result_chosen)
        self.results_view.activated.connect(self._result_chosen)
        self.results_view.hide()

        self.not_found = QFrame()
        self.not_found.setObjectName("cardNotFound")
        self.not_found.setProperty("variant", "panel")
        self.not_found_label = QLabel()
        self.not_found_label.setObjectName("notFoundText")
        self.not_found_label.setProperty("variant", "error")
        self.not_found_label.setWordWrap(True)
        self.walk_in_button = QPushButton(self.tr("Register walk-in"))
        self.walk_in_button.setObjectName("walkInButton")
        self.walk_in_button.setProperty("variant", "primary")
        self.walk_in_button.clicked.connect(self._walk_in)
        dismiss = QPushButton(self.tr("Dismiss"))
        dismiss.setObjectName("dismissNotFound")
        dismiss.clicked.connect(self.not_found.hide)
        nf_layout = QHBoxLayout(self.not_found)
        nf_layout.setContentsMargins(6, 6, 6, 6)
        nf_layout.addWidget(self.not_found_label, 1)
        nf_layout.addWidget(self.walk_in_button)
        nf_layout.addWidget(dismiss)
        self.not_found.hide()

        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(DEBOUNCE_MS)
        self._debounce.timeout.connect(self._search)

        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        search_row = QHBoxLayout()
        search_row.addWidget(self.search_edit, 1)
        search_row.addWidget(self.clear_button)
        self._layout.addLayout(search_row)
        self._layout.addWidget(self.not_found)
        self._layout.addWidget(self.results_view)
        self._overlay_parent: QWidget | None = None

    def float_over(self, parent: QWidget) -> None:
        """The results and the banner become layers of ``parent``, under the search field."""
        self._overlay_parent = parent
        for layer in (self.not_found, self.results_view):
            self._layout.removeWidget(layer)
            layer.setParent(parent)
            layer.hide()

    def place_overlays(self) -> None:
        """Under the search field, over whatever the page shows (called on resize)."""
        parent = self._overlay_parent
        if parent is None:
            return
        origin = self.search_edit.mapTo(parent, self.search_edit.rect().bottomLeft())
        top, width = origin.y() + 4, self.search_edit.width()
        if self.not_found.isVisible():
            height = self.not_found.heightForWidth(width)
            height = max(height, self.not_found.sizeHint().height())
            self.not_found.setGeometry(origin.x(), top, width, height)
            self.not_found.raise_()
            top += height + 4
        if self.results_view.isVisible():
            self.results_view.setGeometry(origin.x(), top, width, self.results_view.height())
            self.results_view.raise_()

    def set_actor(self, actor: Actor | None, *, may_register_walk_ins: bool = False) -> None:
        """A new user (or nobody): nothing of the previous one's search stays."""
        self._actor = actor
        self._may_register = may_register_walk_ins and actor is not None
        self._clear_search()
        self.not_found.hide()
        self._unknown_card = ""

    # -- card swipe --------------------------------------------------------------------

    def lookup_card(self, raw: str) -> None:
        """A swipe (from the shell) or a typed card number."""
        if self._actor is None:
            log.info("card swipe ignored: nobody is signed in")
            return
        self.not_found.hide()
        self._seq += 1  # a newer swipe wins over an older one answering last
        seq = self._seq
        self._ops.run(
            self._guests.lookup_card,
            self._actor,
            raw,
            on_success=lambda view: self._card_found(seq, view),
            on_error=lambda exc: self._card_failed(seq, exc, raw),
            user_waits=True,  # the clocks' repaints wait for the card
        )

    def _card_found(self, seq: int, view: GuestCardView) -> None:
        if seq != self._seq:
            return  # the user changed (or searched again) meanwhile
        self.results_view.hide()
        self.card_opened.emit(view)

    def _card_failed(self, seq: int, exc: BaseException, raw: str) -> bool:
        if seq != self._seq:
            return isinstance(exc, MalformedSwipe | GuestNotFound)
        if isinstance(exc, PaymentCardSwiped):
            self._payment_card()
            return True
        if isinstance(exc, MalformedSwipe):
            log.info("garbled card swipe ignored: %s", exc.problem)
            return True  # a bad read is retried by swiping again: no dialog storm
        if isinstance(exc, GuestNotFound):
            try:
                number = parse_swipe(raw)
            except MalformedSwipe:
                number = ""
            self.show_not_found(number)
            return True
        return False

    def _payment_card(self) -> None:
        # Never a dialog, never the number: say what happened and move on.
        self._show_problem(
            self.tr(
                "That was a payment card: nothing was read or stored. Ask for the loyalty card."
            ),
            walk_in=False,
        )

    def show_not_found(self, card_number: str) -> None:
        self._unknown_card = card_number
        text = self.tr("Card not found ({card}). The guest may be a walk-in.").format(
            card=mask_card_number(card_number) if card_number else "—"
        )
        if not self._may_register:
            text += " " + self.tr("Ask the VIP desk or the guest's host to register them.")
        self._show_problem(text, walk_in=self._may_register)

    def _show_problem(self, text: str, walk_in: bool) -> None:
        self.results_view.hide()
        self.not_found_label.setText(text)
        self.walk_in_button.setVisible(walk_in)
        self.not_found.show()
        self.place_overlays()

    def _walk_in(self) -> None:
        self.not_found.hide()
        self._clear_search()  # the card number typed goes to the walk-in form, not stays here
        self.walk_in_requested.emit(self._unknown_card)

    def _clear_search(self) -> None:
        self._seq += 1
        self._debounce.stop()
        self.search_edit.blockSignals(True)
        self.search_edit.clear()
        self.search_edit.blockSignals(False)
        self.results.set_hits([])
        self.results_view.hide()
        self.clear_button.setEnabled(False)

    def _clear_and_type(self) -> None:
        self._clear_search()
        self.not_found.hide()
        self.search_edit.setFocus()

    # -- search ------------------------------------------------------------------------

    def _text_changed(self, text: str) -> None:
        self.not_found.hide()
        self.clear_button.setEnabled(bool(text))
        if len(text.strip()) < MIN_QUERY:
            self._debounce.stop()
            self._seq += 1
            self.results.set_hits([])
            self.results_view.hide()
            return
        self._debounce.start()

    def _search(self) -> None:
        if self._actor is None:
            return
        self._seq += 1
        seq = self._seq
        text = self.search_edit.text().strip()
        self._ops.run(
            self._guests.search,
            self._actor,
            text,
            RESULT_LIMIT,
            on_success=lambda hits: self._show_hits(seq, text, hits),
        )

    def _show_hits(self, seq: int, text: str, hits: Sequence[GuestSummary]) -> None:
        if seq != self._seq:
            return  # an older query answered late
        self.results.set_hits(hits)
        if hits:
            self.not_found.hide()
            rows = min(len(hits), VISIBLE_ROWS)
            self.results_view.setFixedHeight(rows * self._row_height() + 4)
            self.results_view.show()
            self.place_overlays()
            return
        self.results_view.hide()
        self._nobody(text)

    def _nobody(self, text: str) -> None:
        """Nobody matched: say so, and treat a card number like a swipe."""
        try:
            number = parse_swipe(text)
        except PaymentCardSwiped:
            self._payment_card()
            return
        except MalformedSwipe:
            number = ""
        if number:
            self.show_not_found(number)
            return
        self._show_problem(
            self.tr("No guest matches “{text}”. Check the spelling, or swipe the card.").format(
                text=text
            ),
            walk_in=False,
        )

    def _row_height(self) -> int:
        hint = self.results_view.sizeHintForRow(0)
        return max(hint, 64)

    def _open_first(self) -> None:
        text = self.search_edit.text().strip()
        if is_loyalty_card_number(text.replace(" ", "")):
            self._debounce.stop()
            self.lookup_card(text)
            return
        if self.results.rowCount() > 0:
            self._result_chosen(self.results.index(0))

    def _result_chosen(self, index: QModelIndex) -> None:
        if self._actor is None or not index.isValid():
            return
        guest_id = index.data(GUEST_ID_ROLE)
        seq = self._seq
        self.results_view.hide()
        self._ops.run(
            self._guests.card,
            self._actor,
            guest_id,
            on_success=lambda view: self._card_found(seq, view),
        )
