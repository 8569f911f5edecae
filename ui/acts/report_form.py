"""The post-incident report (P1/P2, within 24 h of resolution): root cause, measures,
the staff member's signature, then "Sign report".

A thin slot like the act form: ``submit`` gathers a ``ReportDraft`` and calls
``ActService.record_report`` through ``AsyncOps``; the core checks it (a P1 or P2
incident, a root cause, at least one measure, a drawn signature) and the form shows
its refusal, translated. Shown in an ``ActDialog``, reached from the board's reminder
or from the incident screen.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import (
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.actor import Actor
from app.acts.model import ReportDraft
from ui.acts.signature_pad import SignaturePad
from ui.acts.signing_layout import SigningForm, pad_heading, section, two_columns
from ui.async_ops import AsyncOps
from ui.form_parts import error_line

RecordReport = Callable[[Actor, ReportDraft], Any]


class ReportForm(SigningForm):
    """Emits ``act_recorded(RecordedAct)`` with the report."""

    def __init__(
        self,
        ops: AsyncOps,
        record_report: RecordReport,
        actor: Actor,
        incident_id: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(ops, record_report, actor, parent)
        self.setObjectName("reportForm")
        self._incident_id = incident_id
        self.field_names = {
            "root_cause": self.tr("Root cause"),
            "impact": self.tr("Impact"),
            "measure": self.tr("Measure"),
            "staff_signature": self.tr("Staff signature"),
        }
        self.root_cause = QPlainTextEdit()
        self.root_cause.setObjectName("reportRootCause")
        self.root_cause.setPlaceholderText(self.tr("Why it happened"))
        self.impact = QPlainTextEdit()
        self.impact.setObjectName("reportImpact")
        self.impact.setPlaceholderText(self.tr("Who and what it affected (optional)"))
        self.measures = QPlainTextEdit()
        self.measures.setObjectName("reportMeasures")
        self.measures.setPlaceholderText(self.tr("What is done so it does not happen again"))
        for edit, key in (
            (self.root_cause, "root_cause"),
            (self.impact, "impact"),
            (self.measures, "measure"),
        ):  # a screen reader says the field's name, then its hint
            edit.setAccessibleName(self.field_names[key])
            edit.setAccessibleDescription(edit.placeholderText())
            edit.setTabChangesFocus(True)  # Tab goes to the next control, not into the text
        self.pad = SignaturePad()
        self.clear_button = QPushButton(self.tr("Clear"))
        self.clear_button.setObjectName("clearReportSignature")
        self.clear_button.clicked.connect(self.pad.clear)
        self.message = error_line("reportMessage")
        self.sign_button = QPushButton(self.tr("Sign report"))
        self.sign_button.setObjectName("signReport")
        self.sign_button.setProperty("variant", "primary")
        self.sign_button.setMinimumHeight(56)
        self.sign_button.clicked.connect(self.submit)

        left = QVBoxLayout()
        left.addWidget(section(self.field_names["root_cause"]))
        left.addWidget(self.root_cause, 2)
        left.addWidget(section(self.field_names["impact"]))
        left.addWidget(self.impact, 1)
        right = QVBoxLayout()
        right.addWidget(section(self.tr("Measures, one a line")))
        right.addWidget(self.measures, 1)
        right.addLayout(pad_heading(self.field_names["staff_signature"], self.clear_button))
        right.addWidget(self.pad)
        # The dialog puts Cancel in the action row, beside Sign.
        self.action_row = two_columns(self, left, right, self.message, self.sign_button)

    @property
    def has_input(self) -> bool:
        texts = (self.root_cause, self.impact, self.measures)
        return any(t.toPlainText().strip() for t in texts) or not self.pad.is_empty

    def draft(self) -> ReportDraft:
        lines = self.measures.toPlainText().splitlines()
        return ReportDraft(
            incident_id=self._incident_id,
            root_cause=self.root_cause.toPlainText(),
            measures=tuple(line.strip() for line in lines if line.strip()),
            staff_signature=self.pad.signature(),
            impact=self.impact.toPlainText(),
        )
