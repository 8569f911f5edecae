"""Finding full payment card numbers in free text (SPEC §3: staff never take one).

Staff never ask a guest for a full card number, so the console refuses to store
one anywhere: in a note, a summary, a reason, a reference, or data arriving from
the helpdesk. This module only *finds* them; the refusal that services and the
sync apply step call is ``app.services.validation.ensure_no_card_number`` (it
raises ``CardNumberRefused``, a ``ServiceError``). It lives there because
``app.services.errors`` imports ``app.swipe``, which imports this module: this
module stays a leaf with no import from ``app.services``.

The detector's rules, in order:

1. **Digits** are any Unicode decimal digits (ASCII, full-width ``４``,
   Arabic-Indic, ...), read by value.
2. **Groups and chains.** A run of digits is a group. Groups joined by 1 to 3
   separator characters form a chain. Separators are spaces (any Unicode space,
   incl. no-break, thin and ideographic spaces, and tab), hyphens and dashes (any
   Unicode dash, the minus sign) and invisible format characters (zero-width
   space, soft hyphen, ...). Anything else ends a chain: letters, ``* • x # .
   , / : ( )``, a line break. So a masked form (``411111******1111``,
   ``4111 11•• •••• 1111``) never matches, and ``AUD 10,000.00`` is not one
   number. Letters next to digits do not hide them: ``TX4111111111111111`` is
   caught.
3. **Candidates** are runs of consecutive *whole* groups of a chain holding 13 to
   19 digits (a group is never split, so ``Room 12 4111 1111 1111 1111`` finds
   the card after the room number). A single group of more than 19 digits is
   some other identifier, never part of a candidate.
4. A candidate is a **card number** when its leading digits carry a card-brand
   prefix (``card_brand``: Visa, Mastercard incl. 2221-2720, Amex, Diners,
   JCB, Discover, UnionPay, Maestro, Mir) and its Luhn check digit is valid.
   First digits 0, 1, 7, 8 and 9 are no brand: loyalty numbers (first digit 9)
   and Chinese mobiles written ``86 138 ...`` never match.
5. **Phone numbers.** A candidate right after ``+`` (or full-width ``＋``)
   with at most 15 digits (the E.164 maximum) is a phone number, never a card,
   even when it happens to be Luhn-valid with a brand prefix; so is every part
   of a whole chain of at most 15 digits after a ``+``. Without ``+`` such a
   number *is* refused as a card (e.g. an Indonesian mobile typed
   ``62 812 3456 7890`` without its ``+``): the refusal message asks for phone
   numbers with their ``+`` country code. Known gap: a 13-15 digit card typed
   right after a ``+`` passes; that takes intent, not a slip.
6. **Loyalty numbers.** A whole chain that is a loyalty number (first digit 9,
   10 to 16 digits, however grouped) is one, so no part of it is a card: a
   16-digit loyalty number written in threes (``900 228 191 041 428 7``) holds
   13 digits after its first group that could otherwise pass.
7. **Dates.** A candidate made only of whole dates (``d m yyyy`` or
   ``yyyy m d`` with a real day and month, years 1900-2099), e.g. the stay
   ``27-11-2026 - 30-11-2026``, is a date range, not a card.
8. **Overlaps.** Scanning a chain from its first group, the longest card
   starting at a group wins; scanning resumes after it.

What remains possible: an unrelated 13-19 digit number without ``+`` that has a
brand prefix and a valid Luhn digit (about one in ten such numbers) is refused
as a card. Nobody can tell it from a card number either.

A ``CardNumberMatch`` never holds the number: only its span in the text, its
brand, its length and the masked first-6/last-4 form.
"""

import re
import unicodedata
from dataclasses import dataclass

# Loyalty card format (our decision, shared with app.swipe and the demo data).
LOYALTY_PREFIX = "9"
LOYALTY_MIN_DIGITS = 10
LOYALTY_MAX_DIGITS = 16
PAYMENT_MIN_DIGITS = 13
PAYMENT_MAX_DIGITS = 19
E164_MAX_DIGITS = 15
MASK_CHAR = "*"
REDACTED = "[card number removed]"

