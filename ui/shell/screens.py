"""Screenshots of the shell's screens (``make screenshots``, via ``ui.screenshots``).

A real console context on a scratch store (demo guests, the demo floor's tables, staff of
each role, a few table incidents) on a fake clock; the services are called directly so
the pictures do not wait on the event loop.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path
from typing import Any

from PySide6.QtCore import QSize
from PySide6.QtWidgets import QWidget

from app.actor import Actor
from app.bootstrap import build_context
from app.clock import FakeClock
from app.demo.generator import make_tables
from app.domain import Category, Priority, Role, Staff
from app.domain.enums import EventKind
from app.security.secrets import DEMO_COST, hash_pin
from app.security.store_key import DEMO_STORE_KEY
from app.services.incidents import IncidentDraft
from ui.async_ops import AsyncOps
from ui.board.feed import ServiceBoardSource
from ui.demo_objects import NOW, demo_guests

Grab = Callable[[QWidget, QSize, Path], None]
DEVICE = "TAB-PIT1-02"
STAFF = (
    ("H001", "Amelia Chen", Role.HOST, ()),
    ("P001", "Marcus Lee", Role.PIT_BOSS, ("BAC-101", "BAC-102", "BAC-103", "BAC-104")),
    ("D001", "Noah Park", Role.VIP_DESK, ()),
    ("C001", "Lea Rossi", Role.CONCIERGE, ()),
)


def _actor(staff_id: str) -> Actor:
    _, name, role, tables = next(s for s in STAFF if s[0] == staff_id)
    return Actor(staff_id, role, DEVICE, name=name, tables=tables)


def shell_screenshots(out: Path, grab: Grab) -> None:
    from ui.main_window import MainWindow

    with tempfile.TemporaryDirectory(prefix="vip-shots-") as scratch:
        clock = FakeClock(NOW - timedelta(minutes=20))
        context = build_context(
            Path(scratch), device_id=DEVICE, clock=clock, store_key=DEMO_STORE_KEY
        )
        pin = hash_pin("1234", cost=DEMO_COST)
        guests = demo_guests()
        with context.store.unit_of_work() as uow:
            for table in make_tables():
                uow.tables.save(table)
            for staff_id, name, role, tables in STAFF:
                uow.staff.save(Staff(staff_id, name, role, pin, tables=tables))
            for guest in guests:
                uow.guests.save(guest)
        boss = _actor("P001")
        opened: list[Any] = []
        seeds: list[tuple[int, Priority, Category, str, str | None]] = [
            (0, Priority.P3, Category.SERVICE_WAIT, "BJ-305", None),
            (6, Priority.P2, Category.EQUIPMENT_DOWN, "RL-402", guests[1].id),
            (12, Priority.P1, Category.PAYMENT_FAILED, "BAC-203", guests[2].id),
            (18, Priority.P2, Category.TABLE_DISPUTE, "BAC-102", guests[0].id),
            (19, Priority.P4, Category.OTHER, "PK-501", None),
        ]
        for minutes, priority, category, table_id, guest_id in seeds:
            clock.set(NOW - timedelta(minutes=20 - minutes))
            draft = IncidentDraft(priority, category, table_id=table_id, guest_id=guest_id)
            opened.append(context.incidents.open(boss, draft))
        context.incidents.record_milestone(boss, opened[2].id, EventKind.REACTED)
        clock.set(NOW)
        source = ServiceBoardSource(context.incidents)
        ops = AsyncOps()
        providers = (
            "ui.shell.board_page",
            "ui.incident.pages",
            "ui.floor.pages",
            "ui.host.pages",
            "ui.desk.pages",
            "ui.concierge.pages",
        )

        def window_for(who: Actor) -> MainWindow:
            window = MainWindow(
                context.auth,
                context.guests,
                ops,
                board_source=source,
                clock=clock,
                context=context,
                providers=providers,
            )
            window.open_console(who)
            assert window.shell is not None
            window.shell.set_board_rows(source.rows(who, NOW), NOW)
            floor: Any = window.shell.page("floor")
            if floor is not None:
                floor.set_games(context.incidents.table_games(who))
                floor.show_rows(context.incidents.board(who))
            return window

        size = QSize(1600, 900)
        for staff_id, _name, role, _tables in STAFF:
            who = _actor(staff_id)
            window: Any = window_for(who)
            if window.card is not None and role is not Role.CONCIERGE:
                window.card.show_card(context.guests.card(who, guests[0].id))
            grab(window, size, out / f"console_{role.value}.png")
            window.sign_out()

        window = window_for(boss)
        shell: Any = window.shell
        shell.new_incident(None)
        form: Any = shell.page("incident.new")
        form._guest_found(context.guests.card(boss, guests[0].id))
        form.priority_buttons[Priority.P2].setChecked(True)
        form.category_buttons[Category.TABLE_DISPUTE].setChecked(True)
        form._update_ready()
        grab(window, size, out / "pit_boss_incident_form.png")

        window = window_for(boss)
        view: Any = window.shell.page("incident.view")
        window.shell.show_page("incident.view")
        view.show_detail(context.incidents.detail(boss, opened[3].id))
        view.stop()
        grab(window, size, out / "incident_view.png")

        window = window_for(boss)
        floor: Any = window.shell.show_page("floor")
        floor.select_table("BAC-203")
        grab(window, size, out / "floor_map.png")

        window = window_for(boss)
        window.lock()
        grab(window, size, out / "lock_screen.png")
        ops.shutdown()
        context.close()
