"""The TTR prompt: an incident of AUD 10,000 or more asks what happens to the report; a
reference the core refuses shows in the prompt, which stays open until one is recorded
(Esc and the close button too). It fits a 1024×768 screen; the amount reads the locale's
way."""

import json
import os
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog, QLabel, QWidget

from app.actor import Actor
from app.compliance.aml import AmlService, TtrOutcome, assess_ttr
from app.domain import Category, Channel, Priority, Role
from app.policy import load_policy
from app.services.incidents import IncidentDraft, IncidentService
from ui.compliance.ttr_prompt import TtrPrompt, prompt_ttr_if_needed
from ui.theme import MIN_TOUCH

PIT_BOSS = Actor("P001", Role.PIT_BOSS, "TAB-1")
CARD = "4111 1111 1111 1111"
NB = "\u00a0"
NNB = "\u202f"  # the narrow no-break space French groups digits with


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


@pytest.mark.parametrize(("width", "height"), [(1024, 768), (1280, 800)])
def test_the_prompt_fits_the_screen_in_french(tmp_path: Path, width: int, height: int) -> None:
    config = tmp_path / "screen.json"
    screen = {"name": "tablet", "x": 0, "y": 0, "width": width, "height": height}
    config.write_text(json.dumps({"screens": [{**screen, "logicalDpi": 96, "dpr": 1}]}))
    env = {**os.environ, "QT_QPA_PLATFORM": f"offscreen:configfile={config}"}
    result = subprocess.run(
        [sys.executable, "-m", "tests.ui.ttr_on_screen"],
        cwd=Path(__file__).resolve().parents[2],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    report = json.loads(result.stdout.splitlines()[-1])
    assert report["screen"] == [0, 0, width, height]
    for state in ("opened", "after_esc"):
        x, y, w, h = report[state]["dialog"]
        assert x >= 0 and y >= 0 and x + w <= width and y + h <= height, (state, x, y, w, h)
        buttons = report[state]["buttons"]
        assert len(buttons) == 4
        for button in buttons:
            assert button["inside"] and button["visible"] and button["text_fits"], (state, button)
            assert button["height"] >= MIN_TOUCH
        for upper, lower in zip(buttons, buttons[1:], strict=False):
            assert upper["bottom"] < lower["top"]  # none covers another


def test_esc_and_close_leave_the_prompt_open_until_a_decision_is_recorded(
    qtbot, french, ops, store, clock
) -> None:
    parent = QWidget()
    prompt = opened_prompt(qtbot, ops, store, clock, parent)
    qtbot.keyClick(prompt, Qt.Key.Key_Escape)
    assert prompt.isVisible() and QApplication.activeModalWidget() is prompt
    assert prompt.message.isVisibleTo(prompt)
    assert prompt.message.text() == (
        "Une décision est nécessaire. En cas de doute, transmettez à l’équipe LBC."
    )
    assert not prompt.close()  # the window's close button
    assert prompt.isVisible()
    assert "aml.ttr_recorded" not in audit_actions(store)

    qtbot.mouseClick(prompt.buttons[TtrOutcome.REFERRED], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not prompt.isVisible())
    assert prompt.result() == QDialog.DialogCode.Accepted
    assert "aml.ttr_recorded" in audit_actions(store)


def explanation(prompt: TtrPrompt) -> str:
    label = prompt.findChild(QLabel, "ttrExplanation")
    assert label is not None
    return label.text()


def test_the_amount_reads_the_locale_way(qtbot, ops) -> None:
    prompt = TtrPrompt(assess_ttr(Decimal("12000"), "AUD"), lambda *_: None, ops)
    qtbot.addWidget(prompt)
    assert explanation(prompt).startswith(f"This incident involves AUD{NB}12,000. If it was cash")


def test_the_amount_reads_the_french_way(qtbot, french, ops) -> None:
    prompt = TtrPrompt(assess_ttr(Decimal("12000.50"), "AUD"), lambda *_: None, ops)
    qtbot.addWidget(prompt)
    assert explanation(prompt).startswith(f"Cet incident porte sur 12{NNB}000,50{NB}AUD. S’il")


def test_an_amount_the_core_cannot_read_still_prompts(qtbot, french, ops) -> None:
    assessment = assess_ttr(Decimal("Infinity"), "AUD")
    assert assessment.required and assessment.amount is None
    prompt = TtrPrompt(assessment, lambda *_: None, ops)
    qtbot.addWidget(prompt)
    assert explanation(prompt).startswith("Cet incident porte sur un montant illisible.")


@pytest.mark.parametrize(("amount", "offered"), [("12000", True), ("900", False)])
def test_the_incident_view_offers_the_ttr_decision_again(
    qtbot, ops, store, clock, amount: str, offered: bool
) -> None:
    # A prompt closed by a switch of user, or a second look: the decision stays recordable.
    from types import SimpleNamespace

    from app.file_access import FileAccess
    from app.services.attachments import AttachmentService
    from ui.incident.view import IncidentView

    incident = open_incident(store, clock, amount)
    context = SimpleNamespace(
        clock=clock,
        incidents=IncidentService(store, clock, load_policy()),
        attachments=AttachmentService(store, clock),
        aml=AmlService(store, clock),
        policy=load_policy(),
        files=FileAccess(),  # a desk's dialogs: the system's
    )
    view = IncidentView(context, ops, PIT_BOSS, clock)
    qtbot.addWidget(view)
    view.show()
    view.load(incident.id)
    qtbot.waitUntil(lambda: view.detail is not None)
    assert view.ttr_button.isVisible() is offered
    if not offered:
        return
    qtbot.mouseClick(view.ttr_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: isinstance(QApplication.activeModalWidget(), TtrPrompt))
    prompt = QApplication.activeModalWidget()
    qtbot.mouseClick(prompt.buttons[TtrOutcome.NOT_CASH], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "aml.ttr_recorded" in audit_actions(store))
