"""No full card number in any log line (SPEC §3, §10).

``CardNumberRedactionFilter`` rewrites a log record whose text holds a full
payment card number (rules: ``app.security.card_numbers``): the formatted
message, the exception text and the stack text get ``[card number removed]``
in place of the number. It never drops a record.

Where the number sits in one of the record's string arguments, that argument is
masked and the record keeps its format and arguments: some formatters read the
arguments themselves (uvicorn's access log unpacks its five), and a record
flattened to its text would make them fail instead of writing the line (a URL
holding card-like digits did). Otherwise the message is replaced by its masked text.
A number written percent-encoded (``4111%201111%20…``, as a raw URL path carries
it) is found too: such a text is written decoded, with the number masked.

Where it must sit: a filter on a *logger* sees only records logged on that very
logger, not those propagated from ``app.services.guests`` and the like, so
``install_card_redaction()`` puts it on the root logger *and on every handler of
the root logger*. ``app.cli.configure_logging`` calls it once its handlers
(stderr, rotating file) are in place; a handler added to the root logger later
must get the filter too (call ``install_card_redaction()`` again: it is
idempotent).

Not covered: attributes passed with ``extra=`` (no service uses them) and
names or code words, which no filter can recognise; the services never log
those (``tests/unit/test_log_redaction.py`` drives them to check).
"""

import logging
from urllib.parse import unquote

from app.security.card_numbers import find_card_numbers, redact_card_numbers


def redact(text: str) -> str:
    """``text`` with every full card number masked, percent-encoded ones included."""
    redacted = redact_card_numbers(text)
    if "%" in redacted:
        decoded = unquote(redacted)
        if find_card_numbers(decoded):
            return redact_card_numbers(decoded)
    return redacted


class CardNumberRedactionFilter(logging.Filter):
    """Masks full card numbers in a record's message, exception and stack text."""

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # a bad format string: logging reports it when it formats
            return True
        redacted = redact(message)
        if redacted != message and not _mask_args(record):
            record.msg = redacted
            record.args = ()
        if record.exc_info and not record.exc_text:
            # Formatters reuse exc_text once set, so the redacted text is what is written.
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = redact(record.exc_text)
        if record.stack_info:
            record.stack_info = redact(record.stack_info)
        return True


def _mask_args(record: logging.LogRecord) -> bool:
    """Mask card numbers inside the record's string arguments, keeping their shape;
    False (the record untouched) when that does not clear the message."""
    args = record.args
    masked: tuple[object, ...] | dict[str, object]
    if isinstance(args, tuple) and args:
        masked = tuple(_masked(value) for value in args)
    elif isinstance(args, dict) and args:
        masked = {key: _masked(value) for key, value in args.items()}
    else:
        return False
    try:
        message = str(record.msg) % masked
    except (TypeError, ValueError, KeyError):
        return False
    cleared = redact(message) == message
    if cleared:
        record.args = masked
    return cleared


def _masked(value: object) -> object:
    return redact(value) if isinstance(value, str) else value


def install_card_redaction(logger: logging.Logger | None = None) -> CardNumberRedactionFilter:
    """Put the filter on ``logger`` (default: root) and on each of its handlers, once."""
    target = logger if logger is not None else logging.getLogger()
    existing = next((f for f in target.filters if isinstance(f, CardNumberRedactionFilter)), None)
    redaction = existing if existing is not None else CardNumberRedactionFilter()
    for holder in (target, *target.handlers):
        if not any(isinstance(f, CardNumberRedactionFilter) for f in holder.filters):
            holder.addFilter(redaction)
    return redaction


def uninstall_card_redaction(logger: logging.Logger | None = None) -> None:
    """Remove the filter from ``logger`` (default: root) and its handlers (for tests)."""
    target = logger if logger is not None else logging.getLogger()
    for holder in (target, *target.handlers):
        for found in [f for f in holder.filters if isinstance(f, CardNumberRedactionFilter)]:
            holder.removeFilter(found)
