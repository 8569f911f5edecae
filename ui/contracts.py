"""What the UI needs from the core services, as small Protocols.

The widgets are written against these; ``app.services`` (``AuthService``,
``GuestService``) satisfies them, and tests may pass small fakes.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Protocol

from app.actor import Actor
from app.domain import Tier
from app.permissions import GuestCardView
from app.services.errors import (
    AccountLocked,
    GuestNotFound,
    MalformedSwipe,
    PaymentCardSwiped,
    PermissionDenied,
    SignInFailed,
)
from app.services.guests import GuestSummary

__all__ = [
    "AccountLocked",
    "GuestNotFound",
    "MalformedSwipe",
    "PaymentCardSwiped",
    "PermissionDenied",
    "SignInFailed",
]


class AuthServiceLike(Protocol):
    def sign_in(self, staff_id: str, pin: str) -> Actor: ...


class GuestServiceLike(Protocol):
    def lookup_card(self, actor: Actor, raw_swipe: str) -> GuestCardView: ...
    def search(self, actor: Actor, text: str, limit: int = 20) -> Sequence[GuestSummary]: ...
    def card(self, actor: Actor, guest_id: str) -> GuestCardView: ...


@dataclass(frozen=True, slots=True)
class SearchHit:
    """One type-ahead result."""

    guest_id: str
    display_name: str
    tier: Tier
    flags: tuple[str, ...] = field(default=())
    detail: str = ""  # masked phone, room...


def as_search_hit(item: GuestSummary | SearchHit) -> SearchHit:
    if isinstance(item, SearchHit):
        return item
    flags: list[str] = []
    if item.quiet_visit:
        flags.append("quiet_visit")
    if item.self_excluded:
        flags.append("self_excluded")
    elif item.cooling_off:
        flags.append("cooling_off")
    return SearchHit(item.id, item.display_name, item.tier, tuple(flags), item.card_masked)
