"""The contract between the shell and its pages.

A feature package (``ui.host``, ``ui.desk``, ``ui.concierge``, ``ui.incident`` …)
exposes ``pages(env: PageEnv) -> list[PageSpec]``; the shell shows, for the signed-in
actor, the pages whose ``roles`` hold the actor's role, in ``order``. A page is built
once per sign-in and dropped when the staff member signs out or another takes the
tablet.

A page gets typed services (``PageEnv``: the core's services, never the store) and
speaks ``Page``: it says whether it shows the guest card (``guest_card``), takes the
guest the user swiped or picked (``show_guest``) or a raw swipe its form wants
(``accept_swipe``), the board's rows and suspend/resume. ``PageDefaults`` gives the
parts a page does not use.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Protocol

from app.actor import Actor
from app.clock import Clock
from app.domain import Role
from app.guest_card import GuestCardView
from app.services.console import ConsoleServices

if TYPE_CHECKING:
    from ui.async_ops import AsyncOps
    from ui.board.rows import BoardRow
    from ui.guest.card_widget import GuestCardWidget
    from ui.guest.host_names import HostNames


class Navigator(Protocol):
    """What a page may ask of the shell (the shell implements it)."""

    def show_page(self, key: str) -> object: ...
    def back(self) -> None: ...
    def open_incident(self, incident_id: str) -> None: ...
    def new_incident(self, table_id: str | None = None) -> None: ...
    def start_walk_in(self, card_number: str = "") -> None: ...
    def show_guest(self, view: GuestCardView) -> None: ...
    def reload_board(self) -> None: ...
    def show_alert(self, text: str, more: int) -> bool:
        """The banner over every page: ``text`` (and ``more`` others), sound, announcement;
        False when nothing was shown (locked, signed out)."""
        ...


class Page(Protocol):
    def guest_card(self) -> GuestCardWidget | None:
        """The card this page shows guests in; None: the shell's card drawer shows them."""
        ...

    def show_guest(self, view: GuestCardView) -> None:
        """The guest swiped or picked while this page is on screen (it has a card)."""
        ...

    def accept_swipe(self, raw: str) -> bool:
        """True when the page took the raw swipe itself (a form's card field)."""
        ...

    def set_board_rows(self, rows: Sequence[BoardRow], now: datetime) -> None: ...

    def suspend(self) -> None:
        """Locked or signed out: timers off. What the page shows stays for the unlock."""
        ...

    def resume(self) -> None: ...


class PageDefaults:
    """``Page`` for a page that needs only part of it (mixed into a QWidget subclass)."""

    def guest_card(self) -> GuestCardWidget | None:
        return None

    def show_guest(self, view: GuestCardView) -> None:
        return None

    def accept_swipe(self, raw: str) -> bool:
        return False

    def set_board_rows(self, rows: Sequence[BoardRow], now: datetime) -> None:
        return None

    def suspend(self) -> None:
        return None

    def resume(self) -> None:
        return None


@dataclass(frozen=True)
class PageEnv:
    """Everything a page may use."""

    services: ConsoleServices
    ops: AsyncOps
    actor: Actor
    clock: Clock
    nav: Navigator
    host_names: HostNames


@dataclass(frozen=True)
class PageSpec:
    key: str  # stable id, e.g. "host.my_guests"
    title: str  # already translated
    roles: frozenset[Role]
    build: Callable[[], Page]  # a QWidget that speaks Page
    order: int = 100
    shortcut: str | None = None  # e.g. "Ctrl+2", for desk staff
    in_rail: bool = True  # False: a page reached from another (the incident view)


def visible_pages(specs: list[PageSpec], actor: Actor) -> list[PageSpec]:
    """The pages ``actor``'s role may see, in ``order`` (then key); one per key."""
    seen: set[str] = set()
    chosen = []
    for spec in sorted(specs, key=lambda s: (s.order, s.key)):
        if actor.role in spec.roles and spec.key not in seen:
            seen.add(spec.key)
            chosen.append(spec)
    return chosen