# (brand, number of leading digits compared, lowest prefix, highest prefix).
# Ordered: the first row that matches names the brand.
_BRAND_PREFIXES: tuple[tuple[str, int, int, int], ...] = (
    ("Visa", 1, 4, 4),
    ("Mastercard", 2, 51, 55),
    ("Mastercard", 4, 2221, 2720),
    ("Mir", 4, 2200, 2204),
    ("American Express", 2, 34, 34),
    ("American Express", 2, 37, 37),
    ("JCB", 4, 3528, 3589),
    ("Diners Club", 3, 300, 305),
    ("Diners Club", 4, 3095, 3095),
    ("Diners Club", 2, 36, 36),
    ("Diners Club", 2, 38, 39),
    ("Discover", 4, 6011, 6011),
    ("Discover", 3, 644, 649),
    ("Discover", 2, 65, 65),
    ("UnionPay", 2, 62, 62),
    ("Maestro", 2, 50, 50),
    ("Maestro", 2, 56, 58),
    ("Maestro", 1, 6, 6),  # 60, 61, 63, 64, 66-69: Maestro and other 6-series cards
)

_MAX_SEPARATORS = 3
_ANY_DIGIT = re.compile(r"\d")  # any Unicode decimal digit (category Nd)
_DIGIT_RUN = re.compile(r"\d+")
_ASCII_DIGITS = b"0123456789"
# Record ids and digests: a UUID or a hex digest (MD5, SHA-1, SHA-256) is an id, not a card,
# even when its digit groups would happen to pass Luhn with a brand prefix.
_IDENTIFIER = re.compile(
    r"(?<![0-9A-Za-z])(?:[0-9a-fA-F]{8}(?:-[0-9a-fA-F]{4}){3}-[0-9a-fA-F]{12}"
    r"|[0-9a-fA-F]{64}|[0-9a-fA-F]{40}|[0-9a-fA-F]{32})(?![0-9A-Za-z])"
)
_PHONE_MARKS = frozenset("+\uff0b")
_EXTRA_SEPARATORS = frozenset("\t\u2212")  # tab, minus sign
_SEPARATOR_CATEGORIES = frozenset({"Zs", "Pd", "Cf"})
_DATE_SHAPES = (
    re.compile(r"(?P<d>\d{1,2}) (?P<m>\d{1,2}) (?P<y>\d{4})"),
    re.compile(r"(?P<y>\d{4}) (?P<m>\d{1,2}) (?P<d>\d{1,2})"),
)


@dataclass(frozen=True, slots=True)
class CardNumberMatch:
    """Where a full card number sits in a text; the number itself is not kept."""

    start: int  # ``text[start:end]`` is the number as written, separators included
    end: int
    brand: str
    length: int  # number of digits
    masked: str  # first 6 and last 4 digits, e.g. "411111******1111"


def luhn_valid(digits: str) -> bool:
    """The Luhn (mod 10) check over a string of digits."""
    total = 0
    for position, char in enumerate(reversed(digits)):
        value = int(char)
        if position % 2 == 1:
            value = value * 2 - 9 if value > 4 else value * 2
        total += value
    return total % 10 == 0


def card_brand(digits: str) -> str | None:
    """The card brand whose prefix ``digits`` starts with, or None."""
    for brand, width, low, high in _BRAND_PREFIXES:
        head = digits[:width]
        if len(head) == width and head.isascii() and head.isdigit() and low <= int(head) <= high:
            return brand
    return None


def is_loyalty_card_number(text: str) -> bool:
    """10 to 16 ASCII digits starting with 9: never a payment card (no brand starts with 9)."""
    return (
        text.isascii()
        and text.isdigit()
        and LOYALTY_MIN_DIGITS <= len(text) <= LOYALTY_MAX_DIGITS
        and text.startswith(LOYALTY_PREFIX)
    )


def looks_like_payment_card(digits: str) -> bool:
    """13-19 ASCII digits, a card-brand prefix and a valid Luhn check digit."""
    return (
        digits.isascii()
        and digits.isdigit()
        and PAYMENT_MIN_DIGITS <= len(digits) <= PAYMENT_MAX_DIGITS
        and card_brand(digits) is not None
        and luhn_valid(digits)
    )


def mask_pan(digits: str) -> str:
    """The first 6 and last 4 digits with the rest masked: ``411111******1111``."""
    if len(digits) <= 10:
        return MASK_CHAR * len(digits)
    return digits[:6] + MASK_CHAR * (len(digits) - 10) + digits[-4:]


def find_card_numbers(text: str) -> list[CardNumberMatch]:
    """Every full payment card number in ``text``, in order (rules: module docstring)."""
    matches: list[CardNumberMatch] = []
    if len(text) < PAYMENT_MIN_DIGITS or _digit_count(text) < PAYMENT_MIN_DIGITS:
        return matches  # fast path: most notes hold few digits
    if _IDENTIFIER.fullmatch(text):
        return matches  # fast path: a record id or key, every digit of it an identifier's
    if _digit_count(_IDENTIFIER.sub("", text)) < PAYMENT_MIN_DIGITS:
        # Fast path: too few digits outside ids ("/incidents/<uuid>/events"). No digit run
        # straddles an id's edge (its pattern is bounded by non-alphanumerics), and
        # _chains never reads a run inside one, so no candidate can be found here.
        return matches
    for chain in _chains(text):
        matches.extend(_cards_in_chain(text, chain))
    return matches


