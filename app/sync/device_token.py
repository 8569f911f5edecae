"""Where the store's sync state keeps the device token, and what says IT must provision
the tablet: read by the start with the store's own checks, without the sync's client."""

from __future__ import annotations

from collections.abc import Callable

TOKEN_KEY = "device_token"
REFUSED_KEY = "device_token_refused"  # the helpdesk refused our token: provision again
TOKEN_KEYS = (TOKEN_KEY, REFUSED_KEY)


def needs_provisioning_by(value: Callable[[str], str | None]) -> bool:
    """No device token, or the helpdesk refused the one held (revoked)."""
    return value(TOKEN_KEY) is None or value(REFUSED_KEY) is not None
