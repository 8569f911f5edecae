"""The guest preference card: banners first, then who the guest is and what they like.

Renders a ``CardView`` (the core's redacted guest plus what the actor may see). A field
the actor may not see is simply absent: no label, no "None".
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal
from typing import Any

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QScroller,
    QVBoxLayout,
    QWidget,
)

from app.compliance.rg import HELP_RESOURCES
from app.domain import Incident
from app.domain.guest import ItineraryItem
from app.permissions import GuestCardView
from app.permissions import GuestField as F
from app.services.guests import PagingKind
from app.swipe import mask_card_number
from ui.board.model import category_label, status_label
from ui.guest.paging_bar import PagingBar, PagingRequest
from ui.incident.labels import incident_ticket
from ui.locale_format import format_date, format_datetime, format_money


class GuestCardWidget(QScrollArea):
    """Shows one guest's card; ``show_card(view, today)`` replaces the content.

    With ``actions`` (the default) and a role that may page, the card offers *Page
    guest* and *Announce*: disabled, with the reason shown, for a quiet-visit guest
    (SPEC §3). A tap goes through the service given to ``enable_paging`` (which
    refuses a quiet visit again and audits the request); the signals follow its
    answer. A read-only card (the concierge's) has no action at all. The itinerary
    is masked until *Reveal itinerary* is tapped; the reveal goes through the service
    given to ``enable_reveal`` (audited there) and only its answer is shown.
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
        self._trip: _Section | None = None
        self.setObjectName("guestCard")
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        # Never sideways: the card wraps to its width (a banner cut on the right is missed).
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        QScroller.grabGesture(self.viewport(), QScroller.ScrollerGestureType.TouchGesture)
        self.view: GuestCardView | None = None
        self._empty()

    def _empty(self) -> None:
        body = QWidget()
        layout = QVBoxLayout(body)
        hint = QLabel(self.tr("Swipe a card or search for a guest."))
        hint.setProperty("variant", "subtle")
        hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        hint.setWordWrap(True)
        layout.addWidget(hint)
        self.setWidget(body)

    def clear(self) -> None:
        self.view = None
        self._empty()

    def enable_reveal(self, ops: Any, reveal: Callable[[str], tuple[ItineraryItem, ...]]) -> None:
        """``reveal(guest_id)`` runs off the GUI thread (``ops``) and audits the reveal."""
        self._ops, self._reveal = ops, reveal

    def enable_paging(self, ops: Any, request: PagingRequest) -> None:
        """``request(guest_id, kind)`` runs off the GUI thread (``ops``) and audits it."""
        self._ops, self._page = ops, request

    def show_card(self, view: GuestCardView, today: date | None = None) -> None:
        self.view = view
        today = today or date.today()
        g = view.guest
        body = _Body()
        body.setObjectName("guestCardBody")
        layout = QVBoxLayout(body)
        layout.setSpacing(10)
        self._banners_shown = self._banners(view, today)
        for banner in self._banners_shown:
            layout.addWidget(banner)
        layout.addLayout(self._header(view))
        self.page_button = self.announce_button = self.reveal_button = None
        self._trip = None
        if self._actions and view.can_page and self._page is not None:
            layout.addWidget(self._action_bar(view, self._page))

        identity = _Section(self.tr("Guest"))
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
                ", ".join(c.value for c in g.preferred_channels),
            ),
            (F.ROOM, self.tr("Room"), g.room),
            (F.PHONE, self.tr("Phone"), g.phone),
            (F.CARD_NUMBER, self.tr("Card"), mask(g.card_number)),
        ):
            if value and view.shows(field_name):
                identity.add(label, value)
        if view.code_word_on_file and view.can_verify_code_word:
            identity.add(self.tr("Code word"), self.tr("on file: ask the guest, never say it"))
        layout.addWidget(identity)

        p = g.preferences
        prefs = _Section(self.tr("Preferences"))
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
        if not prefs.empty:
            layout.addWidget(prefs)

        travel = p.travel
        if view.shows(F.TRAVEL_RISK):
            risk = _Section(self.tr("Travel risk profile"))
            if travel.documents:
                risk.add(self.tr("Documents"), ", ".join(travel.documents))
            if travel.visas:
                risk.add(self.tr("Visas"), ", ".join(travel.visas))
            if travel.insurance:
                risk.add(self.tr("Insurance"), travel.insurance)
            if travel.cash_limit is not None:
                risk.add(self.tr("Cash limit"), money(travel.cash_limit, g.currency))
            if not risk.empty:
                layout.addWidget(risk)

        box = _Section(self.tr("Limits and value"))
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
        if not box.empty:
            layout.addWidget(box)

        if g.itinerary and view.shows(F.ITINERARY):
            # Masked by default: dates and places appear only after an audited reveal.
            self._trip = _Section(self.tr("Itinerary"))
            self._trip.add("", self.tr("Itinerary and dates are masked."))
            if self._reveal is not None:
                button = QPushButton(self.tr("Reveal itinerary"))
                button.setObjectName("revealItinerary")
                button.clicked.connect(self._reveal_itinerary)
                self._trip.form.addRow(button)
                self.reveal_button = button
            layout.addWidget(self._trip)

        # Staff offer these when they see risk; first thing on a self-excluded guest's card.
        help_section = self._help_section()
        if view.incentives_blocked:
            layout.insertWidget(len(self._banners_shown), help_section)
        else:
            layout.addWidget(help_section)

        history = _Section(self.tr("Incident history"))
        for incident in view.incidents:
            history.add(incident_ticket(incident), incident_line(incident))
        if history.empty:
            history.add("", self.tr("No incidents on file."))
        layout.addWidget(history)
        layout.addStretch(1)
        self.setWidget(body)

    def _action_bar(self, view: GuestCardView, request: PagingRequest) -> PagingBar:
        bar = PagingBar(view, self._ops, request)
        self.page_button, self.announce_button = bar.page_button, bar.announce_button
        bar.requested.connect(self._paging_recorded)
        return bar

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
        if self.view is None or self.view.guest.id != guest_id or self._trip is None:
            return
        form = self._trip.form
        while form.rowCount():
            form.removeRow(0)
        self.reveal_button = None
        for item in items:
            when = format_datetime(item.starts_at)
            self._trip.add(when, f"{item.kind}: {item.detail}")
        if not items:
            self._trip.add("", self.tr("No itinerary on file."))
        self.itinerary_revealed.emit(guest_id)

    def _host_name(self, host_id: str) -> str:
        return self._host_names(host_id) if self._host_names else host_id

    # -- pieces ------------------------------------------------------------------------

    def _help_section(self) -> QFrame:
        section = _Section(self.tr("Gambling help to offer"))
        section.setObjectName("rgHelp")
        for resource in HELP_RESOURCES:
            # The address as said to a guest: a narrow card cannot break "https://www.…".
            url = resource.url.removeprefix("https://").removeprefix("www.")
            contact = " · ".join(part for part in (resource.phone, url) if part)
            line = QLabel(f"{resource.name}: {contact}" if contact else resource.name)
            line.setWordWrap(True)
            line.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            section.form.addRow(line)  # one full-width line per resource
        return section

    def _banners(self, view: GuestCardView, today: date) -> list[QLabel]:
        g = view.guest
        banners: list[QLabel] = []
        if view.quiet_visit:
            rules = []
            if not view.paging_allowed:
                rules.append(self.tr("no public paging or announcements"))
            if g.quiet.no_camera_press:
                rules.append(self.tr("no camera / press"))
            if g.quiet.host_only_contact:
                rules.append(self.tr("contact through the host only"))
            if g.quiet.private_corridors:
                rules.append(self.tr("private corridors and lifts"))
            text = self.tr("QUIET VISIT") + (" — " + "; ".join(rules) if rules else "")
            banners.append(_banner(text, "banner-quiet", "quietBanner"))
        if g.rg.self_excluded:
            text = self.tr("SELF-EXCLUDED — no play incentives (no free play, no bonus play).")
            banners.append(_banner(text, "banner-rg", "rgBanner"))
        elif view.incentives_blocked and g.rg.cooling_off_until is not None:
            until = format_date(g.rg.cooling_off_until)
            text = self.tr("COOLING-OFF until {date} — no play incentives.").format(date=until)
            banners.append(_banner(text, "banner-rg", "rgBanner"))
        return banners

    def _header(self, view: GuestCardView) -> QHBoxLayout:
        g = view.guest
        row = QHBoxLayout()
        name = QLabel(g.display_name)
        name.setObjectName("guestName")
        name.setProperty("variant", "title")
        name.setWordWrap(True)
        name.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        tier = QLabel(g.tier.value)
        tier.setObjectName("tierBadge")
        tier.setProperty("variant", f"tier-{g.tier.value}")
        tier.setAlignment(Qt.AlignmentFlag.AlignCenter)
        tier.ensurePolished()
        tier.setMinimumWidth(tier.sizeHint().width())  # the name wraps, the badge stays whole
        row.addWidget(name, 1)
        row.addWidget(tier, 0, Qt.AlignmentFlag.AlignTop)
        return row

    def texts(self) -> list[str]:
        """Every piece of text on the card (for tests and accessibility checks)."""
        body = self.widget()
        return [label.text() for label in body.findChildren(QLabel)] if body else []


