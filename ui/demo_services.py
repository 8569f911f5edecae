"""Small in-memory services over the demo objects of ``ui.demo_objects``.

A sign-in that takes the demo PINs and a guest service whose cards the core's own
``build_card_view`` builds. Used by ``ui.screenshots`` and the UI tests; the real
services come from ``app.services``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta

from app.actor import Actor
from app.domain import Guest, Role
from app.permissions import GuestCardView, build_card_view
from app.services.errors import AccountLocked, GuestNotFound, SignInFailed
from app.services.guests import GuestSummary
from app.swipe import mask_card_number, parse_swipe
from ui.demo_objects import NOW, TODAY, demo_guests, demo_incidents

DEMO_HINT = "Demo data — host: H001 / PIN 1234 · pit boss: P001 / PIN 1234"


@dataclass
class DemoAuth:
    """Accepts PIN 1234 for H001 (host) and P001 (pit boss); L001 is locked."""

    attempts: dict[str, int] = field(default_factory=dict)
    max_attempts: int = 5

    def sign_in(self, staff_id: str, pin: str) -> Actor:
        staff = {"H001": ("Amelia Chen", Role.HOST), "P001": ("Маркус Ли", Role.PIT_BOSS)}
        if staff_id == "L001":
            raise AccountLocked(NOW + timedelta(minutes=15))
        if staff_id in staff and pin == "1234":
            name, role = staff[staff_id]
            return Actor(staff_id=staff_id, role=role, device_id="TAB-PIT2-03", name=name)
        used = self.attempts.get(staff_id, 0) + 1
        self.attempts[staff_id] = used
        raise SignInFailed(max(self.max_attempts - used, 0))


HOST_NAMES = {"H001": "Amelia Chen", "H002": "Rafael Ortiz"}


@dataclass
class DemoGuestService:
    """Guests in memory, cards built by the core's own ``build_card_view``."""

    guests: list[Guest] = field(default_factory=demo_guests)

    def _view(self, guest: Guest, actor: Actor) -> GuestCardView:
        incidents = tuple(i for i in demo_incidents(self.guests) if i.guest_id == guest.id)
        return build_card_view(actor, guest, today=TODAY, incidents=incidents)

    def lookup_card(self, actor: Actor, raw_swipe: str) -> GuestCardView:
        number = parse_swipe(raw_swipe)
        for guest in self.guests:
            if guest.card_number == number:
                return self._view(guest, actor)
        raise GuestNotFound(card=mask_card_number(number))

    def search(self, actor: Actor, text: str, limit: int = 20) -> list[GuestSummary]:
        needle = text.casefold()
        found = [
            g
            for g in self.guests
            if needle in g.display_name.casefold() or (needle.isdigit() and needle in g.phone)
        ]
        return [
            GuestSummary(
                id=g.id,
                display_name=g.display_name,
                tier=g.tier,
                card_masked=mask_card_number(g.card_number),
                host_id=g.host_id,
                quiet_visit=g.quiet.enabled,
                self_excluded=g.rg.self_excluded,
                cooling_off=g.rg.is_cooling_off(TODAY),
                alias_shown=g.quiet.enabled and bool(g.quiet.alias),
                is_own_guest=g.host_id == actor.staff_id,
            )
            for g in found[:limit]
        ]

    def card(self, actor: Actor, guest_id: str) -> GuestCardView:
        for guest in self.guests:
            if guest.id == guest_id:
                return self._view(guest, actor)
        raise GuestNotFound(guest_id=guest_id)
