"""The board's "Shift handover" for the pit boss and the duty manager: the core writes and
signs the handover off the GUI thread (``HandoverService.write``), then a dialog says what
it holds and saves the signed PDF where the incoming team will read or print it.

``pick_file`` is the system's save dialog (a kiosk's is confined to its export folder:
ui/kiosk/file_dialogs.py); tests pass their own (no real directory)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.actor import Actor
from app.file_access import ANYWHERE, FileRoot
from app.services.handover import HandoverService, SignedHandover
from ui.async_ops import AsyncOps
from ui.kiosk.file_dialogs import save_file

PickFile = Callable[[QWidget, str], Path | None]


def pick_file(parent: QWidget, suggested: str, reach: FileRoot = ANYWHERE) -> Path | None:
    """The system's save dialog, or a kiosk's confined to its export folder."""
    return save_file(
        parent,
        QCoreApplication.translate("Handover", "Save the shift handover"),
        suggested,
        QCoreApplication.translate("Handover", "PDF documents (*.pdf)"),
        reach,
    )


class HandoverButton(QPushButton):
    """Writes the handover (busy while it is signed), then shows ``HandoverDialog``."""

    written = Signal(object)  # the SignedHandover

    def __init__(
        self,
        ops: AsyncOps,
        handover: HandoverService,
        actor: Actor,
        parent: QWidget | None = None,
        pick: PickFile | None = None,  # tests pass their own
        reach: FileRoot = ANYWHERE,  # a kiosk's: the handover export folder only
    ) -> None:
        super().__init__(QCoreApplication.translate("Handover", "Shift handover"), parent)
        self.setObjectName("shiftHandover")
        self.ops, self.handover, self.actor = ops, handover, actor
        self.pick: PickFile = pick or (lambda window, name: pick_file(window, name, reach))
        self.dialog: HandoverDialog | None = None
        self.clicked.connect(self.write)

    def write(self) -> None:
        self.ops.run(self.handover.write, self.actor, on_success=self._show, busy=self, owner=self)

    def _show(self, signed: SignedHandover) -> None:
        self.dialog = HandoverDialog(signed, self.pick, self.window())
        self.written.emit(signed)
        self.dialog.open()


class HandoverDialog(QDialog):
    saved = Signal(object)  # the Path written

    def __init__(self, signed: SignedHandover, pick: PickFile, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.setObjectName("handoverDialog")
        self.setWindowTitle(QCoreApplication.translate("Handover", "Shift handover"))
        self.signed, self.pick = signed, pick
        h = signed.handover
        self.summary = QLabel(
            QCoreApplication.translate(
                "Handover",
                "Signed for the incoming team: {breached} breached, {waiting} waiting, "
                "{open} other open, {promises} promises to keep.",
            ).format(
                breached=len(h.breached),
                waiting=len(h.waiting),
                open=len(h.open),
                promises=len(h.promises),
            )
        )
        self.summary.setObjectName("handoverSummary")
        self.summary.setWordWrap(True)
        self.signature = QLabel(signature_text(signed))
        self.signature.setObjectName("handoverSignature")
        self.signature.setProperty("variant", "subtle")
        self.signature.setWordWrap(True)
        self.save_button = QPushButton(QCoreApplication.translate("Handover", "Save PDF…"))
        self.save_button.setObjectName("saveHandover")
        self.save_button.setProperty("variant", "primary")
        self.save_button.clicked.connect(self.save)
        close = QPushButton(QCoreApplication.translate("Handover", "Close"))
        close.setObjectName("closeHandover")
        close.clicked.connect(self.accept)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(close)
        buttons.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.signature)
        layout.addLayout(buttons)
        self.setMinimumWidth(420)

    def suggested_name(self) -> str:
        made = self.signed.handover.made_at.astimezone(self.signed.handover.zone)
        return f"handover-{made:%Y-%m-%d-%H%M}.pdf"

    def save(self) -> None:
        path = self.pick(self, self.suggested_name())
        if path is not None:
            self.save_to(path)

    def save_to(self, path: Path) -> None:
        # A few hundred kilobytes at most: written at once, as the act viewer saves.
        path.write_bytes(self.signed.pdf)
        self.saved.emit(path)
        self.accept()


def signature_text(signed: SignedHandover) -> str:
    """How far the signature went: timestamped by the helpdesk, or the tablet's alone."""
    if signed.level == "B-LT":
        return QCoreApplication.translate(
            "Handover", "Signature timestamped by the helpdesk, with its proofs (PAdES B-LT)."
        )
    if signed.level == "B-T":
        return QCoreApplication.translate(
            "Handover", "Signature timestamped by the helpdesk (PAdES B-T)."
        )
    return QCoreApplication.translate(
        "Handover",
        "Signed by this tablet only (PAdES B-B): the helpdesk was not reached to timestamp it.",
    )
