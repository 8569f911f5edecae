"""Screenshots of the host, desk and concierge pages on a real demo store (``make
screenshots``): host_my_guests.png, host_alert.png, guest_timeline.png,
code_word_check.png, recovery_proposal.png, walk_in.png, concierge_card.png,
guest_card_paging_disabled.png."""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from dataclasses import replace
from datetime import timedelta
from pathlib import Path
from typing import Any

from PySide6.QtCore import QSize
from PySide6.QtWidgets import QApplication, QWidget

from app.actor import Actor
from app.bootstrap import ConsoleContext, build_context
from app.clock import FakeClock
from app.domain import Category, Guest, Priority, Role, Staff
from app.domain.guest import ItineraryItem
from app.security.secrets import DEMO_COST, hash_secret
from app.security.store_key import DEMO_STORE_KEY
from app.services.incidents import IncidentDraft
from ui.demo_objects import NOW, demo_guests

Grab = Callable[..., None]
HOST = Actor("H001", Role.HOST, "TAB-PIT2-03", name="Amelia Chen")
OTHER_HOST = Actor("H002", Role.HOST, "TAB-PIT2-03", name="Oliver Grant")
DESK = Actor("D001", Role.VIP_DESK, "TAB-DESK-01", name="Noah Park")
CONCIERGE = Actor("C001", Role.CONCIERGE, "TAB-CONC-01", name="Eva Rossi")


class ImmediateOps:
    """``AsyncOps.run`` done at once: screenshots have no event loop to wait on."""

    def run(
        self,
        fn: Callable[..., Any],
        *args: Any,
        on_success: Callable[[Any], None] | None = None,
        on_error: Callable[[BaseException], bool | None] | None = None,
        busy: QWidget | None = None,
    ) -> None:
        try:
            result = fn(*args)
        except Exception as exc:
            if on_error is None or not on_error(exc):
                raise
            return None
        if on_success is not None:
            on_success(result)
        return None


def _context(directory: Path, clock: FakeClock) -> tuple[ConsoleContext, list[Guest]]:
    """A console context on a fresh store, built by the composition root as the console's
    is, holding the demo staff and guests."""
    ctx = build_context(directory, clock=clock, store_key=DEMO_STORE_KEY)
    word = hash_secret("lotus blossom", cost=DEMO_COST)
    trip = (ItineraryItem(NOW + timedelta(days=2), "flight", "QF1 SYD→LHR 21:10"),)
    guests = demo_guests()
    with ctx.store.unit_of_work() as uow:
        for staff_id, name, role in (
            ("H001", "Amelia Chen", Role.HOST),
            ("H002", "Oliver Grant", Role.HOST),
            ("D001", "Noah Park", Role.VIP_DESK),
            ("C001", "Eva Rossi", Role.CONCIERGE),
        ):
            uow.staff.save(Staff(staff_id, name, role, pin_hash="x"))
        for guest in guests:
            uow.guests.save(replace(guest, code_word_hash=word, itinerary=trip))
    return ctx, guests


def host_desk_screenshots(out: Path, grab: Grab) -> None:
    from ui.concierge.page import ConciergePage
    from ui.desk.page import DeskPage
    from ui.guest.card_widget import GuestCardWidget
    from ui.host.page import HostPage
    from ui.host.pages import host_names

    with tempfile.TemporaryDirectory() as tmp:
        clock = FakeClock(NOW - timedelta(hours=3))
        ctx, demo = _context(Path(tmp) / "data", clock)
        names = host_names(ctx)
        ops: Any = ImmediateOps()
        charlotte, _dmitri, _wang, lotus, liam, _ngoc = demo
        # Earlier history for the timeline: an incident, a note, a promise.
        earlier = ctx.incidents.open(
            DESK,
            IncidentDraft(
                Priority.P3,
                Category.SERVICE_WAIT,
                guest_id=charlotte.id,
                location="VIP lounge",
                summary="Waited for a table",
            ),
        )
        clock.advance(timedelta(minutes=12))
        ctx.incidents.add_note(HOST, earlier.id, "Apologised in person; table ready at 21:30.")
        clock.advance(timedelta(minutes=9))
        offers = ctx.recovery.proposal(HOST, earlier.id).offers
        ctx.recovery.promise(HOST, earlier.id, offers)
        # A P1 for a self-excluded guest, now past its SLA.
        breached = ctx.incidents.open(
            DESK, IncidentDraft(Priority.P1, Category.PAYMENT_FAILED, guest_id=liam.id)
        )
        clock.set(NOW)

        page = HostPage(ctx, ops, HOST, host_names=names)
        page.open_guest(charlotte.id)
        _shot(page, grab, QSize(1500, 900), out / "host_my_guests.png")

        page.code_word.word_edit.setText("lotus blossom")
        page.code_word.check()
        _shot(page, grab, QSize(1500, 900), out / "code_word_check.png")

        page.tabs.setCurrentIndex(1)
        _shot(page, grab, QSize(1500, 900), out / "guest_timeline.png")
        page.tabs.setCurrentIndex(0)

        ctx.incidents.open(
            DESK,
            IncidentDraft(
                Priority.P2,
                Category.ROOM_OVERBOOKING,
                guest_id=charlotte.id,
                location="Front desk",
            ),
        )
        page.watcher.check()
        _shot(page, grab, QSize(1500, 900), out / "host_alert.png")
        page.close()

        other = HostPage(ctx, ops, OTHER_HOST, host_names=names)
        other.open_guest(liam.id)
        other.tabs.setCurrentIndex(3)
        at = other.incident_choice.findData(breached.id)
        other.incident_choice.setCurrentIndex(max(at, 0))
        _shot(other, grab, QSize(1500, 900), out / "recovery_proposal.png")
        other.close()

        desk = DeskPage(ctx, ops, DESK, host_names=names)
        desk.start_walk_in("9001999988887777")
        desk.walk_in.name_edit.setText("Sofia Marchetti")
        desk.walk_in.phone_edit.setText("+61 412 555 010")
        _shot(desk, grab, QSize(1400, 760), out / "walk_in.png")
        desk.close()

        concierge = ConciergePage(ctx, ops, CONCIERGE, host_names=names)
        concierge.lookup.lookup_card(charlotte.card_number)
        _shot(concierge, grab, QSize(1400, 900), out / "concierge_card.png")
        concierge.close()

        card = GuestCardWidget(names)
        card.enable_reveal(ops, lambda gid: ctx.guests.reveal_itinerary(DESK, gid))
        card.enable_paging(ops, lambda gid, kind: ctx.guests.request_paging(DESK, gid, kind))
        card.show_card(ctx.guests.card(DESK, lotus.id), NOW.date())
        grab(card, QSize(620, 1400), out / "guest_card_paging_disabled.png", fit_content=True)
        ctx.close()


def _shot(widget: QWidget, grab: Grab, size: QSize, path: Path) -> None:
    widget.resize(size)
    widget.show()
    QApplication.processEvents()
    grab(widget, size, path)
