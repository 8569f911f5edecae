"""Errors the core services raise for the UI to present.

Each carries the facts as attributes (attempts left, unlock time, ...) so the
UI can build a translated message; ``str(error)`` is a plain English fallback.
No message ever contains a PIN, a code word or a full card number.
"""

from datetime import datetime

from app.swipe import MalformedSwipe, PaymentCardSwiped


class ServiceError(Exception):
    """Base of every error a service raises on purpose."""


class PermissionDenied(ServiceError):
    """The actor's role may not do this (least privilege, SPEC §1)."""

    def __init__(self, role: str, action: str, reason: str = "") -> None:
        message = f"A {role.replace('_', ' ')} may not {action}"
        super().__init__(f"{message}: {reason}" if reason else message)
        self.role = role
        self.action = action
        self.reason = reason


class SignInFailed(ServiceError):
    """Wrong staff id or PIN; the same message whichever was wrong (no enumeration)."""

    def __init__(self, attempts_left: int) -> None:
        super().__init__(
            f"Staff id or PIN not recognised. {attempts_left} attempt"
            f"{'' if attempts_left == 1 else 's'} left before the account is locked."
        )
        self.attempts_left = attempts_left


class AccountLocked(ServiceError):
    """Too many wrong PINs: sign-in refused until ``locked_until``."""

    def __init__(self, locked_until: datetime) -> None:
        super().__init__(
            "Too many wrong PINs: sign-in is locked until "
            f"{locked_until:%H:%M} UTC ({locked_until:%Y-%m-%d})."
        )
        self.locked_until = locked_until


class SecondFactorRequired(ServiceError):
    """The PIN was right but the property asks for an authenticator code too.

    ``invalid`` is True when a code was given and refused (wrong, replayed or not
    enrolled); either way the attempt counts toward the lockout like a wrong PIN.
    """

    def __init__(self, attempts_left: int, *, invalid: bool) -> None:
        super().__init__(
            ("Authenticator code not accepted. " if invalid else "Enter your authenticator code. ")
            + f"{attempts_left} attempt{'' if attempts_left == 1 else 's'} left."
        )
        self.attempts_left = attempts_left
        self.invalid = invalid


class GuestNotFound(ServiceError):
    """No guest with that card or id; the UI offers to register a walk-in."""

    def __init__(self, masked_reference: str) -> None:
        super().__init__(f"No guest found for {masked_reference}. Register them as a walk-in?")
        self.masked_reference = masked_reference


class NoCodeWordOnFile(ServiceError):
    """The guest never set a code word, so identity cannot be checked by it."""

    def __init__(self) -> None:
        super().__init__("This guest has no code word on file; identify them another way.")


__all__ = [
    "AccountLocked",
    "GuestNotFound",
    "MalformedSwipe",
    "NoCodeWordOnFile",
    "PaymentCardSwiped",
    "PermissionDenied",
    "SecondFactorRequired",
    "ServiceError",
    "SignInFailed",
]
