"""The VIP desk's walk-in form: name, phone, tier, card, host — then *Register*.

Minimal data; the card field is prefilled when an unknown card was swiped. The
host defaults to "fewest guests" (decided by the core); tier defaults to VIP.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.actor import Actor
from app.domain import Tier
from app.services.errors import ServiceError
from app.services.walkins import HostChoice, WalkInDraft
from app.swipe import MalformedSwipe
from ui.async_ops import AsyncOps
from ui.choice_row import choice_row
from ui.form_parts import action_row, error_line, show_refusals


class WalkInForm(QWidget):
    registered = Signal(object)  # the new guest (redacted)
    cancelled = Signal()

    def __init__(self, walkins: Any, ops: AsyncOps, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("walkInForm")
        self._service, self._ops = walkins, ops
        self._actor: Actor | None = None
        title = QLabel(self.tr("Register a walk-in"))
        title.setProperty("variant", "title")
        self.name_edit = QLineEdit()
        self.name_edit.setObjectName("walkInName")
        self.name_edit.setPlaceholderText(self.tr("Name as the guest gives it"))
        self.phone_edit = QLineEdit()
        self.phone_edit.setObjectName("walkInPhone")
        self.phone_edit.setPlaceholderText(self.tr("Optional, with + country code"))
        self.card_edit = QLineEdit()
        self.card_edit.setObjectName("walkInCard")
        self.card_edit.setPlaceholderText(self.tr("Optional: loyalty card (a new one is issued)"))
        self.tier_buttons, tiers = choice_row(
            self,
            [t.value for t in Tier],
            name_prefix="walkInTier",
            checked=Tier.VIP.value,
            prop="tier",
        )
        self.host_combo = QComboBox()
        self.host_combo.setObjectName("walkInHost")
        self.host_combo.addItem(self.tr("Host with the fewest guests"), None)
        # A refusal names a field as this form labels it.
        self.field_names = {"name": self.tr("Name"), "phone": self.tr("Phone")}
        form = QFormLayout()
        form.addRow(self.field_names["name"], self.name_edit)
        form.addRow(self.field_names["phone"], self.phone_edit)
        form.addRow(self.tr("Tier"), tiers)
        form.addRow(self.tr("Loyalty card"), self.card_edit)
        form.addRow(self.tr("Host"), self.host_combo)
        self.register_button = QPushButton(self.tr("Register"))
        self.register_button.setObjectName("registerWalkIn")
        self.register_button.setProperty("variant", "primary")
        self.register_button.clicked.connect(self.register)
        buttons = action_row(self.register_button, self.cancelled, "cancelWalkIn")
        self.message = error_line("walkInMessage")
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addLayout(form)
        layout.addLayout(buttons)
        layout.addWidget(self.message)
        layout.addStretch(1)

    def start(self, actor: Actor, card_number: str = "") -> None:
        """A fresh form (``card_number`` prefilled from an unknown swipe); loads the hosts."""
        self._actor = actor
        for edit in (self.name_edit, self.phone_edit):
            edit.clear()
        self.card_edit.setText(card_number)
        self.message.clear()
        self.message.hide()
        self.name_edit.setFocus()
        self._ops.run(self._service.hosts, actor, on_success=self._show_hosts)

    def _show_hosts(self, hosts: list[HostChoice]) -> None:
        while self.host_combo.count() > 1:
            self.host_combo.removeItem(1)
        for host in hosts:
            label = self.tr("{name} ({count} guests)").format(name=host.name, count=host.guests)
            self.host_combo.addItem(label, host.staff_id)

    def register(self) -> None:
        if self._actor is None:
            return
        checked = self.tier_buttons.checkedButton()
        tier = Tier(checked.property("tier")) if checked is not None else Tier.VIP
        draft = WalkInDraft(
            name=self.name_edit.text(),
            phone=self.phone_edit.text(),
            tier=tier,
            card_number=self.card_edit.text(),
            host_id=self.host_combo.currentData(),
        )
        self._ops.run(
            self._service.register,
            self._actor,
            draft,
            on_success=self.registered.emit,
            on_error=show_refusals(self.message, self.field_names, (ServiceError, MalformedSwipe)),
            busy=self.register_button,
        )
