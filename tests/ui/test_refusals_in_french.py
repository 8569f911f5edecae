"""Refusals from the core reach real forms in French: translated by key, parameters and
field names filled in, no English left (the forms used to show ``str(error)``)."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from app.acts.rules import check_act_draft
from app.domain import Category, Priority, ResponsibleGambling
from app.services.incidents import IncidentDraft
from tests.ui.conftest import HOST, PIT_BOSS
from tests.ui.host_desk_support import CHARLOTTE, DESK, make_context
from tests.ui.shell_fixtures import page_env
from ui.acts.act_form import ActForm
from ui.desk.request_form import RequestForm
from ui.desk.walk_in import WalkInForm
from ui.incident.form import IncidentForm
from ui.recovery.panel import RecoveryPanel

CARD = "4111 1111 1111 1111"
NB = "\u00a0"  # French keeps « » and "max." on the line of the word they go with
# Words of the English messages that French never uses.
ENGLISH = re.compile(
    r"\b(The|the|is|are|seems|contain|full|payment|never|remove|fine|write|with|its|"
    r"required|too|characters|guest|self-excluded|offered|play|incentives)\b"
)


@pytest.fixture
def context(store, clock):
    return make_context(store, clock)


def shown(qtbot, label: QLabel) -> str:
    qtbot.waitUntil(lambda: label.isVisibleTo(label.window()) and bool(label.text()))
    text = label.text()
    assert not ENGLISH.search(text), text
    return text


def request_form(qtbot, context, ops) -> RequestForm:
    form = RequestForm(context.incidents, ops)
    qtbot.addWidget(form)
    form.show()
    form.start(DESK, CHARLOTTE.id, CHARLOTTE.name)
    return form


def test_a_card_number_in_the_location_is_refused_in_french(qtbot, french, context, ops) -> None:
    form = request_form(qtbot, context, ops)
    form.location.setText(f"Desk 2, card {CARD}")
    qtbot.mouseClick(form.open_button, Qt.MouseButton.LeftButton)
    text = shown(qtbot, form.message)
    assert text.startswith(
        f"Le champ «{NB}lieu{NB}» semble contenir un numéro complet de carte de paiement."
    )
    assert "411111******1111" in text and CARD not in text


def test_a_card_number_in_the_request_names_the_field_as_the_form_does(
    qtbot, french, context, ops
) -> None:
    form = request_form(qtbot, context, ops)
    assert form.field_names["summary"] == "Demande"  # the row's label on the form
    form.summary.setText(f"Call back on {CARD}")
    qtbot.mouseClick(form.open_button, Qt.MouseButton.LeftButton)
    text = shown(qtbot, form.message)
    assert text.startswith(f"Le champ «{NB}demande{NB}» semble contenir")
    assert "résumé" not in text


def test_a_request_too_long_is_refused_with_its_numbers(qtbot, french, context, ops) -> None:
    form = request_form(qtbot, context, ops)
    form.summary.setText("x" * 2001)
    qtbot.mouseClick(form.open_button, Qt.MouseButton.LeftButton)
    text = shown(qtbot, form.message)
    assert text == f"Le champ «{NB}demande{NB}» est trop long (2001 caractères, max.{NB}2000)."


def test_the_desired_outcome_is_named_as_the_request_form_labels_it(
    qtbot, french, context, ops
) -> None:
    form = request_form(qtbot, context, ops)
    form.outcome.setText(f"refund to {CARD}")
    qtbot.mouseClick(form.open_button, Qt.MouseButton.LeftButton)
    assert shown(qtbot, form.message).startswith(f"Le champ «{NB}résultat{NB}» semble contenir")


def test_a_walk_in_without_a_name_is_refused_in_french(qtbot, french, context, ops) -> None:
    form = WalkInForm(page_env(context, ops, DESK))
    qtbot.addWidget(form)
    form.show()
    form.start("")
    qtbot.waitUntil(lambda: len(form.host_picker.buttons) > 1)
    qtbot.mouseClick(form.register_button, Qt.MouseButton.LeftButton)
    assert shown(qtbot, form.message) == f"Le champ «{NB}nom{NB}» est obligatoire."


def test_a_card_number_typed_into_an_incident_is_refused_in_french(
    qtbot, french, context, ops
) -> None:
    form = IncidentForm(context.incidents, context.guests, ops, PIT_BOSS)
    qtbot.addWidget(form)
    form.show()
    form.priority_buttons[Priority.P2].click()
    form.category_buttons[Category.TABLE_DISPUTE].click()
    form.more_button.click()
    form.summary.setText(f"Guest read out {CARD} at the table")
    qtbot.mouseClick(form.submit_button, Qt.MouseButton.LeftButton)
    assert f"«{NB}résumé{NB}»" in shown(qtbot, form.message)


def test_the_transaction_is_named_as_the_incident_form_labels_it(
    qtbot, french, context, ops
) -> None:
    form = IncidentForm(context.incidents, context.guests, ops, PIT_BOSS)
    qtbot.addWidget(form)
    form.show()
    form.priority_buttons[Priority.P2].click()
    form.category_buttons[Category.PAYMENT_DISPUTE].click()
    form.more_button.click()
    form.transaction_ref.setText(CARD)
    qtbot.mouseClick(form.submit_button, Qt.MouseButton.LeftButton)
    assert shown(qtbot, form.message).startswith(f"Le champ «{NB}transaction{NB}» semble")


def test_an_act_without_decision_is_refused_in_french(qtbot, french, ops) -> None:
    form = ActForm(ops, lambda _actor, draft: check_act_draft(draft), PIT_BOSS, "i-1")
    qtbot.addWidget(form)
    form.show()
    qtbot.mouseClick(form.sign_button, Qt.MouseButton.LeftButton)
    assert shown(qtbot, form.message) == f"Le champ «{NB}décision{NB}» est obligatoire."


def test_recovery_for_a_guest_who_self_excluded_meanwhile_is_refused_in_french(
    qtbot, french, context, clock, ops, store
) -> None:
    incident = context.incidents.open(
        HOST, IncidentDraft(Priority.P1, Category.GAME_UNAVAILABLE, guest_id=CHARLOTTE.id)
    )
    clock.advance(timedelta(hours=3))  # a P1 past its SLA: bonus play is proposed
    panel = RecoveryPanel(context.recovery, ops)
    qtbot.addWidget(panel)
    panel.show()
    panel.set_incident(HOST, incident.id)
    qtbot.waitUntil(lambda: panel.promise_button.isEnabled())
    assert any(item.play_incentive for item in panel.chosen())
    with store.unit_of_work() as uow:  # the guest self-excludes at the cage
        uow.guests.save(replace(CHARLOTTE, rg=ResponsibleGambling(self_excluded=True)))
    qtbot.mouseClick(panel.promise_button, Qt.MouseButton.LeftButton)
    expected = "Le client est auto-exclu : aucune incitation au jeu n'est jamais proposée."
    assert shown(qtbot, panel.message) == expected

    panel.set_incident(HOST, incident.id)  # a fresh proposal says why, in French too
    qtbot.waitUntil(lambda: panel.refused_label.isVisibleTo(panel))
    assert panel.refused_label.text().endswith(expected)
    assert panel.refused_label.text().startswith("Non proposé : ")


def test_a_card_number_in_the_recovery_note_names_the_note(qtbot, french, context, ops) -> None:
    incident = context.incidents.open(
        HOST, IncidentDraft(Priority.P2, Category.ROOM_OVERBOOKING, guest_id=CHARLOTTE.id)
    )
    panel = RecoveryPanel(context.recovery, ops)
    qtbot.addWidget(panel)
    panel.show()
    panel.set_incident(HOST, incident.id)
    qtbot.waitUntil(lambda: panel.promise_button.isEnabled())
    panel.note_edit.setText(f"paid with {CARD}")
    qtbot.mouseClick(panel.promise_button, Qt.MouseButton.LeftButton)
    assert shown(qtbot, panel.message).startswith(f"Le champ «{NB}note{NB}» semble contenir")
