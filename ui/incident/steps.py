"""The incident screen's step buttons and the bar that confirms the weighty ones.

``StepButtons`` holds one button per step the role may ever take (none for the others)
and shows, packed in rows of four, only those the core offers now
(``IncidentDetail.steps``). ``ConfirmBar`` asks before Escalate, Resolve and Close.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget

from app.actor import Actor
from app.permissions import allowed
from app.services.incident_detail import STEP_ACTIONS, Step
from ui.incident.labels import level_text
from ui.reflow import ReflowGrid

COLUMNS = 4
# The step buttons, in the screen's order; notes and attachments live in the tabs.
BUTTON_STEPS = tuple(s for s in Step if s not in (Step.NOTE, Step.ATTACH))


def step_text(step: Step, level: int | None = None) -> str:
    if step is Step.ESCALATE and level is not None:
        return QCoreApplication.translate("IncidentSteps", "Escalate to {level}").format(
            level=level_text(level)
        )
    texts = {
        Step.REACHED: QCoreApplication.translate("IncidentSteps", "Reached the table"),
        Step.DECIDED: QCoreApplication.translate("IncidentSteps", "Decision taken"),
        Step.STABILISED: QCoreApplication.translate("IncidentSteps", "Stabilised"),
        Step.IN_PROGRESS: QCoreApplication.translate("IncidentSteps", "In progress"),
        Step.WAITING: QCoreApplication.translate("IncidentSteps", "Waiting"),
        Step.ESCALATE: QCoreApplication.translate("IncidentSteps", "Escalate"),
        Step.RESOLVE: QCoreApplication.translate("IncidentSteps", "Resolve"),
        Step.SATISFACTION: QCoreApplication.translate("IncidentSteps", "Ask the guest"),
        Step.REOPEN: QCoreApplication.translate("IncidentSteps", "Reopen"),
        Step.CLOSE: QCoreApplication.translate("IncidentSteps", "Close"),
        Step.SIGN_ACT: QCoreApplication.translate("IncidentSteps", "Record act"),
        Step.REPORT: QCoreApplication.translate("IncidentSteps", "Post-incident report"),
        Step.SIGN_OFF: QCoreApplication.translate("IncidentSteps", "Sign off report"),
    }
    return texts[step]


def step_key(step: Step) -> str:
    """The button's name: ``incident:act`` for the act, the step's value otherwise."""
    return "act" if step is Step.SIGN_ACT else step.value


class StepButtons(QWidget):
    def __init__(
        self,
        actor: Actor,
        handlers: Mapping[Step, Callable[[], Any]],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.buttons: dict[str, QPushButton] = {}
        # Up to COLUMNS abreast, fewer where a label would be cut (French, text at 200 %).
        self._grid = ReflowGrid(COLUMNS)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self._grid)
        self._extras: tuple[QPushButton, ...] = ()
        for step in BUTTON_STEPS:
            if not allowed(actor, STEP_ACTIONS[step]):
                continue  # never this role's to take: no button at all
            button = QPushButton(step_text(step))
            button.setObjectName(f"incident:{step_key(step)}")
            button.setMinimumHeight(56)
            button.clicked.connect(handlers[step])
            button.hide()
            self.buttons[step_key(step)] = button

    def show_steps(
        self,
        steps: tuple[Step, ...],
        level: int | None = None,
        extras: tuple[QPushButton, ...] = (),
    ) -> None:
        """Only the steps the incident's state allows, packed in rows (no holes), then
        ``extras`` (the TTR decision) in the same rows: no row of their own."""
        shown = [s for s in BUTTON_STEPS if s in steps and step_key(s) in self.buttons]
        items = [self.buttons[step_key(step)] for step in shown] + list(extras)
        # Only the buttons that go are hidden: a refresh of the incident never takes the
        # keyboard's focus off a button that stays (a hidden button gives it away).
        for button in (*self.buttons.values(), *self._extras):
            if button not in items:
                button.hide()
        self._extras = extras
        for step in shown:
            self.buttons[step_key(step)].setText(step_text(step, level))
        self._grid.set_items(items)


class ConfirmBar(QFrame):
    """Emits ``confirmed(Step)`` for the step it asked about, and ``asking(bool)`` as it
    shows and hides: while it asks, it takes the step buttons' place on the screen."""

    confirmed = Signal(object)
    asking = Signal(bool)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("confirmBar")
        self.setProperty("variant", "panel")
        self.text = QLabel()
        self.text.setWordWrap(True)
        self.yes = QPushButton()
        self.yes.setObjectName("confirmYes")
        self.yes.setProperty("variant", "primary")
        self.no = QPushButton(QCoreApplication.translate("IncidentSteps", "Cancel"))
        self.no.setObjectName("confirmNo")
        self.no.clicked.connect(self.hide)
        self.yes.clicked.connect(self._yes)
        self.pending: Step | None = None
        bar = QHBoxLayout(self)
        bar.addWidget(self.text, 1)
        bar.addWidget(self.no)
        bar.addWidget(self.yes)
        self.hide()

    def ask(self, step: Step, level: int | None = None) -> None:
        if step is Step.RESOLVE:
            question, answer = (
                QCoreApplication.translate(
                    "IncidentSteps", "Resolve this incident? The timers stop."
                ),
                QCoreApplication.translate("IncidentSteps", "Yes, resolve"),
            )
        elif step is Step.CLOSE:
            question = QCoreApplication.translate(
                "IncidentSteps", "Close this incident? No act can be added after."
            )
            answer = QCoreApplication.translate("IncidentSteps", "Yes, close")
        elif level is not None:
            question = QCoreApplication.translate("IncidentSteps", "Escalate to {level}?").format(
                level=level_text(level)
            )
            answer = QCoreApplication.translate("IncidentSteps", "Yes, escalate")
        else:
            return  # at the top of the ladder: nothing to ask
        self.pending = step
        self.text.setText(question)
        self.yes.setText(answer)
        self.show()

    def setVisible(self, visible: bool) -> None:  # noqa: N802 - Qt API
        super().setVisible(visible)
        self.asking.emit(visible)

    def _yes(self) -> None:
        self.hide()
        step, self.pending = self.pending, None
        if step is not None:
            self.confirmed.emit(step)
