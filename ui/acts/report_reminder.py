"""Post-incident reports due: a reminder on the board, and the way to write the report.

``ReportReminder`` asks ``ActService.due_reports`` (in the executor, through
``AsyncOps``) every minute and on ``refresh()``, and emits ``changed(ReportSummary)``.
``ReportReminderBanner`` shows the summary (hidden when nothing is due) and, when the
reminder knows the act service, a "Write report" button that opens the report form
(``ui.acts.signing``) for the most urgent one; a signed report refreshes the reminder.
To put it on the board::

    reminder = ReportReminder(ops, lambda a: acts().due_reports(a), actor, board, acts=acts)
    board.layout().insertWidget(0, ReportReminderBanner(reminder))
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QDialog, QPushButton, QWidget

from app.actor import Actor
from app.acts.post_incident import DueReport, ReportSummary, summarise
from app.clock import Clock, SystemClock
from ui.acts.notice_banner import NoticeBanner
from ui.async_ops import AsyncOps
from ui.incident.labels import countdown, ticket_text

REFRESH_MS = 60_000


class ReportReminder(QObject):
    changed = Signal(object)  # ReportSummary

    def __init__(
        self,
        ops: AsyncOps,
        due_reports: Callable[[Actor], list[DueReport]],
        actor: Actor,
        parent: QObject | None = None,
        acts: Callable[[], Any] | None = None,  # the act service, to write the report
    ) -> None:
        super().__init__(parent)
        self.ops = ops
        self._due = due_reports
        self.actor = actor
        self.acts = acts
        self.summary = summarise([])
        self._timer = QTimer(self)
        self._timer.setInterval(REFRESH_MS)
        self._timer.timeout.connect(self.refresh)
        self._timer.start()

    def refresh(self) -> None:
        self.ops.run(self._due, self.actor, on_success=self._show)

    def _show(self, reports: list[DueReport]) -> None:
        self.summary = summarise(reports)
        self.changed.emit(self.summary)


class ReportReminderBanner(NoticeBanner):
    def __init__(
        self, reminder: ReportReminder, clock: Clock | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__("reportReminder", parent)
        self.reminder = reminder
        self._clock = clock or SystemClock()
        self.write_button = QPushButton(self.tr("Write report"))
        self.write_button.setObjectName("writeReport")
        self.write_button.setProperty("variant", "primary")
        self.write_button.clicked.connect(self.write_report)
        self.dialog: QDialog | None = None
        self.lay_out(self.write_button)
        # Only once in the layout: shown before, the button would be a window of its own.
        self.write_button.setVisible(reminder.acts is not None)
        reminder.changed.connect(self.show_summary)
        self.hide()

    def show_summary(self, summary: ReportSummary) -> None:
        if not summary.any or summary.next_due is None:
            self.hide()
            return
        first = summary.next_due
        left = countdown(first.remaining(self._clock.now()))
        when = (
            self.tr("overdue: {time}").format(time=left)
            if first.overdue
            else self.tr("due in {time}").format(time=left)
        )
        ticket = ticket_text(None if first.provisional else first.number, first.number)
        text = self.tr(
            "Post-incident reports due: {due} ({overdue} overdue). Next: {priority} {ticket}, "
            "{when}."
        ).format(
            due=summary.due,
            overdue=summary.overdue,
            priority=first.priority,
            ticket=ticket,
            when=when,
        )
        # A board short of height (text at 200 %): the count (its form names the ticket).
        short = (
            self.tr("Reports due: {due} ({overdue} overdue)")
            if summary.overdue
            else self.tr("Reports due: {due}")
        )
        self.show_notice(text, short.format(due=summary.due, overdue=summary.overdue))

    def write_report(self) -> QDialog | None:
        """The report form for the most urgent report due."""
        first = self.reminder.summary.next_due
        acts = self.reminder.acts
        if first is None or acts is None:
            return None
        from ui.acts.act_actions import ActActions
        from ui.acts.signing import open_report_dialog
        from ui.form_parts import error_line

        reminder = self.reminder
        message = error_line("reportCopyMessage")
        copies = ActActions(reminder.ops, acts, reminder.actor, self, message)
        ticket = ticket_text(None if first.provisional else first.number, first.number)
        self.dialog = open_report_dialog(
            self, reminder.ops, acts, reminder.actor, first.incident_id, ticket, copies
        )
        self.dialog.finished.connect(lambda *_: reminder.refresh())
        return self.dialog
