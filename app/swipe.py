"""Reading what a keyboard-wedge card reader types (SPEC §2, §3).

Accepted input, after trailing Enter/whitespace is dropped:

* plain digits, as typed by hand or by a reader set to "digits only";
  spaces and hyphens between digit groups are ignored (``9012 3456 7890``);
* track 2: ``;<digits>[=<extra>]?`` optionally followed by a check character;
* track 1: ``%<format letter><digits>^<name>^<extra>?``;
* both tracks in one swipe (readers often send track 1 then track 2): every
  track found must carry the same number.

Loyalty card format (our decision, shared with demo data): **10 to 16 digits,
first digit 9**. Payment cards start with 2-6 (see ``looks_like_payment_card``,
shared with the free-text detector in ``app.security.card_numbers``), so a
loyalty number can never be mistaken for one, and a payment card can never
pass as a loyalty number.

A payment card swiped by mistake is refused with ``PaymentCardSwiped``; its
number is never returned, logged, or put in an exception message (staff never
take card numbers, SPEC §3).
"""

import re
from enum import StrEnum

from app.messages import KeyedError
from app.security.card_numbers import (
    LOYALTY_MAX_DIGITS,
    LOYALTY_MIN_DIGITS,
    LOYALTY_PREFIX,
    is_loyalty_card_number,
    looks_like_payment_card,
    luhn_valid,
)

_TRACK1 = re.compile(r"%[A-Za-z]?(?P<number>[^^?]*)\^[^?]*\?")
_TRACK2 = re.compile(r";(?P<number>[^=?]*)(?:=[^?]*)?\?")
_MANUAL_SEPARATORS = re.compile(r"[ \-]")


class SwipeProblem(StrEnum):
    EMPTY = "empty"
    UNREADABLE = "unreadable"  # sentinels or characters we do not understand
    TRACKS_DISAGREE = "tracks_disagree"
    NOT_LOYALTY_FORMAT = "not_loyalty_format"
    PAYMENT_CARD = "payment_card"


class MalformedSwipe(KeyedError, ValueError):
    """Reader input that is not a loyalty card. The message never contains the input.

    Its key is ``swipe.<problem>`` (``app.messages``).
    """

    def __init__(self, problem: SwipeProblem) -> None:
        params: dict[str, object] = {}
        if problem is SwipeProblem.NOT_LOYALTY_FORMAT:
            params = {
                "min_digits": LOYALTY_MIN_DIGITS,
                "max_digits": LOYALTY_MAX_DIGITS,
                "prefix": LOYALTY_PREFIX,
            }
        super().__init__(f"swipe.{problem.value}", **params)
        self.problem = problem


class PaymentCardSwiped(MalformedSwipe):
    """A full payment card number was read: refused and forgotten."""

    def __init__(self) -> None:
        super().__init__(SwipeProblem.PAYMENT_CARD)


def parse_swipe(raw: str) -> str:
    """The loyalty card number in ``raw`` reader input, or ``MalformedSwipe``."""
    text = raw.strip()
    if not text:
        raise MalformedSwipe(SwipeProblem.EMPTY)
    numbers = _numbers_in(text)
    # Check every candidate for a payment card before any other complaint, so
    # a payment card is reported as such even inside a garbled swipe.
    if any(looks_like_payment_card(n) for n in numbers) or _hides_payment_card(text):
        raise PaymentCardSwiped()
    if not numbers:
        raise MalformedSwipe(SwipeProblem.UNREADABLE)
    if len(set(numbers)) > 1:
        raise MalformedSwipe(SwipeProblem.TRACKS_DISAGREE)
    number = numbers[0]
    if not is_loyalty_card_number(number):
        raise MalformedSwipe(SwipeProblem.NOT_LOYALTY_FORMAT)
    return number


def mask_card_number(number: str) -> str:
    """What may be shown or logged: the last four digits only."""
    return "••••" + number[-4:] if len(number) > 4 else "••••"


def _numbers_in(text: str) -> list[str]:
    """The card numbers the tracks in ``text`` carry, or the plain number typed."""
    if text[0] in "%;":
        tracks = [m.group("number") for m in _TRACK1.finditer(text)]
        tracks += [m.group("number") for m in _TRACK2.finditer(text)]
        return [n for n in tracks if n.isascii() and n.isdigit()]
    plain = _MANUAL_SEPARATORS.sub("", text)
    return [plain] if plain.isascii() and plain.isdigit() else []


def _hides_payment_card(text: str) -> bool:
    """A payment-card-length digit run anywhere, e.g. in a swipe we could not parse."""
    return any(looks_like_payment_card(run) for run in re.findall(r"\d{13,19}", text))


__all__ = [
    "LOYALTY_MAX_DIGITS",
    "LOYALTY_MIN_DIGITS",
    "LOYALTY_PREFIX",
    "MalformedSwipe",
    "PaymentCardSwiped",
    "SwipeProblem",
    "is_loyalty_card_number",
    "looks_like_payment_card",
    "luhn_valid",
    "mask_card_number",
    "parse_swipe",
]
