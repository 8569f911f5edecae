"""Checks every service runs on free text before storing it (SPEC §3).

One entry point for services, ``check_free_text(value, field, max_len)``: call it
for every free-text field and note (summary, notes, reasons, references,
locations...) before the unit of work, so a refusal changes nothing.

The sync apply step calls ``ensure_no_card_number(text, field)`` on every
free-text field arriving from the helpdesk; it raises ``CardNumberRefused``, a
``ServiceError``, when the text holds a full payment card number
(detector rules: ``app.security.card_numbers``). To keep the rest of a record,
``app.security.card_numbers.redact_card_numbers`` replaces the numbers instead.

``field`` is the field's code, declared with its label in ``app.messages.LABELS``
(``"summary"``, ``"desired_outcome"``...): the UI names it in the staff's language.
Messages never repeat the text or any of its digits: they may end up in a log.
"""

from app.messages import label
from app.security.card_numbers import find_card_numbers
from app.services.errors import ServiceError


def field_label(field: str) -> str:
    """``desired_outcome`` -> ``desired outcome``: the field as staff know it (English)."""
    return label("field", field)


class InvalidText(ServiceError):
    """A free-text field the console refuses to store, with what to fix.

    ``field`` is the field's code (``"summary"``, ``"desired_outcome"``...), also
    in ``params``; ``key`` is the message (``app.messages``).
    """

    def __init__(self, field: str, key: str, /, **params: object) -> None:
        super().__init__(key, field=field, **params)
        self.field = field


class TextTooLong(InvalidText):
    def __init__(self, field: str, length: int, max_len: int) -> None:
        super().__init__(field, "text.too_long", length=length, max_len=max_len)
        self.length = length
        self.max_len = max_len


class CardNumberRefused(InvalidText):
    """The text holds a full payment card number: refused, and nothing is stored.

    ``brands`` names the card brands found (e.g. ``("Visa",)``); the number, its
    digits and the text are never part of the error.
    """

    def __init__(self, field: str, brands: tuple[str, ...]) -> None:
        super().__init__(field, "text.card_number")
        self.brands = brands


def ensure_no_card_number(text: str, field: str) -> None:
    """Raise ``CardNumberRefused`` when ``text`` holds a full payment card number.

    For the services (through ``check_free_text``) and for the sync engine's
    apply step, on every free-text field of data arriving from the helpdesk.
    ``field`` names the field in the error (``"summary"``, ``"note"``...).
    """
    matches = find_card_numbers(text)
    if matches:
        brands = tuple(dict.fromkeys(match.brand for match in matches))
        raise CardNumberRefused(field, brands)


def check_free_text(value: str, field: str, max_len: int) -> str:
    """``value`` unchanged when it may be stored, else ``TextTooLong`` / ``CardNumberRefused``."""
    if len(value) > max_len:
        raise TextTooLong(field, len(value), max_len)
    ensure_no_card_number(value, field)
    return value