class _Section(QFrame):
    """A titled panel of label/value rows."""

    def __init__(self, title: str) -> None:
        super().__init__()
        self.setProperty("variant", "panel")
        outer = QVBoxLayout(self)
        heading = QLabel(title)
        heading.setProperty("variant", "section")
        heading.setWordWrap(True)  # a long title (French) on a narrow card: never cut
        outer.addWidget(heading)
        self.form = QFormLayout()
        self.form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.form.setHorizontalSpacing(16)
        outer.addLayout(self.form)
        self.empty = True

    def add(self, label: str, value: str) -> None:
        key = QLabel(label)
        key.setProperty("variant", "subtle")
        key.setWordWrap(True)
        text = QLabel(value)
        text.setProperty("variant", "value")
        text.setWordWrap(True)
        text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.form.addRow(key, text)
        self.empty = False


class _Body(QWidget):
    """The card's content: as narrow as its scroll area, whatever the longest line wants
    (labels wrap; nothing is cut on the right)."""

    def minimumSizeHint(self) -> QSize:  # noqa: N802
        return QSize(0, super().minimumSizeHint().height())


def _banner(text: str, variant: str, name: str) -> QLabel:
    label = QLabel(text)
    label.setObjectName(name)
    label.setProperty("variant", variant)
    label.setWordWrap(True)
    return label


def mask(card_number: str) -> str:
    return mask_card_number(card_number) if card_number else ""


def money(value: Decimal | None, currency: str) -> str:
    return "" if value is None else format_money(value, currency)


def incident_line(incident: Incident) -> str:
    when = format_date(incident.opened_at.astimezone().date())
    parts = [
        incident.priority.value,
        category_label(incident.category),
        status_label(incident.status),
        when,
    ]
    return " · ".join(parts)
