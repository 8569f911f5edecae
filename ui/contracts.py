"""What the UI needs from the core services, as small Protocols.

The widgets are written against these; ``app.services`` satisfies them. The exception
types come from the core when it provides them; until then the UI's own stand-ins keep
the widgets and their tests runnable.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Protocol

from app.actor import Actor
from app.domain import Guest, Incident, Tier


class AuthServiceLike(Protocol):
    def sign_in(self, staff_id: str, pin: str) -> Actor: ...


class GuestServiceLike(Protocol):
    def lookup_card(self, actor: Actor, raw: str) -> Any: ...
    def search(self, actor: Actor, text: str, limit: int = 20) -> Sequence[Any]: ...
    def card(self, actor: Actor, guest_id: str) -> Any: ...


try:  # the core's exceptions, once app.services lands
    from app.services.auth import AccountLocked, SignInFailed
except ImportError:  # pragma: no cover - stand-ins until the core services exist

    class SignInFailed(Exception):  # type: ignore[no-redef]
        def __init__(self, message: str = "", attempts_left: int | None = None) -> None:
            super().__init__(message)
            self.attempts_left = attempts_left

    class AccountLocked(Exception):  # type: ignore[no-redef]
        def __init__(self, message: str = "", until: datetime | None = None) -> None:
            super().__init__(message)
            self.until = until


try:
    from app.services.guests import GuestNotFound
except ImportError:  # pragma: no cover

    class GuestNotFound(LookupError):  # type: ignore[no-redef]
        pass


try:
    from app.swipe import MalformedSwipe
except ImportError:  # pragma: no cover

    class MalformedSwipe(ValueError):  # type: ignore[no-redef]
        pass


def attempts_left(exc: BaseException) -> int | None:
    for name in ("attempts_left", "remaining_attempts", "remaining"):
        value = getattr(exc, name, None)
        if isinstance(value, int):
            return value
    return None


def locked_until(exc: BaseException) -> datetime | None:
    for name in ("until", "locked_until"):
        value = getattr(exc, name, None)
        if isinstance(value, datetime):
            return value
    return None


@dataclass(frozen=True, slots=True)
class CardView:
    """A guest card as the widget renders it: the redacted guest and what may be shown.

    ``visible`` names the Guest fields the actor may see; a field not in it is absent
    from the card. ``None`` means "every field that has a value".
    """

    guest: Guest
    visible: frozenset[str] | None = None
    flags: tuple[str, ...] = ()
    host_name: str = ""
    incidents: tuple[Incident, ...] = ()

    def shows(self, field_name: str) -> bool:
        if self.visible is not None and field_name not in self.visible:
            return False
        return getattr(self.guest, field_name, None) not in (None, "", ())


def as_card_view(view: Any) -> CardView:
    """Adapt the core's GuestCardView (whatever its exact shape) to ``CardView``."""
    if isinstance(view, CardView):
        return view
    if isinstance(view, Guest):
        return CardView(guest=view)
    guest = view.guest
    visible = getattr(view, "visible", None) or getattr(view, "visible_fields", None)
    flags = getattr(view, "flags", ()) or ()
    return CardView(
        guest=guest,
        visible=frozenset(visible) if visible is not None else None,
        flags=tuple(str(f) for f in flags),
        host_name=str(getattr(view, "host_name", "") or ""),
        incidents=tuple(getattr(view, "incidents", ()) or ()),
    )


@dataclass(frozen=True, slots=True)
class SearchHit:
    """One type-ahead result."""

    guest_id: str
    display_name: str
    tier: Tier
    flags: tuple[str, ...] = field(default=())
    detail: str = ""  # masked phone, room...


def as_search_hit(item: Any) -> SearchHit:
    if isinstance(item, SearchHit):
        return item
    if isinstance(item, Guest):
        flags = _guest_flags(item)
        return SearchHit(item.id, item.display_name, item.tier, flags, item.room)
    guest_id = getattr(item, "guest_id", None) or item.id
    name = getattr(item, "display_name", None) or getattr(item, "name", "")
    flags = tuple(str(f) for f in (getattr(item, "flags", ()) or ()))
    detail = str(getattr(item, "detail", "") or getattr(item, "phone_hint", "") or "")
    return SearchHit(str(guest_id), str(name), Tier(getattr(item, "tier", Tier.VIP)), flags, detail)


def _guest_flags(guest: Guest) -> tuple[str, ...]:
    flags: list[str] = []
    if guest.quiet.enabled:
        flags.append("quiet_visit")
    if guest.rg.self_excluded:
        flags.append("self_excluded")
    elif guest.rg.cooling_off_until is not None:
        flags.append("cooling_off")
    return tuple(flags)
