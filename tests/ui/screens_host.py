"""The host's page as the screen tests open it: the host's own guest swiped, on each tab;
an alert from the VIP desk over it, then the timeline and the recovery it opens."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from app.domain import Category, Priority
from app.services.incidents import IncidentDraft
from tests.ui.demo_console import Console, sign_in, swipe
from tests.ui.screens_base import guest, wait


def _host(console: Console, tab: int) -> Any:
    """The host's own guest, swiped, on ``tab`` of the host page."""
    mine = guest(console, lambda g: g.host_id == "H001" and not g.quiet.enabled and bool(g.room))
    sign_in(console, "H001")
    console.shell.show_page("host.my_guests")
    page = console.shell.page("host.my_guests")
    wait(console, lambda: page.model.rowCount() > 0)
    swipe(console, mine.card_number)
    wait(console, lambda: page.current is not None)
    page.tabs.setCurrentIndex(tab)
    return page


def host_card(console: Console) -> QWidget:
    return _host(console, 0)


def host_code_word_checked(console: Console) -> QWidget:
    page = _host(console, 0)
    page.code_word.word_edit.setText("wrong")
    page.code_word.check()
    wait(console, lambda: page.code_word.check_button.isEnabled())
    return page


def host_preferences(console: Console) -> QWidget:
    return _host(console, 2)


def host_alert(console: Console) -> QWidget:
    """The VIP desk opens an incident for the host's guest: the alert, over the page."""
    page = _host(console, 0)
    desk = console.context.auth.sign_in("D001", "2468")
    console.context.incidents.open(
        desk, IncidentDraft(Priority.P2, Category.ROOM_OVERBOOKING, guest_id=page.current.guest.id)
    )
    wait(console, lambda: page.alert_list.alerts.rowCount() > 0)
    return page


def _host_tab_after_alert(console: Console, tab: int) -> Any:
    """The alert tapped (it opens the guest again, at the recovery), then ``tab``."""
    page = host_alert(console)
    rect = page.alert_list.visualRect(page.alert_list.alerts.index(0, 0))
    console.qtbot.mouseClick(  # type: ignore[attr-defined]
        page.alert_list.viewport(), Qt.MouseButton.LeftButton, pos=rect.center()
    )
    wait(console, lambda: page.tabs.currentIndex() == 3 and bool(page.incident_choice.buttons))
    page.tabs.setCurrentIndex(tab)
    return page


def host_timeline(console: Console) -> QWidget:
    page = _host_tab_after_alert(console, 1)
    wait(console, lambda: page.timeline.model.rowCount() > 0)
    return page


def host_recovery(console: Console) -> QWidget:
    page = _host_tab_after_alert(console, 3)
    wait(console, lambda: bool(page.incident_choice.buttons))
    wait(console, page.recovery.promise_button.isVisible)
    return page


HOST_SCREENS: dict[str, Callable[[Console], QWidget]] = {
    "host_card": host_card,
    "host_code_word_checked": host_code_word_checked,
    "host_timeline": host_timeline,
    "host_preferences": host_preferences,
    "host_alert": host_alert,
    "host_recovery": host_recovery,
}
