"""The threshold-transaction report prompt (AUSTRAC TTR, SPEC §4).

After an incident with an amount is opened, the core assesses it
(``AmlService.ttr_prompt``, audited); when a report may be needed, staff record
what happens to it: referred to the AML team, already lodged by the cage (with
its reference), not cash, or worth less than the threshold.
"""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QGridLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.actor import Actor
from app.compliance.aml import AmlService, TtrAssessment, TtrOutcome
from app.domain import Incident
from app.permissions import Action, allowed

log = logging.getLogger(__name__)


class TtrPrompt(QDialog):
    """Asks what happens to the report; emits ``decided(outcome, reference)``."""

    decided = Signal(object, str)

    def __init__(self, assessment: TtrAssessment, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("ttrPrompt")
        self.setWindowTitle(self.tr("Threshold transaction report"))
        self.setModal(True)
        text = self.tr(
            "This incident involves {currency} {amount}. If it was cash, a threshold "
            "transaction report (TTR) is required: record what happens to it."
        ).format(currency=assessment.currency, amount=f"{assessment.amount:,}")
        message = QLabel(text)
        message.setWordWrap(True)
        self.reference = QLineEdit()
        self.reference.setPlaceholderText(self.tr("Cage or AML team reference (if lodged)"))
        self.buttons: dict[TtrOutcome, QPushButton] = {}
        grid = QGridLayout()
        labels = {
            TtrOutcome.REFERRED: self.tr("Cash: refer to the AML team"),
            TtrOutcome.ALREADY_REPORTED: self.tr("Cash: the cage has lodged it"),
            TtrOutcome.NOT_CASH: self.tr("Not cash (chips, card, transfer)"),
            TtrOutcome.BELOW_THRESHOLD: self.tr("Worth less than the threshold"),
        }
        for index, (outcome, label) in enumerate(labels.items()):
            button = QPushButton(label)
            button.setMinimumHeight(56)
            button.clicked.connect(lambda _=False, o=outcome: self._choose(o))
            self.buttons[outcome] = button
            grid.addWidget(button, index // 2, index % 2)
        layout = QVBoxLayout(self)
        layout.addWidget(message)
        layout.addLayout(grid)
        layout.addWidget(self.reference)

    def _choose(self, outcome: TtrOutcome) -> None:
        self.decided.emit(outcome, self.reference.text())
        self.accept()


def prompt_ttr_if_needed(
    parent: QWidget, aml: AmlService, ops: Any, actor: Actor, incident: Incident
) -> None:
    """After ``incident`` is opened: assess its amount off the GUI thread and prompt."""
    if incident.amount is None or not allowed(actor, Action.INCIDENT_VIEW_AMOUNTS):
        return

    def assessed(assessment: TtrAssessment) -> None:
        if not assessment.required:
            return
        prompt = TtrPrompt(assessment, parent)
        prompt.decided.connect(
            lambda outcome, reference: ops.run(
                aml.record_ttr_decision, actor, incident.id, outcome, reference
            )
        )
        parent.setProperty("ttrPrompt", prompt)  # keep it alive while it is open
        prompt.open()

    ops.run(aml.ttr_prompt, actor, incident.id, on_success=assessed)
