"""The act form: decision, facts, compensation, both signatures, then "Sign act".

Two columns, to fit a 1024×768 tablet with nothing off screen: what was decided and
promised on the left (it scrolls up and down when promises pile up), the two signature
pads on the right, each with its own Clear, and Sign act under them.

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

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QFrame,
    QGridLayout,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
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
from ui.acts.signing_layout import SigningForm, pad_heading, section, two_columns
from ui.async_ops import AsyncOps
from ui.form_parts import error_line
from ui.hint_field import HintedField
from ui.reflow import ReflowGrid
from ui.toggle import BoldWhenChecked

RecordAct = Callable[[Actor, ActDraft], Any]


class CompensationRow(QFrame):
    """One promise on two lines, to fit half a tablet's width: what kind, its value and
    the host who agreed it; then what is promised and its conditions in writing."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setProperty("variant", "panel")
        self.kind = QComboBox()
        self.kind.setMinimumHeight(48)
        for kind in CompensationKind:
            self.kind.addItem(kind.value.replace("_", " ").capitalize(), kind)
        self.description = QLineEdit()
        self.description.setPlaceholderText(self.tr("What is promised"))
        self.conditions = QLineEdit()
        self.conditions.setPlaceholderText(self.tr("Conditions, in writing"))
        self.value = QLineEdit()
        self.value.setPlaceholderText(self.tr("Value"))
        self.agreed_by = QLineEdit()
        self.agreed_by.setPlaceholderText(self.tr("Agreed by (host id)"))
        grid = QGridLayout(self)
        grid.setContentsMargins(6, 6, 6, 6)
        grid.addWidget(self.kind, 0, 0)
        grid.addWidget(self.value, 0, 1)
        grid.addWidget(self.agreed_by, 0, 2)
        grid.addWidget(self.description, 1, 0, 1, 2)
        grid.addWidget(self.conditions, 1, 2)
        grid.setColumnStretch(0, 2)
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(2, 2)

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


def _choice(text: str, name: str) -> QPushButton:
    button = BoldWhenChecked(text)
    button.setObjectName(name)
    button.setCheckable(True)
    button.setProperty("variant", "choice")  # less padding: three fit half a tablet
    return button


class ActForm(SigningForm):
    """Emits ``act_recorded(RecordedAct)``."""

    def __init__(
        self,
        ops: AsyncOps,
        record_act: RecordAct,
        actor: Actor,
        incident_id: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(ops, record_act, actor, parent)
        self.setObjectName("actForm")
        self._incident_id = incident_id
        self.decision = QPlainTextEdit()
        self.decision.setPlaceholderText(self.tr("Decision (or deferral) taken"))
        self.statement = QPlainTextEdit()
        self.statement.setPlaceholderText(self.tr("Facts not in the incident record"))
        # A screen reader says the field's hint: the texts have no label beside them.
        self.decision.setAccessibleName(self.decision.placeholderText())
        self.statement.setAccessibleName(self.statement.placeholderText())
        for text in (self.decision, self.statement):
            text.setTabChangesFocus(True)  # Tab goes to the next control, not into the text
        self.rows: list[CompensationRow] = []
        self._rows_box = QVBoxLayout()
        add_row = QPushButton(self.tr("Add compensation"))
        add_row.clicked.connect(self.add_compensation)

        self.staff_pad = SignaturePad()
        self.guest_pad = SignaturePad()
        self.staff_clear = QPushButton(self.tr("Clear"))
        self.staff_clear.setObjectName("clearStaffSignature")
        self.staff_clear.clicked.connect(self.staff_pad.clear)
        self.guest_clear = QPushButton(self.tr("Clear"))
        self.guest_clear.setObjectName("clearGuestSignature")
        self.guest_clear.clicked.connect(self.guest_pad.clear)
        # One big toggle per choice: a radio's dot is a small target for a guest's finger.
        self.guest_signs = _choice(self.tr("Guest signs"), "guestSigns")
        self.guest_declines = _choice(self.tr("Declined"), "guestDeclines")
        self.guest_absent = _choice(self.tr("Not present"), "guestAbsent")
        self.guest_signs.setChecked(True)
        self._guest_choice = QButtonGroup(self)
        for button in (self.guest_signs, self.guest_declines, self.guest_absent):
            self._guest_choice.addButton(button)
            button.toggled.connect(self._guest_mode)
        self.guest_note = QLineEdit()
        self.guest_note.setObjectName("guestNote")
        note_hint = self.tr("What the guest said (optional)")
        self.guest_note.setAccessibleName(note_hint)
        guest_note = HintedField(self.guest_note, note_hint)  # under it when too narrow

        self.message = error_line("actMessage")
        self.sign_button = QPushButton(self.tr("Sign act"))
        self.sign_button.setObjectName("signAct")
        self.sign_button.setProperty("variant", "primary")
        self.sign_button.setMinimumHeight(56)
        self.sign_button.clicked.connect(self.submit)

        # A refusal names a field as this form labels it; the compensation lines and the
        # guest's note have no label of their own and keep the core's names.
        self.field_names = {
            "decision": self.tr("Decision"),
            "statement": self.tr("Statement"),
            "staff_signature": self.tr("Staff signature"),
            "guest_signature": self.tr("Guest signature"),
        }
        self.decision.setMinimumHeight(96)
        self.statement.setMinimumHeight(72)
        facts = QWidget()
        facts_layout = QVBoxLayout(facts)
        facts_layout.setContentsMargins(0, 0, 0, 0)
        for code, edit in (("decision", self.decision), ("statement", self.statement)):
            facts_layout.addWidget(section(self.field_names[code]))
            facts_layout.addWidget(edit, 1)
        facts_layout.addWidget(section(self.tr("Compensation promised")))
        facts_layout.addLayout(self._rows_box)
        facts_layout.addWidget(add_row)
        facts_layout.addStretch(0)
        # The left column scrolls (up and down only) when promises pile up; the pads and
        # the Sign button on the right stay where they are.
        left = QScrollArea()
        left.setObjectName("actFacts")
        left.setWidgetResizable(True)
        left.setFrameShape(QFrame.Shape.NoFrame)
        left.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        left.setWidget(facts)

        right = QVBoxLayout()
        right.addLayout(pad_heading(self.field_names["staff_signature"], self.staff_clear))
        right.addWidget(self.staff_pad)
        right.addLayout(pad_heading(self.field_names["guest_signature"], self.guest_clear))
        choices = ReflowGrid(3)  # one under the other when a row would cut them (200 % text)
        choices.set_items([self.guest_signs, self.guest_declines, self.guest_absent])
        right.addWidget(choices)
        right.addWidget(self.guest_pad)
        right.addWidget(guest_note)
        right.addStretch(1)

        # The dialog puts Cancel in the action row, beside Sign.
        self.action_row = two_columns(self, left, right, self.message, self.sign_button)

    @property
    def has_input(self) -> bool:
        """Anything entered that Cancel would lose."""
        texts = (self.decision.toPlainText(), self.statement.toPlainText())
        return bool(
            any(t.strip() for t in texts)
            or self.rows
            or not self.staff_pad.is_empty
            or not self.guest_pad.is_empty
        )

    def add_compensation(self) -> CompensationRow:
        row = CompensationRow()
        self.rows.append(row)
        self._rows_box.addWidget(row)
        return row

    def _guest_mode(self) -> None:
        signs = self.guest_signs.isChecked()
        self.guest_pad.setEnabled(signs)
        self.guest_clear.setEnabled(signs)
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