def _digit_count(text: str) -> int:
    """How many decimal digits ``text`` holds (ASCII text counted in C, bytes at once)."""
    if text.isascii():
        return len(text) - len(text.encode().translate(None, _ASCII_DIGITS))
    return len(_ANY_DIGIT.findall(text))


def contains_card_number(text: str) -> bool:
    return bool(find_card_numbers(text))


def redact_card_numbers(text: str, replacement: str = REDACTED) -> str:
    """``text`` with every full card number replaced by ``replacement``."""
    matches = find_card_numbers(text)
    if not matches:
        return text
    parts: list[str] = []
    position = 0
    for match in matches:
        parts.append(text[position : match.start])
        parts.append(replacement)
        position = match.end
    parts.append(text[position:])
    return "".join(parts)


# -- scanning ---------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Group:
    start: int
    end: int
    digits: str  # ASCII


def _ascii_digits(run: str) -> str:
    return run if run.isascii() else "".join(str(unicodedata.decimal(c)) for c in run)


def _is_separator(char: str) -> bool:
    return char in _EXTRA_SEPARATORS or unicodedata.category(char) in _SEPARATOR_CATEGORIES


def _chains(text: str) -> list[list[_Group]]:
    """The text's digit groups, joined into chains by short runs of separators."""
    chains: list[list[_Group]] = []
    current: list[_Group] = []
    identifiers = [m.span() for m in _IDENTIFIER.finditer(text)]
    for run in _DIGIT_RUN.finditer(text):
        if any(start <= run.start() < end for start, end in identifiers):
            continue
        group = _Group(run.start(), run.end(), _ascii_digits(run.group()))
        if current and _joined(text, current[-1].end, group.start):
            current.append(group)
        else:
            if current:
                chains.append(current)
            current = [group]
    if current:
        chains.append(current)
    return chains


def _joined(text: str, gap_start: int, gap_end: int) -> bool:
    gap = text[gap_start:gap_end]
    return 0 < len(gap) <= _MAX_SEPARATORS and all(_is_separator(c) for c in gap)


def _cards_in_chain(text: str, chain: list[_Group]) -> list[CardNumberMatch]:
    found: list[CardNumberMatch] = []
    whole = "".join(g.digits for g in chain)
    if _after_phone_mark(text, chain[0]) and len(whole) <= E164_MAX_DIGITS:
        return found  # the whole chain is one phone number, "+61 412 345 678"
    if is_loyalty_card_number(whole):
        return found  # the whole chain is one loyalty number, "9000 0123 4567 8901"
    first = 0
    while first < len(chain):
        best: tuple[int, str] | None = None  # (index of last group, digits)
        digits = ""
        for last in range(first, len(chain)):
            digits += chain[last].digits
            if len(digits) > PAYMENT_MAX_DIGITS:
                break
            if len(digits) >= PAYMENT_MIN_DIGITS and _is_card(text, chain[first : last + 1]):
                best = (last, digits)
        if best is None:
            first += 1
            continue
        last, digits = best
        brand = card_brand(digits)
        assert brand is not None  # _is_card checked it
        found.append(
            CardNumberMatch(
                start=chain[first].start,
                end=chain[last].end,
                brand=brand,
                length=len(digits),
                masked=mask_pan(digits),
            )
        )
        first = last + 1
    return found


def _is_card(text: str, groups: list[_Group]) -> bool:
    digits = "".join(g.digits for g in groups)
    if not looks_like_payment_card(digits):
        return False
    if _after_phone_mark(text, groups[0]) and len(digits) <= E164_MAX_DIGITS:
        return False
    return not _all_dates(groups)


def _after_phone_mark(text: str, group: _Group) -> bool:
    return group.start > 0 and text[group.start - 1] in _PHONE_MARKS


def _all_dates(groups: list[_Group]) -> bool:
    """True when ``groups`` split, three by three, into whole dates."""
    if len(groups) % 3:
        return False
    for index in range(0, len(groups), 3):
        shape = " ".join(g.digits for g in groups[index : index + 3])
        if not any(_is_date(pattern.fullmatch(shape)) for pattern in _DATE_SHAPES):
            return False
    return True


def _is_date(match: re.Match[str] | None) -> bool:
    if match is None:
        return False
    day, month, year = int(match["d"]), int(match["m"]), int(match["y"])
    return 1 <= day <= 31 and 1 <= month <= 12 and 1900 <= year <= 2099
