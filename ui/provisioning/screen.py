"""The provisioning screen: IT enrols a new (or revoked) tablet with the helpdesk.

Shown at start instead of the sign-in when the console has a helpdesk but no device
token (or the helpdesk refused the one it held). IT types the device id and the
single-use code ``vip-console helpdesk device add`` printed, or scans its QR code (a
scanner types ``vip-enrol:<id>?code=…`` into a field, which fills both). The core
(``app.sync.provisioning``) enrols; the screen gathers input and renders the outcome.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.sync.enrolment import EnrolmentRefused, NotProvisioned
from app.sync.enrolment_uri import parse_enrolment_uri
from app.sync.provisioning import Provisioned
from app.sync.transport import HelpdeskTooOld, Unreachable
from app.wire.contract import MalformedResponse
from ui.async_ops import AsyncOps
from ui.sign_in.keypad import Keypad
from ui.theme import KEYPAD_KEY

Attempt = Callable[[str, str], Awaitable[Provisioned]]  # (device id, code)


def _refusals() -> tuple[tuple[str, str], ...]:
    """The helpdesk's refusals (docs/helpdesk-api.md, "Enrolment"), said for IT."""
    return (
        (
            "already used",
            QCoreApplication.translate(
                "ProvisioningScreen", "This code was used already: ask IT for a new one."
            ),
        ),
        (
            "expired",
            QCoreApplication.translate(
                "ProvisioningScreen", "This code has expired: ask IT for a new one."
            ),
        ),
        (
            "another device id",
            QCoreApplication.translate(
                "ProvisioningScreen",
                "This code was issued for another device id: check the device id.",
            ),
        ),
        (
            "enrolled and live",
            QCoreApplication.translate(
                "ProvisioningScreen",
                "This device id is in use on another tablet: IT must revoke it first.",
            ),
        ),
        (
            "not a code",
            QCoreApplication.translate(
                "ProvisioningScreen", "The helpdesk did not issue this code for this device id."
            ),
        ),
    )


def code_refusal_text(detail: str) -> str:
    """The helpdesk's refusal of an enrolment code (its English ``detail``), said for IT."""
    for marker, text in _refusals():
        if marker in detail:
            return text
    return QCoreApplication.translate(
        "ProvisioningScreen", "The helpdesk refused this code: ask IT for a new one."
    )


def refusal_text(error: BaseException, helpdesk_url: str) -> str | None:
    """What to tell IT about ``error``; None: not a refusal (a bug, for the crash hook)."""
    if isinstance(error, ValueError) and str(error) == "device_id":
        return QCoreApplication.translate(
            "ProvisioningScreen", "A device id is 1 to 64 letters, digits, '-', '_', '.' or ':'."
        )
    if isinstance(error, ValueError) and str(error) == "code":
        return QCoreApplication.translate(
            "ProvisioningScreen", "Type the enrolment code IT gave you for this tablet."
        )
    if isinstance(error, HelpdeskTooOld):
        return QCoreApplication.translate(
            "ProvisioningScreen",
            "The helpdesk is older than this console: it must be updated before tablets can enrol.",
        )
    if isinstance(error, NotProvisioned):
        return code_refusal_text(error.detail)
    if isinstance(error, Unreachable):
        return QCoreApplication.translate(
            "ProvisioningScreen",
            "The helpdesk at {url} cannot be reached: check the network and try again.",
        ).format(url=helpdesk_url)
    if isinstance(error, MalformedResponse):
        return QCoreApplication.translate(
            "ProvisioningScreen", "The helpdesk's answer was not understood: {error}"
        ).format(error=error)
    if isinstance(error, EnrolmentRefused):
        return QCoreApplication.translate(
            "ProvisioningScreen", "The helpdesk could not enrol this tablet now: {error}"
        ).format(error=error)
    return None


