"""The sign-in keypad: letters and digits, both in view (staff ids are like P001, H002).

Every key types into the field that has the focus (the keys never take it): the
staff id, the PIN or the authenticator code. Letters only make sense in the staff id
and are disabled elsewhere. Seven columns of letters and a phone-style digit block
fit a 1024 x 768 screen with the fields and the buttons.
"""

from __future__ import annotations

import string

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QPushButton, QSizePolicy, QWidget

LETTER_COLUMNS = 7


class Keypad(QWidget):
    typed = Signal(str)
    backspace = Signal()
    cleared = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("keypad")
        self.letter_keys: list[QPushButton] = []
        letters = QGridLayout()
        letters.setSpacing(6)
        for n, letter in enumerate(string.ascii_uppercase):
            key = self._key(letter, f"key{letter}")
            key.clicked.connect(lambda _=False, c=letter: self.typed.emit(c))
            letters.addWidget(key, n // LETTER_COLUMNS, n % LETTER_COLUMNS)
            self.letter_keys.append(key)
        digits = QGridLayout()
        digits.setSpacing(6)
        for n, digit in enumerate("123456789"):
            key = self._key(digit, f"key{digit}")
            key.clicked.connect(lambda _=False, c=digit: self.typed.emit(c))
            digits.addWidget(key, n // 3, n % 3)
        clear = self._key(QCoreApplication.translate("SignInScreen", "Clear"), "keyClear")
        clear.clicked.connect(self.cleared)
        zero = self._key("0", "key0")
        zero.clicked.connect(lambda: self.typed.emit("0"))
        back = self._key("⌫", "keyBackspace")
        back.setAccessibleName(self.tr("Delete the last character"))
        back.clicked.connect(self.backspace)
        for column, key in enumerate((clear, zero, back)):
            digits.addWidget(key, 3, column)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(16)
        row.addLayout(letters, LETTER_COLUMNS)
        row.addLayout(digits, 3)

    def _key(self, label: str, name: str) -> QPushButton:
        # Made in its keypad, and sized by the theme (its keys' font and least size) when
        # shown: a key polished here and moved on is polished again, each of 38.
        button = QPushButton(label, self)
        button.setObjectName(name)
        button.setProperty("variant", "key")
        button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # keep the caret in the field
        button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        return button

    def set_letters_enabled(self, enabled: bool) -> None:
        for key in self.letter_keys:
            key.setEnabled(enabled)
