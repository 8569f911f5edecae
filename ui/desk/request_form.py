"""Opening a request for a guest at the VIP desk (the filing template, SPEC §5).

The core routes it: the owner is the guest's host, who is alerted on their page.
Channel and location are recorded with the request.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.actor import Actor
from app.domain import Category, Channel, Priority
from app.services.incidents import IncidentDraft
from ui.async_ops import AsyncOps
from ui.board.labels import category_label
from ui.choice_row import TouchPicker, choice_row
from ui.form_parts import action_row, error_line, scrolling_body, show_refusals
from ui.hint_field import HintedField, add_hinted_row
from ui.incident.labels import channel_label
from ui.reflow import SideBySide


class RequestForm(QWidget):
    opened = Signal(object)  # the incident
    cancelled = Signal()

    def __init__(self, incidents: Any, ops: AsyncOps, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("requestForm")
        self._service, self._ops = incidents, ops
        self._actor: Actor | None = None
        self._guest_id: str | None = None
        self.title = QLabel(self.tr("Open a request"))
        self.title.setProperty("variant", "title")
        self.title.setWordWrap(True)
        self.priorities, prio_row = choice_row(
            self,
            [p.value for p in Priority],
            name_prefix="requestPriority",
            checked=Priority.P3.value,
            prop="priority",
        )
        self.category = TouchPicker("requestCategory", 4)
        self.category.set_options([(category_label(c), c) for c in Category], Category.OTHER)
        self.channel = TouchPicker("requestChannel", 2)
        self.channel.set_options([(channel_label(c), c) for c in Channel], Channel.ONSITE)
        self.location = QLineEdit(self.tr("VIP desk"))
        self.location.setObjectName("requestLocation")
        self.summary = QLineEdit()
        self.summary.setObjectName("requestSummary")
        self.outcome = QLineEdit()
        self.outcome.setObjectName("requestOutcome")
        # A refusal names a field as this form labels it (the request is the summary).
        self.field_names = {
            "location": self.tr("Location"),
            "summary": self.tr("Request"),
            "desired_outcome": self.tr("Outcome"),
        }
        # The categories across the page, then two columns: every control fits a
        # 1024 x 768 screen without scrolling in English; a longer language scrolls.
        how = QVBoxLayout()
        how.addWidget(_label(self.tr("Priority")))
        how.addLayout(prio_row)
        how.addWidget(_label(self.tr("Channel")))
        how.addWidget(self.channel)
        how.addStretch(1)
        details = QFormLayout()
        details.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)
        details.setVerticalSpacing(4)
        # Each hint in its field, or under it when the field is too narrow for it.
        summary = HintedField(self.summary, self.tr("What the guest asks for"))
        outcome = HintedField(self.outcome, self.tr("Desired outcome (optional)"))
        add_hinted_row(details, self.field_names["summary"], summary)
        add_hinted_row(details, self.field_names["desired_outcome"], outcome)
        details.addRow(self.field_names["location"], self.location)
        columns = QHBoxLayout()
        columns.addLayout(how, 1)
        columns.addLayout(details, 1)
        self.body_scroll, body = scrolling_body("requestScroll")
        form = QVBoxLayout(body)
        form.setContentsMargins(0, 0, 0, 0)
        form.addWidget(_label(self.tr("Category")))
        form.addWidget(self.category)
        form.addLayout(columns)
        form.addStretch(1)
        self.open_button = QPushButton(self.tr("Open and route to the host"))
        self.open_button.setObjectName("openRequest")
        self.open_button.setProperty("variant", "primary")
        self.open_button.clicked.connect(self.submit)
        buttons = action_row(self.open_button, self.cancelled, "cancelRequest")
        self.message = error_line("requestMessage")
        # The title and the actions share the top row (a 768-px screen has no room to
        # spare); the actions go under the title when the row would cut them (large text).
        actions = QWidget()
        actions.setLayout(buttons)
        buttons.setContentsMargins(0, 0, 0, 0)
        top = SideBySide(self.title, actions, stretch_first=True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addWidget(top)
        layout.addWidget(self.body_scroll, 1)
        layout.addWidget(self.message)

    def start(self, actor: Actor, guest_id: str, guest_name: str) -> None:
        self._actor, self._guest_id = actor, guest_id
        self.title.setText(self.tr("Open a request for {guest}").format(guest=guest_name))
        self.summary.clear()
        self.outcome.clear()
        self.category.set_value(Category.OTHER)  # a fresh request: the defaults again
        self.channel.set_value(Channel.ONSITE)
        for button in self.priorities.buttons():
            button.setChecked(button.property("priority") == Priority.P3.value)
        self.message.clear()
        self.message.hide()
        self.summary.setFocus()

    def submit(self) -> None:
        if self._actor is None or self._guest_id is None:
            return
        checked = self.priorities.checkedButton()
        draft = IncidentDraft(
            priority=Priority(checked.property("priority")) if checked else Priority.P3,
            category=self.category.value(),
            channel=self.channel.value(),
            summary=self.summary.text(),
            guest_id=self._guest_id,
            location=self.location.text().strip(),
            desired_outcome=self.outcome.text().strip(),
        )
        self._ops.run(
            self._service.open,
            self._actor,
            draft,
            on_success=self.opened.emit,
            on_error=show_refusals(self.message, self.field_names),
            busy=self.open_button,
        )


def _label(text: str) -> QLabel:
    label = QLabel(text)
    label.setProperty("variant", "subtle")
    return label
