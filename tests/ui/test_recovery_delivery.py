"""A promise kept, on the real console at both tablet sizes: the host records a promise,
the incident is resolved, the promise is still there to deliver, and *Mark delivered*
(in view, a touch target) records the delivery and shows the promise delivered."""

from __future__ import annotations

import os

from app.domain import Category, EventKind, IncidentStatus, Priority
from app.services.incidents import IncidentDraft
from tests.ui.conftest import HOST, PIT_BOSS
from tests.ui.demo_console import Console, host_with_a_calm_guest, in_view, tap, tap_row
from tests.ui.host_desk_support import CHARLOTTE, DESK, make_context
from tests.ui.waits import WAIT_MS
from ui.recovery.panel import RecoveryPanel
from ui.theme import MIN_TOUCH

SHOTS = os.environ.get("VIP_RECOVERY_SHOTS")  # a folder: the panel grabbed there


def test_a_promise_is_marked_delivered_after_the_resolution(qtbot, console: Console, ops) -> None:
    page, guest = host_with_a_calm_guest(console)
    context = console.context
    desk = context.auth.sign_in("D001", "2468")
    incident = context.incidents.open(
        desk, IncidentDraft(Priority.P2, Category.ROOM_OVERBOOKING, guest_id=guest.id)
    )
    qtbot.waitUntil(lambda: page.alert_list.alerts.rowCount() == 1, timeout=WAIT_MS)
    tap_row(console, page.alert_list, 0)  # the alert opens the guest at the recovery tab
    qtbot.waitUntil(lambda: page.incident_choice.button_for(incident.id) is not None)
    tap(console, page.incident_choice.button_for(incident.id))
    panel = page.recovery
    qtbot.waitUntil(panel.promise_button.isEnabled, timeout=WAIT_MS)
    with qtbot.waitSignal(panel.promised, timeout=WAIT_MS):
        tap(console, panel.promise_button)
    qtbot.waitUntil(lambda: len(panel.promises.rows) == 1, timeout=WAIT_MS)

    # Resolved: the incident leaves the open ones, its promise is still owed.
    host = context.auth.sign_in("H001", "2468")
    context.incidents.change_status(host, incident.id, IncidentStatus.RESOLVED)
    page.open_guest(guest.id)
    qtbot.waitUntil(lambda: page.incident_choice.button_for(incident.id) is not None)
    tap(console, page.incident_choice.button_for(incident.id))
    qtbot.waitUntil(lambda: ops.pending == 0, timeout=WAIT_MS)  # every read answered
    (row,) = panel.promises.rows
    button = row.deliver_button
    assert button is not None
    qtbot.waitUntil(button.isVisible, timeout=WAIT_MS)
    in_view(console.window, button)
    assert button.height() >= MIN_TOUCH
    _grab(console, "before")
    with qtbot.waitSignal(panel.delivered, timeout=WAIT_MS):
        tap(console, button)
    qtbot.waitUntil(lambda: ops.pending == 0, timeout=WAIT_MS)
    (row,) = panel.promises.rows
    assert row.state.delivered
    assert row.deliver_button is None
    qtbot.waitUntil(row.status_label.isVisible, timeout=WAIT_MS)
    in_view(console.window, row.status_label)
    assert row.status_label.objectName() == "promiseDelivered"
    _grab(console, "after")
    with context.store.unit_of_work() as uow:
        stored = uow.incidents.by_id(incident.id)
    assert stored is not None
    assert stored.events[-1].kind is EventKind.COMPENSATION_DELIVERED
    assert stored.events[-1].actor_id == "H001"


def test_a_role_without_the_right_sees_the_promises_without_the_button(
    qtbot, store, clock, ops
) -> None:
    context = make_context(store, clock)
    incident = context.incidents.open(
        DESK, IncidentDraft(Priority.P2, Category.ROOM_OVERBOOKING, guest_id=CHARLOTTE.id)
    )
    offers = context.recovery.proposal(HOST, incident.id).offers
    context.recovery.promise(HOST, incident.id, offers)
    for actor, has_button in ((PIT_BOSS, False), (HOST, True)):
        panel = RecoveryPanel(context.recovery, ops)
        qtbot.addWidget(panel)
        panel.show()
        # The pit boss offers nothing (no compensation.offer): that refusal is shown.
        panel.set_incident(actor, incident.id)
        qtbot.waitUntil(lambda p=panel: len(p.promises.rows) == 1, timeout=WAIT_MS)
        assert (panel.promises.rows[0].deliver_button is not None) is has_button


def _grab(console: Console, when: str) -> None:
    if SHOTS:
        size = f"{console.window.width()}x{console.window.height()}"
        console.window.grab().save(os.path.join(SHOTS, f"recovery-{size}-{when}.png"))
