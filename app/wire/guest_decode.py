"""A guest from the change feed, decoded in C by msgspec where that is exact.

An initial sync decodes 100,000 guests; the codec's generic walk costs five times
msgspec's. msgspec is more lenient in three places, so a guest that reaches one of
them goes through the codec instead (which accepts or refuses it as it always did):
a Decimal sent as a number or as NaN/Infinity (the codec wants finite text). Itinerary
times (the codec refuses a naive time and turns an offset into UTC) are read again
from their text by the codec's own function; a time it refuses sends the guest
through the codec. Any guest msgspec refuses goes through the codec too, for the
codec's error message.

``decode_guest_json`` reads a guest from its JSON text straight into ``Guest`` (no dict
in between: half the cost). Its amounts are first read as text by a decoder that
skips everything else, so a number where the codec wants text sends the guest down
the path above, as does an itinerary or anything msgspec refuses.
"""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal
from typing import Any

import msgspec

from app.domain import Guest
from app.domain.guest import ItineraryItem
from app.wire import fast_json
from app.wire.codec import DecodeError, decode_datetime
from app.wire.contract import decode_record

_AMOUNTS = ("credit_line", "table_limit", "adt", "theo")


class _TravelAmount(msgspec.Struct, frozen=True):
    cash_limit: str | None = None


class _PreferenceAmounts(msgspec.Struct, frozen=True):
    travel: _TravelAmount = _TravelAmount()


class _LimitAmount(msgspec.Struct, frozen=True):
    bankroll_per_visit: str | None = None


class _RgAmounts(msgspec.Struct, frozen=True):
    limits: _LimitAmount = _LimitAmount()


class _Amounts(msgspec.Struct, frozen=True):
    """Every Decimal of a guest, as text or null (what ``_amounts_are_text`` checks)."""

    credit_line: str | None = None
    table_limit: str | None = None
    adt: str | None = None
    theo: str | None = None
    preferences: _PreferenceAmounts = _PreferenceAmounts()
    rg: _RgAmounts = _RgAmounts()


_AMOUNTS_AS_TEXT = msgspec.json.Decoder(_Amounts)
_GUEST = msgspec.json.Decoder(Guest)


def decode_guest_json(raw: bytes | msgspec.Raw) -> Guest:
    """``decode_guest(json.loads(raw))`` (raw: one guest's JSON, valid JSON); raises
    ``MalformedResponse`` as it does."""
    try:
        _AMOUNTS_AS_TEXT.decode(raw)
        guest = _GUEST.decode(raw)
    except msgspec.MsgspecError:
        pass
    else:
        if not guest.itinerary and _amounts_finite(guest):
            return guest
    return decode_guest(fast_json.loads(bytes(raw)))


def decode_guest(data: Any) -> Guest:
    """``decode_record(Guest, data, "guest")``; raises ``MalformedResponse`` as it does."""
    if type(data) is dict and _amounts_are_text(data):
        try:
            guest = msgspec.convert(data, Guest)
        except msgspec.ValidationError:
            pass
        else:
            if _amounts_finite(guest):
                if not guest.itinerary:
                    return guest
                itinerary = _itinerary_as_codec(guest.itinerary, data["itinerary"])
                if itinerary is not None:
                    return replace(guest, itinerary=itinerary)
    guest_record: Guest = decode_record(Guest, data, "guest")
    return guest_record


def _itinerary_as_codec(
    items: tuple[ItineraryItem, ...], raw: list[Any]
) -> tuple[ItineraryItem, ...] | None:
    """msgspec's items with each time read again from its text by the codec's own
    ``decode_datetime`` (aware, in UTC); None where the codec refuses one (the caller
    then decodes the whole guest by the codec, for its message)."""
    try:
        return tuple(
            replace(item, starts_at=decode_datetime(plain["starts_at"]))
            for item, plain in zip(items, raw, strict=True)
        )
    except DecodeError:
        return None


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
