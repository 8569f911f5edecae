"""Alerts that reach people, on the real console at 1280×800 and 1024×768 (issue 14):
a host starting a shift is told at once what hit their guests, in a banner in view with
a sound and an announcement; the inbox outlives sign-out; sound off plays nothing."""

from __future__ import annotations

import threading
from datetime import timedelta
from pathlib import Path

from app.actor import Actor
from app.domain import Category, Channel, Priority, Role
from app.services.incidents import IncidentDraft
from tests.ui.demo_console import Console, in_view, sign_in, tap
from ui.alerts.text import alert_text

LOADED = 20_000  # ms: the checks run in the executor; a shared CI machine is slow


def _p1(console: Console):  # noqa: ANN202 - an Incident
    """An open P1 on the demo property whose guest has a host (its owner)."""
    with console.context.store.unit_of_work() as uow:
        incidents = uow.incidents.open_incidents()
    return next(i for i in incidents if i.priority is Priority.P1 and i.owner_id)


def _p1_host(console: Console) -> str:
    return _p1(console).owner_id


def _inbox(console: Console):  # noqa: ANN202 - the AlertsPage
    page = console.shell.page("alerts")
    console.qtbot.waitUntil(lambda: bool(page.alerts), timeout=LOADED)
    return page


def test_a_host_starting_a_shift_is_told_what_hit_their_guests(
    console: Console, tmp_path: Path
) -> None:
    host = _p1_host(console)
    sign_in(console, host)
    banner = console.shell.alert_banner
    console.qtbot.waitUntil(banner.isVisible, timeout=LOADED)
    page = _inbox(console)
    newest_first = page.alerts
    assert all(a.recipient_id == host for a in newest_first)
    latest = max(newest_first, key=lambda a: (a.at, a.id))
    assert banner.text.text().startswith(alert_text(latest))
    assert banner.accessibleName() == banner.text.text()
    assert banner.announced == [banner.text.text()]  # the screen reader was told
    assert banner.sound.played == 1
    in_view(console.window, banner.open_button)
    shot = tmp_path / f"alert-banner-{console.window.width()}x{console.window.height()}.png"
    assert console.window.grab().save(str(shot))
    tap(console, banner.open_button)
    assert console.shell.current_key() == "alerts" and not banner.isVisible()
    in_view(console.window, page.list)
    in_view(console.window, page.mark_read)
    assert page.items.rowCount() == len(newest_first)
    assert console.window.grab().save(str(tmp_path / "inbox.png"))


def test_the_inbox_survives_sign_out_and_sound_off_plays_nothing(console: Console) -> None:
    host = _p1_host(console)
    sign_in(console, host)
    page = _inbox(console)
    kept = {a.id for a in page.alerts}
    console.qtbot.waitUntil(console.shell.alert_banner.isVisible, timeout=LOADED)
    tap(console, console.shell.alert_banner.open_button)
    tap(console, page.mark_read)
    console.qtbot.waitUntil(lambda: all(not a.unread for a in page.alerts), timeout=LOADED)
    tap(console, page.sound)  # sound off on this device
    assert page.sound.text() == "Sound: off"
    console.qtbot.waitUntil(lambda: not console.context.alerts.sound_enabled(), timeout=LOADED)
    console.window.sign_out()

    # Meanwhile the desk opens a P1 for the same guest, routed to the host.
    desk = Actor("D001", Role.VIP_DESK, console.context.device_id)
    draft = IncidentDraft(
        Priority.P1, Category.PAYMENT_FAILED, channel=Channel.PHONE, guest_id=_p1(console).guest_id
    )
    fresh = console.context.incidents.open(desk, draft)
    console.clock.advance(timedelta(minutes=2))
    played = console.shell.alert_banner.sound.played  # once, at the first sign-in

    sign_in(console, host)
    page = console.shell.page("alerts")
    console.qtbot.waitUntil(lambda: len(page.alerts) > len(kept), timeout=LOADED)
    assert kept <= {a.id for a in page.alerts}  # what was there is still there...
    assert all(not a.unread for a in page.alerts if a.id in kept)  # ...read stays read
    banner = console.shell.alert_banner
    console.qtbot.waitUntil(banner.isVisible, timeout=LOADED)
    assert banner.sound.played == played  # sound off: the banner shows, nothing plays
    assert "P1" in banner.text.text()
    assert any(a.incident_id == fresh.id for a in page.alerts)


def _unannounced(console: Console, staff_id: str) -> list:
    with console.context.store.unit_of_work() as uow:
        return uow.alerts.unannounced(staff_id)


def test_what_a_signed_out_page_checked_is_still_announced_at_the_next_sign_in(
    console: Console,
) -> None:
    """The host signs out while their page's check runs in the executor; a P1 for their
    guest lands before it reads the floor. That check finds it and nobody sees its answer
    (the page is gone): the next sign-in still shows and sounds it."""
    host = _p1_host(console)
    sign_in(console, host)
    console.qtbot.waitUntil(console.shell.alert_banner.isVisible, timeout=LOADED)
    console.qtbot.waitUntil(lambda: not _unannounced(console, host), timeout=LOADED)
    played = console.shell.alert_banner.sound.played
    console.window.sign_out()

    desk = Actor("D001", Role.VIP_DESK, console.context.device_id)
    draft = IncidentDraft(
        Priority.P1, Category.PAYMENT_FAILED, channel=Channel.PHONE, guest_id=_p1(console).guest_id
    )
    fresh = console.context.incidents.open(desk, draft)
    console.clock.advance(timedelta(minutes=2))
    orphaned = console.context.alerts.check(Actor(host, Role.HOST, console.context.device_id))
    assert any(a.incident_id == fresh.id for a in orphaned)  # found, and shown to nobody

    sign_in(console, host)
    banner = console.shell.alert_banner
    console.qtbot.waitUntil(banner.isVisible, timeout=LOADED)
    assert "P1" in banner.text.text()
    assert banner.sound.played == played + 1
    console.qtbot.waitUntil(lambda: not _unannounced(console, host), timeout=LOADED)


def test_a_check_asked_while_alerts_are_marked_waits_for_the_marks(
    console: Console, monkeypatch
) -> None:
    """A check made before the shown alerts were marked announced brought them again:
    the banner said them twice (seen as an intermittent failure of the test above)."""
    service = console.context.alerts
    marking = threading.Event()
    release = threading.Event()
    checks: list[int] = []
    check, announced = service.check, service.announced

    def counted_check(actor: Actor):  # noqa: ANN202 - the new alerts
        checks.append(1)
        return check(actor)

    def held_announced(actor: Actor, ids):  # noqa: ANN001, ANN202
        marking.set()
        release.wait(10)
        return announced(actor, ids)

    monkeypatch.setattr(service, "check", counted_check)
    monkeypatch.setattr(service, "announced", held_announced)
    sign_in(console, _p1_host(console))
    banner = console.shell.alert_banner
    console.qtbot.waitUntil(marking.is_set, timeout=LOADED)
    page = console.shell.page("alerts")
    asked = len(checks)
    page.check()  # a board reload's, say, while the marks are being written
    console.qtbot.wait(300)
    assert len(checks) == asked  # it waits for the marks
    release.set()
    console.qtbot.waitUntil(lambda: len(checks) > asked, timeout=LOADED)  # then goes
    console.qtbot.wait(300)
    assert len(banner.announced) == 1, banner.announced
