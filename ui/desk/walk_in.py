"""Registering a walk-in: name, phone, tier, card, host — then *Register*.

A page of its own (``desk.walk_in``, for the roles that may register walk-ins),
reached from the card-not-found banner on any page or from the VIP desk's button.
Minimal data; the card field is filled by the unknown swipe that led here, or by a
swipe while the form is open (a payment card is refused, never shown). The host
defaults to "fewest guests" (decided by the core); tier defaults to VIP. Once
registered, the user goes back where they came from, with the new guest's card.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFormLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from app.domain import Guest, Tier
from app.services.errors import ServiceError
from app.services.walkins import HostChoice, WalkInDraft
from app.swipe import MalformedSwipe, PaymentCardSwiped, parse_swipe
from ui.choice_row import TouchPicker, choice_row
from ui.form_parts import action_row, error_line, scrolling_body, show_refusals
from ui.hint_field import HintedField, add_hinted_row
from ui.shell.pages import PageDefaults, PageEnv

HOST_COLUMNS = 3


class WalkInForm(QWidget, PageDefaults):
    registered = Signal(object)  # the new guest (redacted)
    cancelled = Signal()

    def __init__(self, env: PageEnv, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("walkInForm")
        self._env = env
        self._service, self._ops, self._actor = env.services.walkins, env.ops, env.actor
        title = QLabel(self.tr("Register a walk-in"))
        title.setProperty("variant", "title")
        self.name_edit = QLineEdit()
        self.name_edit.setObjectName("walkInName")
        self.phone_edit = QLineEdit()
        self.phone_edit.setObjectName("walkInPhone")
        self.card_edit = QLineEdit()
        self.card_edit.setObjectName("walkInCard")
        self.tier_buttons, tiers = choice_row(
            self,
            [t.value for t in Tier],
            name_prefix="walkInTier",
            checked=Tier.VIP.value,
            prop="tier",
        )
        self.host_picker = TouchPicker("walkInHost", HOST_COLUMNS)
        self._show_hosts([])
        # A refusal names a field as this form labels it.
        self.field_names = {
            "name": self.tr("Name"),
            "phone": self.tr("Phone"),
            "card_number": self.tr("Loyalty card"),
        }
        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        # Each hint in its field, or under it when the field is too narrow for it.
        name = HintedField(self.name_edit, self.tr("Name as the guest gives it"))
        phone = HintedField(self.phone_edit, self.tr("Optional, with + country code"))
        card = HintedField(
            self.card_edit, self.tr("Optional: swipe the card (or a new one is issued)")
        )
        add_hinted_row(form, self.field_names["name"], name)
        add_hinted_row(form, self.field_names["phone"], phone)
        form.addRow(self.tr("Tier"), tiers)
        add_hinted_row(form, self.field_names["card_number"], card)
        form.addRow(self.tr("Host"), self.host_picker)
        self.register_button = QPushButton(self.tr("Register"))
        self.register_button.setObjectName("registerWalkIn")
        self.register_button.setProperty("variant", "primary")
        self.register_button.clicked.connect(self.register)
        buttons = action_row(self.register_button, self.cancelled, "cancelWalkIn")
        self.message = error_line("walkInMessage")
        self.body_scroll, body = scrolling_body("walkInScroll")
        fields = QVBoxLayout(body)
        fields.setContentsMargins(0, 0, 0, 0)
        fields.addLayout(form)
        fields.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(self.body_scroll, 1)
        layout.addLayout(buttons)
        layout.addWidget(self.message)
        self.registered.connect(self._open_new_guest)
        self.cancelled.connect(env.nav.back)

    def start(self, card_number: str = "") -> None:
        """A fresh form (``card_number`` from an unknown swipe); loads the hosts."""
        for edit in (self.name_edit, self.phone_edit):
            edit.clear()
        self.card_edit.setText(card_number)
        self.message.clear()
        self.message.hide()
        self.name_edit.setFocus()
        self._ops.run(self._service.hosts, self._actor, on_success=self._show_hosts)

    def accept_swipe(self, raw: str) -> bool:
        """A card swiped while the form is open fills its card field (never a lookup)."""
        self.message.hide()
        try:
            self.card_edit.setText(parse_swipe(raw))
        except PaymentCardSwiped:
            self._say(self.tr("That was a payment card: nothing was read or stored."))
        except MalformedSwipe:
            self._say(self.tr("The card could not be read. Swipe it again."))
        return True

    def _say(self, text: str) -> None:
        self.message.setText(text)
        self.message.show()

    def _show_hosts(self, hosts: list[HostChoice]) -> None:
        options: list[tuple[str, str | None]] = [(self.tr("Fewest guests"), None)]
        for host in hosts:
            label = self.tr("{name} ({count})").format(name=host.name, count=host.guests)
            options.append((label, host.staff_id))
        self.host_picker.set_options(options, self.host_picker.value())

    def register(self) -> None:
        checked = self.tier_buttons.checkedButton()
        tier = Tier(checked.property("tier")) if checked is not None else Tier.VIP
        draft = WalkInDraft(
            name=self.name_edit.text(),
            phone=self.phone_edit.text(),
            tier=tier,
            card_number=self.card_edit.text(),
            host_id=self.host_picker.value(),
        )
        self._ops.run(
            self._service.register,
            self._actor,
            draft,
            on_success=self.registered.emit,
            on_error=show_refusals(self.message, self.field_names, (ServiceError, MalformedSwipe)),
            busy=self.register_button,
        )

    def _open_new_guest(self, guest: Guest) -> None:
        """Back where the user came from, with the new guest's card there."""
        nav = self._env.nav

        def shown(view: object) -> None:
            nav.back()
            nav.show_guest(view)  # type: ignore[arg-type]

        self._ops.run(self._env.services.guests.card, self._actor, guest.id, on_success=shown)
