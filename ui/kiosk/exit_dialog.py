"""The kiosk's way out: IT types their PIN; the core checks, counts and audits it."""

from __future__ import annotations

import logging

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QIntValidator
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.kiosk import ExitAnswer, KioskExit
from ui.async_ops import AsyncOps
from ui.locale_format import format_datetime

log = logging.getLogger(__name__)


class KioskExitDialog(QDialog):
    exit_allowed = Signal()

    def __init__(self, kiosk: KioskExit, ops: AsyncOps, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("kioskExit")
        self.setWindowTitle(self.tr("Leave kiosk mode"))
        self.setModal(True)
        self._kiosk, self._ops = kiosk, ops
        heading = QLabel(self.tr("IT PIN to leave kiosk mode"))
        heading.setProperty("variant", "title")
        self.pin_edit = QLineEdit()
        self.pin_edit.setObjectName("kioskPin")
        self.pin_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.pin_edit.setValidator(QIntValidator(0, 99_999_999, self))
        self.pin_edit.setMaxLength(8)
        self.pin_edit.setAccessibleName(self.tr("IT PIN"))
        heading.setBuddy(self.pin_edit)
        self.message = QLabel()
        self.message.setObjectName("kioskMessage")
        self.message.setProperty("variant", "error")
        self.message.setWordWrap(True)
        self.message.hide()
        self.leave_button = QPushButton(self.tr("Leave kiosk mode"))
        self.leave_button.setObjectName("kioskLeave")
        self.leave_button.setProperty("variant", "primary")
        self.leave_button.setDefault(True)
        self.stay_button = QPushButton(self.tr("Stay"))
        self.stay_button.setObjectName("kioskStay")
        self.leave_button.clicked.connect(self.submit)
        self.stay_button.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addWidget(self.stay_button)
        buttons.addStretch(1)
        buttons.addWidget(self.leave_button)
        column = QVBoxLayout(self)
        column.addWidget(heading)
        column.addWidget(self.pin_edit)
        column.addWidget(self.message)
        column.addLayout(buttons)
        self.pin_edit.setFocus(Qt.FocusReason.OtherFocusReason)

    def submit(self) -> None:
        pin = self.pin_edit.text()
        self.pin_edit.clear()
        log.info("kiosk: an IT PIN of %d digits is checked", len(pin))  # never the digits
        self._ops.run(self._kiosk.try_exit, pin, on_success=self._answered, busy=self)

    def _answered(self, answer: ExitAnswer) -> None:
        if answer.allowed:
            self.accept()
            self.exit_allowed.emit()
            return
        log.info("kiosk: IT PIN refused%s", " (locked)" if answer.locked_until else "")
        if answer.locked_until is not None:
            text = self.tr("Too many wrong PINs: try again after {time}.")
            text = text.format(time=format_datetime(answer.locked_until))
        else:
            text = self.tr("Wrong IT PIN. The attempt was logged.")
        self.message.setText(text)
        self.message.show()
        self.pin_edit.setFocus(Qt.FocusReason.OtherFocusReason)
