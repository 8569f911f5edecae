"""Small pieces every form repeats: the primary/cancel row and the error line."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, SignalInstance
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton


def action_row(primary: QPushButton, cancelled: SignalInstance, cancel_name: str) -> QHBoxLayout:
    """``primary`` then a Cancel button that emits ``cancelled``, left-aligned."""
    cancel = QPushButton(QCoreApplication.translate("FormParts", "Cancel"))
    cancel.setObjectName(cancel_name)
    cancel.clicked.connect(cancelled)
    row = QHBoxLayout()
    row.addWidget(primary)
    row.addWidget(cancel)
    row.addStretch(1)
    return row


def error_line(name: str) -> QLabel:
    """A hidden, word-wrapped error label, shown when a form is refused."""
    label = QLabel()
    label.setObjectName(name)
    label.setProperty("variant", "error")
    label.setWordWrap(True)
    label.hide()
    return label
