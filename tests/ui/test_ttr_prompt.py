"""The TTR prompt: an incident of AUD 10,000 or more asks what happens to the report."""

from decimal import Decimal

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget

from app.actor import Actor
from app.compliance.aml import AmlService, TtrOutcome
from app.domain import Category, Channel, Priority, Role
from app.policy import load_policy
from app.services.incidents import IncidentDraft, IncidentService
from ui.compliance.ttr_prompt import TtrPrompt, prompt_ttr_if_needed

PIT_BOSS = Actor("P001", Role.PIT_BOSS, "TAB-1")


def open_incident(store, clock, amount: str):
    service = IncidentService(store, clock, load_policy())
    draft = IncidentDraft(
        priority=Priority.P2,
        category=Category.PAYMENT_DISPUTE,
        channel=Channel.ONSITE,
        amount=Decimal(amount),
    )
    return service.open(PIT_BOSS, draft)


def audit_actions(store) -> list[str]:
    with store.unit_of_work() as uow:
        return [entry.action for entry in uow.audit.recent(20)]


def test_a_large_amount_prompts_and_the_decision_is_recorded(qtbot, ops, store, clock) -> None:
    incident = open_incident(store, clock, "12000")
    parent = QWidget()
    qtbot.addWidget(parent)
    prompt_ttr_if_needed(parent, AmlService(store, clock), ops, PIT_BOSS, incident)
    qtbot.waitUntil(lambda: isinstance(QApplication.activeModalWidget(), TtrPrompt))
    prompt = QApplication.activeModalWidget()
    assert isinstance(prompt, TtrPrompt)
    assert all(b.height() >= 48 for b in prompt.buttons.values())
    prompt.reference.setText("CAGE-7781")
    qtbot.mouseClick(prompt.buttons[TtrOutcome.ALREADY_REPORTED], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "aml.ttr_recorded" in audit_actions(store))
    assert "aml.ttr_prompted" in audit_actions(store)
    with store.unit_of_work() as uow:
        recorded = next(e for e in uow.audit.recent(20) if e.action == "aml.ttr_recorded")
    assert "already_reported" in recorded.detail and "CAGE-7781" in recorded.detail


def test_a_small_amount_asks_nothing(qtbot, ops, store, clock) -> None:
    incident = open_incident(store, clock, "500")
    parent = QWidget()
    qtbot.addWidget(parent)
    prompt_ttr_if_needed(parent, AmlService(store, clock), ops, PIT_BOSS, incident)
    qtbot.waitUntil(lambda: ops.pending == 0)
    assert QApplication.activeModalWidget() is None
    assert "aml.ttr_prompted" not in audit_actions(store)
