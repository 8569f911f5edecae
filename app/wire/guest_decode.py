"""A guest from the change feed, decoded in C by msgspec where that is exact.

An initial sync decodes 100,000 guests; the codec's generic walk costs five times
msgspec's. msgspec is more lenient in three places, so a guest that reaches one of
them goes through the codec instead (which accepts or refuses it as it always did):
a Decimal sent as a number or as NaN/Infinity (the codec wants finite text), and
itinerary times (the codec refuses a naive time and turns an offset into UTC). Any
guest msgspec refuses goes through the codec too, for the codec's error message.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import msgspec

from app.domain import Guest
from app.wire.contract import decode_record

_AMOUNTS = ("credit_line", "table_limit", "adt", "theo")


def decode_guest(data: Any) -> Guest:
    """``decode_record(Guest, data, "guest")``; raises ``MalformedResponse`` as it does."""
    if type(data) is dict and _amounts_are_text(data) and not data.get("itinerary"):
        try:
            guest = msgspec.convert(data, Guest)
        except msgspec.ValidationError:
            pass
        else:
            if _amounts_finite(guest):
                return guest
    guest_record: Guest = decode_record(Guest, data, "guest")
    return guest_record


def _amounts_are_text(data: dict[str, Any]) -> bool:
    """Every Decimal of the guest absent, null or text, as the codec requires."""
    nested: list[Any] = []
    preferences, rg = data.get("preferences"), data.get("rg")
    if type(preferences) is dict and type(preferences.get("travel")) is dict:
        nested.append(preferences["travel"].get("cash_limit"))
    if type(rg) is dict and type(rg.get("limits")) is dict:
        nested.append(rg["limits"].get("bankroll_per_visit"))
    values = [data.get(name) for name in _AMOUNTS] + nested
    return all(value is None or type(value) is str for value in values)


def _amounts_finite(guest: Guest) -> bool:
    values: list[Decimal | None] = [getattr(guest, name) for name in _AMOUNTS]
    values += [guest.preferences.travel.cash_limit, guest.rg.limits.bankroll_per_visit]
    return all(value is None or value.is_finite() for value in values)
