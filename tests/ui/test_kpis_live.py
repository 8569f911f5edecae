"""The KPIs on the real console (a demo property, its own store: no helpdesk here): the
dashboard shows the core's figures beside their targets, the strip above the board
follows a write on the floor without anyone refreshing, and a role without ``kpi.view``
sees the strip's figures alone: no dashboard, no way to it (the core refuses it too)."""

from __future__ import annotations

import asyncio
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from datetime import timedelta

import pytest

from app.demo.generator import DEMO_PIN
from app.domain import Category, Priority
from app.services.errors import PermissionDenied
from app.services.incidents import IncidentDraft
from app.services.kpis import KpiSource
from tests.ui.demo_console import Console, in_view, sign_in, tap
from tests.ui.screens_duty import board_kpis, kpi_dashboard
from tests.ui.waits import WAIT_MS
from ui.kpis.strip import KpiStrip
from ui.kpis.text import MET, MISSED, NO_DATA, ratio_text


def open_on_this_console(console: Console, priority: Priority = Priority.P1) -> None:
    """A pit boss's incident committed as the console commits one: in a worker thread."""
    context = console.context
    boss = context.auth.sign_in("P001", DEMO_PIN)
    draft = IncidentDraft(priority, Category.PAYMENT_FAILED, summary="Cash-out refused")
    with ThreadPoolExecutor(1) as pool:
        pool.submit(context.incidents.open, boss, draft).result()
    # A moment passes before the read (the demo's clock stands still): the period is
    # [since, now) and an incident opened at the very instant of the count is not in it.
    console.clock.advance(timedelta(seconds=1))


def test_the_dashboard_shows_every_kpi_beside_its_target(console: Console) -> None:
    page = kpi_dashboard(console)
    live = page.feed.latest
    assert live.source is KpiSource.CONSOLE
    assert "own records" in page.source.text()
    report = live.report
    for key, (value, verdict, name) in page.figures.items():
        in_view(console.window, name)
        assert value.text() == ratio_text(report.ratios[key])
        marker = {True: MET, False: MISSED, None: NO_DATA}[report.reached(key)]
        assert verdict.text().startswith(marker + " "), (key, verdict.text())
        assert len(verdict.text()) > 4  # words after the marker: not colour, not a sign alone
    assert [bar.text for bar in page.backlog.bars] == [str(n) for n in report.backlog.values()]
    assert len(page.sla_chart.bars) == 6  # P1-P4, VIP, VVIP
    assert "95%" in page.sla_chart.accessibleDescription()
    for chart in (page.backlog, page.sla_chart):
        in_view(console.window, chart)


def test_a_write_on_the_floor_shows_on_the_dashboard_unasked(console: Console) -> None:
    page = kpi_dashboard(console)
    before = page.feed.latest.report
    open_on_this_console(console)
    console.qtbot.waitUntil(lambda: page.feed.latest.report.p1 == before.p1 + 1, timeout=WAIT_MS)
    under_1h = page.backlog.bars[0].text
    assert under_1h == str(before.backlog["under_1h"] + 1)
    assert f"P1 opened: {before.p1 + 1}" in page.p1.text()


def test_a_write_on_the_floor_shows_in_the_strip_unasked(console: Console) -> None:
    page = board_kpis(console)
    strip = page.kpis
    in_view(console.window, strip)
    before = strip.feed.latest.figures
    open_now = before.open_now
    assert strip.queue.value.text().startswith(f"{open_now} open")
    open_on_this_console(console)
    console.qtbot.waitUntil(
        lambda: strip.queue.value.text().startswith(f"{open_now + 1} open"), timeout=WAIT_MS
    )
    assert strip.p1.value.text().startswith(f"{before.p1 + 1} P1")


