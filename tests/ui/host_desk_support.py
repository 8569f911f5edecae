"""Shared by the host, desk, concierge and quiet-visit UI tests: a real console context
on the ``store`` fixture (real services, real SQLite in ``tmp_path``) and tap counting."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta
from pathlib import Path

from PySide6.QtCore import QObject, QPoint, Qt
from PySide6.QtWidgets import QAbstractButton, QAbstractItemView, QWidget

from app.actor import Actor
from app.acts.reading import ActReading
from app.clock import FakeClock
from app.compliance.aml import AmlService
from app.domain import Role, Staff
from app.domain.guest import ItineraryItem
from app.policy import load_policy
from app.recovery.matrix import load_matrix
from app.security.secrets import DEMO_COST, DEMO_PIN_COST, hash_demo_pin, hash_secret
from app.services.alerts import AlertService
from app.services.attachments import AttachmentService
from app.services.auth import AuthService
from app.services.console import ConsoleServices, LocalChanges
from app.services.directory import FloorQueries, StaffDirectory
from app.services.guests import GuestService
from app.services.handover import HandoverService
from app.services.incidents import IncidentService
from app.services.kpis import KpiService
from app.services.languages import StaffLanguages
from app.services.preferences import PreferencesService
from app.services.recovery import RecoveryService
from app.services.timeline import TimelineService
from app.services.walkins import WalkInService
from tests.ui.demo_objects import NOW, demo_guests

CODE_WORD = "lotus blossom"
DESK = Actor(staff_id="D001", role=Role.VIP_DESK, device_id="TAB-TEST-01", name="Noah Desk")
CONCIERGE = Actor(staff_id="C001", role=Role.CONCIERGE, device_id="TAB-TEST-01", name="Eva")
GUESTS = demo_guests()
CHARLOTTE, DMITRI, WANG, LOTUS, LIAM, NGOC = GUESTS
TRIP = (ItineraryItem(NOW + timedelta(days=2), "flight", "QF1 SYD→LHR 21:10"),)


def prepare_store(store) -> None:
    """Staff for every role, a code word and itineraries on the demo guests."""
    pin = hash_demo_pin("1234", cost=DEMO_PIN_COST)
    word = hash_secret(CODE_WORD, cost=DEMO_COST)
    with store.unit_of_work() as uow:
        uow.staff.save(Staff(id="H002", name="Oliver Grant", role=Role.HOST, pin_hash=pin))
        uow.staff.save(Staff(id="D001", name="Noah Desk", role=Role.VIP_DESK, pin_hash=pin))
        uow.staff.save(Staff(id="C001", name="Eva", role=Role.CONCIERGE, pin_hash=pin))
        uow.guests.save(replace(CHARLOTTE, code_word_hash=word, itinerary=TRIP))
        uow.guests.save(replace(LOTUS, code_word_hash=word, itinerary=TRIP))


def make_context(store, clock: FakeClock) -> ConsoleServices:
    """The screens' services on the ``store`` fixture (tests read the store directly)."""
    prepare_store(store)
    policy = load_policy(None)

    # These pages sign no act, but the board reads the reports due through the act
    # service (ActReading): reading is all they get.
    reading = ActReading(store, clock)

    incidents = IncidentService(store, clock, policy)
    handover = HandoverService.for_store(
        store, clock, incidents, "Harbour Crown Casino", policy.calendar.zone, "TAB-TEST-01"
    )
    return ConsoleServices(
        device_id="TAB-TEST-01",
        clock=clock,
        policy=policy,
        auth=AuthService(store, clock, "TAB-TEST-01"),
        guests=GuestService(store, clock),
        incidents=incidents,
        recovery=RecoveryService(store, clock, policy, load_matrix()),
        timeline=TimelineService(store, clock),
        preferences=PreferencesService(store, clock),
        walkins=WalkInService(store, clock),
        attachments=AttachmentService(store, clock),
        aml=AmlService(store, clock),
        staff=StaffDirectory(store),
        languages=StaffLanguages(store, clock),
        alerts=AlertService(store, clock, policy),
        kpis=KpiService(store, clock, policy),
        handover=handover,
        floor=FloorQueries(store, Path(".")),
        local_changes=LocalChanges(store),
        act_service=lambda: reading,
    )


class TapCounter(QObject):
    """Counts taps: every press on a button or an item view in ``root``."""

    def __init__(self, qtbot, root: QWidget) -> None:
        super().__init__()
        self.qtbot, self.root, self.taps = qtbot, root, 0

    def tap(self, widget: QWidget, pos: QPoint | None = None) -> None:
        assert widget.isVisible() and widget.isEnabled(), widget.objectName()
        self.taps += 1
        if isinstance(widget, QAbstractButton) or pos is None:
            self.qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)
        else:
            self.qtbot.mouseClick(widget, Qt.MouseButton.LeftButton, pos=pos)

    def tap_row(self, view: QAbstractItemView, row: int) -> None:
        rect = view.visualRect(view.model().index(row, 0))
        self.tap(view.viewport(), rect.center())

    def type(self, widget: QWidget, text: str) -> None:
        """Typing (not counted as taps); the field is focused by the previous tap or code."""
        widget.setFocus()
        self.qtbot.keyClicks(widget, text)
