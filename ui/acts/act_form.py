"""The act form: decision, facts, compensation, both signatures, then "Sign act".

A thin slot: it gathers the inputs into an ``ActDraft`` and calls
``ActService.record_act`` through ``AsyncOps`` (render + sign take ~0.1 s, off the GUI
thread); the core checks everything (permissions, written conditions, no free play
for a self-excluded guest) and the form shows its refusal, translated.
Emits ``act_recorded(RecordedAct)``.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal, InvalidOperation
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from app.actor import Actor
from app.acts.model import (
    ActDraft,
    CompensationKind,
    CompensationPromise,
    GuestSignature,
    GuestSignatureStatus,
)
from ui.acts.signature_pad import SignaturePad
from ui.async_ops import AsyncOps
from ui.form_parts import show_refusals

RecordAct = Callable[[Actor, ActDraft], Any]


class CompensationRow(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.kind = QComboBox()
        for kind in CompensationKind:
            self.kind.addItem(kind.value.replace("_", " ").capitalize(), kind)
        self.description = QLineEdit()
        self.description.setPlaceholderText(self.tr("What is promised"))
        self.conditions = QLineEdit()
        self.conditions.setPlaceholderText(self.tr("Conditions, in writing"))
        self.value = QLineEdit()
        self.value.setPlaceholderText(self.tr("Value"))
        self.value.setMaximumWidth(120)
        self.agreed_by = QLineEdit()
        self.agreed_by.setPlaceholderText(self.tr("Agreed by (host id)"))
        self.agreed_by.setMaximumWidth(170)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        for widget in (self.kind, self.description, self.conditions, self.value, self.agreed_by):
            row.addWidget(widget)

    def promise(self) -> CompensationPromise:
        text = self.value.text().strip().replace(",", "")
        try:
            value = Decimal(text) if text else None
        except InvalidOperation:
            value = Decimal(-1)  # the core refuses it with a message
        return CompensationPromise(
            kind=self.kind.currentData(),
            description=self.description.text(),
            conditions=self.conditions.text(),
            value=value,
            agreed_by=self.agreed_by.text().strip(),
        )


class ActForm(QWidget):
    act_recorded = Signal(object)  # RecordedAct

    def __init__(
        self,
        ops: AsyncOps,
        record_act: RecordAct,
        actor: Actor,
        incident_id: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("actForm")
        self._ops = ops
        self._record = record_act
        self._actor = actor
        self._incident_id = incident_id
        self.decision = QPlainTextEdit()
        self.decision.setPlaceholderText(self.tr("Decision (or deferral) taken"))
        self.statement = QPlainTextEdit()
        self.statement.setPlaceholderText(self.tr("Facts not in the incident record"))
        self.rows: list[CompensationRow] = []
        self._rows_box = QVBoxLayout()
        add_row = QPushButton(self.tr("Add compensation"))
        add_row.clicked.connect(self.add_compensation)

        self.staff_pad = SignaturePad()
        self.guest_pad = SignaturePad()
        self.guest_signs = QRadioButton(self.tr("Guest signs"))
        self.guest_declines = QRadioButton(self.tr("Guest declined to sign"))
        self.guest_absent = QRadioButton(self.tr("Guest not present"))
        self.guest_signs.setChecked(True)
        self._guest_choice = QButtonGroup(self)
        for button in (self.guest_signs, self.guest_declines, self.guest_absent):
            self._guest_choice.addButton(button)
            button.toggled.connect(self._guest_mode)
        self.guest_note = QLineEdit()
        self.guest_note.setPlaceholderText(self.tr("What the guest said (optional)"))

        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setProperty("variant", "error")
        self.message.hide()
        self.sign_button = QPushButton(self.tr("Sign act"))
        self.sign_button.setObjectName("signAct")
        self.sign_button.clicked.connect(self.submit)

        # A refusal names a field as this form labels it; the compensation lines and the
        # guest's note have no label of their own and keep the core's names.
        self.field_names = {
            "decision": self.tr("Decision"),
            "statement": self.tr("Statement"),
            "staff_signature": self.tr("Staff signature"),
            "guest_signature": self.tr("Guest signature"),
        }
        form = QFormLayout()
        form.addRow(self.field_names["decision"], self.decision)
        form.addRow(self.field_names["statement"], self.statement)
        compensation = QGroupBox(self.tr("Compensation promised"))
        comp_layout = QVBoxLayout(compensation)
        comp_layout.addLayout(self._rows_box)
        comp_layout.addWidget(add_row)
        staff_box = QGroupBox(self.field_names["staff_signature"])
        QVBoxLayout(staff_box).addWidget(self.staff_pad)
        guest_box = QGroupBox(self.field_names["guest_signature"])
        guest_layout = QVBoxLayout(guest_box)
        choices = QHBoxLayout()
        for button in (self.guest_signs, self.guest_declines, self.guest_absent):
            choices.addWidget(button)
        guest_layout.addLayout(choices)
        guest_layout.addWidget(self.guest_pad)
        guest_layout.addWidget(self.guest_note)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(compensation)
        layout.addWidget(staff_box)
        layout.addWidget(guest_box)
        layout.addWidget(self.message)
        layout.addWidget(self.sign_button)

    def add_compensation(self) -> CompensationRow:
        row = CompensationRow()
        self.rows.append(row)
        self._rows_box.addWidget(row)
        return row

    def _guest_mode(self) -> None:
        signs = self.guest_signs.isChecked()
        self.guest_pad.setEnabled(signs)
        if not signs:
            self.guest_pad.clear()

    def draft(self) -> ActDraft:
        if self.guest_signs.isChecked():
            guest = GuestSignature(GuestSignatureStatus.SIGNED, self.guest_pad.signature())
        elif self.guest_declines.isChecked():
            guest = GuestSignature(GuestSignatureStatus.DECLINED, note=self.guest_note.text())
        else:
            guest = GuestSignature(GuestSignatureStatus.NOT_PRESENT, note=self.guest_note.text())
        return ActDraft(
            incident_id=self._incident_id,
            decision=self.decision.toPlainText(),
            statement=self.statement.toPlainText(),
            staff_signature=self.staff_pad.signature(),
            guest=guest,
            compensation=tuple(row.promise() for row in self.rows),
        )

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
