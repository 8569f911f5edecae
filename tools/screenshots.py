"""``python -m tools.screenshots OUTDIR``: every screen of the console, offscreen.

The real console (``MainWindow`` on ``ConsoleContext.services``) on a demo property
written the way ``make run`` writes it, on a fixed clock, grabbed at 1280 x 800; the
screens a tablet user meets first also at 1024 x 768 (``*_1024.png``); the key ones in
French too (``*_fr.png``, ``*_fr_1024.png``; tools/screenshots_more.py). Not part of
the product: the product packages know nothing of screenshots.
"""

from __future__ import annotations

import asyncio
import os
import sys
import tempfile
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QSize  # noqa: E402
from PySide6.QtGui import QPixmap  # noqa: E402
from PySide6.QtWidgets import QApplication, QDialog, QWidget  # noqa: E402

from app.bootstrap import ConsoleContext, build_context  # noqa: E402
from app.clock import FakeClock  # noqa: E402
from app.demo.generator import DEMO_PIN  # noqa: E402
from app.demo.writer import write_demo_property  # noqa: E402
from app.domain import Category, Guest, Priority  # noqa: E402
from app.security.store_key import DEMO_STORE_KEY  # noqa: E402
from app.services.incidents import IncidentDraft  # noqa: E402
from ui.application import build_application  # noqa: E402
from ui.async_ops import AsyncOps  # noqa: E402
from ui.main_window import MainWindow  # noqa: E402
from ui.shell.console import ConsoleShell  # noqa: E402

NOW = datetime(2026, 12, 3, 21, 30, tzinfo=UTC)  # a Friday morning in Sydney
TABLET = QSize(1280, 800)
SMALL = QSize(1024, 768)
GUESTS = 2000


class ImmediateOps(AsyncOps):
    """``AsyncOps.run`` done at once: the pictures need no event loop to wait on."""

    _loop: asyncio.AbstractEventLoop | None = None  # run_coro's, made at its first use

    def run(  # type: ignore[override]
        self,
        fn: Callable[..., Any],
        *args: Any,
        on_success: Callable[[Any], None] | None = None,
        on_error: Callable[[BaseException], bool | None] | None = None,
        busy: QWidget | None = None,
        owner: object = None,
        user_waits: bool = False,
    ) -> None:
        try:
            result = fn(*args)
        except Exception as exc:
            if on_error is None or not on_error(exc):
                raise
            return
        if on_success is not None:
            on_success(result)

    def run_coro(  # type: ignore[override]
        self,
        factory: Callable[[], Any],
        *,
        on_success: Callable[[Any], None] | None = None,
        on_error: Callable[[BaseException], bool | None] | None = None,
        busy: QWidget | None = None,
        owner: object = None,
    ) -> None:
        """A coroutine (the sync review's reads) run to its end on a loop of our own."""
        if self._loop is None:
            self._loop = asyncio.new_event_loop()
        self.run(self._loop.run_until_complete, factory(), on_success=on_success, on_error=on_error)

    def shutdown(self) -> None:
        super().shutdown()
        if self._loop is not None:
            self._loop.close()


class Shots:
    def __init__(self, out: Path, window: MainWindow) -> None:
        self.out, self.window = out, window

    def grab(self, name: str, *sizes: QSize) -> None:
        for size in sizes or (TABLET,):
            self.window.setFixedSize(size)
            settle()
            if self.window.shell is not None:
                self.window.shell.lookup.place_overlays()
                settle()
            self._save(self.window.grab(), name, size)

    def grab_dialog(self, name: str, dialog: QDialog, *sizes: QSize) -> None:
        """A dialog laid over the console window (the act, the report), at each size."""
        from ui.acts.fit import fit_to_window

        for size in sizes or (TABLET,):
            self.window.setFixedSize(size)
            QApplication.processEvents()
            fit_to_window(dialog, self.window)
            settle()  # what follows a resize (the act viewer renders its pages again)
            self._save(dialog.grab(), name, size)

    def grab_over(self, name: str, dialog: QDialog, *sizes: QSize) -> None:
        """A dialog of its own size centred over the console, as the user sees it."""
        from PySide6.QtGui import QColor, QPainter, QPen

        for size in sizes or (TABLET,):
            self.window.setFixedSize(size)
            settle()
            picture = self.window.grab()
            face = dialog.grab()
            painter = QPainter(picture)
            x, y = (size.width() - face.width()) // 2, (size.height() - face.height()) // 2
            x, y = max(x, 0), max(y, 0)
            painter.drawPixmap(x, y, face)
            painter.setPen(QPen(QColor("#8ab4f8"), 2))  # its edge (the frame is the system's)
            painter.drawRect(x, y, face.width() - 1, face.height() - 1)
            painter.end()
            self._save(picture, name, size)

    def _save(self, picture: QPixmap, name: str, size: QSize) -> None:
        suffix = "" if size == TABLET else f"_{size.width()}"
        path = self.out / f"{name}{suffix}.png"
        if not picture.save(str(path)):
            raise OSError(f"could not write {path}")
        print(path)


