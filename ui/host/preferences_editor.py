"""Editing the preference card (own or covered guests): one entry per line, one Save."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QGridLayout, QLabel, QPlainTextEdit, QPushButton, QVBoxLayout, QWidget

from app.actor import Actor
from app.domain.guest import PreferenceCard
from app.services.errors import PermissionDenied
from app.services.preferences import EDITABLE, PreferenceEdit
from app.services.validation import InvalidText
from ui.async_ops import AsyncOps
from ui.error_text import error_text
from ui.form_parts import scrolling_body
from ui.theme import scaled


class PreferencesEditor(QWidget):
    saved = Signal(object)  # the guest, redacted

    def __init__(self, preferences: Any, ops: AsyncOps, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("preferencesEditor")
        self._service, self._ops = preferences, ops
        self._actor: Actor | None = None
        self._guest_id: str | None = None
        # By field code: the rows' labels, and how a refusal names a field.
        self.field_names = labels = {
            "drinks": self.tr("Drinks"),
            "meals": self.tr("Meals"),
            "rooms": self.tr("Rooms"),
            "tables_games": self.tr("Tables / games"),
            "communication": self.tr("Communication"),
            "transfers": self.tr("Transfers"),
        }
        # The fields scroll where large text needs it; Save and its answer stay in view.
        area, body = scrolling_body("preferencesFields")
        fields = QVBoxLayout(body)
        fields.setContentsMargins(0, 0, 0, 0)
        layout = QVBoxLayout(self)
        layout.addWidget(area)  # as tall as its fields where they fit: Save just below
        hint = QLabel(self.tr("One entry per line. Never write a payment card number."))
        hint.setProperty("variant", "subtle")
        hint.setWordWrap(True)
        fields.addWidget(hint)
        # Two columns, label above field: the six fit a 1024 x 768 screen with Save in view.
        form = QGridLayout()
        form.setHorizontalSpacing(12)
        self.edits: dict[str, QPlainTextEdit] = {}
        for n, name in enumerate(EDITABLE):
            edit = QPlainTextEdit()
            edit.setObjectName(f"pref_{name}")
            edit.setTabChangesFocus(True)  # Tab goes to the next control, not into the text
            edit.setFixedHeight(scaled(64))  # two lines at the device's text size
            self.edits[name] = edit
            label = QLabel(labels[name])
            edit.setAccessibleName(labels[name])  # the label above it, said with the field
            label.setProperty("variant", "subtle")
            form.addWidget(label, (n // 2) * 2, n % 2)
            form.addWidget(edit, (n // 2) * 2 + 1, n % 2)
        fields.addLayout(form)
        fields.addStretch(1)
        self.save_button = QPushButton(self.tr("Save preferences"))
        self.save_button.setObjectName("savePreferences")
        self.save_button.setProperty("variant", "primary")
        self.save_button.clicked.connect(self.save)
        layout.addWidget(self.save_button)
        self.message = QLabel()
        self.message.setObjectName("preferencesMessage")
        self.message.setWordWrap(True)
        layout.addWidget(self.message)
        layout.addStretch(1)
        self.setEnabled(False)

    def set_guest(
        self, actor: Actor, guest_id: str, prefs: PreferenceCard, *, editable: bool
    ) -> None:
        self._actor, self._guest_id = actor, guest_id
        for name, edit in self.edits.items():
            edit.setPlainText("\n".join(getattr(prefs, name)))
        self.message.clear()
        self.setEnabled(editable)

    def save(self) -> None:
        if self._actor is None or self._guest_id is None:
            return
        values = {
            name: tuple(line for line in edit.toPlainText().splitlines() if line.strip())
            for name, edit in self.edits.items()
        }
        self._ops.run(
            self._service.update,
            self._actor,
            self._guest_id,
            PreferenceEdit(**values),
            on_success=self._saved,
            on_error=self._failed,
            busy=self.save_button,
        )

    def _saved(self, guest: Any) -> None:
        self.message.setProperty("variant", "info")
        self.message.setText(self.tr("Preferences saved; they reach the helpdesk with the sync."))
        self.saved.emit(guest)

    def _failed(self, exc: BaseException) -> bool:
        if isinstance(exc, InvalidText):
            self.message.setText(error_text(exc, self.field_names))
        elif isinstance(exc, PermissionDenied):
            self.message.setText(self.tr("Only the guest's host (or a covering host) may edit."))
        else:
            return False
        self.message.setProperty("variant", "error")
        return True
