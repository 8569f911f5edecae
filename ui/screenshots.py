"""``python -m ui.screenshots OUTDIR``: grab every screen, offscreen, with demo objects.

Writes sign_in.png, board.png, guest_card.png, guest_card_quiet.png,
guest_card_self_excluded.png, card_not_found.png, search.png and console.png.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QRect, QSize  # noqa: E402
from PySide6.QtWidgets import QApplication, QFrame, QScrollArea, QWidget  # noqa: E402

from app.actor import Actor  # noqa: E402
from app.clock import FakeClock  # noqa: E402
from app.domain import Role  # noqa: E402
from ui.application import build_application  # noqa: E402
from ui.async_ops import AsyncOps  # noqa: E402
from ui.board.feed import StaticBoardSource  # noqa: E402
from ui.board.view import BoardView  # noqa: E402
from ui.contracts import as_search_hit  # noqa: E402
from ui.demo_objects import NOW, TODAY, demo_board_rows, demo_guests  # noqa: E402
from ui.demo_services import DEMO_HINT, HOST_NAMES, DemoAuth, DemoGuestService  # noqa: E402
from ui.guest.card_widget import GuestCardWidget  # noqa: E402
from ui.guest.lookup import GuestLookupPanel  # noqa: E402
from ui.main_window import MainWindow  # noqa: E402
from ui.sign_in import SignInScreen  # noqa: E402

HOST = Actor(staff_id="H001", role=Role.HOST, device_id="TAB-PIT2-03", name="Amelia Chen")


def _grab(widget: QWidget, size: QSize, path: Path, fit_content: bool = False) -> None:
    widget.resize(size)
    widget.show()
    QApplication.processEvents()
    area = QRect(0, 0, size.width(), size.height())
    body = widget.widget() if isinstance(widget, QScrollArea) else None
    if fit_content and body is not None:
        frames = body.findChildren(QFrame)
        bottom = max((f.geometry().bottom() for f in frames if f.isVisible()), default=0)
        area.setHeight(min(size.height(), bottom + 16))
    if not widget.grab(area).save(str(path)):
        raise OSError(f"could not write {path}")
    widget.close()
    print(path)


def host_name(host_id: str) -> str:
    return HOST_NAMES.get(host_id, host_id)


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print("usage: python -m ui.screenshots OUTDIR", file=sys.stderr)
        return 2
    out = Path(argv[1])
    out.mkdir(parents=True, exist_ok=True)
    app = build_application(locale="en")
    ops = AsyncOps()
    guests = demo_guests()
    service = DemoGuestService(guests)
    pit_boss = Actor(staff_id="P001", role=Role.PIT_BOSS, device_id="TAB-PIT2-03")
    clock = FakeClock(NOW)

    _grab(SignInScreen(DemoAuth(), ops, DEMO_HINT), QSize(1024, 860), out / "sign_in.png")

    board = BoardView(clock=clock)
    board.model.set_rows(demo_board_rows(guests), NOW)
    board.tick()
    _grab(board, QSize(1760, 560), out / "board.png")

    for name, index, actor in (
        ("guest_card.png", 0, HOST),
        ("guest_card_quiet.png", 3, pit_boss),  # not their host: the alias, never the name
        ("guest_card_self_excluded.png", 4, HOST),
    ):
        card = GuestCardWidget(host_name)
        card.enable_paging(ops, lambda _guest_id, _kind: None)  # as wired: nothing is tapped
        card.show_card(service.card(actor, guests[index].id), TODAY)
        _grab(card, QSize(620, 1400), out / name, fit_content=True)

    lookup = GuestLookupPanel(service, ops)
    lookup.set_actor(HOST)
    lookup.show_not_found("6001999988887777")
    _grab(lookup, QSize(1000, 160), out / "card_not_found.png")

    search = GuestLookupPanel(service, ops)
    search.set_actor(HOST)
    search.search_edit.blockSignals(True)
    search.search_edit.setText("a")
    search.search_edit.blockSignals(False)
    search.results.set_hits([as_search_hit(h) for h in service.search(HOST, "")])
    search.results_view.show()
    _grab(search, QSize(1000, 460), out / "search.png")

    window = MainWindow(DemoAuth(), service, ops, board_source=StaticBoardSource([]), clock=clock)
    window.open_console(HOST)
    assert window.board is not None and window.card is not None
    window.board.model.set_rows(demo_board_rows(guests), NOW)
    window.board.stop()
    window.board.tick()
    window.card.show_card(service.card(HOST, guests[2].id), TODAY)
    _grab(window, QSize(1600, 900), out / "console.png")
    window.sign_out()
    shell_screens(out)
    host_desk_screens(out)
    ops.shutdown()
    del app
    return 0


def shell_screens(out: Path) -> None:
    """The shell's screens (rail, incident form and view, floor map, lock, each role):
    pit_boss_incident_form.png, incident_view.png, floor_map.png, lock_screen.png and
    console_<role>.png."""
    from ui.shell.screens import shell_screenshots

    shell_screenshots(out, _grab)


def host_desk_screens(out: Path) -> None:
    """The host, VIP desk and concierge pages (on a real demo store): host_my_guests.png,
    host_alert.png, guest_timeline.png, code_word_check.png, recovery_proposal.png,
    walk_in.png, concierge_card.png and guest_card_paging_disabled.png."""
    from ui.host.screens import host_desk_screenshots

    host_desk_screenshots(out, _grab)


if __name__ == "__main__":
    sys.exit(main(sys.argv))
