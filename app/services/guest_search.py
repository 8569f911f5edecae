"""Why a guest matched a search, and whether the actor may be shown that match.

A result row must tell two guests apart and say why each is there: "Mateo García,
room 1204" found by name is not "Mateo García" found by the last digits of a phone.
The reason is worked out here, in the order the store searches (card, room, phone,
name); a match on a field the actor may not see is not listed at all, so a search
never reveals what the card would hide (a concierge typing a room number does not
learn whose phone ends with those digits).
"""

from __future__ import annotations

import unicodedata
from enum import StrEnum

from app.domain import Guest
from app.permissions import GuestField

MIN_PHONE_DIGITS = 4  # the store matches a phone's ending from this many digits
CALLER_ID_DIGITS = 6  # a number this long identifies a caller without revealing more


class MatchReason(StrEnum):
    CARD = "card"  # the loyalty card number, typed or pasted
    ROOM = "room"  # the current hotel room
    PHONE = "phone"  # the phone number, or its ending
    NAME = "name"  # the name (or the alias, for a quiet-visit guest shown by alias)


def match_reason(guest: Guest, query: str) -> MatchReason:
    """Why ``guest`` came back for ``query`` (the store's search found it)."""
    text = query.strip()
    if text.replace(" ", "") == guest.card_number:
        return MatchReason.CARD
    if guest.room and text == guest.room:
        return MatchReason.ROOM
    typed = _digits(text)
    phone = _digits(guest.phone)
    numeric = bool(typed) and len(typed) * 2 >= len(text.replace(" ", ""))
    if numeric and phone and len(typed) >= MIN_PHONE_DIGITS:
        if phone == typed or phone.endswith(typed.lstrip("0") or typed):
            return MatchReason.PHONE
    return MatchReason.NAME


def may_list(reason: MatchReason, guest: Guest, query: str, visible: frozenset[GuestField]) -> bool:
    """False when listing ``guest`` for this match would reveal a field ``visible`` hides:
    the real name behind a quiet-visit alias, a room, a phone number."""
    if reason is MatchReason.CARD:
        return True  # typing the whole card is the guest identifying themselves
    if reason is MatchReason.ROOM:
        return GuestField.ROOM in visible
    if reason is MatchReason.PHONE:
        # A caller id (6+ digits) reveals nothing beyond what was typed.
        return GuestField.PHONE in visible or len(_digits(query)) >= CALLER_ID_DIGITS
    return GuestField.NAME in visible or words_start_with(guest.display_name, query)


def words_start_with(name: str, query: str) -> bool:
    folded_name = fold(name)
    folded_query = fold(query)
    return bool(folded_query) and (
        folded_name.startswith(folded_query)
        or any(word.startswith(folded_query) for word in folded_name.split())
    )


def fold(text: str) -> str:
    """Case-, width- and accent-insensitive form, so "senor" finds "Señor"."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold().strip()


def _digits(text: str) -> str:
    return "".join(c for c in text if c.isdecimal() and c.isascii())
