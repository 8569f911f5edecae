"""The signed-in console: search/swipe bar on top, navigation rail, the actor's pages.

Pages come from the feature packages (``ui.shell.registry``), filtered by the actor's
role, built at sign-in and dropped when another staff member takes the tablet.
A card swipe goes to the page on screen when it wants one (the incident form fills its
guest), else to the guest lookup.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from functools import partial
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QHBoxLayout, QStackedWidget, QVBoxLayout, QWidget

from app.actor import Actor
from ui.async_ops import AsyncOps
from ui.shell.help_overlay import HelpOverlay
from ui.shell.pages import PageEnv, PageSpec, visible_pages
from ui.shell.rail import NavigationRail
from ui.shell.registry import PROVIDERS, collect_pages

log = logging.getLogger(__name__)

NEW_INCIDENT = "incident.new"
INCIDENT_VIEW = "incident.view"


def _t(text: str) -> str:
    return QCoreApplication.translate("ConsoleShell", text)


class ConsoleShell(QWidget):
    reload_wanted = Signal()
    lock_requested = Signal()
    switch_user_requested = Signal()

    def __init__(
        self,
        guests: Any,
        ops: AsyncOps,
        *,
        context: Any = None,
        extras: dict[str, Any] | None = None,
        providers: tuple[str, ...] = PROVIDERS,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        from ui.guest.card_widget import GuestCardWidget
        from ui.guest.lookup import GuestLookupPanel

        self.setObjectName("console")
        self._ops, self._context, self._providers = ops, context, providers
        self._extras = dict(extras or {})
        self.actor: Actor | None = None
        self.specs: list[PageSpec] = []
        self.widgets: dict[str, QWidget] = {}
        self.board: Any = None
        self.lookup = GuestLookupPanel(guests, ops)
        self.card = GuestCardWidget()
        self.lookup.card_opened.connect(self.card.show_card)
        self.rail = NavigationRail()
        self.rail.page_chosen.connect(self.show_page)
        self.rail.lock_requested.connect(self.lock_requested)
        self.rail.switch_user_requested.connect(self.switch_user_requested)
        self.rail.help_requested.connect(self.show_help)
        self.stack = QStackedWidget()
        self._body = QHBoxLayout()
        self._body.setContentsMargins(0, 0, 0, 0)
        self._body.addWidget(self.rail)
        self._body.addWidget(self.stack, 1)
        column = QVBoxLayout(self)
        column.setContentsMargins(8, 8, 8, 0)
        column.addWidget(self.lookup)
        column.addLayout(self._body, 1)
        self.help = HelpOverlay(self)
        self._shortcuts: list[QShortcut] = []
        self._fixed_shortcuts()

    # Pages -------------------------------------------------------------------------------

    def build(self, actor: Actor) -> None:
        """The pages of ``actor``'s role, built now (the previous user's are dropped)."""
        self.drop_pages()
        self.actor = actor
        self.lookup.set_actor(actor)
        guests = getattr(self._context, "guests", None)
        if guests is not None:  # the shared card's reveal and paging act as this user
            self.card.enable_reveal(self._ops, partial(guests.reveal_itinerary, actor))
            self.card.enable_paging(self._ops, partial(guests.request_paging, actor))
        extras = {
            **self._extras,
            "card": self.card,
            "open_incident": self.open_incident,
            "new_incident": self.new_incident,
            "navigate": self.show_page,
            "reload": self.reload_wanted.emit,
        }
        env = PageEnv(context=self._context, ops=self._ops, actor=actor, extras=extras)
        self.specs = visible_pages(collect_pages(env, self._providers), actor)
        for spec in list(self.specs):
            try:
                widget = spec.build()
            except Exception:  # one broken page must not keep staff out of the others
                log.exception("page %s could not be built", spec.key)
                self.specs.remove(spec)
                continue
            widget.setProperty("pageKey", spec.key)
            self.widgets[spec.key] = widget
            self.stack.addWidget(widget)
        rail_specs = [s for s in self.specs if s.in_rail and s.key in self.widgets]
        for n, spec in enumerate(rail_specs):
            self.rail.add_page(spec.key, spec.title, spec.shortcut or _f_key(n))
        self._page_shortcuts(rail_specs)
        own_cards = any(
            w.findChildren(type(self.card))
            for w in self.widgets.values()
            if self.card not in w.findChildren(type(self.card))
        )
        if self.card.parent() is None and not own_cards:
            self._body.addWidget(self.card)  # no page shows a card: beside the pages
            self.card.setMaximumWidth(520)
            self.card.show()
        elif self.card.parent() is None or self.card.parent() is self:
            self.card.hide()  # a page has a card of its own
        self.board = next((w.board for w in self.widgets.values() if hasattr(w, "board")), None)
        if self.board is not None:
            self.board.model.sla_refresh_due.connect(lambda *_: self.reload_wanted.emit())
        if rail_specs:
            self.show_page(rail_specs[0].key)

    def drop_pages(self) -> None:
        self.suspend()
        self.card.setParent(None)  # it may sit in a page about to go
        self.card.clear()
        for widget in self.widgets.values():
            self.stack.removeWidget(widget)
            widget.deleteLater()
        self.widgets.clear()
        self.specs = []
        self.board = None
        self.rail.clear()

    def page(self, key: str) -> QWidget | None:
        return self.widgets.get(key)

    def current_key(self) -> str | None:
        current = self.stack.currentWidget()
        return None if current is None else current.property("pageKey")

    def show_page(self, key: str) -> QWidget | None:
        widget = self.widgets.get(key)
        if widget is None:
            return None
        self.stack.setCurrentWidget(widget)
        self.rail.mark(key)
        return widget

    def open_incident(self, incident_id: str) -> None:
        view: Any = self.widgets.get(INCIDENT_VIEW)
        if view is not None:
            view.load(incident_id)
            self.show_page(INCIDENT_VIEW)

    def new_incident(self, table_id: str | None = None) -> None:
        form: Any = self.widgets.get(NEW_INCIDENT)
        if form is not None:
            form.reset(table_id)
            self.show_page(NEW_INCIDENT)

    def route_swipe(self, raw: str) -> None:
        current = self.stack.currentWidget()
        accept: Callable[[str], bool] | None = getattr(current, "accept_swipe", None)
        if accept is not None and accept(raw):
            return
        self.lookup.lookup_card(raw)

    def set_board_rows(self, rows: Any, now: Any) -> None:
        if self.board is not None:
            self.board.model.set_rows(rows, now)
        for widget in self.widgets.values():
            consumer = getattr(widget, "set_board_rows", None)
            if consumer is not None:
                consumer(rows, now)

    def suspend(self) -> None:
        """Timers off and the guest card cleared (locked or signed out)."""
        self.help.hide()
        for widget in [self.board, *self.widgets.values()]:
            stop = getattr(widget, "stop", None)
            if stop is not None:
                stop()
        self.card.clear()

    def resume(self) -> None:
        for widget in [self.board, *self.widgets.values()]:
            start = getattr(widget, "start", None)
            if start is not None:
                start()

    def sign_out(self) -> None:
        self.suspend()
        self.lookup.set_actor(None)
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
            ("Ctrl+N", _t("New incident")),
            ("Ctrl+F", _t("Search guests")),
            ("Ctrl+L", _t("Lock the console")),
            ("F10", _t("This help")),
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


def _f_key(n: int) -> str | None:
    return f"F{n + 1}" if n < 9 else None
