"""A real console context on a store in ``tmp_path`` for the shell, incident and floor tests."""

from __future__ import annotations

from pathlib import Path

from app.actor import Actor
from app.bootstrap import ConsoleContext, build_context
from app.clock import FakeClock
from app.demo.generator import make_tables
from app.domain import Role, Staff
from app.security.secrets import DEMO_PIN_COST, hash_demo_pin
from tests.ui.demo_objects import demo_guests

DEVICE = "TAB-TEST-01"
PIT_TABLES = ("BAC-101", "BAC-102", "BAC-103")
STAFF = {
    "H001": ("Amelia Chen", Role.HOST, ()),
    "P001": ("Маркус Ли", Role.PIT_BOSS, PIT_TABLES),
    "D001": ("Noah Park", Role.VIP_DESK, ()),
    "C001": ("Lea Rossi", Role.CONCIERGE, ()),
    "M001": ("Harriet Okafor", Role.DUTY_MANAGER, ()),
}


def make_context(tmp_path: Path, clock: FakeClock) -> ConsoleContext:
    context = build_context(tmp_path / "data", device_id=DEVICE, clock=clock)
    pin = hash_demo_pin("1234", cost=DEMO_PIN_COST)
    with context.store.unit_of_work() as uow:
        for table in make_tables():
            uow.tables.save(table)
        for staff_id, (name, role, tables) in STAFF.items():
            uow.staff.save(Staff(id=staff_id, name=name, role=role, pin_hash=pin, tables=tables))
        for guest in demo_guests():
            uow.guests.save(guest)
    return context


def actor(staff_id: str) -> Actor:
    name, role, tables = STAFF[staff_id]
    return Actor(staff_id=staff_id, role=role, device_id=DEVICE, name=name, tables=tables)


def make_window(context: ConsoleContext, ops, clock: FakeClock, **kwargs):
    """The console on ``context``'s services (its clock is ``clock``): board, incident and
    floor pages unless ``providers`` says otherwise."""
    from ui.guest.swipe_filter import SwipeFilter
    from ui.main_window import MainWindow
    from ui.shell.registry import PROVIDERS

    assert context.clock is clock
    swipe = SwipeFilter()
    kwargs.setdefault("providers", PROVIDERS[:3])  # the board, incident and floor pages
    window = MainWindow(context.services, ops, swipe_filter=swipe, **kwargs)
    window.swipe = swipe
    return window


class RecordingNavigator:
    """The shell's ``Navigator`` for a page tested on its own: records what it asked."""

    def __init__(self) -> None:
        self.calls: list[tuple[str, object]] = []

    def show_page(self, key: str) -> None:
        self.calls.append(("show_page", key))

    def back(self) -> None:
        self.calls.append(("back", None))

    def open_incident(self, incident_id: str) -> None:
        self.calls.append(("open_incident", incident_id))

    def new_incident(self, table_id: str | None = None) -> None:
        self.calls.append(("new_incident", table_id))

    def start_walk_in(self, card_number: str = "") -> None:
        self.calls.append(("start_walk_in", card_number))

    def show_guest(self, view: object) -> None:
        self.calls.append(("show_guest", view))

    def reload_board(self) -> None:
        self.calls.append(("reload_board", None))

    def show_alert(self, text: str, more: int) -> bool:
        self.calls.append(("show_alert", (text, more)))
        return True


def page_env(services, ops, who: Actor, nav: RecordingNavigator | None = None):
    """What the shell hands a page, for a page tested on its own."""
    from ui.guest.host_names import HostNames
    from ui.shell.pages import PageEnv

    return PageEnv(services, ops, who, services.clock, nav or RecordingNavigator(), HostNames())
