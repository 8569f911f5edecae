"""The threshold-transaction report prompt (AUSTRAC TTR, SPEC §4).

After an incident with an amount is opened, the core assesses it
(``AmlService.ttr_prompt``, audited); when a report may be needed, staff record
what happens to it: referred to the AML team, already lodged by the cage (with
its reference), not cash, or worth less than the threshold.

The prompt stays open until the core has recorded the decision: a reference the core
refuses (a full card number, too long) shows in the prompt, translated, with what was
typed kept, so the staff member corrects it and chooses again. Esc and the window's
close button do not dismiss it either (see ``reject``).

The four choices stand in one column of full-width buttons, so the prompt fits a
1024 px wide screen in any language; the amount reads the locale's way (``12 000 AUD``).
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QDialog,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.actor import Actor
from app.compliance.aml import AmlService, TtrAssessment, TtrOutcome
from app.domain import Incident
from app.messages import KeyedError
from app.permissions import Action, allowed
from ui.async_ops import AsyncOps
from ui.error_text import error_text
from ui.form_parts import error_line
from ui.locale_format import format_money
from ui.theme import MIN_TOUCH

log = logging.getLogger(__name__)

RecordDecision = Callable[[TtrOutcome, str], Any]


class TtrPrompt(QDialog):
    """Asks what happens to the report and has ``record(outcome, reference)`` store it;
    emits ``recorded(outcome, reference)`` and closes once the core accepted it."""

    recorded = Signal(object, str)

    def __init__(
        self,
        assessment: TtrAssessment,
        record: RecordDecision,
        ops: AsyncOps,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("ttrPrompt")
        self.setWindowTitle(self.tr("Threshold transaction report"))
        self.setModal(True)
        self.setWindowFlag(Qt.WindowType.WindowCloseButtonHint, False)
        self._record, self._ops = record, ops
        if assessment.amount is None:  # the core could not read it: still asks
            money = self.tr("an amount that cannot be read")
        else:
            money = format_money(assessment.amount, assessment.currency)
        text = self.tr(
            "This incident involves {money}. If it was cash, a threshold "
            "transaction report (TTR) is required: record what happens to it."
        ).format(money=money)
        explanation = QLabel(text)
        explanation.setObjectName("ttrExplanation")
        explanation.setWordWrap(True)
        self.reference_label = QLabel(self.tr("TTR reference"))
        self.reference = QLineEdit()
        self.reference.setObjectName("ttrReference")
        self.reference.setPlaceholderText(self.tr("Cage or AML team reference (if lodged)"))
        self.reference_label.setBuddy(self.reference)
        self.reference.ensurePolished()  # the theme's font: the hint reads whole, not elided
        hint = self.reference.fontMetrics().horizontalAdvance(self.reference.placeholderText())
        self.reference.setMinimumWidth(min(hint + 40, 720))  # 40: padding, border, cursor
        self.message = error_line("ttrMessage")
        self.choices = QWidget()  # disabled while the core records a decision
        self.buttons: dict[TtrOutcome, QPushButton] = {}
        column = QVBoxLayout(self.choices)
        column.setContentsMargins(0, 0, 0, 0)
        labels = {
            TtrOutcome.REFERRED: self.tr("Cash: refer to the AML team"),
            TtrOutcome.ALREADY_REPORTED: self.tr("Cash: the cage has lodged it"),
            TtrOutcome.NOT_CASH: self.tr("Not cash (chips, card, transfer)"),
            TtrOutcome.BELOW_THRESHOLD: self.tr("Worth less than the threshold"),
        }
        for outcome, label in labels.items():
            button = QPushButton(label)
            button.setMinimumHeight(MIN_TOUCH + 8)
            button.clicked.connect(lambda _=False, o=outcome: self._choose(o))
            self.buttons[outcome] = button
            column.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addWidget(explanation)
        layout.addWidget(self.reference_label)
        layout.addWidget(self.reference)
        layout.addWidget(self.message)
        layout.addWidget(self.choices)

    def field_names(self) -> dict[str, str]:
        """The prompt's own names for the fields the core may refuse."""
        return {"ttr_reference": self.reference_label.text()}

    def reject(self) -> None:
        """Esc and the close button: refused, the prompt stays until a decision is recorded.

        A TTR for cash of AUD 10,000 or more is a legal duty (SPEC §4); a prompt that
        closes with nothing recorded leaves no trace but ``aml.ttr_prompted``, and the
        core keeps no pending or deferred state that would bring it back. Every honest
        answer is one touch away, the unsure one included ("refer to the AML team"),
        so the simplest rule a compliance officer accepts is: no decision, no closing.
        """
        self.message.setText(
            self.tr("A decision is needed. If you are not sure, refer it to the AML team.")
        )
        self.message.show()
        self._fit_height()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        # Qt sizes a new dialog's height for its preferred width, then narrows it to the
        # screen: the explanation wraps onto more lines than that height holds.
        self._fit_height()

    def _choose(self, outcome: TtrOutcome) -> None:
        reference = self.reference.text()
        self.message.hide()
        self._ops.run(
            self._record,
            outcome,
            reference,
            on_success=lambda _none: self._recorded(outcome, reference),
            on_error=self._refused,
            busy=self.choices,
        )

    def _fit_height(self) -> None:
        """As tall as the refusal's lines need at the prompt's width (a dialog does not
        grow by itself for a word-wrapped label shown late)."""
        layout = self.layout()
        needed = layout.totalHeightForWidth(self.width()) if layout is not None else -1
        if needed > self.height():
            self.resize(self.width(), needed)

    def _recorded(self, outcome: TtrOutcome, reference: str) -> None:
        self.recorded.emit(outcome, reference)
        self.accept()

    def _refused(self, error: BaseException) -> bool:
        if not isinstance(error, KeyedError):  # not a refusal: the error presenter's
            return False
        self.message.setText(error_text(error, self.field_names()))
        self.message.show()
        self._fit_height()
        self.reference.setFocus()
        return True


def prompt_ttr_if_needed(
    parent: QWidget, aml: AmlService, ops: AsyncOps, actor: Actor, incident: Incident
) -> None:
    """After ``incident`` is opened: assess its amount off the GUI thread and prompt."""
    if incident.amount is None or not allowed(actor, Action.INCIDENT_VIEW_AMOUNTS):
        return

    def assessed(assessment: TtrAssessment) -> None:
        if not assessment.required:
            return
        record = functools.partial(aml.record_ttr_decision, actor, incident.id)
        prompt = TtrPrompt(assessment, record, ops, parent)
        parent.setProperty("ttrPrompt", prompt)  # keep it alive while it is open
        prompt.open()

    ops.run(aml.ttr_prompt, actor, incident.id, on_success=assessed)