class ProvisioningScreen(QWidget):
    """Emits ``provisioned(Provisioned)`` once the helpdesk enrolled this tablet."""

    provisioned = Signal(object)

    def __init__(
        self,
        helpdesk_url: str,
        device_id: str,
        attempt: Attempt,
        ops: AsyncOps,
        *,
        again: bool = False,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("provisioning")
        self._helpdesk_url, self._attempt, self._ops = helpdesk_url, attempt, ops
        title = QLabel(
            QCoreApplication.translate("ProvisioningScreen", "Provision this tablet")
            if not again
            else QCoreApplication.translate("ProvisioningScreen", "Provision again")
        )
        title.setProperty("variant", "title")
        title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        if again:
            why = QCoreApplication.translate(
                "ProvisioningScreen", "The helpdesk no longer accepts this tablet (it was revoked)."
            )
        else:
            why = QCoreApplication.translate(
                "ProvisioningScreen", "This tablet is not yet enrolled with the helpdesk."
            )
        explain = QLabel(
            why
            + " "
            + QCoreApplication.translate(
                "ProvisioningScreen",
                "IT: enter its device id and the enrolment code from "
                "'vip-console helpdesk device add', or scan the code's QR code.",
            )
        )
        explain.setWordWrap(True)
        explain.setProperty("variant", "subtle")
        where = QLabel(
            QCoreApplication.translate("ProvisioningScreen", "Helpdesk: {url}").format(
                url=helpdesk_url
            )
        )
        where.setObjectName("provisioningHelpdesk")
        where.setProperty("variant", "subtle")

        self.device_edit = QLineEdit(device_id)
        self.device_edit.setObjectName("provisioningDeviceId")
        self.device_edit.setMaxLength(200)  # a scanned vip-enrol: URI lands here too
        self.code_edit = QLineEdit()
        self.code_edit.setObjectName("provisioningCode")
        self.code_edit.setPlaceholderText("XXXX-XXXX-XXXX-XXXX")
        self.code_edit.setMaxLength(200)
        fields = QGridLayout()
        for row, (label, edit) in enumerate(
            (
                (QCoreApplication.translate("ProvisioningScreen", "Device id"), self.device_edit),
                (
                    QCoreApplication.translate("ProvisioningScreen", "Enrolment code"),
                    self.code_edit,
                ),
            )
        ):
            edit.setAccessibleName(label)
            edit.setMinimumHeight(KEYPAD_KEY)
            edit.installEventFilter(self)  # a tap aims the keypad at it
            edit.textChanged.connect(self._take_ticket)
            fields.addWidget(QLabel(label), row, 0)
            fields.addWidget(edit, row, 1)
        self.device_edit.returnPressed.connect(self.code_edit.setFocus)
        self.code_edit.returnPressed.connect(self.submit)
        self._target = self.code_edit

        self.keypad = Keypad()
        self.keypad.typed.connect(lambda char: self._target.insert(char))
        self.keypad.backspace.connect(lambda: self._target.backspace())
        self.keypad.cleared.connect(lambda: self._target.clear())

        self.submit_button = QPushButton(
            QCoreApplication.translate("ProvisioningScreen", "Enrol this tablet")
        )
        self.submit_button.setObjectName("provisioningSubmit")
        self.submit_button.setProperty("variant", "primary")
        self.submit_button.setMinimumHeight(KEYPAD_KEY)
        self.submit_button.clicked.connect(self.submit)
        self.message = QLabel()
        self.message.setObjectName("provisioningMessage")
        self.message.setWordWrap(True)
        self.message.setProperty("variant", "error")
        self.message.hide()

        form = QFrame()
        form.setProperty("variant", "panel")
        form.setMaximumWidth(760)
        layout = QVBoxLayout(form)
        layout.setContentsMargins(20, 16, 20, 16)
        layout.setSpacing(8)
        for widget in (title, explain, where):
            layout.addWidget(widget)
        layout.addLayout(fields)
        layout.addWidget(self.keypad)
        layout.addWidget(self.submit_button)
        layout.addWidget(self.message)
        column = QVBoxLayout()
        column.addStretch(1)
        column.addWidget(form)
        column.addStretch(1)
        outer = QHBoxLayout(self)
        outer.addStretch(1)
        outer.addLayout(column, 10)
        outer.addStretch(1)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        aiming = (QEvent.Type.MouseButtonPress, QEvent.Type.FocusIn)
        if event.type() in aiming and isinstance(watched, QLineEdit):
            self._target = watched
        return False

    def _take_ticket(self, text: str) -> None:
        """A scanned QR code (``vip-enrol:…``) fills the device id and the code."""
        ticket = parse_enrolment_uri(text)
        if ticket is None:
            return
        self.device_edit.setText(ticket.device_id)
        self.code_edit.setText(ticket.code)
        self.code_edit.setFocus()

    def submit(self) -> None:
        device_id, code = self.device_edit.text(), self.code_edit.text()
        self.message.hide()
        self._ops.run_coro(
            lambda: self._attempt(device_id, code),
            on_success=self._done,
            on_error=self._refused,
            busy=self.submit_button,
        )

    def _done(self, provisioned: Provisioned) -> None:
        self.provisioned.emit(provisioned)

    def _refused(self, error: BaseException) -> bool:
        text = refusal_text(error, self._helpdesk_url)
        if text is None:
            return False  # a bug: the crash dialog
        self.message.setText(text)
        self.message.show()
        return True
