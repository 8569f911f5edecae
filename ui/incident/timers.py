"""The incident screen's SLA clocks: one box per clock, ticked from absolute due times.

A box shows the time left in the one countdown format (``app.display``) and, under it,
what state the clock is in: paused while the incident waits (the value then stays
still: the time that was left when it started waiting), met, missed, or breached.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout

from app.display import BREACH_MARKER, PAUSE_MARKER, countdown_text
from app.sla import Deadline, DeadlineKind, DeadlineState, SlaStatus

# The clocks a box of their own is kept for, first found first; "next deadline" follows.
SHOWN_KINDS = (
    DeadlineKind.REACTION,
    DeadlineKind.DECISION,
    DeadlineKind.STABILISE,
    DeadlineKind.RESOLVE,
)


def kind_title(kind: DeadlineKind) -> str:
    titles = {
        DeadlineKind.REACTION: QCoreApplication.translate(
            "IncidentTimers", "Reaction (reach the table)"
        ),
        DeadlineKind.DECISION: QCoreApplication.translate("IncidentTimers", "Decision or deferral"),
        DeadlineKind.STABILISE: QCoreApplication.translate("IncidentTimers", "Stabilise"),
        DeadlineKind.RESOLVE: QCoreApplication.translate("IncidentTimers", "Resolve"),
        DeadlineKind.MANAGER_ARRIVAL: QCoreApplication.translate(
            "IncidentTimers", "Manager at the table"
        ),
        DeadlineKind.EQUIPMENT_DOWN: QCoreApplication.translate(
            "IncidentTimers", "Equipment back or guest moved"
        ),
    }
    return titles[kind]


def deadline_text(
    deadline: Deadline | None, sla: SlaStatus, now: datetime
) -> tuple[str, str, bool]:
    """(value, state, late) for one clock of ``sla`` at ``now``."""
    if deadline is None:
        return "—", "", False
    if deadline.state is DeadlineState.MET:
        return "✓", QCoreApplication.translate("IncidentTimers", "met"), False
    if deadline.state is DeadlineState.MISSED:
        return "✗", QCoreApplication.translate("IncidentTimers", "missed"), True
    if sla.paused and deadline.state is DeadlineState.PENDING:
        # A waiting incident's due time moves with the clock: what was left stays still.
        left = deadline.due_at - sla.computed_at
        return (
            f"{PAUSE_MARKER} {countdown_text(left)}",
            QCoreApplication.translate("IncidentTimers", "paused"),
            False,
        )
    left = deadline.due_at - now
    if left < timedelta(0):
        return (
            f"{BREACH_MARKER} {countdown_text(left)}",
            QCoreApplication.translate("IncidentTimers", "BREACHED"),
            True,
        )
    return countdown_text(left), "", False


class TimerBox(QFrame):
    def __init__(self, title: str, name: str) -> None:
        super().__init__()
        self.setObjectName(name)
        self.setProperty("variant", "panel")
        self.title = QLabel(title)
        self.title.setProperty("variant", "subtle")
        self.title.setWordWrap(True)  # three boxes abreast on a 1024-px tablet, in French too
        self.value = QLabel("—")
        self.value.setObjectName(f"{name}Value")
        self.value.setProperty("variant", "countdown")
        self.state = QLabel()
        self.state.setObjectName(f"{name}State")
        self.state.setProperty("variant", "subtle")
        box = QVBoxLayout(self)
        box.setContentsMargins(10, 6, 10, 6)
        box.setSpacing(2)
        box.addWidget(self.title)
        box.addWidget(self.value)
        box.addWidget(self.state)

    def show_value(self, value: str, state: str, late: bool) -> None:
        if self.value.text() != value:
            self.value.setText(value)
        if self.state.text() != state:
            self.state.setText(state)
        variant = "countdown-late" if late else "countdown"
        if self.value.property("variant") != variant:
            self.value.setProperty("variant", variant)
            self.value.style().polish(self.value)
