"""The keyboard help: a panel over the console listing every shortcut (F10, Help)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QGridLayout, QLabel, QPushButton, QVBoxLayout, QWidget


class HelpOverlay(QFrame):
    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("helpOverlay")
        self.setAutoFillBackground(True)
        self._grid = QGridLayout()
        self._grid.setHorizontalSpacing(32)
        self._labels: list[QLabel] = []
        title = QLabel(self.tr("Keyboard shortcuts"))
        title.setProperty("variant", "title")
        close = QPushButton(self.tr("Close"))
        close.setObjectName("helpClose")
        close.setProperty("variant", "primary")
        close.clicked.connect(self.hide)
        box = QVBoxLayout(self)
        box.setContentsMargins(48, 32, 48, 32)
        box.addWidget(title)
        box.addLayout(self._grid)
        box.addStretch(1)
        box.addWidget(close, 0, Qt.AlignmentFlag.AlignRight)
        self.hide()

    def set_shortcuts(self, rows: list[tuple[str, str]]) -> None:
        for label in self._labels:
            label.deleteLater()
        self._labels = []
        for row, (keys, what) in enumerate(rows):
            key = QLabel(keys)
            key.setProperty("variant", "shortcut")
            text = QLabel(what)
            self._grid.addWidget(key, row, 0)
            self._grid.addWidget(text, row, 1)
            self._labels += [key, text]

    def shortcuts(self) -> list[str]:
        return [label.text() for label in self._labels[::2]]

    def open_over(self, widget: QWidget) -> None:
        self.setGeometry(widget.rect())
        self.raise_()
        self.show()

    def mousePressEvent(self, event: Any) -> None:  # noqa: N802 - a tap anywhere closes it
        self.hide()
        event.accept()