def settle(turns: int = 4) -> None:
    """A few turns of the event loop: layouts and zero-timers that follow a resize, and
    the widgets deleted later (the help's rows of the previous user) gone, as a running
    console's loop would have them."""
    from PySide6.QtCore import QEvent

    for _ in range(turns):
        QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        QApplication.processEvents()


def draw_signature(pad: QWidget) -> None:
    """A signature's worth of ink across the pad, as a finger would leave it."""
    from PySide6.QtCore import QPoint, Qt
    from PySide6.QtTest import QTest

    box = pad.pad_rect()  # type: ignore[attr-defined]
    left, width, middle = box.left(), box.width(), box.center().y()
    points = [
        QPoint(round(left + width * (0.1 + 0.8 * i / 40)), round(middle + (i % 8 - 4) * 6))
        for i in range(41)
    ]
    QTest.mousePress(pad, Qt.MouseButton.LeftButton, pos=points[0])
    for point in points[1:]:
        QTest.mouseMove(pad, point)
    QTest.mouseRelease(pad, Qt.MouseButton.LeftButton, pos=points[-1])


def demo_context(directory: Path) -> ConsoleContext:
    from offline_cache import open_store

    store = open_store(directory, key=DEMO_STORE_KEY)
    try:
        write_demo_property(store, directory, GUESTS, FakeClock(NOW))
    finally:
        store.close()
    return build_context(directory, clock=FakeClock(NOW), store_key=DEMO_STORE_KEY)


def first_guest(context: ConsoleContext, wanted: Callable[[Guest], bool]) -> Guest:
    with context.store.unit_of_work() as uow:
        return next(g for g in uow.guests.search("a", GUESTS) if wanted(g))


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print("usage: python -m tools.screenshots OUTDIR", file=sys.stderr)
        return 2
    out = Path(argv[1])
    out.mkdir(parents=True, exist_ok=True)
    build_application(locale="en")
    with tempfile.TemporaryDirectory(prefix="vip-shots-") as scratch:
        context = demo_context(Path(scratch) / "data")
        ops = ImmediateOps()
        window = MainWindow(context.services, ops, demo_hint=context.demo_hint)
        window.show()
        try:
            grab_provisioning(out, ops)
            take_all(Shots(out, window), context, ops)
        finally:
            window.sign_out()
            window.close()
            ops.shutdown()
            context.close()
    return 0


def grab_provisioning(out: Path, ops: AsyncOps) -> None:
    """The provisioning screen a new tablet shows IT (no helpdesk is asked)."""
    from PySide6.QtWidgets import QMainWindow

    from ui.provisioning.screen import ProvisioningScreen

    async def never(device_id: str, code: str) -> Any:
        raise AssertionError("the screenshot enrols nothing")

    window = QMainWindow()
    url = "https://helpdesk.harbour-crown.example"
    window.setCentralWidget(ProvisioningScreen(url, "TAB-0042", never, ops))
    window.show()
    try:
        for size in (TABLET, SMALL):
            window.setFixedSize(size)
            QApplication.processEvents()
            suffix = "" if size == TABLET else f"_{size.width()}"
            path = out / f"provisioning{suffix}.png"
            if not window.grab().save(str(path)):
                raise OSError(f"could not write {path}")
            print(path)
    finally:
        window.close()


def sign_in(window: MainWindow, staff_id: str) -> ConsoleShell:
    window.sign_out()
    window.sign_in.staff_edit.setText(staff_id)
    window.sign_in.pin_edit.setText(DEMO_PIN)
    window.sign_in.submit()
    assert window.actor is not None and window.shell is not None
    read_kpi_strip(window.shell)
    return window.shell


def read_kpi_strip(shell: ConsoleShell) -> None:
    """The board's KPI strip shows its figures, not its placeholders."""
    board = shell.page("board")
    if board is not None and board.kpis is not None:
        board.kpis.feed.read_now()


def near_breach(shots: Shots, context: ConsoleContext, shell: ConsoleShell) -> None:
    """The board 20 minutes on: the soonest clocks amber ("breach within N min")."""
    shell.page("board").panel.close_card()
    board = shell.page("board").board
    context.clock.advance(timedelta(minutes=20))  # type: ignore[attr-defined]
    board.tick()
    shots.grab("board_near_breach")
    context.clock.set(NOW)  # type: ignore[attr-defined]
    board.tick()


