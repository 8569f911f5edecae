"""The guest preference card: banners first, then who the guest is and what they like.

Renders a ``CardView`` (the core's redacted guest plus what the actor may see). A field
the actor may not see is simply absent: no label, no "None".
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from app.domain import Incident
from ui.board.model import category_label, status_label
from ui.contracts import CardView, as_card_view


class GuestCardWidget(QScrollArea):
    """Shows one guest's card; ``show_card(view, today)`` replaces the content."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("guestCard")
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.view: CardView | None = None
        self._empty()

    def _empty(self) -> None:
        body = QWidget()
        layout = QVBoxLayout(body)
        hint = QLabel(self.tr("Swipe a card or search for a guest."))
        hint.setProperty("variant", "subtle")
        hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(hint)
        self.setWidget(body)

    def clear(self) -> None:
        self.view = None
        self._empty()

    def show_card(self, view: Any, today: date | None = None) -> None:
        card = as_card_view(view)
        self.view = card
        today = today or date.today()
        g = card.guest
        body = QWidget()
        body.setObjectName("guestCardBody")
        layout = QVBoxLayout(body)
        layout.setSpacing(10)
        for banner in self._banners(card, today):
            layout.addWidget(banner)
        layout.addLayout(self._header(card))

        identity = _Section(self.tr("Guest"))
        if card.host_name or card.shows("host_id"):
            identity.add(self.tr("Host"), card.host_name or str(g.host_id))
        if card.shows("languages"):
            identity.add(self.tr("Languages"), ", ".join(g.languages))
        if card.shows("currency"):
            identity.add(self.tr("Currency"), g.currency)
        if card.shows("preferred_channels"):
            identity.add(self.tr("Channels"), ", ".join(c.value for c in g.preferred_channels))
        if card.shows("room"):
            identity.add(self.tr("Room"), g.room)
        if card.shows("phone"):
            identity.add(self.tr("Phone"), g.phone)
        if card.shows("code_word_hash"):
            identity.add(self.tr("Code word"), self.tr("on file: ask the guest, never say it"))
        layout.addWidget(identity)

        if card.shows("preferences"):
            p = g.preferences
            prefs = _Section(self.tr("Preferences"))
            for label, values in (
                (self.tr("Drinks"), p.drinks),
                (self.tr("Meals"), p.meals),
                (self.tr("Rooms"), p.rooms),
                (self.tr("Tables / games"), p.tables_games),
                (self.tr("Communication"), p.communication),
                (self.tr("Transfers"), p.transfers),
            ):
                if values:
                    prefs.add(label, ", ".join(values))
            layout.addWidget(prefs)
            travel = p.travel
            if travel.documents or travel.visas or travel.insurance or travel.cash_limit:
                risk = _Section(self.tr("Travel risk profile"))
                if travel.documents:
                    risk.add(self.tr("Documents"), ", ".join(travel.documents))
                if travel.visas:
                    risk.add(self.tr("Visas"), ", ".join(travel.visas))
                if travel.insurance:
                    risk.add(self.tr("Insurance"), travel.insurance)
                if travel.cash_limit is not None:
                    risk.add(self.tr("Cash limit"), money(travel.cash_limit, g.currency))
                layout.addWidget(risk)

        money_rows = [
            (name, label, getattr(g, name))
            for name, label in (
                ("table_limit", self.tr("Table limit")),
                ("credit_line", self.tr("Credit line")),
                ("adt", self.tr("ADT")),
                ("theo", self.tr("Theo (this trip)")),
            )
            if card.shows(name)
        ]
        limits = g.rg.limits
        if money_rows or (
            card.shows("rg") and (limits.time_per_day_minutes or limits.bankroll_per_visit)
        ):
            box = _Section(self.tr("Limits and value"))
            for _name, label, value in money_rows:
                box.add(label, money(value, g.currency))
            if card.shows("rg") and limits.time_per_day_minutes:
                box.add(
                    self.tr("Personal time limit"),
                    self.tr("{m} min a day").format(m=limits.time_per_day_minutes),
                )
            if card.shows("rg") and limits.bankroll_per_visit:
                box.add(
                    self.tr("Personal bankroll limit"),
                    money(limits.bankroll_per_visit, g.currency),
                )
            layout.addWidget(box)

        if card.shows("itinerary"):
            trip = _Section(self.tr("Itinerary"))
            for item in g.itinerary:
                when = item.starts_at.astimezone().strftime("%d %b %H:%M")
                trip.add(when, f"{item.kind}: {item.detail}")
            layout.addWidget(trip)

        history = _Section(self.tr("Incident history"))
        if card.incidents:
            for incident in card.incidents:
                history.add(incident.display_number, incident_line(incident))
        else:
            history.add("", self.tr("No incidents on file."))
        layout.addWidget(history)
        layout.addStretch(1)
        self.setWidget(body)

    # -- pieces ------------------------------------------------------------------------

    def _banners(self, card: CardView, today: date) -> list[QLabel]:
        g = card.guest
        banners: list[QLabel] = []
        if g.quiet.enabled:
            rules = [self.tr("no public paging or announcements")]
            if g.quiet.no_camera_press:
                rules.append(self.tr("no camera / press"))
            if g.quiet.host_only_contact:
                rules.append(self.tr("contact through the host only"))
            if g.quiet.private_corridors:
                rules.append(self.tr("private corridors and lifts"))
            text = self.tr("QUIET VISIT") + " — " + "; ".join(rules)
            banners.append(_banner(text, "banner-quiet", "quietBanner"))
        if g.rg.self_excluded:
            text = self.tr("SELF-EXCLUDED — no play incentives (no free play, no bonus play).")
            banners.append(_banner(text, "banner-rg", "rgBanner"))
        elif g.rg.is_cooling_off(today) and g.rg.cooling_off_until is not None:
            until = g.rg.cooling_off_until.strftime("%d %b %Y")
            text = self.tr("COOLING-OFF until {date} — no play incentives.").format(date=until)
            banners.append(_banner(text, "banner-rg", "rgBanner"))
        return banners

    def _header(self, card: CardView) -> QHBoxLayout:
        g = card.guest
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
        outer.addWidget(heading)
        self.form = QFormLayout()
        self.form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.form.setHorizontalSpacing(16)
        outer.addLayout(self.form)

    def add(self, label: str, value: str) -> None:
        key = QLabel(label)
        key.setProperty("variant", "subtle")
        text = QLabel(value)
        text.setWordWrap(True)
        text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.form.addRow(key, text)


def _banner(text: str, variant: str, name: str) -> QLabel:
    label = QLabel(text)
    label.setObjectName(name)
    label.setProperty("variant", variant)
    label.setWordWrap(True)
    return label


def money(value: Decimal | None, currency: str) -> str:
    if value is None:
        return ""
    return f"{currency} {value:,.0f}"


def incident_line(incident: Incident) -> str:
    when = incident.opened_at.astimezone().strftime("%d %b %Y")
    parts = [
        incident.priority.value,
        category_label(incident.category),
        status_label(incident.status),
        when,
    ]
    return " · ".join(parts)
