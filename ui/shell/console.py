"""The signed-in console: the search/swipe bar on top, the navigation rail, the pages.

Pages come from the feature packages (``ui.shell.registry``), filtered by the actor's
role, built at sign-in and dropped when another staff member takes the tablet. A
swipe goes to the page on screen when its form wants it (``Page.accept_swipe``), else
to the guest lookup; the guest found (or picked in the search) lands in the card the
user is looking at: the page's own (``Page.guest_card``), else the card drawer over
the page. The shell is the pages' ``Navigator``.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from datetime import datetime
from functools import partial
from typing import TYPE_CHECKING, Any, cast

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QHBoxLayout, QStackedWidget, QVBoxLayout, QWidget

from app.actor import Actor
from app.clock import Clock
from app.guest_card import GuestCardView
from app.permissions import Action, allowed
from app.services.console import ConsoleServices
from ui.alerts.banner import AlertBanner
from ui.alerts.pages import ALERTS
from ui.alerts.sound import AlertSound
from ui.async_ops import AsyncOps
from ui.board.rows import BoardRow
from ui.guest.card_panel import GuestCardPanel
from ui.guest.host_names import HostNames
from ui.guest.lookup import GuestLookupPanel
from ui.shell.help_overlay import HelpOverlay
from ui.shell.pages import Page, PageEnv, PageSpec, visible_pages
from ui.shell.rail import NavigationRail
from ui.shell.registry import PROVIDERS, Provider, collect_pages

if TYPE_CHECKING:
    from ui.desk.walk_in import WalkInForm
    from ui.incident.form import IncidentForm
    from ui.incident.view import IncidentView

log = logging.getLogger(__name__)

NEW_INCIDENT = "incident.new"
INCIDENT_VIEW = "incident.view"
WALK_IN = "desk.walk_in"


class ConsoleShell(QWidget):
    reload_wanted = Signal()
    lock_requested = Signal()
    switch_user_requested = Signal()

    def __init__(
        self,
        services: ConsoleServices,
        ops: AsyncOps,
        clock: Clock,
        *,
        providers: tuple[Provider, ...] = PROVIDERS,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("console")
        self._services, self._ops, self._clock = services, ops, clock
        self._providers = providers
        self.actor: Actor | None = None
        self.specs: list[PageSpec] = []
        self.pages: dict[str, Page] = {}
        self.host_names = HostNames()
        self._previous: str | None = None  # the page to go back to (walk-in, incident)
        self._suspended = False  # locked or signed out: no alert banner
        self.drawer: GuestCardPanel | None = None
        self.lookup = GuestLookupPanel(services.guests, ops)
        self.lookup.card_opened.connect(self.show_guest)
        self.lookup.walk_in_requested.connect(self.start_walk_in)
        self.rail = NavigationRail()
        self.rail.page_chosen.connect(self.show_page)
        self.rail.lock_requested.connect(self.lock_requested)
        self.rail.switch_user_requested.connect(self.switch_user_requested)
        self.rail.help_requested.connect(self.show_help)
        self.stack = QStackedWidget()
        # Alerts reach whoever is signed in, whatever the page (ui.alerts); the window
        # places the banner (in its status bar: no page loses any of its height).
        self.alert_banner = AlertBanner(AlertSound(services.alerts.sound_enabled), self)
        self.alert_banner.hide()
        self.alert_banner.open_inbox.connect(lambda: self.show_page(ALERTS))
        self._body = QHBoxLayout()
        self._body.setContentsMargins(0, 0, 0, 0)
        self._body.addWidget(self.rail)
        self._body.addWidget(self.stack, 1)
        column = QVBoxLayout(self)
        column.setContentsMargins(8, 8, 8, 0)
        column.addWidget(self.lookup)
        column.addLayout(self._body, 1)
        self.lookup.float_over(self)
        self.help = HelpOverlay(self)
        self._shortcuts: list[QShortcut] = []
        self._fixed_shortcuts()

    # Pages -------------------------------------------------------------------------------

    def build(self, actor: Actor) -> None:
        """The pages of ``actor``'s role, built now; the previous user's are dropped."""
        self.drop_pages()
        self.actor = actor
        self.host_names = HostNames()
        self.host_names.load(self._ops, self._services.staff, actor)
        env = PageEnv(self._services, self._ops, actor, self._clock, self, self.host_names)
        self.drawer = GuestCardPanel(env, "cardDrawer", self)
        self.specs = visible_pages(collect_pages(env, self._providers), actor)
        for spec in self.specs:
            page = spec.build()
            widget = _widget(page)
            widget.setProperty("pageKey", spec.key)
            self.pages[spec.key] = page
            self.stack.addWidget(widget)
        rail_specs = [s for s in self.specs if s.in_rail]
        for n, spec in enumerate(rail_specs):
            self.rail.add_page(spec.key, spec.title, spec.shortcut or _f_key(n))
        self._page_shortcuts(rail_specs)
        walk_ins = allowed(actor, Action.WALKIN_REGISTER) and WALK_IN in self.pages
        self.lookup.set_actor(actor, may_register_walk_ins=walk_ins)
        if rail_specs:
            self.show_page(rail_specs[0].key)

    def drop_pages(self) -> None:
        """Everything of the previous user goes: pages, cards, search text and results."""
        self.suspend()
        self._ops.cancel_for(self.lookup)  # a search of the previous user's never lands
        self.lookup.set_actor(None)
        for page in self.pages.values():
            widget = _widget(page)
            self._ops.cancel_for(widget)  # no late result lands on the next user's screen
            self.stack.removeWidget(widget)
            widget.deleteLater()
        self.pages.clear()
        self.specs = []
        self._previous = None
        if self.drawer is not None:
            self._ops.cancel_for(self.drawer)
            self.drawer.deleteLater()
            self.drawer = None
        self.rail.clear()

    def page(self, key: str) -> Any:
        """The page ``key`` (its own type, for tests and screenshots), or None."""
        return self.pages.get(key)

    def current_key(self) -> str | None:
        current = self.stack.currentWidget()
        return None if current is None else current.property("pageKey")

    def current_page(self) -> Page | None:
        key = self.current_key()
        return None if key is None else self.pages.get(key)

    def show_page(self, key: str) -> Any:
        page = self.pages.get(key)
        if page is None:
            return None
        current = self.current_key()
        if current is not None and current != key:
            self._previous = current
        if self.drawer is not None:
            self.drawer.close_card()  # it belonged to the page left behind
        self.stack.setCurrentWidget(_widget(page))
        self.rail.mark(key)
        return page

    def back(self) -> None:
        self.show_page(self._previous or (self.specs[0].key if self.specs else ""))

    def open_incident(self, incident_id: str) -> None:
        view = self.pages.get(INCIDENT_VIEW)
        if view is not None:
            cast("IncidentView", view).load(incident_id)
            self.show_page(INCIDENT_VIEW)

    def new_incident(self, table_id: str | None = None) -> None:
        form = self.pages.get(NEW_INCIDENT)
        if form is not None:
            cast("IncidentForm", form).reset(table_id)
            self.show_page(NEW_INCIDENT)

    def start_walk_in(self, card_number: str = "") -> None:
        page = self.pages.get(WALK_IN)
        if page is not None:
            cast("WalkInForm", page).start(card_number)
            self.show_page(WALK_IN)

    def reload_board(self) -> None:
        self.reload_wanted.emit()

    def show_alert(self, text: str, more: int) -> bool:
        if self._suspended:  # a check that ends after the lock: announced at the unlock
            return False
        self.alert_banner.show_alert(text, more)
        return True

    # What the pages receive ---------------------------------------------------------------

    def route_swipe(self, raw: str) -> None:
        page = self.current_page()
        if page is not None and page.accept_swipe(raw):
            return
        self.lookup.lookup_card(raw)

    def show_guest(self, view: GuestCardView) -> None:
        """The guest goes to the card the user is looking at."""
        page = self.current_page()
        if page is not None and page.guest_card() is not None:
            page.show_guest(view)
        elif self.drawer is not None:
            self.drawer.show_guest(view)
            self._place_drawer()
            self.lookup.place_overlays()  # the search's layers stay on top

    def visible_card(self) -> Any:
        """The card on screen: the page's own, else the drawer's (for tests)."""
        page = self.current_page()
        card = page.guest_card() if page is not None else None
        if card is None and self.drawer is not None:
            card = self.drawer.card
        return card

    def set_board_rows(self, rows: Sequence[BoardRow], now: datetime) -> None:
        for page in self.pages.values():
            page.set_board_rows(rows, now)

    def suspend(self) -> None:
        """Locked or signed out: timers off (what is on screen stays for the unlock); the
        alert banner goes (an alert is its reader's alone, never the lock screen's)."""
        self._suspended = True
        self.help.hide()
        self.alert_banner.hide()
        for page in self.pages.values():
            page.suspend()

    def resume(self) -> None:
        self._suspended = False
        for page in self.pages.values():
            page.resume()

    def sign_out(self) -> None:
        self.drop_pages()
        self.actor = None

    # Keyboard ----------------------------------------------------------------------------

    def _shortcut(self, keys: str, slot: Callable[[], Any], fixed: bool = False) -> None:
        shortcut = QShortcut(QKeySequence(keys), self)
        shortcut.setContext(Qt.ShortcutContext.WindowShortcut)
        shortcut.activated.connect(slot)
        shortcut.setProperty("fixed", fixed)
        self._shortcuts.append(shortcut)

    def _fixed_shortcuts(self) -> None:
        self._shortcut("Ctrl+N", lambda: self.new_incident(None), True)
        self._shortcut("Ctrl+F", self.focus_search, True)
        self._shortcut("Ctrl+L", self.lock_requested.emit, True)
        self._shortcut("F10", self.show_help, True)
        self._shortcut("Escape", self.help.hide, True)

    def _page_shortcuts(self, specs: list[PageSpec]) -> None:
        for shortcut in [s for s in self._shortcuts if not s.property("fixed")]:
            self._shortcuts.remove(shortcut)
            shortcut.setParent(None)
            shortcut.deleteLater()
        rows = [
            ("Ctrl+N", QCoreApplication.translate("ConsoleShell", "New incident")),
            ("Ctrl+F", QCoreApplication.translate("ConsoleShell", "Search guests")),
            ("Ctrl+L", QCoreApplication.translate("ConsoleShell", "Lock the console")),
            ("F10", QCoreApplication.translate("ConsoleShell", "This help")),
        ]
        for n, spec in enumerate(specs):
            keys = spec.shortcut or _f_key(n)
            if keys:
                self._shortcut(keys, partial(self.show_page, spec.key))
                rows.append((keys, spec.title))
        self.help.set_shortcuts(rows)

    def focus_search(self) -> None:
        self.lookup.search_edit.setFocus()
        self.lookup.search_edit.selectAll()

    def show_help(self) -> None:
        self.help.open_over(self)

    def resizeEvent(self, event: Any) -> None:  # noqa: N802
        super().resizeEvent(event)
        if self.help.isVisible():
            self.help.setGeometry(self.rect())
        self._place_drawer()
        self.lookup.place_overlays()

    def _place_drawer(self) -> None:
        """Over the right part of the page area, under the search bar."""
        if self.drawer is None or not self.drawer.isVisible():
            return
        area = self.stack.geometry()
        width = min(max(int(area.width() * 0.5), 360), area.width())
        self.drawer.setGeometry(area.right() - width + 1, area.top(), width, area.height())
        self.drawer.raise_()


def _widget(page: Page) -> QWidget:
    if not isinstance(page, QWidget):
        raise TypeError(f"a page must be a QWidget, got {type(page).__name__}")
    return page


def _f_key(n: int) -> str | None:
    return f"F{n + 1}" if n < 9 else None
