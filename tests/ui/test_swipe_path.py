"""What a swipe costs between the core's answer and the paint, counted (never timed), and
what a card filled in place must still show: exactly what a new card would.

A swipe must be painted within a frame (docs: issue 15). The card is built once and
filled again; a bug there either leaves something of the previous guest on screen or
brings the old cost back: widgets made again, the rows laid out at every width Qt asks.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from concurrent.futures import Executor, Future
from typing import Any

import pytest
from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication, QWidget

from app.demo.generator import loyalty_card_number
from app.domain import Guest
from tests.ui.conftest import HOST
from tests.ui.demo_console import Console, sign_in, swipe
from tests.ui.waits import WAIT_MS
from ui.async_ops import AsyncOps
from ui.guest.card_panel import guest_card_for
from ui.guest.card_widget import GuestCardWidget
from ui.guest.field_rows import FieldRows
from ui.guest.lookup import GuestLookupPanel
from ui.shell.pages import PageEnv


def _guests_of_every_kind(console: Console) -> list[Guest]:
    """Quiet, self-excluded, cooling-off and plain guests, in an order where each one
    follows a guest with other banners, sections and rows."""
    kinds: dict[str, Guest] = {}
    with console.context.store.unit_of_work() as uow:
        for n in range(1, 400):
            guest = uow.guests.by_card(loyalty_card_number(n))
            if guest is None:
                continue
            kind = (
                "quiet"
                if guest.quiet.enabled
                else "excluded"
                if guest.rg.self_excluded
                else "cooling"
                if guest.rg.cooling_off_until is not None
                else "plain"
            )
            kinds.setdefault(kind, guest)
    assert set(kinds) == {"quiet", "excluded", "cooling", "plain"}, set(kinds)
    order = ("quiet", "plain", "excluded", "cooling", "plain", "quiet", "excluded", "plain")
    return [kinds[k] for k in order]


class _CardEvents(QObject):
    """Counts what happens inside ``card`` while installed: widgets added, deleted."""

    def __init__(self, card: QWidget) -> None:
        super().__init__()
        self.card = card
        self.added = self.deleted = 0

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        kind = event.type()
        if kind not in (QEvent.Type.ChildAdded, QEvent.Type.DeferredDelete):
            return False
        inside = isinstance(obj, QWidget) and (obj is self.card or self.card.isAncestorOf(obj))
        if inside and kind == QEvent.Type.DeferredDelete:
            self.deleted += 1
        elif inside and event.child().isWidgetType():  # type: ignore[attr-defined]
            self.added += 1
        return False


def _layouts(card: GuestCardWidget) -> int:
    return sum(rows.layouts for rows in card.findChildren(FieldRows))


def _rows(card: GuestCardWidget) -> list[tuple[tuple[str, str], ...]]:
    return [rows.rows() for rows in card.findChildren(FieldRows)]


@pytest.fixture
def counted(qapp) -> Iterator[Callable[[QWidget], _CardEvents]]:
    installed: list[_CardEvents] = []

    def install(card: QWidget) -> _CardEvents:
        installed.append(_CardEvents(card))
        qapp.installEventFilter(installed[-1])
        return installed[-1]

    yield install
    for events in installed:
        qapp.removeEventFilter(events)


def test_a_card_filled_in_place_shows_what_a_new_card_would(
    qtbot, console: Console, ops, counted
) -> None:
    """Swipe after swipe on the real console: the card on screen reads exactly as a card
    made for that guest alone (no row, banner, section or paging reason of the guest
    before), no widget is made or deleted, and each section whose rows changed is laid
    out once (at most once more each when the card's width changed: a scroll bar).
    Before, a swipe made its banners again and laid its rows out at every width Qt
    asked: 12 layouts a swipe on the bench's guests for 4 to 6 sections changed."""
    sign_in(console, "H001")
    card = console.shell.visible_card()
    env = PageEnv(
        console.context.services, ops, console.window.actor, console.clock, console.shell,
        console.shell.host_names,
    )  # fmt: skip
    fresh = guest_card_for(env)
    qtbot.addWidget(fresh)
    guests = _guests_of_every_kind(console)
    for guest in guests:  # what the card makes once (a tier's badge, the reveal button)
        swipe(console, guest.card_number)
        qtbot.waitUntil(lambda g=guest: card.view is not None and card.view.guest.id == g.id)
    events = counted(card)
    for guest in guests:
        rows_before, layouts_before = _rows(card), _layouts(card)
        width_before = card.widget().width()
        swipe(console, guest.card_number)
        qtbot.waitUntil(
            lambda g=guest: card.view is not None and card.view.guest.id == g.id, timeout=WAIT_MS
        )
        fresh.show_card(card.view, console.clock.now().date())
        assert card.texts() == fresh.texts(), guest.display_name
        assert card.verticalScrollBar().value() == 0
        changed = sum(a != b for a, b in zip(rows_before, _rows(card), strict=True))
        shown = sum(rows.isVisibleTo(card) for rows in card.findChildren(FieldRows))
        again = shown if card.widget().width() != width_before else 0
        assert _layouts(card) - layouts_before <= changed + again, guest.display_name
    assert (events.added, events.deleted) == (0, 0)


class _HeldExecutor(Executor):
    """Runs nothing until told, in the order the test chooses (a worker that finishes
    the older swipe last)."""

    def __init__(self) -> None:
        self.held: list[tuple[Future[Any], Callable[..., Any], tuple[Any, ...]]] = []

    def submit(self, fn: Callable[..., Any], /, *args: Any, **kwargs: Any) -> Future[Any]:
        future: Future[Any] = Future()
        self.held.append((future, fn, args))
        return future

    def finish(self, index: int) -> None:
        future, fn, args = self.held[index]
        try:
            future.set_result(fn(*args))
        except Exception as exc:  # the core's refusal travels as the worker's would
            future.set_exception(exc)


def test_a_newer_swipe_wins_whichever_answer_comes_last(qtbot, qasync_loop, guest_service) -> None:
    held = _HeldExecutor()
    ops = AsyncOps(executor=held)
    panel = GuestLookupPanel(guest_service, ops)
    qtbot.addWidget(panel)
    panel.set_actor(HOST)
    opened: list[str] = []
    panel.card_opened.connect(lambda view: opened.append(view.guest.card_number))
    panel.lookup_card("9001234567892")  # the older swipe
    panel.lookup_card("9001234567890")  # the newer one
    held.finish(1)
    qtbot.waitUntil(lambda: opened != [], timeout=WAIT_MS)
    held.finish(0)  # the older answer, last
    qtbot.waitUntil(lambda: ops.pending == 0, timeout=WAIT_MS)
    assert opened == ["9001234567890"]
    panel.lookup_card("9009999999999")  # unknown: the newer swipe's message, not a card
    panel.lookup_card("9001234567892")
    held.finish(3)
    held.finish(2)
    qtbot.waitUntil(lambda: ops.pending == 0, timeout=WAIT_MS)
    assert opened == ["9001234567890", "9001234567892"] and panel.not_found.isHidden()
    ops.shutdown()


def test_the_answer_runs_its_callback_on_the_gui_thread_without_a_loop_task(
    qtbot, qasync_loop
) -> None:
    """The worker's answer reaches ``on_success`` as one queued Qt call: no asyncio task
    is made for it (a task's steps and the loop's timers were a swipe's wait)."""
    import asyncio

    ops = AsyncOps()
    got: list[int] = []
    before = len(asyncio.all_tasks(qasync_loop))
    work = ops.run(lambda: 41 + 1, on_success=got.append)
    assert len(asyncio.all_tasks(qasync_loop)) == before and got == []  # never inside run
    qtbot.waitUntil(lambda: got == [42], timeout=WAIT_MS)
    assert work.done() and work.result() == 42 and ops.pending == 0
    ops.shutdown()
    QApplication.processEvents()
