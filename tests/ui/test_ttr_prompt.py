"""The TTR prompt: an incident of AUD 10,000 or more asks what happens to the report; a
reference the core refuses shows in the prompt, which stays open until one is recorded."""

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
CARD = "4111 1111 1111 1111"
NB = "\u00a0"


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


def opened_prompt(qtbot, ops, store, clock, parent: QWidget) -> TtrPrompt:
    incident = open_incident(store, clock, "12000")
    qtbot.addWidget(parent)
    prompt_ttr_if_needed(parent, AmlService(store, clock), ops, PIT_BOSS, incident)
    qtbot.waitUntil(lambda: isinstance(QApplication.activeModalWidget(), TtrPrompt))
    prompt = QApplication.activeModalWidget()
    assert isinstance(prompt, TtrPrompt)
    return prompt


def refused(qtbot, ops, prompt: TtrPrompt, outcome: TtrOutcome) -> str:
    qtbot.mouseClick(prompt.buttons[outcome], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: ops.pending == 0 and prompt.message.isVisibleTo(prompt))
    return prompt.message.text()


def test_a_card_number_in_the_reference_is_refused_in_the_prompt_in_french(
    qtbot, french, ops, store, clock
) -> None:
    parent = QWidget()
    prompt = opened_prompt(qtbot, ops, store, clock, parent)
    typed = f"CAGE-7781 paid by {CARD}"
    prompt.reference.setText(typed)
    text = refused(qtbot, ops, prompt, TtrOutcome.ALREADY_REPORTED)

    assert text.startswith(
        f"Le champ «{NB}référence TTR{NB}» semble contenir un numéro complet de carte de paiement."
    )
    assert CARD not in text
    message = prompt.message  # every line of it shows: the prompt grew for it
    assert message.height() >= message.heightForWidth(message.width())
    assert ops.errors == []  # nothing reached the crash presenter
    assert prompt.isVisible() and QApplication.activeModalWidget() is prompt
    assert prompt.reference.text() == typed  # nothing typed is lost
    assert prompt.choices.isEnabled()
    assert "aml.ttr_recorded" not in audit_actions(store)

    prompt.reference.setText("CAGE-7781")
    qtbot.mouseClick(prompt.buttons[TtrOutcome.ALREADY_REPORTED], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not prompt.isVisible())
    assert ops.errors == []
    with store.unit_of_work() as uow:
        recorded = [e for e in uow.audit.recent(20) if e.action == "aml.ttr_recorded"]
    assert len(recorded) == 1 and "already_reported; " in recorded[0].detail
    assert recorded[0].detail.endswith("; ref CAGE-7781") and "4111" not in recorded[0].detail


def test_a_reference_too_long_is_refused_with_its_numbers(qtbot, french, ops, store, clock) -> None:
    parent = QWidget()
    prompt = opened_prompt(qtbot, ops, store, clock, parent)
    prompt.reference.setText("R" * 101)
    text = refused(qtbot, ops, prompt, TtrOutcome.REFERRED)
    assert text == f"Le champ «{NB}référence TTR{NB}» est trop long (101 caractères, max.{NB}100)."
    assert ops.errors == [] and prompt.isVisible()
    assert "aml.ttr_recorded" not in audit_actions(store)


def test_a_small_amount_asks_nothing(qtbot, ops, store, clock) -> None:
    incident = open_incident(store, clock, "500")
    parent = QWidget()
    qtbot.addWidget(parent)
    prompt_ttr_if_needed(parent, AmlService(store, clock), ops, PIT_BOSS, incident)
    qtbot.waitUntil(lambda: ops.pending == 0)
    assert QApplication.activeModalWidget() is None
    assert "aml.ttr_prompted" not in audit_actions(store)
