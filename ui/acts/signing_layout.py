"""What the act form and the report form share: two columns then Sign, and the submit.

What was decided or found goes on the left, the signature pads on the right, each
under its title with its own Clear; the refusal line and the row of Sign (the dialog
puts Cancel first in it) run under both. ``SigningForm.submit`` is the thin slot: the
draft to the core through ``AsyncOps``, its refusal shown translated.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLayout, QPushButton, QVBoxLayout, QWidget

from app.actor import Actor
from ui.async_ops import AsyncOps
from ui.form_parts import show_refusals


class SigningForm(QWidget):
    """A form that ends in a signed record; ``ActDialog`` shows one."""

    act_recorded = Signal(object)  # app.acts.service.RecordedAct

    def __init__(
        self,
        ops: AsyncOps,
        record: Callable[[Actor, Any], Any],
        actor: Actor,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._ops, self._record, self._actor = ops, record, actor
        self.field_names: dict[str, str] = {}
        self.message: QLabel
        self.sign_button: QPushButton
        self.action_row: QHBoxLayout

    @property
    def has_input(self) -> bool:
        """Anything entered that Cancel would lose."""
        raise NotImplementedError

    def draft(self) -> Any:
        raise NotImplementedError

    def submit(self) -> None:
        self.message.hide()
        self._ops.run(
            self._record,
            self._actor,
            self.draft(),
            on_success=self.act_recorded.emit,
            on_error=show_refusals(self.message, self.field_names),
            busy=self.sign_button,
        )


def section(text: str) -> QLabel:
    label = QLabel(text)
    label.setProperty("variant", "section")
    return label


def pad_heading(title: str, clear: QPushButton) -> QHBoxLayout:
    """A pad's title with its Clear button at the right."""
    row = QHBoxLayout()
    row.addWidget(section(title), 1)
    row.addWidget(clear)
    return row


def two_columns(
    form: QWidget, left: QWidget | QLayout, right: QLayout, message: QLabel, sign: QPushButton
) -> QHBoxLayout:
    """Lay ``form`` out; returns the row of ``sign``."""
    columns = QHBoxLayout()
    if isinstance(left, QWidget):
        columns.addWidget(left, 1)
    else:
        columns.addLayout(left, 1)
    columns.addLayout(right, 1)
    action_row = QHBoxLayout()
    action_row.addStretch(1)
    action_row.addWidget(sign)
    layout = QVBoxLayout(form)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.addLayout(columns, 1)
    layout.addWidget(message)
    layout.addLayout(action_row)
    return action_row
