"""The guest preference card: banners first, then who the guest is and what they like.

Renders a ``CardView`` (the core's redacted guest plus what the actor may see). A field
the actor may not see is simply absent: no label, no "None".
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, Qt, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QScroller,
    QVBoxLayout,
    QWidget,
)

from app.domain.guest import ItineraryItem
from app.guest_card import GuestCardView
from app.permissions import GuestField as F
from app.services.guests import PagingKind
from ui.guest.card_banners import CardBanners, help_section
from ui.guest.card_sections import (
    CardBody,
    CardSection,
    incident_line,
    mask,
    money,
    visible_texts,
)
from ui.guest.paging_bar import PagingBar, PagingRequest
from ui.incident.labels import channel_label, incident_ticket
from ui.locale_format import format_datetime


class GuestCardWidget(QScrollArea):
    """Shows one guest's card; ``show_card(view, today)`` fills it with that guest.

    With ``actions`` (the default) and a role that may page, the card offers *Page
    guest* and *Announce*: disabled, with the reason shown, for a quiet-visit guest
    (SPEC §3). A tap goes through the service given to ``enable_paging`` (which
    refuses a quiet visit again and audits the request); the signals follow its
    answer. A read-only card (the concierge's) has no action at all. The itinerary
    is masked until *Reveal itinerary* is tapped; the reveal goes through the service
    given to ``enable_reveal`` (audited there) and only its answer is shown.

    The card's widgets are built once and filled again on every swipe (a swipe is
    painted within a frame): what one guest showed and the next does not is hidden.
    """

    page_requested = Signal(str)  # guest id
    announce_requested = Signal(str)  # guest id
    itinerary_revealed = Signal(str)  # guest id

    def __init__(
        self,
        host_names: Callable[[str], str] | None = None,
        parent: QWidget | None = None,
        *,
        actions: bool = True,
    ) -> None:
        super().__init__(parent)
        self._host_names = host_names
        self._actions = actions
        self._ops: Any = None
        self._reveal: Callable[[str], tuple[ItineraryItem, ...]] | None = None
        self._page: PagingRequest | None = None
        self.page_button: QPushButton | None = None
        self.announce_button: QPushButton | None = None
        self.reveal_button: QPushButton | None = None
        self._bar: PagingBar | None = None
        self._reveal_row: QPushButton | None = None
        self._tier_badges: dict[str, QLabel] = {}
        self.setObjectName("guestCard")
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        # Never sideways: the card wraps to its width (a banner cut on the right is missed).
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        QScroller.grabGesture(self.viewport(), QScroller.ScrollerGestureType.TouchGesture)
        self.view: GuestCardView | None = None
        self._hint = self._empty_body()
        self._body = self._card_body()
        self.setWidget(self._hint)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt API
        super().resizeEvent(event)
        if event.size().width() != event.oldSize().width() and self.widget() is self._body:
            # Narrower, the labels wrap to more lines: the rows built once must be laid
            # out again for the new width, or their text is cut at the old heights.
            self._layout.invalidate()
            QCoreApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)  # inner first
            QCoreApplication.sendEvent(self, QEvent(QEvent.Type.LayoutRequest))

    def _empty_body(self) -> QWidget:
        body = QWidget()
        layout = QVBoxLayout(body)
        hint = QLabel(self.tr("Swipe a card or search for a guest."))
        hint.setProperty("variant", "subtle")
        hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        hint.setWordWrap(True)
        layout.addWidget(hint)
        return body

    def _card_body(self) -> CardBody:
        body = CardBody()
        body.setObjectName("guestCardBody")
        self._layout = layout = QVBoxLayout(body)
        layout.setSpacing(10)
        self._banners = CardBanners()
        layout.addWidget(self._banners.quiet)
        layout.addWidget(self._banners.rg)
        self._name, self._tier = QLabel(), QLabel()
        self._header_row = self._header(self._name, self._tier)
        layout.addLayout(self._header_row)
        self._identity = CardSection(self.tr("Guest"))
        self._prefs = CardSection(self.tr("Preferences"))
        self._risk = CardSection(self.tr("Travel risk profile"))
        self._limits = CardSection(self.tr("Limits and value"))
        self._trip = CardSection(self.tr("Itinerary"))
        self._help = help_section()
        self._history = CardSection(self.tr("Incident history"))
        self._sections = (self._identity, self._prefs, self._risk, self._limits, self._trip)
        for section in self._sections:
            layout.addWidget(section)
        layout.addWidget(self._help)
        layout.addWidget(self._history)
        layout.addStretch(1)
        return body

    def _show_body(self, body: QWidget) -> None:
        """The hint or the card: the one not shown is kept, not deleted."""
        if self.widget() is not body:
            self.takeWidget()
            self.setWidget(body)

    def clear(self) -> None:
        self.view = None
        self._show_body(self._hint)

    def enable_reveal(self, ops: Any, reveal: Callable[[str], tuple[ItineraryItem, ...]]) -> None:
        """``reveal(guest_id)`` runs off the GUI thread (``ops``) and audits the reveal."""
        self._ops, self._reveal = ops, reveal

    def enable_paging(self, ops: Any, request: PagingRequest) -> None:
        """``request(guest_id, kind)`` runs off the GUI thread (``ops``) and audits it."""
        self._ops, self._page = ops, request

    def show_card(self, view: GuestCardView, today: date | None = None) -> None:
        self.view = view
        # Off while the card is filled: Qt lays out every visible ancestor again, at
        # once, each time a child is shown (a section, a banner). One layout at the end.
        self._layout.setEnabled(False)
        try:
            self._size_hidden_sections()
            self._fill(view, today or date.today())
        finally:
            self._layout.setEnabled(True)
        self._show_body(self._body)
        # Sized now, as setWidget did, not on a later turn of the loop: a shorter guest
        # after a longer one would be painted once at the old height.
        self._layout.invalidate()
        QCoreApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)  # inner first
        QCoreApplication.sendEvent(self, QEvent(QEvent.Type.LayoutRequest))
        self.verticalScrollBar().setValue(0)  # a new guest reads from the top

    def _size_hidden_sections(self) -> None:
        """A hidden section keeps the width it had when it was hidden (or none): given
        the card's now (its guest section's, always shown), a section shown again lays
        its rows out once, at the width they will have, not first at the old one."""
        shown = self._identity
        for section in (*self._sections[1:], self._help, self._history):
            if section.isHidden() and section.width() != shown.width():
                section.resize(shown.width(), section.height())
                section.rows.resize(shown.rows.width(), section.rows.height())

    def _fill(self, view: GuestCardView, today: date) -> None:
        self._banners.show_for(view, today)
        self._fill_header(view)
        self.page_button = self.announce_button = None
        self._show_actions(view)
        self._fill_identity(view)
        self._fill_preferences(view)
        self._fill_limits(view)
        self._fill_trip(view)
        # Staff offer these when they see risk; first thing on a self-excluded guest's card.
        help_at = self._layout.indexOf(self._banners.rg) + 1 if view.incentives_blocked else None
        if help_at is None:
            help_at = self._layout.indexOf(self._history) - 1  # once it is taken out
        if self._layout.indexOf(self._help) != help_at:
            self._layout.removeWidget(self._help)
            self._layout.insertWidget(help_at, self._help)
        self._history.begin()
        for incident in view.incidents:
            self._history.add(incident_ticket(incident), incident_line(incident))
        if self._history.empty:
            self._history.add("", self.tr("No incidents on file."))
        self._history.finish()

    def _show_actions(self, view: GuestCardView) -> None:
        wanted = self._actions and view.can_page and self._page is not None
        if wanted and self._bar is None and self._page is not None:
            self._bar = PagingBar(view, self._ops, self._page)
            self._bar.requested.connect(self._paging_recorded)
            header_at = self._layout.indexOf(self._identity)
            self._layout.insertWidget(header_at, self._bar)
            self._bar.show()
        if self._bar is None:
            return
        self._bar.setVisible(wanted)
        if wanted:
            self._bar.show_for(view)
            bar = self._bar
            self.page_button, self.announce_button = bar.page_button, bar.announce_button

    def _fill_identity(self, view: GuestCardView) -> None:
        g = view.guest
        identity = self._identity
        identity.begin()
        if view.shows(F.NAME) and g.name != g.display_name:
            identity.add(self.tr("Name"), g.name)  # the host of a quiet-visit guest
        if g.host_id and view.shows(F.HOST):
            identity.add(self.tr("Host"), self._host_name(g.host_id))
        for field_name, label, value in (
            (F.LANGUAGES, self.tr("Languages"), ", ".join(g.languages)),
            (F.CURRENCY, self.tr("Currency"), g.currency),
            (
                F.PREFERRED_CHANNELS,
                self.tr("Channels"),
                ", ".join(channel_label(c) for c in g.preferred_channels),
            ),
            (F.ROOM, self.tr("Room"), g.room),
            (F.PHONE, self.tr("Phone"), g.phone),
            (F.CARD_NUMBER, self.tr("Card"), mask(g.card_number)),
        ):
            if value and view.shows(field_name):
                identity.add(label, value)
        if view.code_word_on_file and view.can_verify_code_word:
            identity.add(self.tr("Code word"), self.tr("on file: ask the guest, never say it"))
        identity.finish()
        identity.show()  # the guest's section is always there, as its title says who

    def _fill_preferences(self, view: GuestCardView) -> None:
        p = view.guest.preferences
        prefs = self._prefs
        prefs.begin()
        for field_name, label, values in (
            (F.DRINKS, self.tr("Drinks"), p.drinks),
            (F.MEALS, self.tr("Meals"), p.meals),
            (F.ROOM_PREFERENCES, self.tr("Rooms"), p.rooms),
            (F.TABLES_GAMES, self.tr("Tables / games"), p.tables_games),
            (F.COMMUNICATION, self.tr("Communication"), p.communication),
            (F.TRANSFERS, self.tr("Transfers"), p.transfers),
        ):
            if values and view.shows(field_name):
                prefs.add(label, ", ".join(values))
        prefs.finish()
        travel, risk = p.travel, self._risk
        risk.begin()
        if view.shows(F.TRAVEL_RISK):
            if travel.documents:
                risk.add(self.tr("Documents"), ", ".join(travel.documents))
            if travel.visas:
                risk.add(self.tr("Visas"), ", ".join(travel.visas))
            if travel.insurance:
                risk.add(self.tr("Insurance"), travel.insurance)
            if travel.cash_limit is not None:
                risk.add(self.tr("Cash limit"), money(travel.cash_limit, view.guest.currency))
        risk.finish()

    def _fill_limits(self, view: GuestCardView) -> None:
        g, box = view.guest, self._limits
        box.begin()
        for field_name, label, amount in (
            (F.TABLE_LIMIT, self.tr("Table limit"), g.table_limit),
            (F.CREDIT_LINE, self.tr("Credit line"), g.credit_line),
            (F.ADT, self.tr("ADT"), g.adt),
            (F.THEO, self.tr("Theo (this trip)"), g.theo),
        ):
            if amount is not None and view.shows(field_name):
                box.add(label, money(amount, g.currency))
        limits = g.rg.limits
        if view.shows(F.PERSONAL_LIMITS):
            if limits.time_per_day_minutes:
                box.add(
                    self.tr("Personal time limit"),
                    self.tr("{m} min a day").format(m=limits.time_per_day_minutes),
                )
            if limits.bankroll_per_visit:
                box.add(
                    self.tr("Personal bankroll limit"),
                    money(limits.bankroll_per_visit, g.currency),
                )
        box.finish()

    def _fill_trip(self, view: GuestCardView) -> None:
        """Masked by default: dates and places appear only after an audited reveal."""
        trip = self._trip
        trip.begin()
        self.reveal_button = None
        if view.guest.itinerary and view.shows(F.ITINERARY):
            trip.add("", self.tr("Itinerary and dates are masked."))
            if self._reveal is not None:
                if self._reveal_row is None:
                    self._reveal_row = QPushButton(self.tr("Reveal itinerary"))
                    self._reveal_row.setObjectName("revealItinerary")
                    self._reveal_row.clicked.connect(self._reveal_itinerary)
                    trip.add_widget(self._reveal_row)
                    self._reveal_row.show()
                self._reveal_row.setEnabled(True)
                self.reveal_button = self._reveal_row
        wanted = self.reveal_button is not None
        if self._reveal_row is not None and self._reveal_row.isHidden() == wanted:
            self._reveal_row.setVisible(wanted)  # only on a change: it lays the card out again
        trip.finish()

    def _paging_recorded(self, guest_id: str, kind: str) -> None:
        done = self.page_requested if kind == PagingKind.PAGE.value else self.announce_requested
        done.emit(guest_id)

    def _reveal_itinerary(self) -> None:
        view, reveal = self.view, self._reveal
        if view is None or reveal is None:
            return
        guest_id = view.guest.id
        self._ops.run(
            reveal,
            guest_id,
            on_success=lambda items: self.show_itinerary(guest_id, items),
            busy=self.reveal_button,
        )

    def show_itinerary(self, guest_id: str, items: tuple[ItineraryItem, ...]) -> None:
        """The revealed itinerary, in place of the mask (ignored if the card changed)."""
        if self.view is None or self.view.guest.id != guest_id or self._trip.isHidden():
            return
        self._trip.begin()
        if self._reveal_row is not None:
            self._reveal_row.hide()
        self.reveal_button = None
        for item in items:
            when = format_datetime(item.starts_at)
            self._trip.add(when, f"{item.kind}: {item.detail}")
        if not items:
            self._trip.add("", self.tr("No itinerary on file."))
        self._trip.finish()
        self.itinerary_revealed.emit(guest_id)

    def _host_name(self, host_id: str) -> str:
        return self._host_names(host_id) if self._host_names else host_id

    # -- pieces ------------------------------------------------------------------------

    def _header(self, name: QLabel, tier: QLabel) -> QHBoxLayout:
        row = QHBoxLayout()
        name.setObjectName("guestName")
        name.setProperty("variant", "title")
        name.setWordWrap(True)
        name.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        row.addWidget(name, 1)
        row.addWidget(tier, 0, Qt.AlignmentFlag.AlignTop)
        return row

    def _fill_header(self, view: GuestCardView) -> None:
        """The name in place and the tier's badge shown: one badge a tier, made on its
        first guest and measured then (its style sheet sizes it), kept for the next."""
        g = view.guest
        self._name.setText(g.display_name)
        tier = self._tier_badges.get(g.tier.value)
        if tier is None:
            tier = self._tier_badges[g.tier.value] = QLabel(g.tier.value)
            tier.setObjectName("tierBadge")
            tier.setProperty("variant", f"tier-{g.tier.value}")
            tier.setAlignment(Qt.AlignmentFlag.AlignCenter)
            tier.ensurePolished()
            tier.setMinimumWidth(tier.sizeHint().width())  # the name wraps, the badge stays whole
            self._header_row.addWidget(tier, 0, Qt.AlignmentFlag.AlignTop)
            tier.hide()
        if tier is not self._tier:
            self._tier.hide()
            tier.show()
            self._tier = tier

    def texts(self) -> list[str]:
        """Every piece of text the card shows (for tests and accessibility checks)."""
        return visible_texts(self._body if self.view is not None else self._hint)
