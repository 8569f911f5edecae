"""Code-word check: staff type what the guest says; the console answers match / no match.

The word is never shown: the field echoes as a password and is cleared after each
check; the answer comes from ``GuestService.verify_code_word`` (hash comparison,
audited) run off the GUI thread.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from app.actor import Actor
from app.services.errors import NoCodeWordOnFile, PermissionDenied
from ui.async_ops import AsyncOps


class CodeWordCheck(QWidget):
    checked = Signal(bool)  # True: the word matches

    def __init__(self, guests: Any, ops: AsyncOps, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("codeWordCheck")
        self._guests, self._ops = guests, ops
        self._actor: Actor | None = None
        self._guest_id: str | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        row = QHBoxLayout()
        self.word_edit = QLineEdit()
        self.word_edit.setObjectName("codeWordEdit")
        self.word_edit.setEchoMode(QLineEdit.EchoMode.Password)
        # A short hint the narrowest field shows whole; what to do is said below it.
        self.word_edit.setPlaceholderText(self.tr("Code word"))
        self.word_edit.setAccessibleName(self.word_edit.placeholderText())
        self.word_edit.returnPressed.connect(self.check)
        self.check_button = QPushButton(self.tr("Check code word"))
        self.check_button.setObjectName("checkCodeWord")
        self.check_button.setProperty("variant", "primary")
        self.check_button.clicked.connect(self.check)
        row.addWidget(self.word_edit, 1)
        row.addWidget(self.check_button)
        layout.addLayout(row)
        self.result_label = QLabel(self._advice())
        self.result_label.setObjectName("codeWordResult")
        self.result_label.setProperty("variant", "subtle")
        self.result_label.setWordWrap(True)
        layout.addWidget(self.result_label)
        self.set_guest(None, None, on_file=False)

    def set_guest(self, actor: Actor | None, guest_id: str | None, *, on_file: bool) -> None:
        self._actor, self._guest_id = actor, guest_id
        usable = actor is not None and guest_id is not None and on_file
        self.word_edit.clear()
        self.word_edit.setEnabled(usable)
        self.check_button.setEnabled(usable)
        if guest_id is not None and not on_file:
            self._say(self.tr("No code word on file for this guest."), "subtle")
        else:
            self._say(self._advice(), "subtle")

    def _advice(self) -> str:
        return self.tr("Type the code word the guest says. Never read it aloud.")

    def check(self) -> None:
        word = self.word_edit.text()
        self.word_edit.clear()  # the word leaves the screen at once
        if not word or self._actor is None or self._guest_id is None:
            return
        self._ops.run(
            self._guests.verify_code_word,
            self._actor,
            self._guest_id,
            word,
            on_success=self._answered,
            on_error=self._failed,
            busy=self.check_button,
        )

    def _answered(self, matches: bool) -> None:
        if matches:
            self._say(self.tr("Match: the code word is correct."), "info")
        else:
            self._say(
                self.tr("No match: do not give the reason; ask again or verify otherwise."), "error"
            )
        self.checked.emit(bool(matches))

    def _failed(self, exc: BaseException) -> bool:
        if isinstance(exc, NoCodeWordOnFile):
            self._say(self.tr("No code word on file for this guest."), "error")
            return True
        if isinstance(exc, PermissionDenied):
            self._say(self.tr("You may not check this guest's code word."), "error")
            return True
        return False

    def _say(self, text: str, variant: str) -> None:
        self.result_label.setText(text)
        self.result_label.setProperty("variant", variant)
        self.result_label.style().unpolish(self.result_label)
        self.result_label.style().polish(self.result_label)