def take_all(shots: Shots, context: ConsoleContext, ops: AsyncOps) -> None:
    window = shots.window
    plain = first_guest(
        context, lambda g: not g.quiet.enabled and bool(g.room) and not g.rg.self_excluded
    )
    quiet = first_guest(context, lambda g: g.quiet.enabled and bool(g.quiet.alias))
    excluded = first_guest(context, lambda g: g.rg.self_excluded and not g.quiet.enabled)

    shots.grab("sign_in", TABLET, SMALL)

    shell = sign_in(window, "H001")
    shell.route_swipe(plain.card_number)
    shots.grab("console", TABLET, SMALL)
    shots.grab("console_host")
    shell.show_page("host.my_guests")
    host = shell.page("host.my_guests")
    mine = first_guest(context, lambda g: g.host_id == "H001" and not g.quiet.enabled)
    host.open_guest(mine.id)
    shots.grab("host_my_guests", TABLET, SMALL)
    host.code_word.word_edit.setText("opal")
    host.code_word.check()
    shots.grab("code_word_check")
    host.tabs.setCurrentIndex(2)
    shots.grab("host_preferences", TABLET, SMALL)
    desk = context.auth.sign_in("D001", DEMO_PIN)
    context.incidents.open(
        desk, IncidentDraft(Priority.P2, Category.ROOM_OVERBOOKING, guest_id=mine.id)
    )
    host.set_board_rows([], NOW)
    host.tabs.setCurrentIndex(0)
    shots.grab("host_alert")
    host.open_guest(mine.id)
    host.tabs.setCurrentIndex(1)
    shots.grab("guest_timeline", TABLET, SMALL)
    host.open_guest(mine.id)
    host.tabs.setCurrentIndex(3)
    shots.grab("recovery_proposal", TABLET, SMALL)
    host.recovery.record_promise()  # the offers ticked: a promise, now to deliver
    shots.grab("recovery_to_deliver", TABLET, SMALL)
    shell.show_page("floor")
    shell.route_swipe(excluded.card_number)
    shots.grab("card_drawer", TABLET, SMALL)
    window.lookup.search_edit.setText(plain.name.split()[0])
    window.lookup._search()
    shots.grab("search", TABLET, SMALL)
    window.lookup.set_actor(window.actor, may_register_walk_ins=True)
    window.lookup.lookup_card("9009999988887777")
    shots.grab("card_not_found", TABLET, SMALL)
    window.lookup.walk_in_button.click()
    walk_in = shell.page("desk.walk_in")
    walk_in.name_edit.setText("Sofia Marchetti")
    walk_in.phone_edit.setText("+61 412 555 010")
    shots.grab("walk_in", TABLET, SMALL)
    window.lock()
    shots.grab("lock_screen", TABLET, SMALL)

    shell = sign_in(window, "P001")
    window.reload_board()
    shell.route_swipe(quiet.card_number)
    shots.grab("console_pit_boss", TABLET, SMALL)
    shell.page("board").panel.close_card()
    shots.grab("board")
    shell.new_incident(None)
    shots.grab("pit_boss_incident_form", TABLET, SMALL)
    assert shell.actor is not None
    rows = context.incidents.board(shell.actor)
    shell.open_incident(rows[0].incident.id)
    view = shell.page("incident.view")
    view.stop()
    shots.grab("incident_view", TABLET, SMALL)
    act = view.open_act_form()
    act.form.decision.setPlainText("Hand replayed at the next table with the guest's agreement.")
    draw_signature(act.form.staff_pad)
    draw_signature(act.form.guest_pad)
    shots.grab_dialog("act_form", act, TABLET, SMALL)
    act.reject()
    report = view.open_report_form()
    shots.grab_dialog("report_form", report, TABLET, SMALL)
    report.reject()
    shell.show_page("floor")
    floor = shell.page("floor")
    floor.show_rows(rows)
    floor.select_table(next(r.incident.table_id for r in rows if r.incident.table_id))
    if floor.kpis is not None:  # its own strip, read as the board's is
        floor.kpis.feed.read_now()
    shots.grab("floor_map", TABLET, SMALL)

    shell = sign_in(window, "D001")
    window.reload_board()
    shell.show_page("desk.guests")
    shell.route_swipe(quiet.card_number)
    shots.grab("guest_card_paging_disabled")
    shell.route_swipe(plain.card_number)
    shots.grab("console_vip_desk", TABLET, SMALL)
    shell.page("desk.guests").open_request.click()
    shots.grab("desk_request", TABLET, SMALL)

    shell = sign_in(window, "C001")
    shell.route_swipe(plain.card_number)
    shots.grab("console_concierge")
    shots.grab("concierge_card", TABLET, SMALL)

    shell = sign_in(window, "H002")
    for name, guest in (
        ("guest_card", plain),
        ("guest_card_quiet", quiet),
        ("guest_card_self_excluded", excluded),
    ):
        shell.route_swipe(guest.card_number)
        shots.grab(name, TABLET, SMALL)

    from tools.screenshots_duty import take_duty_manager
    from tools.screenshots_more import take_french, take_more, take_sync
    from tools.screenshots_readable import take_readable

    take_duty_manager(shots, context)
    take_more(shots, context)
    take_french(shots, context)
    take_sync(shots, context)
    take_readable(shots, context, ops)
    near_breach(shots, context, sign_in(window, "P001"))  # last: its alerts stay


if __name__ == "__main__":
    sys.exit(main(sys.argv))
