"""A duty manager's sign-off of a post-incident report: the report named (View report
opens it), their review, their signature, then "Sign off".

A thin slot like the report form: ``submit`` gathers a ``SignOffDraft`` and calls
``ActService.record_sign_off`` through ``AsyncOps``; the core checks it (the resolved
incident's latest report, not signed off yet, a review, a drawn signature) and the form
shows its refusal, translated. Shown in an ``ActDialog``, reached from the board's
sign-off banner or from the incident screen.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import QLabel, QPlainTextEdit, QPushButton, QVBoxLayout, QWidget

from app.actor import Actor
from app.acts.model import ActRecord, SignOffDraft
from ui.acts.signature_pad import SignaturePad
from ui.acts.signing_layout import SigningForm, pad_heading, section, two_columns
from ui.async_ops import AsyncOps
from ui.form_parts import error_line
from ui.locale_format import format_date_time

RecordSignOff = Callable[[Actor, SignOffDraft], Any]


class SignOffForm(SigningForm):
    """Emits ``act_recorded(RecordedAct)`` with the sign-off; ``view_report`` opens the
    report it reviews (``ActActions.view``)."""

    def __init__(
        self,
        ops: AsyncOps,
        record_sign_off: RecordSignOff,
        actor: Actor,
        incident_id: str,
        report: ActRecord,
        view_report: Callable[[str], None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(ops, record_sign_off, actor, parent)
        self.setObjectName("signOffForm")
        self._incident_id = incident_id
        self._report = report
        self.field_names = {
            "review": self.tr("Review"),
            "staff_signature": self.tr("Duty manager's signature"),
        }
        self.report_line = QLabel(
            self.tr("Report {number}, signed {when}").format(
                number=report.number, when=format_date_time(report.created_at)
            )
        )
        self.report_line.setObjectName("signOffReport")
        self.report_line.setWordWrap(True)
        self.view_button = QPushButton(self.tr("View report"))
        self.view_button.setObjectName("signOffViewReport")
        self.view_button.setMinimumHeight(48)
        self.view_button.clicked.connect(lambda: view_report(report.id))
        self.review = QPlainTextEdit()
        self.review.setObjectName("signOffReview")
        self.review.setPlaceholderText(
            self.tr("Is the root cause right, are the measures enough? In your words.")
        )
        self.review.setAccessibleName(self.field_names["review"])
        self.review.setAccessibleDescription(self.review.placeholderText())
        self.review.setTabChangesFocus(True)  # Tab goes to the next control, not into the text
        self.pad = SignaturePad()
        self.clear_button = QPushButton(self.tr("Clear"))
        self.clear_button.setObjectName("clearSignOffSignature")
        self.clear_button.clicked.connect(self.pad.clear)
        self.message = error_line("signOffMessage")
        self.sign_button = QPushButton(self.tr("Sign off"))
        self.sign_button.setObjectName("signOff")
        self.sign_button.setProperty("variant", "primary")
        self.sign_button.setMinimumHeight(56)
        self.sign_button.clicked.connect(self.submit)

        left = QVBoxLayout()
        left.addWidget(section(self.tr("Post-incident report")))
        left.addWidget(self.report_line)
        left.addWidget(self.view_button)
        left.addWidget(section(self.field_names["review"]))
        left.addWidget(self.review, 1)
        right = QVBoxLayout()
        right.addLayout(pad_heading(self.field_names["staff_signature"], self.clear_button))
        right.addWidget(self.pad)
        right.addStretch(1)
        self.action_row = two_columns(self, left, right, self.message, self.sign_button)

    @property
    def has_input(self) -> bool:
        return bool(self.review.toPlainText().strip()) or not self.pad.is_empty

    def draft(self) -> SignOffDraft:
        return SignOffDraft(
            incident_id=self._incident_id,
            report_act_id=self._report.id,
            review=self.review.toPlainText(),
            staff_signature=self.pad.signature(),
        )
