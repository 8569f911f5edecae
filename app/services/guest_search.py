"""Why a guest matched a search, and whether the actor may be shown that match.

A result row must tell two guests apart and say why each is there: "Mateo García,
room 1204" found by name is not "Mateo García" found by the last digits of a phone.
The reason is worked out here, in the order the store searches (card, room, phone,
name); a match on a field the actor may not see is not listed at all, so a search
never reveals what the card would hide (a concierge typing a room number does not
learn whose phone ends with those digits, a pit boss typing a room finds nobody).

A role that may not see phone numbers finds a guest by phone only when it typed the
whole number (a caller id: international, or national with its trunk 0). Any ending,
however long, would let a number be rebuilt one digit at a time: the one ending that
lists the guest, then ten tries per digit.
"""

from __future__ import annotations

import unicodedata
from enum import StrEnum

from app.domain import Guest
from app.permissions import GuestField

MIN_PHONE_DIGITS = 4  # the store matches a phone's ending from this many digits
MAX_COUNTRY_CODE_DIGITS = 3  # E.164: what a national number leaves out


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
        # A whole number (a caller id) reveals nothing beyond what was typed.
        return GuestField.PHONE in visible or is_whole_number(_digits(query), _digits(guest.phone))
    return GuestField.NAME in visible or words_start_with(guest.display_name, query)


def is_whole_number(typed: str, phone: str) -> bool:
    """``typed`` is all of ``phone``: as stored (international), or national (one trunk
    0, then all but the country code)."""
    if not typed or not phone:
        return False
    if typed == phone:
        return True
    national = typed[1:]
    return (
        typed.startswith("0")
        and not national.startswith("0")
        and phone.endswith(national)
        and 0 < len(phone) - len(national) <= MAX_COUNTRY_CODE_DIGITS
    )


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
