"""Guest lookup: card swipes (from ``SwipeFilter``) and type-ahead search by name or phone.

Thin slots: each calls ``GuestService`` through ``AsyncOps`` and renders the answer.
Emits ``card_opened(GuestCardView)`` when a guest's card is ready and
``walk_in_requested(card_number)`` when staff choose to register an unknown card.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.actor import Actor
from app.permissions import GuestCardView
from app.services.guests import GuestSummary
from app.swipe import mask_card_number, parse_swipe
from ui.async_ops import AsyncOps
from ui.contracts import (
    GuestNotFound,
    GuestServiceLike,
    MalformedSwipe,
    PaymentCardSwiped,
    SearchHit,
    as_search_hit,
)

log = logging.getLogger(__name__)

DEBOUNCE_MS = 150
MIN_QUERY = 2
RESULT_LIMIT = 20
GUEST_ID_ROLE = Qt.ItemDataRole.UserRole + 1

_Index = QModelIndex | QPersistentModelIndex


def flag_label(flag: str) -> str:
    labels = {
        "quiet_visit": QCoreApplication.translate("flags", "Quiet visit"),
        "self_excluded": QCoreApplication.translate("flags", "SELF-EXCLUDED"),
        "cooling_off": QCoreApplication.translate("flags", "Cooling-off"),
    }
    return labels.get(flag, flag.replace("_", " "))


class SearchResultsModel(QAbstractListModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._hits: list[SearchHit] = []

    def set_hits(self, hits: Sequence[SearchHit]) -> None:
        self.beginResetModel()
        self._hits = list(hits)
        self.endResetModel()

    def hit(self, row: int) -> SearchHit:
        return self._hits[row]

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._hits)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        hit = self._hits[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            parts = [hit.display_name, hit.tier.value, *(flag_label(f) for f in hit.flags)]
            if hit.detail:
                parts.append(hit.detail)
            return "   ·   ".join(parts)
        if role == GUEST_ID_ROLE:
            return hit.guest_id
        return None


class GuestLookupPanel(QWidget):
    card_opened = Signal(object)  # GuestCardView
    walk_in_requested = Signal(str)  # the unknown card number

    def __init__(self, guests: GuestServiceLike, ops: AsyncOps, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("guestLookup")
        self._guests = guests
        self._ops = ops
        self._actor: Actor | None = None
        self._search_seq = 0
        self._unknown_card = ""

        self.search_edit = QLineEdit()
        self.search_edit.setObjectName("guestSearch")
        self.search_edit.setPlaceholderText(
            self.tr("Search guest by name or phone — or swipe a card")
        )
        self.search_edit.setClearButtonEnabled(True)
        self.search_edit.textChanged.connect(self._text_changed)
        self.search_edit.returnPressed.connect(self._open_first)

        self.results = SearchResultsModel(self)
        self.results_view = QListView()
        self.results_view.setObjectName("searchResults")
        self.results_view.setModel(self.results)
        self.results_view.setUniformItemSizes(True)
        self.results_view.clicked.connect(self._result_chosen)
        self.results_view.activated.connect(self._result_chosen)
        self.results_view.hide()

        self.not_found = QFrame()
        self.not_found.setObjectName("cardNotFound")
        self.not_found.setProperty("variant", "panel")
        self.not_found_label = QLabel()
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
        nf_layout.addWidget(self.not_found_label, 1)
        nf_layout.addWidget(self.walk_in_button)
        nf_layout.addWidget(dismiss)
        self.not_found.hide()

        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(DEBOUNCE_MS)
        self._debounce.timeout.connect(self._search)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.search_edit)
        layout.addWidget(self.not_found)
        layout.addWidget(self.results_view)

    def set_actor(self, actor: Actor | None) -> None:
        self._actor = actor

    # -- card swipe --------------------------------------------------------------------

    def lookup_card(self, raw: str) -> None:
        """Slot for ``SwipeFilter.swipe_detected``."""
        if self._actor is None:
            log.info("card swipe ignored: nobody is signed in")
            return
        self.not_found.hide()
        self._ops.run(
            self._guests.lookup_card,
            self._actor,
            raw,
            on_success=self._card_found,
            on_error=lambda exc: self._card_failed(exc, raw),
        )

    def _card_found(self, view: GuestCardView) -> None:
        self.results_view.hide()
        self.card_opened.emit(view)

    def _card_failed(self, exc: BaseException, raw: str) -> bool:
        if isinstance(exc, PaymentCardSwiped):
            # Never a dialog, never the number: say what happened and move on.
            self._show_problem(
                self.tr(
                    "That was a payment card: nothing was read or stored. Ask for the loyalty card."
                ),
                walk_in=False,
            )
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

    def show_not_found(self, card_number: str) -> None:
        self._unknown_card = card_number
        self._show_problem(
            self.tr("Card not found ({card}). The guest may be a walk-in.").format(
                card=mask_card_number(card_number) if card_number else "—"
            ),
            walk_in=True,
        )

    def _show_problem(self, text: str, walk_in: bool) -> None:
        self.not_found_label.setText(text)
        self.walk_in_button.setVisible(walk_in)
        self.not_found.show()

    def _walk_in(self) -> None:
        self.not_found.hide()
        self.walk_in_requested.emit(self._unknown_card)

    # -- search ------------------------------------------------------------------------

    def _text_changed(self, text: str) -> None:
        if len(text.strip()) < MIN_QUERY:
            self._debounce.stop()
            self._search_seq += 1
            self.results.set_hits([])
            self.results_view.hide()
            return
        self._debounce.start()

    def _search(self) -> None:
        if self._actor is None:
            return
        self._search_seq += 1
        seq = self._search_seq
        text = self.search_edit.text().strip()
        self._ops.run(
            self._guests.search,
            self._actor,
            text,
            RESULT_LIMIT,
            on_success=lambda hits: self._show_hits(seq, hits),
        )

    def _show_hits(self, seq: int, hits: Sequence[GuestSummary]) -> None:
        if seq != self._search_seq:
            return  # an older query answered late
        self.results.set_hits([as_search_hit(h) for h in hits])
        self.results_view.setVisible(bool(hits))

    def _open_first(self) -> None:
        if self.results.rowCount() > 0:
            self._result_chosen(self.results.index(0))

    def _result_chosen(self, index: QModelIndex) -> None:
        if self._actor is None or not index.isValid():
            return
        guest_id = index.data(GUEST_ID_ROLE)
        self._ops.run(self._guests.card, self._actor, guest_id, on_success=self._card_found)


def _digits(raw: str) -> str:
    return "".join(ch for ch in raw if ch.isdigit())
