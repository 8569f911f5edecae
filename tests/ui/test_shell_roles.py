"""The shell per role: which pages, which actions; touch targets, kinetic scrolling, shortcuts."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QAbstractButton, QAbstractScrollArea, QScroller

from app.domain import Category, Priority
from app.permissions import Action, allowed
from app.services.incidents import IncidentDraft
from tests.ui.shell_fixtures import actor, make_context, make_window
from tests.ui.waits import WAIT_MS
from ui.theme import MIN_TOUCH

EXPECTED = {
    "H001": {"board", "floor", "incident.new", "incident.view"},
    "P001": {"board", "floor", "incident.new", "incident.view"},
    "D001": {"board", "incident.new", "incident.view"},
    "C001": set(),
    "M001": {"board", "incident.view"},  # reads the board; files and decides nothing
}


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
    yield window
    window.sign_out()


@pytest.mark.parametrize("staff", sorted(EXPECTED))
def test_each_role_gets_its_pages_and_only_its_actions(qtbot, window, context, staff) -> None:
    who = actor(staff)
    window.open_console(who)
    assert set(window.shell.pages) == EXPECTED[staff]
    assert set(window.shell.rail.buttons) == EXPECTED[staff] - {"incident.view"}
    view = window.shell.page("incident.view")
    if view is not None:
        assert ("escalate" in view.buttons) == allowed(who, Action.INCIDENT_ESCALATE)
        assert ("act" in view.buttons) == allowed(who, Action.INCIDENT_SIGN_ACT)
    form = window.shell.page("incident.new")
    if form is not None:  # amounts only for the roles that may see them
        shown = form.amount.parent() is form.details
        assert shown == allowed(who, Action.INCIDENT_VIEW_AMOUNTS)


def test_a_concierge_sees_no_incident_form_and_no_escalate(window) -> None:
    window.open_console(actor("C001"))
    assert window.shell.page("incident.new") is None
    names = [b.objectName() for b in window.findChildren(QAbstractButton) if b.isVisible()]
    assert not any("escalate" in n or "incident.new" in n for n in names)


def test_a_pit_boss_sees_no_credit_line(qtbot, window) -> None:
    window.open_console(actor("P001"))
    window.lookup.lookup_card("9001234567890")
    qtbot.waitUntil(lambda: window.card.view is not None, timeout=WAIT_MS)
    assert window.card.view.guest.credit_line is None
    text = " ".join(window.card.texts())
    assert "500,000" not in text and "500000" not in text and "Credit" not in text


def test_a_pit_boss_escalate_is_there(qtbot, window, context) -> None:
    boss = actor("P001")
    opened = context.incidents.open(boss, IncidentDraft(Priority.P2, Category.OTHER))
    window.open_console(boss)
    window.shell.open_incident(opened.id)
    view = window.shell.page("incident.view")
    qtbot.waitUntil(lambda: view.detail is not None, timeout=WAIT_MS)
    assert view.buttons["escalate"].isVisible()


@pytest.mark.parametrize("key", ["board", "floor", "incident.new", "incident.view"])
def test_touch_targets_and_kinetic_scrolling(qtbot, window, context, key) -> None:
    boss = actor("P001")
    opened = context.incidents.open(boss, IncidentDraft(Priority.P2, Category.OTHER))
    window.open_console(boss)
    window.shell.show_page(key)
    if key == "incident.view":
        window.shell.open_incident(opened.id)
        view = window.shell.page(key)
        qtbot.waitUntil(lambda: view.detail is not None, timeout=WAIT_MS)
    small = [
        (b.objectName() or b.text(), b.width(), b.height())
        for b in window.findChildren(QAbstractButton)
        if b.isVisible() and (b.width() < MIN_TOUCH or b.height() < MIN_TOUCH)
    ]
    assert small == []
    page = window.shell.page(key)
    for area in [page, *page.findChildren(QAbstractScrollArea)]:
        if isinstance(area, QAbstractScrollArea) and area.isVisible():
            assert QScroller.hasScroller(area.viewport()) or _grabbed(area), area.objectName()


def _grabbed(area) -> bool:
    from PySide6.QtCore import Qt

    return QScroller.grabbedGesture(area.viewport()) != Qt.GestureType(0)


def test_shortcuts_are_in_tooltips_and_the_help_overlay(qtbot, window) -> None:
    window.open_console(actor("P001"))
    shell = window.shell
    assert "F1" in shell.rail.buttons["board"].toolTip()
    assert "Ctrl+L" in shell.rail.lock_button.toolTip()
    shell.show_help()
    assert shell.help.isVisible()
    keys = shell.help.shortcuts()
    assert {"Ctrl+N", "Ctrl+F", "Ctrl+L", "F1", "F2", "F3"} <= set(keys)
    shell.help.hide()
    shell.new_incident()
    assert shell.current_key() == "incident.new"


def test_the_consoles_own_card_pages_through_the_core_as_the_signed_in_user(
    qtbot, window, context
) -> None:
    # The card beside the board is no dead end: its buttons reach the guest service.
    window.open_console(actor("D001"))
    window.lookup.lookup_card("9001234567890")
    qtbot.waitUntil(lambda: window.card.page_button is not None, timeout=WAIT_MS)
    assert window.card.page_button.isEnabled()
    with qtbot.waitSignal(window.card.page_requested, timeout=WAIT_MS):
        window.card.page_button.click()
    with context.store.unit_of_work() as uow:  # among the board's own reads (its KPI strip)
        paged = [e for e in uow.audit.recent(10) if e.action == "guest.paging_request"]
    assert [(e.staff_id, e.detail) for e in paged] == [("D001", "page")]
