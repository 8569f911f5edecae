"""One incident: its facts, its live SLA clocks, the steps its state allows, its timeline
and notes, its acts.

The steps come from the core (``IncidentService.detail``: ``app.services.incident_detail``)
and follow the incident's state: after Resolve there is Reopen, Close, the act and the
report, not Reached the table; Escalate names the level above the one the SLA engine
gives and is not there at L4. Each step is a thin slot: one core call through
``AsyncOps``, then the incident as the core returned it. Escalate, Resolve and Close
confirm first. Everything fits a 1024×768 tablet: the steps sit above the tabs, which
scroll on their own.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.actor import Actor
from app.clock import Clock
from app.compliance.aml import requires_ttr
from app.domain import IncidentStatus
from app.domain.enums import EventKind
from app.permissions import Action, allowed
from app.services.console import ConsoleServices
from app.services.incident_detail import IncidentDetail, Step
from app.sla import DeadlineKind
from ui.acts.act_actions import ActActions, ActList
from ui.async_ops import AsyncOps
from ui.board.labels import category_label, status_label
from ui.compliance.ttr_prompt import prompt_ttr_if_needed
from ui.form_parts import error_line, scrolling_body, show_refusals
from ui.incident.history import IncidentHistory
from ui.incident.labels import level_text, own_summary, ticket_text
from ui.incident.photos import PhotoPanel
from ui.incident.steps import ConfirmBar, StepButtons
from ui.incident.timers import SHOWN_KINDS, TimerBox, deadline_text, kind_title
from ui.reflow import ReflowGrid
from ui.shell.pages import PageDefaults
from ui.shown_ticks import ShownTicks
from ui.theme import scaled

TICK_MS = 1000
TIMELINE_ROOM = 360  # px at 100 %: tabs, the note field, the header and four entries


class IncidentView(ShownTicks, QWidget, PageDefaults):
    changed = Signal(object)  # Incident, after an action
    back_requested = Signal()

    def __init__(
        self,
        context: ConsoleServices,
        ops: AsyncOps,
        actor: Actor,
        clock: Clock | None = None,
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self.setObjectName("incidentView")
        self._context, self._ops, self._actor = context, ops, actor
        self._clock = clock or context.clock
        self.detail: IncidentDetail | None = None
        self._generation = 0  # counts loads and steps: a refresh read before one is stale
        self.act_dialog: QDialog | None = None
        self.satisfaction_dialog: QDialog | None = None
        self.heading = QLabel()
        self.heading.setObjectName("incidentHeading")
        self.heading.setProperty("variant", "title")
        self.heading.setWordWrap(True)
        self.back_button = QPushButton(self.tr("Back"))
        self.back_button.setObjectName("incident:back")
        self.back_button.clicked.connect(self.back_requested)
        self.facts = QLabel()
        self.facts.setObjectName("incidentFacts")
        self.facts.setWordWrap(True)
        self.timers: dict[str, TimerBox] = {}
        self._timer_row = ReflowGrid(3)  # two rows where large text would cut three
        self.nearest = TimerBox(self.tr("Next SLA deadline"), "nearestTimer")

        self.steps = StepButtons(actor, self._handlers())
        self.buttons = self.steps.buttons
        # A TTR decision can be recorded (again) from the incident: a prompt closed by a
        # switch of user, or a second look, must not leave it unrecordable.
        self.ttr_button = QPushButton(self.tr("TTR decision"))
        self.ttr_button.setObjectName("incident:ttr")
        self.ttr_button.setMinimumHeight(56)
        self.ttr_button.clicked.connect(self._ttr)
        self.ttr_button.hide()
        self.confirm_bar = ConfirmBar()
        self.confirm_bar.confirmed.connect(self._confirmed)
        self.confirm_bar.asking.connect(lambda asking: self.steps.setVisible(not asking))
        self.confirm_yes = self.confirm_bar.yes
        self.message = error_line("incidentMessage")

        self.history = IncidentHistory()
        self.history.note_wanted.connect(self._note)
        self.copies = ActActions(ops, lambda: context.acts, actor, self, self.message)
        self.acts = ActList(self.copies)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("incidentTabs")
        self.tabs.addTab(self.history, self.tr("Timeline and notes"))
        self.tabs.addTab(self.acts, self.tr("Acts"))
        self.photos = PhotoPanel(context.attachments, ops, actor, reach=context.files.photo_import)
        self.photos.attached.connect(lambda _info: self._reload())
        self.tabs.addTab(self.photos, self.tr("Photos and receipts"))
        # Where the body scrolls (a small screen, large text), the timeline keeps room
        # for the note field and four entries below the steps, not one squeezed row.
        self.tabs.setMinimumHeight(min(scaled(TIMELINE_ROOM), TIMELINE_ROOM * 4 // 3))

        head = QHBoxLayout()
        head.addWidget(self.heading, 1)
        head.addWidget(self.back_button, 0, Qt.AlignmentFlag.AlignTop)
        # The heading and Back stay in view; the rest scrolls where large text needs it.
        area, body = scrolling_body("incidentBody")
        page = QVBoxLayout(self)
        page.setContentsMargins(8, 4, 8, 4)
        page.addLayout(head)
        page.addWidget(area, 1)
        layout = QVBoxLayout(body)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.facts)
        layout.addWidget(self._timer_row)
        layout.addWidget(self.steps)  # the TTR decision among the steps, when due
        layout.addWidget(self.confirm_bar)
        layout.addWidget(self.message)
        layout.addWidget(self.tabs, 1)
        self.timer = QTimer(self)
        self.timer.setInterval(TICK_MS)
        self.timer.setTimerType(Qt.TimerType.CoarseTimer)
        self.timer.timeout.connect(self._tick_if_shown)  # hidden: nothing to repaint

    def _handlers(self) -> dict[Step, Callable[[], Any]]:
        incidents = self._context.incidents
        milestone = incidents.record_milestone
        return {
            Step.REACHED: lambda: self._run(milestone, EventKind.REACTED),
            Step.DECIDED: lambda: self._run(milestone, EventKind.DECIDED),
            Step.STABILISED: lambda: self._run(milestone, EventKind.STABILISED),
            Step.IN_PROGRESS: lambda: self._status(IncidentStatus.IN_PROGRESS),
            Step.WAITING: lambda: self._status(IncidentStatus.WAITING),
            Step.ESCALATE: lambda: self._confirm(Step.ESCALATE),
            Step.RESOLVE: lambda: self._confirm(Step.RESOLVE),
            Step.SATISFACTION: self.ask_satisfaction,
            Step.REOPEN: lambda: self._status(IncidentStatus.IN_PROGRESS),
            Step.CLOSE: lambda: self._confirm(Step.CLOSE),
            Step.SIGN_ACT: self.open_act_form,
            Step.REPORT: self.open_report_form,
            Step.SIGN_OFF: self.open_sign_off_form,
        }

    def _ttr(self) -> None:
        if self.detail is not None:
            aml = self._context.aml
            prompt_ttr_if_needed(self, aml, self._ops, self._actor, self.detail.incident)

    # Loading and the live timers ---------------------------------------------------------

    def load(self, incident_id: str) -> None:
        self._generation += 1
        self.confirm_bar.hide()
        self.message.hide()
        if self.detail is not None and self.detail.incident.id != incident_id:
            self.detail = None  # never another incident's steps on this one's screen
            self.steps.show_steps(())
        self._ops.run(
            self._context.incidents.detail, self._actor, incident_id, on_success=self.show_detail
        )

    def set_board_rows(self, _rows: Any, _now: Any) -> None:
        """The board reloaded: the incident on screen may have changed (its helpdesk
        number arrived, a colleague acted on it, a clock fell due)."""
        if self.detail is not None and self.isVisible():
            incident_id, generation = self.detail.incident.id, self._generation
            self._ops.run(
                self._context.incidents.detail,
                self._actor,
                incident_id,
                on_success=lambda d: self._refreshed(incident_id, generation, d),
            )

    def _refreshed(self, incident_id: str, generation: int, detail: IncidentDetail) -> None:
        # Read before a step of this screen was taken: older than what it shows.
        if generation != self._generation or self.detail is None:
            return
        if self.detail.incident.id == incident_id:
            self.show_detail(detail)

    def show_detail(self, detail: IncidentDetail) -> None:
        self.detail = detail
        i = detail.incident
        ttr = allowed(self._actor, Action.INCIDENT_VIEW_AMOUNTS) and requires_ttr(
            i.amount, i.currency
        )
        self.heading.setText(
            self.tr("{number} · {priority} · {status}").format(
                number=ticket_text(i.number, i.provisional_number),
                priority=i.priority.value,
                status=status_label(i.status),
            )
        )
        parts = [category_label(i.category)]
        summary = own_summary(i)
        if summary and summary.casefold() != parts[0].casefold():
            parts.append(summary)
        if i.table_id:
            parts.append(self.tr("Table {table} ({game})").format(table=i.table_id, game=i.game))
        if detail.guest_name:
            parts.append(
                self.tr("Guest: {name} ({tier})").format(name=detail.guest_name, tier=detail.tier)
            )
        escalation = detail.sla.escalation
        parts.append(
            self.tr("Level {level}: {who}").format(
                level=level_text(escalation.level), who=escalation.who
            )
        )
        self.facts.setText(" · ".join(p for p in parts if p))
        self._show_timers(detail)
        self.steps.show_steps(detail.steps, detail.next_level, (self.ttr_button,) if ttr else ())
        self.history.show_events(i.events, detail.staff_names)
        self.history.allow_notes(detail.may(Step.NOTE))
        self.acts.show_acts(detail.acts, i.number, i.provisional_number)
        self.photos.show_attachments(i.id, detail.attachments)
        self.photos.allow_attaching(detail.may(Step.ATTACH))
        self.tabs.setTabText(
            2, self.tr("Photos and receipts ({n})").format(n=len(detail.attachments))
        )
        self.start()
        self.tick()

    def _show_timers(self, detail: IncidentDetail) -> None:
        kinds = [k for k in SHOWN_KINDS if detail.sla.deadline(k) is not None][:2]
        if [box.objectName() for box in self.timers.values()] == [f"{k}Timer" for k in kinds]:
            return
        for box in self.timers.values():
            box.deleteLater()
        self.timers = {k.value: TimerBox(kind_title(k), f"{k}Timer") for k in kinds}
        self._timer_row.set_items([*self.timers.values(), self.nearest])

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
        for kind, box in self.timers.items():
            box.show_value(*deadline_text(sla.deadline(DeadlineKind(kind)), sla, now))
        self.nearest.show_value(*deadline_text(sla.nearest, sla, now))

    # Actions ----------------------------------------------------------------------------

    def _run(
        self, fn: Callable[..., Any], *args: Any, done: Callable[[], object] | None = None
    ) -> None:
        if self.detail is None:
            return
        self.message.hide()
        self._generation += 1  # a refresh read before this step would undo it on screen
        incident_id = self.detail.incident.id
        incidents = self._context.incidents

        def act_then_read() -> IncidentDetail:
            fn(self._actor, incident_id, *args)
            detail: IncidentDetail = incidents.detail(self._actor, incident_id)
            return detail

        def changed(detail: IncidentDetail) -> None:
            # A refresh read while this step ran may have read before it was written;
            # answered after it, it would take the step off the screen again.
            self._generation += 1
            self._changed(detail)
            if done is not None:
                done()

        self._ops.run(act_then_read, on_success=changed, on_error=show_refusals(self.message, {}))

    def _changed(self, detail: IncidentDetail) -> None:
        self.show_detail(detail)
        self.changed.emit(detail.incident)

    def _status(self, to: IncidentStatus) -> None:
        self._run(self._context.incidents.change_status, to)

    def _note(self, text: str) -> None:
        self._run(self._context.incidents.add_note, text, done=self.history.note_added)

    def _confirm(self, step: Step) -> None:
        if self.detail is not None:
            self.confirm_bar.ask(step, self.detail.next_level)

    def _confirmed(self, step: Step) -> None:
        if step is Step.RESOLVE:  # then the tablet turns to the guest
            resolve = self._context.incidents.change_status
            self._run(resolve, IncidentStatus.RESOLVED, done=self.ask_satisfaction)
        elif step is Step.CLOSE:
            self._status(IncidentStatus.CLOSED)
        elif step is Step.ESCALATE and self.detail is not None:
            level = self.detail.next_level
            if level is not None:
                reason = self.tr("Escalated from the floor by {staff}").format(
                    staff=self._actor.staff_id
                )
                self._run(self._context.incidents.escalate, level, reason)

    def ask_satisfaction(self) -> QDialog | None:
        """Five faces for the guest (or "Not asked"), while this resolution has none."""
        if self.detail is None or not self.detail.may(Step.SATISFACTION):
            return None
        from ui.incident.satisfaction import ask_guest

        i = self.detail.incident
        dialog = ask_guest(self, ticket_text(i.number, i.provisional_number))
        record = self._context.incidents.record_satisfaction
        dialog.answered.connect(lambda answer: self._run(record, answer))
        self.satisfaction_dialog = dialog
        return dialog

    def open_act_form(self) -> QDialog | None:
        """The act (decision, compensation, signatures) over the console window."""
        if self.detail is None:
            return None
        from ui.acts.signing import open_act_dialog

        dialog = open_act_dialog(
            self,
            self._ops,
            lambda: self._context.acts,
            self._actor,
            self.detail.incident,
            self.copies,
        )
        dialog.finished.connect(self._reload_after_dialog)
        self.act_dialog = dialog
        return dialog

    def open_report_form(self) -> QDialog | None:
        from ui.acts.signing import open_report_dialog

        return self._open_signing(open_report_dialog)

    def open_sign_off_form(self) -> QDialog | None:
        """A duty manager's sign-off of the incident's latest post-incident report."""
        from ui.acts.signing import open_sign_off_dialog

        report = None if self.detail is None else self.detail.report_to_sign_off
        return None if report is None else self._open_signing(open_sign_off_dialog, report)

    def _open_signing(self, opener: Callable[..., QDialog], *extra: Any) -> QDialog | None:
        """A signing dialog on this incident (``opener``: ``ui.acts.signing``'s)."""
        if self.detail is None:
            return None
        i = self.detail.incident
        ticket = ticket_text(i.number, i.provisional_number)
        acts = lambda: self._context.acts  # noqa: E731 - built at first use
        dialog = opener(self, self._ops, acts, self._actor, i.id, ticket, *extra, self.copies)
        dialog.finished.connect(self._reload_after_dialog)
        self.act_dialog = dialog
        return dialog

    def _reload_after_dialog(self, *_: object) -> None:
        self._reload()

    def _reload(self) -> None:
        """The incident read again after a signed act or an attachment changed it."""
        if self.detail is not None:
            self.load(self.detail.incident.id)
            self.changed.emit(self.detail.incident)
