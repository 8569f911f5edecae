"""A real console context on a store in ``tmp_path`` for the shell, incident and floor tests."""

from __future__ import annotations

from pathlib import Path

from app.actor import Actor
from app.bootstrap import ConsoleContext, build_context
from app.clock import FakeClock
from app.demo.generator import make_tables
from app.domain import Role, Staff
from app.security.secrets import DEMO_COST, hash_pin
from ui.demo_objects import demo_guests

DEVICE = "TAB-TEST-01"
PIT_TABLES = ("BAC-101", "BAC-102", "BAC-103")
STAFF = {
    "H001": ("Amelia Chen", Role.HOST, ()),
    "P001": ("Маркус Ли", Role.PIT_BOSS, PIT_TABLES),
    "D001": ("Noah Park", Role.VIP_DESK, ()),
    "C001": ("Lea Rossi", Role.CONCIERGE, ()),
}


def make_context(tmp_path: Path, clock: FakeClock) -> ConsoleContext:
    context = build_context(tmp_path / "data", device_id=DEVICE, clock=clock)
    pin = hash_pin("1234", cost=DEMO_COST)
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
    from ui.board.feed import ServiceBoardSource
    from ui.guest.swipe_filter import SwipeFilter
    from ui.main_window import MainWindow
    from ui.shell.registry import PROVIDERS

    swipe = SwipeFilter()
    kwargs.setdefault("providers", PROVIDERS[:3])  # our own pages: deterministic
    window = MainWindow(
        context.auth,
        context.guests,
        ops,
        board_source=ServiceBoardSource(context.incidents),
        clock=clock,
        swipe_filter=swipe,
        context=context,
        **kwargs,
    )
    window.swipe = swipe
    return window
