"""The real console on a demo property, at a tablet's size: what the journey tests drive.

The demo property is written once per test session the way ``make run`` writes it
(``vip-console demo-data --guests 2000``); each test works on its own copy, opened by
``build_context`` with a fake clock set at the time the property was written, in a
``MainWindow`` of 1280 x 800 or 1024 x 768. Steps tap real widgets, and ``in_view``
asserts that what a step needs lies inside the window (not clipped, not scrolled away).
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QRect, QSize, Qt
from PySide6.QtGui import QFontInfo
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractScrollArea,
    QLabel,
    QLineEdit,
    QWidget,
)

from app.bootstrap import ConsoleContext, build_context
from app.clock import FakeClock
from app.demo.generator import DEMO_PIN
from app.security.store_key import DEMO_STORE_KEY
from tests.ui.waits import WAIT_MS
from ui.guest.field_rows import FieldRows
from ui.guest.swipe_filter import SwipeFilter
from ui.main_window import MainWindow

SIZES = {"1280x800": QSize(1280, 800), "1024x768": QSize(1024, 768)}
MIN_TEXT_PX = 12  # at 96 dpi


@dataclass
class Console:
    window: MainWindow
    context: ConsoleContext
    clock: FakeClock
    swipe: SwipeFilter
    qtbot: object

    @property
    def shell(self):  # noqa: ANN201 - the window's shell, built at the first sign-in
        assert self.window.shell is not None
        return self.window.shell


@pytest.fixture(scope="session")
def demo_property(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, datetime]:
    """A demo data directory as ``make run`` writes it, and when it was written."""
    from app.cli import parse_args, run_command

    directory = tmp_path_factory.mktemp("demo") / "data"
    written_at = datetime.now(UTC)
    assert run_command(parse_args(["demo-data", "--guests", "2000", "--out", str(directory)])) == 0
    return directory, written_at


@pytest.fixture(params=list(SIZES), ids=list(SIZES))
def console(qtbot, request, demo_property, tmp_path: Path, ops, themed_app) -> Iterator[Console]:
    source, written_at = demo_property
    data = tmp_path / "data"
    shutil.copytree(source, data)
    clock = FakeClock(written_at)
    # Demo data: its published key (the tests' VIP_CONSOLE_STORE_KEY would win).
    # As the console starts: the store checked now, its data layer loaded once the
    # window is up (offline_cache/pending.py), so every journey goes through it.
    context = build_context(data, clock=clock, store_key=DEMO_STORE_KEY, defer_store=True)
    swipe = SwipeFilter()
    window = MainWindow(context.services, ops, swipe_filter=swipe, demo_hint=context.demo_hint)
    qtbot.addWidget(window)
    window.setFixedSize(SIZES[request.param])
    window.show()
    qtbot.waitExposed(window)
    context.finish_opening_store()
    try:
        yield Console(window, context, clock, swipe, qtbot)
    finally:
        window.sign_out()
        qtbot.waitUntil(lambda: ops.pending == 0, timeout=10_000)
        context.close()


def in_view(window: QWidget, widget: QWidget) -> QRect:
    """Assert that ``widget`` is shown whole inside ``window`` (no ancestor clips it)."""
    assert widget.isVisible(), f"{widget.objectName() or widget} is not shown"
    rect = QRect(widget.mapTo(window, QPoint(0, 0)), widget.size())
    clip = window.rect()
    parent = widget.parentWidget()
    while parent is not None and parent is not window:
        clip &= QRect(parent.mapTo(window, QPoint(0, 0)), parent.size())
        parent = parent.parentWidget()
    assert clip.contains(rect), f"{widget.objectName() or widget}: {rect} outside {clip}"
    return rect


def tap(console: Console, widget: QWidget, pos: QPoint | None = None) -> None:
    """A tap on a control the user can see and use."""
    in_view(console.window, widget)
    assert widget.isEnabled(), f"{widget.objectName()} is disabled"
    if pos is None:
        console.qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)
    else:
        console.qtbot.mouseClick(widget, Qt.MouseButton.LeftButton, pos=pos)


def tap_row(console: Console, view: QAbstractItemView, row: int) -> None:
    rect = view.visualRect(view.model().index(row, 0))
    in_view(console.window, view)
    assert view.viewport().rect().contains(rect.center()), f"row {row} scrolled away"
    tap(console, view.viewport(), rect.center())


def route_request(console: Console, desk, category, channel, summary: str):  # noqa: ANN001
    """The desk's request for the guest on its card, tapped in; the incident as stored."""
    qtbot = console.qtbot
    tap(console, desk.open_request)
    form = desk.request
    tap(console, form.category.button_for(category))
    tap(console, form.channel.button_for(channel))
    tap(console, form.summary)
    qtbot.keyClicks(form.summary, summary)  # type: ignore[attr-defined]
    with qtbot.waitSignal(form.opened, timeout=WAIT_MS) as opened:  # type: ignore[attr-defined]
        tap(console, form.open_button)
    with console.context.store.unit_of_work() as uow:
        stored = uow.incidents.by_id(opened.args[0].id)
    assert stored is not None
    assert (stored.category, stored.channel, stored.summary) == (category, channel, summary)
    return stored