def test_the_floor_map_has_the_strip_too_and_it_follows_a_write(console: Console) -> None:
    sign_in(console, "P001")
    page = console.shell.show_page("floor")
    strip = page.kpis
    console.qtbot.waitUntil(lambda: strip.feed.latest is not None, timeout=WAIT_MS)
    in_view(console.window, strip)
    in_view(console.window, page.map)
    open_now = strip.feed.latest.figures.open_now
    open_on_this_console(console)
    console.qtbot.waitUntil(
        lambda: strip.queue.value.text().startswith(f"{open_now + 1} open"), timeout=WAIT_MS
    )


def test_changes_from_other_consoles_show_when_the_board_reloads(console: Console) -> None:
    """The sync applies another console's incident without the outbox (no local commit
    to wake anyone), then reloads the board (ui/sync/wiring.py): the strip follows."""
    page = board_kpis(console)
    strip = page.kpis
    open_now = strip.feed.latest.figures.open_now
    context = console.context
    with context.store.unit_of_work() as uow:
        model = uow.incidents.open_incidents()[0]
    elsewhere = replace(
        model,
        id="7d1c0f4e-5b6a-4c3d-9e8f-0a1b2c3d4e5f",
        provisional_number="TAB-OTHER-0001",
        number=None,
        events=(),
    )
    with context.store.unit_of_work() as uow:
        uow.incidents.save(elsewhere)
    console.window.reload_board()
    console.qtbot.waitUntil(
        lambda: strip.queue.value.text().startswith(f"{open_now + 1} open"), timeout=WAIT_MS
    )


def test_a_burst_of_changes_is_one_read(console: Console) -> None:
    page = board_kpis(console)
    feed = page.kpis.feed
    reads, shown = feed.reads, feed.latest
    for _ in range(10):
        feed.poke()
    console.qtbot.waitUntil(lambda: feed.latest is not shown, timeout=WAIT_MS)
    assert feed.reads == reads + 1


def test_all_kpis_opens_the_dashboard_from_the_strip(console: Console) -> None:
    page = board_kpis(console)
    assert page.kpis.more is not None
    tap(console, page.kpis.more)
    dashboard = console.shell.page("kpis")
    assert console.shell.current_key() == "kpis"
    console.qtbot.waitUntil(lambda: dashboard.feed.latest is not None, timeout=WAIT_MS)


@pytest.mark.parametrize("staff", ["H001", "D001"])
def test_a_role_without_the_kpi_right_sees_the_strip_alone(console: Console, staff: str) -> None:
    sign_in(console, staff)
    assert console.shell.page("kpis") is None
    assert "kpis" not in console.shell.rail.buttons
    board = console.shell.page("board")
    strip = board.kpis
    console.qtbot.waitUntil(lambda: strip.feed.latest is not None, timeout=WAIT_MS)
    for tile in (strip.sla, strip.queue, strip.p1):
        in_view(console.window, tile)
    figures = strip.feed.latest.figures
    assert strip.queue.value.text().startswith(f"{figures.open_now} open")
    assert strip.p1.value.text().startswith(f"{figures.p1} P1")
    assert strip.more is None  # no way to the dashboard
    strips = console.window.findChildren(KpiStrip)
    assert strips and all(s.more is None for s in strips)
    actor = console.window.actor
    with pytest.raises(PermissionDenied):
        console.context.kpis.local(actor)
    with pytest.raises(PermissionDenied), ThreadPoolExecutor(1) as pool:  # the GUI's loop runs
        pool.submit(asyncio.run, console.context.kpis.remote(actor)).result()


def test_the_concierge_has_no_board_and_no_figures(console: Console) -> None:
    sign_in(console, "C001")
    assert console.shell.page("board") is None and console.shell.page("kpis") is None
    assert console.window.findChildren(KpiStrip) == []
    actor = console.window.actor
    with pytest.raises(PermissionDenied):
        console.context.kpis.local_strip(actor)
    with pytest.raises(PermissionDenied), ThreadPoolExecutor(1) as pool:
        pool.submit(asyncio.run, console.context.kpis.remote_strip(actor)).result()
