"""Errors the core services raise for the UI to present.

Each is a ``KeyedError`` (``app.messages``): a stable key and named parameters
(attempts left, unlock time, ...) from which the UI builds a translated message;
``str(error)`` is a plain English fallback for logs and the CLI. Subclasses keep
their facts as attributes too. No message ever contains a PIN, a code word or a
full card number.
"""

from datetime import datetime

from app.messages import KeyedError
from app.swipe import MalformedSwipe, PaymentCardSwiped


class ServiceError(KeyedError):
    """Base of every error a service raises on purpose: ``key`` and ``params`` say what."""


class PermissionDenied(ServiceError):
    """The actor's role may not do this (least privilege, SPEC §1).

    ``role`` and ``action`` are codes (``Role`` and ``Action`` values); ``reason`` is
    one of ``not_in_role``, ``not_your_guest``, ``itinerary_hidden``,
    ``quiet_visit_no_paging``.
    """

    def __init__(self, role: str, action: str, reason: str) -> None:
        super().__init__(f"permission.{reason}", role=role, action=action)
        self.role = role
        self.action = action
        self.reason = reason


class SignInFailed(ServiceError):
    """Wrong staff id or PIN; the same message whichever was wrong (no enumeration)."""

    def __init__(self, attempts_left: int | None) -> None:
        """``attempts_left`` None: the helpdesk refused, its count is not known here."""
        super().__init__("auth.sign_in_failed", count=attempts_left)
        self.attempts_left = attempts_left


class AccountLocked(ServiceError):
    """Too many wrong PINs: sign-in refused until ``locked_until``."""

    def __init__(self, locked_until: datetime) -> None:
        super().__init__("auth.account_locked", locked_until=locked_until)
        self.locked_until = locked_until


class SecondFactorRequired(ServiceError):
    """The property asks for an authenticator code with the PIN, and none was given.

    Raised before the PIN is looked at (it says nothing about the PIN) and not
    counted; a wrong code with any PIN is a ``SignInFailed``, counted. ``invalid`` is
    kept for callers that still tell the two apart."""

    def __init__(self, attempts_left: int, *, invalid: bool) -> None:
        key = "auth.code_refused" if invalid else "auth.code_required"
        super().__init__(key, count=attempts_left)
        self.attempts_left = attempts_left
        self.invalid = invalid


class GuestNotFound(ServiceError):
    """No guest with that card (masked) or id; the UI offers to register a walk-in."""

    def __init__(self, *, card: str = "", guest_id: str = "") -> None:
        if card:
            super().__init__("guest.card_not_found", card=card)
        else:
            super().__init__("guest.not_found", guest_id=guest_id)
        self.masked_reference = card or guest_id


class NoCodeWordOnFile(ServiceError):
    """The guest never set a code word, so identity cannot be checked by it."""

    def __init__(self) -> None:
        super().__init__("guest.no_code_word")


__all__ = [
    "AccountLocked",
    "GuestNotFound",
    "KeyedError",
    "MalformedSwipe",
    "NoCodeWordOnFile",
    "PaymentCardSwiped",
    "PermissionDenied",
    "SecondFactorRequired",
    "ServiceError",
    "SignInFailed",
]
