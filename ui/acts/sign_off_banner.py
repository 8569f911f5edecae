"""The duty manager's line on the board: post-incident reports waiting for their
sign-off, and "Sign off" for the oldest.

``SignOffBanner`` asks ``ActService.reports_to_sign_off`` (in the executor, through
``AsyncOps``) every minute and on ``refresh()``; hidden when none waits. "Sign off"
opens the sign-off form (``ui.acts.signing``) for the oldest report; a signed sign-off
refreshes it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QDialog, QPushButton, QWidget

from app.actor import Actor
from app.acts.post_incident import AwaitingSignOff
from ui.acts.notice_banner import NoticeBanner
from ui.acts.report_reminder import REFRESH_MS
from ui.async_ops import AsyncOps
from ui.incident.labels import ticket_text


class SignOffBanner(NoticeBanner):
    def __init__(
        self,
        ops: AsyncOps,
        acts: Callable[[], Any],  # app.acts.service.ActService, built at first use
        actor: Actor,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__("signOffBanner", parent)
        self.ops, self.acts, self.actor = ops, acts, actor
        self.waiting: list[AwaitingSignOff] = []
        self.sign_button = QPushButton(self.tr("Sign off"))
        self.sign_button.setObjectName("openSignOff")
        self.sign_button.setProperty("variant", "primary")
        self.sign_button.clicked.connect(self.sign_off)
        self.dialog: QDialog | None = None
        self.lay_out(self.sign_button)
        self._timer = QTimer(self)
        self._timer.setInterval(REFRESH_MS)
        self._timer.timeout.connect(self.refresh)
        self._timer.start()
        self.hide()

    def refresh(self) -> None:
        self.ops.run(
            lambda: self.acts().reports_to_sign_off(self.actor), on_success=self.show_waiting
        )

    def show_waiting(self, waiting: list[AwaitingSignOff]) -> None:
        self.waiting = waiting
        if not waiting:
            self.hide()
            return
        first = waiting[0]
        text = self.tr(
            "Post-incident reports to sign off: {count}. Next: {priority} {ticket}, "
            "report {report}."
        ).format(
            count=len(waiting),
            priority=first.priority,
            ticket=ticket_text(first.ticket, first.number),
            report=first.report.number,
        )
        # A board short of height (text at 200 %): the count (its form names the ticket).
        self.show_notice(text, self.tr("To sign off: {count}").format(count=len(waiting)))

    def sign_off(self) -> QDialog | None:
        """The sign-off form for the oldest report waiting."""
        if not self.waiting:
            return None
        from ui.acts.act_actions import ActActions
        from ui.acts.signing import open_sign_off_dialog
        from ui.form_parts import error_line

        first = self.waiting[0]
        message = error_line("signOffCopyMessage")
        copies = ActActions(self.ops, self.acts, self.actor, self, message)
        self.dialog = open_sign_off_dialog(
            self,
            self.ops,
            self.acts,
            self.actor,
            first.incident_id,
            ticket_text(first.ticket, first.number),
            first.report,
            copies,
        )
        self.dialog.finished.connect(lambda *_: self.refresh())
        return self.dialog