def acts_in_process(console: Console) -> None:
    """Acts signed in this process (the console's signing child is a test of its own)."""
    from app.acts.service import ActService

    context = console.context
    context._acts = ActService.for_data_dir(
        context.store,
        context.clock,
        context.data_dir,
        property_name=str(context.settings.get("property_name")),
        device_id=context.device_id,
        venue_tz=context.policy.calendar.zone,
        in_process=True,
    )


def sign(pad) -> None:  # noqa: ANN001 - a SignaturePad
    """A stroke across the whole pad, from its left edge to its right."""
    box = pad.pad_rect()
    y = round(box.center().y())
    points = [
        (round(box.left()) + 2 + i * (pad.width() - 6) // 20, y + (i % 3) * 8) for i in range(21)
    ]
    QTest.mousePress(pad, Qt.MouseButton.LeftButton, pos=QPoint(*points[0]))
    for x, py in points[1:]:
        QTest.mouseMove(pad, QPoint(x, py))
    QTest.mouseRelease(pad, Qt.MouseButton.LeftButton, pos=QPoint(*points[-1]))


def type_on_keypad(console: Console, pad, text: str) -> None:
    for char in text.upper():
        tap(console, pad.keypad.findChild(QAbstractButton, f"key{char}"))


def sign_in(console: Console, staff_id: str, pin: str = DEMO_PIN) -> None:
    """Staff id and PIN tapped on the sign-in keypad, then *Sign in*."""
    screen = console.window.sign_in
    assert screen.staff_edit.text() == ""  # never an earlier staff id
    tap(console, screen.staff_edit)
    type_on_keypad(console, screen.pad, staff_id)
    tap(console, screen.pin_edit)
    type_on_keypad(console, screen.pad, pin)
    tap(console, screen.submit_button)
    console.qtbot.waitUntil(lambda: console.window.actor is not None, timeout=WAIT_MS)
    assert console.window.actor.staff_id == staff_id


def host_with_a_calm_guest(console: Console):  # noqa: ANN201 - (HostPage, GuestSummary)
    """H001 signed in on "My guests", its first read done; one of their guests with no
    open incident and no quiet visit (an incident opened for them alerts the host)."""
    sign_in(console, "H001")
    tap(console, console.shell.rail.buttons["host.my_guests"])
    page = console.shell.page("host.my_guests")
    qtbot = console.qtbot
    qtbot.waitUntil(lambda: page.model.rowCount() > 0, timeout=WAIT_MS)  # type: ignore[attr-defined]
    qtbot.waitUntil(lambda: not page.watcher._running, timeout=WAIT_MS)  # type: ignore[attr-defined]
    rows = [page.model.row_at(r) for r in range(page.model.rowCount())]
    guest = next(r.guest for r in rows if not r.open_incidents and not r.guest.quiet_visit)
    return page, guest


def swipe(console: Console, card_number: str) -> None:
    """What the card reader's burst becomes: the filter's signal."""
    console.swipe.swipe_detected.emit(f";{card_number}?")


def screen_fits(console: Console, within: QWidget | None = None) -> None:
    """Nothing scrolls sideways; every piece of text is at least 12 px (in ``within``)."""
    root = within or console.window
    areas = root.findChildren(QAbstractScrollArea)
    if isinstance(root, QAbstractScrollArea):
        areas.append(root)
    for area in areas:
        if area.isVisible():
            bar = area.horizontalScrollBar()
            assert not bar.isVisible(), f"{area.objectName()} scrolls sideways"
    for widget in root.findChildren(QWidget):
        if widget.isVisible() and isinstance(widget, QLabel | QAbstractButton | QLineEdit):
            size = QFontInfo(widget.font()).pixelSize()
            assert size >= MIN_TEXT_PX, f"{widget.objectName() or widget}: {size} px text"
        if widget.isVisible() and isinstance(widget, FieldRows):  # a card's painted rows
            for font in widget.fonts():
                size = QFontInfo(font).pixelSize()
                assert size >= MIN_TEXT_PX, f"{widget.accessibleName()}: {size} px text"
