"""*Page guest* and *Announce* on a guest card, and what became of the request.

Disabled, with the core's reason shown, for a quiet-visit guest (SPEC §3). A tap
goes through the guest service off the GUI thread; the service refuses a quiet
visit again and audits the request, and only its answer is shown here. A card with
no paging service behind it shows no bar at all (``GuestCardWidget.enable_paging``).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QBoxLayout,
    QFrame,
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from app.guest_card import GuestCardView
from app.services.guests import PagingKind
from ui.error_text import error_text
from ui.theme import MIN_TOUCH

PagingRequest = Callable[[str, PagingKind], None]  # (guest id, kind), audited by the core


class PagingBar(QFrame):
    requested = Signal(str, str)  # guest id, PagingKind value: recorded by the core

    def __init__(
        self,
        view: GuestCardView,
        ops: Any,
        request: PagingRequest,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("cardActions")
        self._ops, self._request, self._guest_id = ops, request, view.guest.id
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        self._row = row = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        self.page_button = self._button(self.tr("Page guest"), "pageGuest", PagingKind.PAGE)
        self.announce_button = self._button(
            self.tr("Announce"), "announceGuest", PagingKind.ANNOUNCE
        )
        for button in (self.page_button, self.announce_button):
            # Share a narrow card's width rather than push it wider than the screen.
            button.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
            button.setProperty("variant", "choice")
            button.setMinimumWidth(MIN_TOUCH)
            row.addWidget(button)
        box.addLayout(row)
        self._reason = _note("", "pagingBlockedReason")  # shown for a guest it concerns
        self._reason.hide()
        box.addWidget(self._reason)
        self.outcome = _note("", "pagingOutcome")
        box.addWidget(self.outcome)
        self.show_for(view)

    def show_for(self, view: GuestCardView) -> None:
        """The bar for ``view``'s guest (the card is filled again on every swipe)."""
        self._guest_id = view.guest.id
        blocked = view.paging_blocked_reason
        reason = error_text(blocked) if blocked is not None else ""  # the core says why
        for button in (self.page_button, self.announce_button):
            if button.isEnabled() != view.paging_allowed:
                button.setEnabled(view.paging_allowed)
            if button.toolTip() != reason:
                button.setToolTip(reason)
        if reason != self._reason.text():
            self._reason.setText(reason)
        if self._reason.isHidden() == bool(reason):
            self._reason.setVisible(bool(reason))  # now: painted with the card
        if not self.outcome.isHidden():
            self.outcome.hide()
            self.outcome.setText("")

    def resizeEvent(self, event: Any) -> None:  # noqa: N802 - Qt API
        """Side by side when both words fit, else one above the other (a narrow card,
        a longer language): never a cut word."""
        super().resizeEvent(event)
        needs = [b.sizeHint().width() for b in (self.page_button, self.announce_button)]
        side_by_side = sum(needs) + self._row.spacing() <= self.width()
        for n, need in enumerate(needs):  # each as wide as its words need, then more
            self._row.setStretch(n, need)
        direction = QBoxLayout.Direction.LeftToRight
        if not side_by_side:
            direction = QBoxLayout.Direction.TopToBottom
        if self._row.direction() != direction:
            self._row.setDirection(direction)

    def _button(self, text: str, name: str, kind: PagingKind) -> QPushButton:
        button = QPushButton(text)
        button.setObjectName(name)
        button.clicked.connect(lambda: self._send(kind, button))
        return button

    def _send(self, kind: PagingKind, button: QPushButton) -> None:
        guest_id = self._guest_id
        self._ops.run(
            self._request,
            guest_id,
            kind,
            on_success=lambda _: self._recorded(guest_id, kind),
            busy=button,
        )

    def _recorded(self, guest_id: str, kind: PagingKind) -> None:
        if kind is PagingKind.PAGE:
            self.outcome.setText(self.tr("Paging request recorded."))
        else:
            self.outcome.setText(self.tr("Announcement request recorded."))
        self.outcome.show()
        self.requested.emit(guest_id, kind.value)


def _note(text: str, name: str) -> QLabel:
    label = QLabel(text)
    label.setObjectName(name)
    label.setProperty("variant", "subtle")
    label.setWordWrap(True)
    return label
