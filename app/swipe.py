"""Reading what a keyboard-wedge card reader types (SPEC §2, §3).

Accepted input, after trailing Enter/whitespace is dropped:

* plain digits, as typed by hand or by a reader set to "digits only";
  spaces and hyphens between digit groups are ignored (``9012 3456 7890``);
* track 2: ``;<digits>[=<extra>]?`` optionally followed by a check character;
* track 1: ``%<format letter><digits>^<name>^<extra>?``;
* both tracks in one swipe (readers often send track 1 then track 2): every
  track found must carry the same number.

Loyalty card format (our decision, shared with demo data): **10 to 16 digits,
first digit 9**. Payment cards start with 2-6 (see ``looks_like_payment_card``),
so a loyalty number can never be mistaken for one, and a payment card can never
pass as a loyalty number.

A payment card swiped by mistake is refused with ``PaymentCardSwiped``; its
number is never returned, logged, or put in an exception message (staff never
take card numbers, SPEC §3).
"""

import re
from enum import StrEnum

LOYALTY_PREFIX = "9"
LOYALTY_MIN_DIGITS = 10
LOYALTY_MAX_DIGITS = 16

_PAYMENT_MIN_DIGITS = 13
_PAYMENT_MAX_DIGITS = 19
# Visa 4, Mastercard 51-55 and 2221-2720 (checked as 22-27), Amex 34/37,
# Discover/UnionPay/Maestro 6.
_PAYMENT_BRAND = re.compile(r"4|5[1-5]|2[2-7]|3[47]|6")

_TRACK1 = re.compile(r"%[A-Za-z]?(?P<number>[^^?]*)\^[^?]*\?")
_TRACK2 = re.compile(r";(?P<number>[^=?]*)(?:=[^?]*)?\?")
_MANUAL_SEPARATORS = re.compile(r"[ \-]")


class SwipeProblem(StrEnum):
    EMPTY = "empty"
    UNREADABLE = "unreadable"  # sentinels or characters we do not understand
    TRACKS_DISAGREE = "tracks_disagree"
    NOT_LOYALTY_FORMAT = "not_loyalty_format"
    PAYMENT_CARD = "payment_card"


_MESSAGES = {
    SwipeProblem.EMPTY: "Nothing was read from the card.",
    SwipeProblem.UNREADABLE: "The card could not be read; swipe it again.",
    SwipeProblem.TRACKS_DISAGREE: "The card's tracks disagree; swipe it again.",
    SwipeProblem.NOT_LOYALTY_FORMAT: (
        f"Not a loyalty card: loyalty numbers have {LOYALTY_MIN_DIGITS}-{LOYALTY_MAX_DIGITS} "
        f"digits and start with {LOYALTY_PREFIX}."
    ),
    SwipeProblem.PAYMENT_CARD: (
        "This looks like a payment card — staff never take card numbers. "
        "Nothing was read or stored; ask for the loyalty card."
    ),
}


class MalformedSwipe(ValueError):
    """Reader input that is not a loyalty card. The message never contains the input."""

    def __init__(self, problem: SwipeProblem) -> None:
        super().__init__(_MESSAGES[problem])
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


def is_loyalty_card_number(text: str) -> bool:
    return (
        text.isascii()
        and text.isdigit()
        and LOYALTY_MIN_DIGITS <= len(text) <= LOYALTY_MAX_DIGITS
        and text.startswith(LOYALTY_PREFIX)
    )


def looks_like_payment_card(digits: str) -> bool:
    """13-19 digits, a card-brand prefix and a valid Luhn check digit."""
    return (
        digits.isascii()
        and digits.isdigit()
        and _PAYMENT_MIN_DIGITS <= len(digits) <= _PAYMENT_MAX_DIGITS
        and _PAYMENT_BRAND.match(digits) is not None
        and luhn_valid(digits)
    )


def luhn_valid(digits: str) -> bool:
    total = 0
    for position, char in enumerate(reversed(digits)):
        value = int(char)
        if position % 2 == 1:
            value = value * 2 - 9 if value > 4 else value * 2
        total += value
    return total % 10 == 0


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
