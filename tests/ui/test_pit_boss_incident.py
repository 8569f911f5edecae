"""Pit boss: log a table incident from the board in four taps and a swipe, then work it."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton

from app.domain import Category, IncidentStatus, Priority
from tests.ui.shell_fixtures import PIT_TABLES, actor, make_context, make_window
from tests.ui.waits import WAIT_MS


class Taps:
    def __init__(self, qtbot) -> None:
        self.qtbot, self.count = qtbot, 0

    def __call__(self, button: QPushButton) -> None:
        assert button.isVisible() and button.isEnabled(), button.objectName()
        self.count += 1
        self.qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


@pytest.fixture
def context(tmp_path, clock):
    context = make_context(tmp_path, clock)
    yield context
    context.close()


@pytest.fixture
def window(qtbot, context, ops, clock):
    window = make_window(context, ops, clock)
    qtbot.addWidget(window)
    window.resize(1400, 900)
    window.show()
    window.open_console(actor("P001"))
    yield window
    window.sign_out()


def test_log_a_table_incident_in_four_taps(qtbot, window, context) -> None:
    shell = window.shell
    assert shell.current_key() == "board"
    tap = Taps(qtbot)
    tap(shell.rail.buttons["incident.new"])
    form = shell.page("incident.new")
    assert form.table_id() == PIT_TABLES[0]  # the tablet's assignment, prefilled
    window.swipe.swipe_detected.emit(";9001234567890?")  # a swipe, not a tap
    qtbot.waitUntil(lambda: form.guest_id is not None, timeout=WAIT_MS)
    tap(form.priority_buttons[Priority.P2])
    tap(form.category_buttons[Category.TABLE_DISPUTE])
    view = shell.page("incident.view")
    tap(form.submit_button)
    qtbot.waitUntil(lambda: view.detail is not None, timeout=WAIT_MS)
    assert tap.count == 4  # New incident, the priority, the category, Log incident
    incident = view.detail.incident
    assert shell.current_key() == "incident.view"
    assert (incident.table_id, incident.priority, incident.category) == (
        PIT_TABLES[0],
        Priority.P2,
        Category.TABLE_DISPUTE,
    )
    assert incident.guest_id == form.guest_id and incident.location.startswith("Pit 1")
    assert view.timers["reaction"].value.text() == "02:00"
    assert view.timers["decision"].value.text() == "10:00"


def test_timers_count_down_and_actions_take_one_tap(qtbot, window, context, clock) -> None:
    from datetime import timedelta

    shell = window.shell
    window.shell.new_incident("BAC-103")
    form = shell.page("incident.new")
    assert form.table_id() == "BAC-103"
    form.priority_buttons[Priority.P1].click()
    form.category_buttons[Category.EQUIPMENT_DOWN].click()
    view = shell.page("incident.view")
    form.submit()
    qtbot.waitUntil(lambda: view.detail is not None, timeout=WAIT_MS)
    clock.advance(timedelta(seconds=75))
    view.tick()
    assert view.timers["reaction"].value.text() == "00:45"
    clock.advance(timedelta(seconds=60))
    view.tick()
    assert view.timers["reaction"].value.text() == "⚠ \u221200:15"  # late: one format
    assert view.timers["reaction"].state.text() == "BREACHED"

    qtbot.mouseClick(view.buttons["reached"], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: view.timers["reaction"].value.text() == "✗", timeout=WAIT_MS)
    assert view.detail.incident.status is IncidentStatus.IN_PROGRESS  # someone is on it
    assert not view.buttons["reached"].isVisible()
    qtbot.mouseClick(view.buttons["decided"], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: view.timers["decision"].value.text() == "✓", timeout=WAIT_MS)

    qtbot.mouseClick(view.buttons["escalate"], Qt.MouseButton.LeftButton)
    assert view.confirm_bar.isVisible()  # destructive: confirm first
    qtbot.mouseClick(view.confirm_yes, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: view.detail.incident.manual_escalation_level >= 2, timeout=WAIT_MS)

    qtbot.mouseClick(view.buttons["resolve"], Qt.MouseButton.LeftButton)
    assert view.detail.incident.status is not IncidentStatus.RESOLVED
    qtbot.mouseClick(view.confirm_yes, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: view.detail.incident.status is IncidentStatus.RESOLVED, timeout=WAIT_MS)


def test_a_board_row_opens_the_incident_and_the_act_form(qtbot, window, context) -> None:
    from app.services.incidents import IncidentDraft

    opened = context.incidents.open(
        actor("P001"), IncidentDraft(Priority.P2, Category.TABLE_DISPUTE, table_id="BAC-101")
    )
    window.reload_board()
    board = window.board
    qtbot.waitUntil(lambda: board.model.rowCount() == 1, timeout=WAIT_MS)
    board.incident_activated.emit(opened.id)
    view = window.shell.page("incident.view")
    qtbot.waitUntil(lambda: view.detail is not None, timeout=WAIT_MS)
    assert view.detail.incident.id == opened.id
    dialog = view.open_act_form()
    assert dialog is not None and dialog.form.sign_button.isVisible()
    dialog.reject()


def test_the_board_page_has_the_report_reminder(window) -> None:
    from ui.acts.report_reminder import ReportReminderBanner

    page = window.shell.page("board")
    assert page.findChildren(ReportReminderBanner)
