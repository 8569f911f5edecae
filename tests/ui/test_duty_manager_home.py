"""The duty manager on the real console (a demo property): the board read, the reports
waiting for their sign-off above it, the sign-off itself, the escalations that reached
them, an incident they read but do not decide."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from app.alerts import AlertKind
from app.domain import EventKind
from tests.ui.demo_console import Console, sign
from tests.ui.screens_duty import REVIEW, alerts_duty, board_duty, incident_duty
from tests.ui.waits import WAIT_MS

pytestmark = pytest.mark.parametrize("console", ["1024x768"], indirect=True)


def test_the_duty_manager_signs_off_a_report_from_the_board(console: Console) -> None:
    page = board_duty(console)
    assert console.shell.rail.buttons.keys() >= {"board", "alerts"}
    assert not {"incident.new", "floor"} & console.shell.rail.buttons.keys()
    assert page.findChild(type(page.sign_offs.sign_button), "writeReport").isHidden()
    [waiting] = page.sign_offs.waiting
    dialog = page.sign_offs.sign_off()
    console.qtbot.waitUntil(dialog.isVisible, timeout=WAIT_MS)
    dialog.form.review.setPlainText(REVIEW)
    sign(dialog.form.pad)
    with console.qtbot.waitSignal(dialog.form.act_recorded, timeout=30_000) as signed:
        console.qtbot.mouseClick(dialog.form.sign_button, Qt.MouseButton.LeftButton)
    assert signed.args[0].act.number == f"{waiting.report.number[:-3]}-S1"
    assert dialog.print_button.isHidden()  # the property's own record: no guest copy
    dialog.done_button.click()
    console.qtbot.waitUntil(lambda: page.sign_offs.isHidden(), timeout=WAIT_MS)
    with console.context.store.unit_of_work() as uow:
        incident = uow.incidents.by_id(waiting.incident_id)
    assert incident is not None
    note = incident.events[-1]
    assert (note.kind, note.actor_id) == (EventKind.NOTE, "M001")
    assert note.detail.startswith(f"Post-incident report {waiting.report.number} signed off")


def test_the_escalations_reach_the_duty_manager_at_sign_in(console: Console) -> None:
    page = alerts_duty(console)
    assert page.alerts
    assert all(a.kind is AlertKind.ESCALATED and a.level >= 2 for a in page.alerts)
    assert all(a.recipient_id == "M001" and a.guest_name == "" for a in page.alerts)


def test_the_duty_manager_reads_an_incident_and_takes_no_step_of_the_floors(
    console: Console,
) -> None:
    view = incident_duty(console)
    assert set(view.buttons) == {"sign_off"}  # the only step of theirs, hidden here
    assert not view.buttons["sign_off"].isVisible()
    assert view.history.add_button.isVisible()  # a note is theirs to add
