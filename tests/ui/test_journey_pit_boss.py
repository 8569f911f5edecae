"""The pit boss's journey through the real console on a tablet's screen, at 1024×768 and
1280×800: log a P1 from a card swipe, reach the table, escalate, resolve, record the act
with two drawn signatures, view it and print the guest's copy.

The console is built from a demo data directory written as ``make run`` writes it
(``vip-console demo-data``). Every step checks that each control it needs is on screen,
whole, inside the window, before tapping it, and that the record it makes is in the
store.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtWidgets import QWidget

from app.domain import Category, EventKind, IncidentStatus, Priority, Satisfaction
from tests.ui.demo_console import Console, acts_in_process, sign, sign_in
from tests.ui.test_acts_ui import pdf_printer
from tests.ui.waits import WAIT_MS
from tests.unit.acts_fixtures import pdftotext
from ui.board.model import Col


@pytest.fixture
def boss_console(console: Console) -> Console:
    acts_in_process(console)
    return console


def window_rect(window: QWidget) -> QRect:
    return QRect(window.mapToGlobal(QPoint(0, 0)), window.size())


def on_screen(window: QWidget, widget: QWidget) -> None:
    """Shown, enabled, not clipped by a scroll area, and inside the window."""
    name = widget.objectName() or type(widget).__name__
    assert widget.isVisible() and widget.isEnabled(), name
    visible = widget.visibleRegion().boundingRect()
    assert visible == widget.rect(), f"{name} is partly hidden: {visible} of {widget.rect()}"
    rect = QRect(widget.mapToGlobal(QPoint(0, 0)), widget.size())
    assert window_rect(window).contains(rect), f"{name} at {rect} is outside the window"


def tap(qtbot, window: QWidget, widget: QWidget) -> None:
    on_screen(window, widget)
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


def stored(context, incident_id: str):
    with context.store.unit_of_work() as uow:
        return uow.incidents.by_id(incident_id)


def test_the_pit_boss_logs_works_and_signs_a_p1_on_the_tablet(
    qtbot, boss_console: Console, tmp_path: Path
) -> None:
    window, context = boss_console.window, boss_console.context
    with context.store.unit_of_work() as uow:
        boss = uow.staff.by_id("P001")
        guest = uow.guests.search("a", 1)[0]
    assert boss is not None
    sign_in(boss_console, boss.id)
    shell = window.shell
    board = window.board  # the board first: no sideways scrolling, the clocks in view
    qtbot.waitUntil(lambda: board.model.rowCount() > 0, timeout=WAIT_MS)
    assert board.table.horizontalScrollBar().maximum() == 0
    assert {Col.PRIORITY, Col.TIME_TO_BREACH} <= set(board.shown_columns())

    # Log a P1 from a swipe.
    tap(qtbot, window, shell.rail.buttons["incident.new"])
    form = shell.page("incident.new")
    boss_console.swipe.swipe_detected.emit(f";{guest.card_number}?")
    qtbot.waitUntil(lambda: form.guest_id == guest.id, timeout=WAIT_MS)
    assert form.body_scroll.horizontalScrollBar().maximum() == 0
    table = boss.tables[0]
    on_screen(window, form.table_buttons[table])
    for priority in Priority:  # every priority in view, P3 and P4 included
        on_screen(window, form.priority_buttons[priority])
    for button in form.category_buttons.values():
        on_screen(window, button)
    tap(qtbot, window, form.priority_buttons[Priority.P1])
    tap(qtbot, window, form.category_buttons[Category.GAME_UNAVAILABLE])
    view = shell.page("incident.view")
    tap(qtbot, window, form.submit_button)
    qtbot.waitUntil(lambda: view.detail is not None, timeout=WAIT_MS)
    incident = view.detail.incident
    assert shell.current_key() == "incident.view"
    assert (incident.guest_id, incident.table_id, incident.priority) == (
        guest.id,
        table,
        Priority.P1,
    )
    assert view.heading.text().startswith(f"{incident.provisional_number} (prov.)")

    # Reach the table: the status moves.
    tap(qtbot, window, view.buttons["reached"])
    qtbot.waitUntil(
        lambda: view.detail.incident.status is IncidentStatus.IN_PROGRESS, timeout=WAIT_MS
    )
    assert stored(context, incident.id).first_event_at(EventKind.REACTED) is not None

    # Escalate, confirmed, to the level above the SLA engine's.
    level = view.detail.next_level
    tap(qtbot, window, view.buttons["escalate"])
    tap(qtbot, window, view.confirm_yes)
    qtbot.waitUntil(lambda: view.detail.incident.manual_escalation_level == level, timeout=WAIT_MS)
    escalation = stored(context, incident.id).events[-1]
    assert (escalation.kind, escalation.to_value) == (EventKind.ESCALATED, str(level))
    assert int(escalation.from_value) == level - 1  # never "L0 → …"

    # Resolve, confirmed: only what a resolved incident allows stays.
    tap(qtbot, window, view.buttons["resolve"])
    tap(qtbot, window, view.confirm_yes)
    qtbot.waitUntil(lambda: view.detail.incident.status is IncidentStatus.RESOLVED, timeout=WAIT_MS)
    # The tablet turned to the guest: one tap on a face, recorded on the incident.
    qtbot.waitUntil(lambda: view.satisfaction_dialog is not None, timeout=WAIT_MS)
    view.satisfaction_dialog.buttons[Satisfaction.HAPPY].click()
    qtbot.waitUntil(
        lambda: view.detail.incident.satisfaction is Satisfaction.HAPPY, timeout=WAIT_MS
    )
    assert {k for k, b in view.buttons.items() if b.isVisible()} == {
        "reopen",
        "close",
        "act",
        "report",
    }
    assert stored(context, incident.id).status is IncidentStatus.RESOLVED

    # Record the act with both signatures drawn on the tablet.
    tap(qtbot, window, view.buttons["act"])
    dialog = view.act_dialog
    qtbot.waitExposed(dialog)
    act_form = dialog.form
    for control in (act_form.staff_pad, act_form.guest_pad, act_form.staff_clear):
        on_screen(dialog, control)
    assert window_rect(window).contains(window_rect(dialog))
    act_form.decision.setPlainText("Game moved to the next table; hand replayed.")
    sign(act_form.staff_pad)
    sign(act_form.guest_pad)
    tap(qtbot, dialog, dialog.cancel_button)  # ink would be lost: it asks first
    tap(qtbot, dialog, dialog.keep_button)
    with qtbot.waitSignal(act_form.act_recorded, timeout=30_000) as blocker:
        tap(qtbot, dialog, act_form.sign_button)
    recorded = blocker.args[0]
    assert recorded.act.number in dialog.done_text.text()
    with context.store.unit_of_work() as uow:
        (act,) = uow.acts.for_incident(incident.id)
        uploads = [r.kind.value for r in uow.outbox.pending_for(incident.id)]
    assert act.guest_status.value == "signed" and "attachment.upload" in uploads

    # View the act, then print the guest's copy, from the receipt.
    tap(qtbot, dialog, dialog.view_button)
    qtbot.waitUntil(lambda: view.copies.viewer is not None, timeout=10_000)
    viewer = view.copies.viewer
    qtbot.waitExposed(viewer)
    assert viewer.copy.act.id == act.id and len(viewer.page_labels) >= 1
    on_screen(viewer, viewer.print_button)
    out = tmp_path / "guest-copy.pdf"
    view.copies._print = pdf_printer(out)
    tap(qtbot, viewer, viewer.print_button)
    qtbot.waitUntil(out.exists, timeout=10_000)
    assert recorded.revision.sha256[:16] in pdftotext(out)
    tap(qtbot, viewer, viewer.close_button)
    tap(qtbot, dialog, dialog.done_button)

    # The act is on the incident screen too.
    qtbot.waitUntil(lambda: view.acts.list.count() == 1, timeout=WAIT_MS)
    view.tabs.setCurrentWidget(view.acts)
    on_screen(window, view.acts.view_button)
    on_screen(window, view.acts.print_button)
