"""No full card number in any log line (SPEC §3, §10).

``CardNumberRedactionFilter`` rewrites a log record whose text holds a full
payment card number (rules: ``app.security.card_numbers``): the formatted
message, the exception text and the stack text get ``[card number removed]``
in place of the number. It never drops a record.

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

from app.security.card_numbers import redact_card_numbers


class CardNumberRedactionFilter(logging.Filter):
    """Masks full card numbers in a record's message, exception and stack text."""

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # a bad format string: logging reports it when it formats
            return True
        redacted = redact_card_numbers(message)
        if redacted != message:
            record.msg = redacted
            record.args = ()
        if record.exc_info and not record.exc_text:
            # Formatters reuse exc_text once set, so the redacted text is what is written.
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = redact_card_numbers(record.exc_text)
        if record.stack_info:
            record.stack_info = redact_card_numbers(record.stack_info)
        return True


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
