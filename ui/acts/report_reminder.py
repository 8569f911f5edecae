"""Post-incident reports due: a small reminder the board can show.

``ReportReminder`` asks ``ActService.due_reports`` (in the executor, through
``AsyncOps``) every minute and on ``refresh()``, and emits ``changed(ReportSummary)``.
``ReportReminderBanner`` is a one-line label that shows the summary and hides itself
when nothing is due. To put it on the board::

    reminder = ReportReminder(ops, acts_service, actor, parent=board)
    board.layout().insertWidget(0, ReportReminderBanner(reminder))
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QLabel, QWidget

from app.actor import Actor
from app.acts.post_incident import DueReport, ReportSummary, summarise
from app.clock import Clock, SystemClock
from ui.async_ops import AsyncOps

REFRESH_MS = 60_000


class ReportReminder(QObject):
    changed = Signal(object)  # ReportSummary

    def __init__(
        self,
        ops: AsyncOps,
        due_reports: Callable[[Actor], list[DueReport]],
        actor: Actor,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._ops = ops
        self._due = due_reports
        self._actor = actor
        self.summary = summarise([])
        self._timer = QTimer(self)
        self._timer.setInterval(REFRESH_MS)
        self._timer.timeout.connect(self.refresh)
        self._timer.start()

    def refresh(self) -> None:
        self._ops.run(self._due, self._actor, on_success=self._show)

    def _show(self, reports: list[DueReport]) -> None:
        self.summary = summarise(reports)
        self.changed.emit(self.summary)


class ReportReminderBanner(QLabel):
    def __init__(
        self, reminder: ReportReminder, clock: Clock | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("reportReminder")
        self.setProperty("variant", "warning")
        self.setWordWrap(True)
        self._clock = clock or SystemClock()
        reminder.changed.connect(self.show_summary)
        self.hide()

    def show_summary(self, summary: ReportSummary) -> None:
        if not summary.any or summary.next_due is None:
            self.hide()
            return
        first = summary.next_due
        minutes = int(first.remaining(self._clock.now()).total_seconds() // 60)
        if first.overdue:
            when = (
                self.tr("overdue by %1 h %2 min")
                .replace("%1", str(-minutes // 60))
                .replace("%2", str(-minutes % 60))
            )
        else:
            when = (
                self.tr("due in %1 h %2 min")
                .replace("%1", str(minutes // 60))
                .replace("%2", str(minutes % 60))
            )
        text = self.tr("Post-incident reports due: %1 (%2 overdue). Next: %3 %4, %5.")
        for marker, value in (
            ("%1", str(summary.due)),
            ("%2", str(summary.overdue)),
            ("%3", first.priority),
            ("%4", first.number),
            ("%5", when),
        ):
            text = text.replace(marker, value)
        self.setText(text)
        self.setAccessibleName(text)
        self.show()
