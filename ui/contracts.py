"""What the sign-in screen needs of the core, as a Protocol (``AuthService`` is one; a
test may pass a small fake that refuses to be called). The pages get the core's typed
services instead (``app.services.console.ConsoleServices``)."""

from __future__ import annotations

from typing import Protocol

from app.actor import Actor
from app.services.errors import AccountLocked, SignInFailed

__all__ = ["AccountLocked", "AuthServiceLike", "SignInFailed"]


class AuthServiceLike(Protocol):
    def sign_in(self, staff_id: str, pin: str) -> Actor: ...
