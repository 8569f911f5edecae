"""Log a table incident in a few taps: table prefilled, guest by card swipe, priority and
category one big button each, the rest of the filing template behind "More details".

It fits a 1024×768 tablet without sideways scrolling: the tables wrap four to a row,
and "More details" and "Log incident" stay in a bar under the form, always in view;
only the form above them scrolls (up and down) when the details are open.

A thin slot: ``submit`` gathers an ``IncidentDraft`` and calls
``IncidentService.open`` through ``AsyncOps``; the core checks the rest.
Emits ``incident_opened(Incident)``.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

from PySide6.QtCore import QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QButtonGroup,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.actor import Actor
from app.domain import Category, Priority
from app.messages import KeyedError
from app.permissions import Action, allowed
from app.services.incidents import IncidentDraft
from ui.async_ops import AsyncOps
from ui.board.labels import category_label
from ui.error_text import error_text
from ui.form_parts import scrolling_body
from ui.reflow import ReflowGrid, SideBySide
from ui.shell.pages import PageDefaults
from ui.theme import scaled
from ui.toggle import BoldWhenChecked

BIG = 52  # px: priority and category buttons
TABLES_PER_ROW = 5  # eight tables and the field for another one: two rows
TABLE_CATEGORIES = (
    Category.TABLE_DISPUTE,
    Category.EQUIPMENT_DOWN,
    Category.GAME_UNAVAILABLE,
    Category.PAYMENT_FAILED,
    Category.PAYMENT_DISPUTE,
    Category.SERVICE_WAIT,
    Category.BILLING_ERROR,
    Category.ACCOUNT_BLOCKED,
    Category.OTHER,
)


def _group(parent: QWidget) -> QButtonGroup:
    group = QButtonGroup(parent)
    group.setExclusive(True)
    return group


def _big(text: str, name: str) -> QPushButton:
    button = QPushButton(text)
    button.setObjectName(name)
    button.setCheckable(True)
    button.setMinimumHeight(BIG)
    return button


class IncidentForm(QWidget, PageDefaults):
    incident_opened = Signal(object)  # Incident

    def __init__(
        self,
        incidents: Any,
        guests: Any,
        ops: AsyncOps,
        actor: Actor,
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self.setObjectName("incidentForm")
        self.body_scroll, body = scrolling_body("incidentFormScroll")
        self._incidents, self._guests, self._ops, self._actor = incidents, guests, ops, actor
        self.guest_id: str | None = None
        title = QLabel(self.tr("New table incident"))
        title.setProperty("variant", "title")

        self.tables = _group(self)
        self.table_buttons: dict[str, QPushButton] = {}
        table_row = QGridLayout()
        per_row = TABLES_PER_ROW if scaled(100) <= 150 else 3  # large text: wider buttons
        for n, table_id in enumerate(actor.tables[:8]):
            button = _big(table_id, f"table:{table_id}")
            button.setMinimumHeight(48)
            self.tables.addButton(button)
            self.table_buttons[table_id] = button
            table_row.addWidget(button, n // per_row, n % per_row)
        self.table_edit = QLineEdit()
        self.table_edit.setObjectName("tableEdit")
        self.table_edit.setPlaceholderText(self.tr("Other table"))
        self.table_edit.setAccessibleName(self.table_edit.placeholderText())
        count = len(self.table_buttons)
        row, column = divmod(count, per_row)
        table_row.addWidget(self.table_edit, row, column, 1, max(1, per_row - column))
        for column in range(per_row):
            table_row.setColumnStretch(column, 1)

        self.guest_label = QLabel(self.tr("Swipe the guest's card (optional)"))
        self.guest_label.setObjectName("incidentGuest")
        self.guest_label.setWordWrap(True)
        self.guest_label.setProperty("variant", "subtle")
        self.clear_guest = QPushButton(self.tr("No guest"))
        self.clear_guest.setObjectName("clearGuest")
        self.clear_guest.clicked.connect(self._no_guest)
        guest_row = QHBoxLayout()
        guest_row.addWidget(self.guest_label, 1)
        guest_row.addWidget(self.clear_guest)

        self.priorities = _group(self)
        self.priority_buttons: dict[Priority, QPushButton] = {}
        priority_row = QHBoxLayout()
        for priority in Priority:
            button = _big(priority.value, f"priority:{priority.value}")
            button.setProperty("variant", f"priority-{priority.value}")
            self.priorities.addButton(button)
            self.priority_buttons[priority] = button
            priority_row.addWidget(button)

        self.categories = _group(self)
        self.category_buttons: dict[Category, QPushButton] = {}
        for category in TABLE_CATEGORIES:
            button = _big(category_label(category), f"category:{category.value}")
            self.categories.addButton(button)
            self.category_buttons[category] = button
        # fewer a row when a label would be cut (200 % text); the form's spacing
        category_grid = ReflowGrid(3, spacing=2)
        category_grid.set_items(list(self.category_buttons.values()))
        for group in (self.priorities, self.categories, self.tables):
            group.buttonClicked.connect(self._update_ready)
        self.table_edit.textChanged.connect(self._typed_table)

        self.more_button = BoldWhenChecked(self.tr("More details"))
        self.more_button.setObjectName("moreDetails")
        self.more_button.setCheckable(True)
        self.details = QWidget()
        self.summary = QLineEdit()
        self.desired_outcome = QLineEdit()
        self.machine = QLineEdit()
        self.amount = QLineEdit()
        self.transaction_ref = QLineEdit()
        # A refusal names a field as this form labels it.
        self.field_names = {
            "summary": self.tr("Summary"),
            "desired_outcome": self.tr("Desired outcome"),
            "machine": self.tr("Machine"),
            "transaction_ref": self.tr("Transaction"),
        }
        form = QFormLayout(self.details)
        for field, edit in (
            ("summary", self.summary),
            ("desired_outcome", self.desired_outcome),
            ("machine", self.machine),
        ):
            form.addRow(self.field_names[field], edit)
        if allowed(actor, Action.INCIDENT_VIEW_AMOUNTS):
            form.addRow(self.tr("Amount (AUD)"), self.amount)
            form.addRow(self.field_names["transaction_ref"], self.transaction_ref)
        self.details.hide()
        self.more_button.toggled.connect(self._more)

        self.message = QLabel()
        self.message.setProperty("variant", "error")
        self.message.setWordWrap(True)
        self.message.hide()
        self.submit_button = QPushButton(self.tr("Log incident"))
        self.submit_button.setObjectName("logIncident")
        self.submit_button.setProperty("variant", "primary")
        self.submit_button.setMinimumHeight(BIG)
        self.submit_button.setToolTip(self.tr("Log incident (Ctrl+Enter)"))
        self.submit_button.clicked.connect(self.submit)
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(keys), self, self.submit)

        guest = QWidget()
        guest.setLayout(guest_row)
        guest_row.setContentsMargins(0, 0, 0, 0)
        # the title, then (or under it) the guest named
        head = SideBySide(title, guest)
        layout = QVBoxLayout(body)
        layout.setContentsMargins(8, 0, 8, 0)
        layout.setSpacing(2)
        layout.addWidget(head)
        for heading, part in (
            (self.tr("Table"), table_row),
            (self.tr("Priority"), priority_row),
            (self.tr("What happened"), category_grid),
        ):
            label = QLabel(heading)
            label.setProperty("variant", "section")
            layout.addWidget(label)
            if isinstance(part, QWidget):
                layout.addWidget(part)
            else:
                layout.addLayout(part)
        layout.addWidget(self.details)
        layout.addWidget(self.message)
        layout.addStretch(1)
        bar = QHBoxLayout()  # always in view, under the part that scrolls
        bar.setContentsMargins(8, 4, 8, 4)
        bar.addWidget(self.more_button)
        bar.addWidget(self.submit_button, 1)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.body_scroll, 1)
        outer.addLayout(bar)
        self.reset(None)

    def _more(self, shown: bool) -> None:
        self.details.setVisible(shown)
        if shown:  # the fields open below: bring them into view
            QTimer.singleShot(0, lambda: self.body_scroll.ensureWidgetVisible(self.details))

    def reset(self, table_id: str | None = None) -> None:
        """A blank form; the table is ``table_id`` or the tablet's first assigned table."""
        for group in (self.priorities, self.categories, self.tables):
            group.setExclusive(False)
            for button in group.buttons():
                button.setChecked(False)
            group.setExclusive(True)
        self.table_edit.clear()
        table_id = table_id or (self._actor.tables[0] if self._actor.tables else None)
        if table_id in self.table_buttons:
            self.table_buttons[table_id].setChecked(True)
        elif table_id:
            self.table_edit.setText(table_id)
        self._no_guest()
        for edit in (self.summary, self.desired_outcome, self.machine, self.amount):
            edit.clear()
        self.transaction_ref.clear()
        self.more_button.setChecked(False)
        self.message.hide()
        self._update_ready()

    def table_id(self) -> str | None:
        checked = self.tables.checkedButton()
        if checked is not None:
            return checked.text()
        return self.table_edit.text().strip() or None

    def _typed_table(self, text: str) -> None:
        checked = self.tables.checkedButton()
        if text and checked is not None:
            self.tables.setExclusive(False)
            checked.setChecked(False)
            self.tables.setExclusive(True)
        self._update_ready()

    def _update_ready(self, *_: object) -> None:
        ready = self.priorities.checkedButton() is not None
        self.submit_button.setEnabled(ready and self.categories.checkedButton() is not None)

    # The guest, from a card swipe -----------------------------------------------------------

    def accept_swipe(self, raw: str) -> bool:
        """While the form is on screen a swipe names the incident's guest."""
        self._ops.run(
            self._guests.lookup_card,
            self._actor,
            raw,
            on_success=self._guest_found,
            on_error=self._guest_problem,
        )
        return True

    def _guest_found(self, view: Any) -> None:
        self.guest_id = view.guest.id
        self.guest_label.setText(
            self.tr("Guest: {name} ({tier})").format(name=view.guest.name, tier=view.guest.tier)
        )
        self.guest_label.setProperty("variant", "info")
        self.guest_label.style().polish(self.guest_label)

    def _guest_problem(self, error: BaseException) -> bool:
        if not isinstance(error, KeyedError):  # refusals (and a garbled swipe) are keyed
            return False
        self._show_message(error_text(error, self.field_names))
        return True

    def _no_guest(self) -> None:
        self.guest_id = None
        self.guest_label.setText(self.tr("Swipe the guest's card (optional)"))
        self.guest_label.setProperty("variant", "subtle")
        self.guest_label.style().polish(self.guest_label)

    # Submit -----------------------------------------------------------------------------

    def draft(self) -> IncidentDraft:
        chosen_priority = self.priorities.checkedButton()
        chosen_category = self.categories.checkedButton()
        assert chosen_priority is not None and chosen_category is not None
        priority = Priority(chosen_priority.objectName().split(":")[1])
        category = Category(chosen_category.objectName().split(":")[1])
        text = self.amount.text().strip().replace(",", "")
        try:
            amount = Decimal(text) if text else None
        except InvalidOperation:
            amount = Decimal(-1)  # the core refuses it with a message
        return IncidentDraft(
            priority=priority,
            category=category,
            summary=self.summary.text(),
            guest_id=self.guest_id,
            table_id=self.table_id(),
            machine=self.machine.text(),
            amount=amount,
            transaction_ref=self.transaction_ref.text(),
            desired_outcome=self.desired_outcome.text(),
        )

    def submit(self) -> None:
        if not self.submit_button.isEnabled():
            return
        self.message.hide()
        self._ops.run(
            self._incidents.open,
            self._actor,
            self.draft(),
            on_success=self.incident_opened.emit,
            on_error=self._guest_problem,
            busy=self.submit_button,
        )

    def _show_message(self, text: str) -> None:
        self.message.setText(text)
        self.message.show()
