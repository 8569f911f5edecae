"""One incident: its facts, the live reaction (≤ 2 min) and decision (≤ 10 min) timers,
and one-tap actions — reached the table, decision taken, in progress, waiting,
escalate and resolve (those two confirm first), record the act.

Each action is a thin slot: one ``IncidentService`` call through ``AsyncOps``, then the
view shows the incident as the core returned it. Buttons the role may not use are not
there at all (``app.permissions``).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QDialog,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QScroller,
    QVBoxLayout,
    QWidget,
)

from app.actor import Actor
from app.compliance.aml import requires_ttr
from app.domain import IncidentStatus
from app.domain.enums import EventKind
from app.permissions import Action, allowed
from app.sla import DeadlineKind
from ui.async_ops import AsyncOps
from ui.board.model import category_label, status_label
from ui.compliance.ttr_prompt import prompt_ttr_if_needed
from ui.form_parts import show_refusals
from ui.incident.detail import TIMER_KINDS, IncidentDetail, countdown, detail_for, load_detail
from ui.shell.pages import PageDefaults

TICK_MS = 1000


class TimerBox(QFrame):
    def __init__(self, title: str, name: str) -> None:
        super().__init__()
        self.setObjectName(name)
        self.setProperty("variant", "panel")
        self.title = QLabel(title)
        self.title.setProperty("variant", "subtle")
        self.value = QLabel("—")
        self.value.setObjectName(f"{name}Value")
        self.value.setProperty("variant", "countdown")
        box = QVBoxLayout(self)
        box.addWidget(self.title)
        box.addWidget(self.value)

    def show_value(self, text: str, late: bool) -> None:
        if self.value.text() != text:
            self.value.setText(text)
        variant = "countdown-late" if late else "countdown"
        if self.value.property("variant") != variant:
            self.value.setProperty("variant", variant)
            self.value.style().polish(self.value)


class IncidentView(QScrollArea, PageDefaults):
    changed = Signal(object)  # Incident, after an action
    back_requested = Signal()

    def __init__(
        self,
        context: Any,
        ops: AsyncOps,
        actor: Actor,
        clock: Any = None,
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self.setObjectName("incidentView")
        self.setWidgetResizable(True)
        QScroller.grabGesture(self.viewport(), QScroller.ScrollerGestureType.TouchGesture)
        self._context, self._ops, self._actor = context, ops, actor
        self._clock = clock or context.clock
        self.detail: IncidentDetail | None = None
        self.act_dialog: QDialog | None = None
        body = QWidget()
        self.setWidget(body)
        self.heading = QLabel()
        self.heading.setObjectName("incidentHeading")
        self.heading.setProperty("variant", "title")
        self.facts = QLabel()
        self.facts.setObjectName("incidentFacts")
        self.facts.setWordWrap(True)
        self.timers = {
            DeadlineKind.REACTION: TimerBox(self.tr("Reaction (reach the table)"), "reactionTimer"),
            DeadlineKind.DECISION: TimerBox(self.tr("Decision or deferral"), "decisionTimer"),
        }
        self.nearest = TimerBox(self.tr("Next SLA deadline"), "nearestTimer")
        timers = QHBoxLayout()
        for box in (*self.timers.values(), self.nearest):
            timers.addWidget(box)

        self.buttons: dict[str, QPushButton] = {}
        grid = QGridLayout()

        def may(action: Action) -> bool:
            return allowed(actor, action)

        actions: list[tuple[str, str, Callable[[], Any], bool]] = [
            (
                "reached",
                self.tr("Reached the table"),
                self._reached,
                may(Action.INCIDENT_RECORD_MILESTONE),
            ),
            (
                "decided",
                self.tr("Decision taken"),
                self._decided,
                may(Action.INCIDENT_RECORD_MILESTONE),
            ),
            (
                "in_progress",
                self.tr("In progress"),
                lambda: self._status(IncidentStatus.IN_PROGRESS),
                may(Action.INCIDENT_CHANGE_STATUS),
            ),
            (
                "waiting",
                self.tr("Waiting"),
                lambda: self._status(IncidentStatus.WAITING),
                may(Action.INCIDENT_CHANGE_STATUS),
            ),
            (
                "escalate",
                self.tr("Escalate"),
                lambda: self._confirm("escalate"),
                may(Action.INCIDENT_ESCALATE),
            ),
            (
                "resolve",
                self.tr("Resolve"),
                lambda: self._confirm("resolve"),
                may(Action.INCIDENT_CHANGE_STATUS),
            ),
            ("act", self.tr("Record act"), self.open_act_form, may(Action.INCIDENT_SIGN_ACT)),
            ("back", self.tr("Back"), self.back_requested.emit, True),
        ]
        for key, text, slot, shown in actions:
            if not shown:
                continue
            button = QPushButton(text)
            button.setObjectName(f"incident:{key}")
            button.setMinimumHeight(64)
            button.clicked.connect(slot)
            self.buttons[key] = button
            n = len(self.buttons) - 1
            grid.addWidget(button, n // 4, n % 4)
        # A TTR decision can be recorded (again) from the incident: a prompt closed by a
        # switch of user, or a second look, must not leave it unrecordable.
        self.ttr_button = QPushButton(self.tr("TTR decision"))
        self.ttr_button.setObjectName("incident:ttr")
        self.ttr_button.setMinimumHeight(64)
        self.ttr_button.clicked.connect(self._ttr)
        self.ttr_button.hide()
        self.confirm_bar = QFrame()
        self.confirm_bar.setObjectName("confirmBar")
        self.confirm_bar.setProperty("variant", "panel")
        self.confirm_text = QLabel()
        self.confirm_yes = QPushButton()
        self.confirm_yes.setObjectName("confirmYes")
        self.confirm_yes.setProperty("variant", "primary")
        self.confirm_no = QPushButton(self.tr("Cancel"))
        self.confirm_no.setObjectName("confirmNo")
        self.confirm_no.clicked.connect(self.confirm_bar.hide)
        self.confirm_yes.clicked.connect(self._confirmed)
        bar = QHBoxLayout(self.confirm_bar)
        bar.addWidget(self.confirm_text, 1)
        bar.addWidget(self.confirm_no)
        bar.addWidget(self.confirm_yes)
        self.confirm_bar.hide()
        self._pending: str | None = None
        self.message = QLabel()
        self.message.setProperty("variant", "error")
        self.message.setWordWrap(True)
        self.message.hide()

        layout = QVBoxLayout(body)
        layout.addWidget(self.heading)
        layout.addWidget(self.facts)
        layout.addLayout(timers)
        layout.addLayout(grid)
        layout.addWidget(self.ttr_button)
        layout.addWidget(self.confirm_bar)
        layout.addWidget(self.message)
        layout.addStretch(1)
        self.timer = QTimer(self)
        self.timer.setInterval(TICK_MS)
        self.timer.setTimerType(Qt.TimerType.CoarseTimer)
        self.timer.timeout.connect(self.tick)

    def _ttr(self) -> None:
        if self.detail is not None:
            aml = self._context.aml
            prompt_ttr_if_needed(self, aml, self._ops, self._actor, self.detail.incident)

    # Loading and the live timers ---------------------------------------------------------

    def load(self, incident_id: str) -> None:
        self.confirm_bar.hide()
        self.message.hide()
        self._ops.run(
            load_detail, self._context, self._actor, incident_id, on_success=self.show_detail
        )

    def show_detail(self, detail: IncidentDetail) -> None:
        self.detail = detail
        i = detail.incident
        self.ttr_button.setVisible(
            allowed(self._actor, Action.INCIDENT_VIEW_AMOUNTS)
            and requires_ttr(i.amount, i.currency)
        )
        self.heading.setText(
            self.tr("{number} · {priority} · {status}").format(
                number=i.display_number, priority=i.priority.value, status=status_label(i.status)
            )
        )
        parts = [category_label(i.category)]
        if i.summary.casefold() != parts[0].casefold():
            parts.append(i.summary)
        if i.table_id:
            parts.append(self.tr("Table {table} ({game})").format(table=i.table_id, game=i.game))
        if detail.guest_name:
            parts.append(
                self.tr("Guest: {name} ({tier})").format(name=detail.guest_name, tier=detail.tier)
            )
        if i.manual_escalation_level or detail.sla.escalation.level:
            level = max(i.manual_escalation_level, detail.sla.escalation.level)
            parts.append(self.tr("Escalated: L{level}").format(level=level))
        self.facts.setText("\n".join(p for p in parts if p))
        self.start()
        self.tick()

    def start(self) -> None:
        if self.detail is not None:
            self.timer.start()

    def stop(self) -> None:
        self.timer.stop()

    resume, suspend = start, stop  # the Page protocol's names

    def tick(self) -> None:
        if self.detail is None:
            return
        now, sla = self._clock.now(), self.detail.sla
        for kind in TIMER_KINDS:
            self.timers[kind].show_value(*countdown(sla.deadline(kind), now, sla.paused))
        self.nearest.show_value(*countdown(sla.nearest, now, sla.paused))

    # Actions ----------------------------------------------------------------------------

    def _run(self, fn: Callable[..., Any], *args: Any) -> None:
        if self.detail is None:
            return
        self.message.hide()
        incident_id = self.detail.incident.id
        self._ops.run(
            lambda: detail_for(self._context, self._actor, fn(self._actor, incident_id, *args)),
            on_success=self._changed,
            on_error=show_refusals(self.message, {}),
        )

    def _changed(self, detail: IncidentDetail) -> None:
        self.show_detail(detail)
        self.changed.emit(detail.incident)

    def _reached(self) -> None:
        self._run(self._context.incidents.record_milestone, EventKind.REACTED)

    def _decided(self) -> None:
        self._run(self._context.incidents.record_milestone, EventKind.DECIDED)

    def _status(self, to: IncidentStatus) -> None:
        self._run(self._context.incidents.change_status, to)

    def _confirm(self, what: str) -> None:
        self._pending = what
        if what == "resolve":
            self.confirm_text.setText(self.tr("Resolve this incident? The timers stop."))
            self.confirm_yes.setText(self.tr("Yes, resolve"))
        else:
            self.confirm_text.setText(
                self.tr("Escalate to L{level}?").format(level=self._next_level())
            )
            self.confirm_yes.setText(self.tr("Yes, escalate"))
        self.confirm_bar.show()

    def _next_level(self) -> int:
        if self.detail is None:
            return 2
        i, sla = self.detail.incident, self.detail.sla
        return min(max(i.manual_escalation_level, sla.escalation.level, 1) + 1, 4)

    def _confirmed(self) -> None:
        self.confirm_bar.hide()
        if self._pending == "resolve":
            self._status(IncidentStatus.RESOLVED)
        elif self._pending == "escalate":
            reason = self.tr("Escalated from the floor by {staff}").format(
                staff=self._actor.staff_id
            )
            self._run(self._context.incidents.escalate, self._next_level(), reason)
        self._pending = None

    def open_act_form(self) -> QDialog | None:
        """The act (decision, compensation, signatures) in the existing ``ActForm``."""
        if self.detail is None:
            return None
        from ui.acts.act_form import ActForm

        dialog = QDialog(self)
        dialog.setObjectName("actDialog")
        dialog.setWindowTitle(
            self.tr("Incident act — {number}").format(number=self.detail.incident.display_number)
        )
        form = ActForm(
            self._ops,
            lambda actor, draft: self._context.acts.record_act(actor, draft),
            self._actor,
            self.detail.incident.id,
        )
        form.act_recorded.connect(lambda _recorded: dialog.accept())
        QVBoxLayout(dialog).addWidget(form)
        dialog.resize(900, 820)
        dialog.form = form  # type: ignore[attr-defined]
        self.act_dialog = dialog
        dialog.open()
        return dialog
