"""Log hygiene: no line ever carries a full payment card number."""

import logging

from helpdesk.schemas import mask_card_numbers


class RedactCardNumbers(logging.Filter):
    """Masks card numbers in the formatted message (a handler filter)."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        masked = mask_card_numbers(message)
        if masked != message:
            record.msg, record.args = masked, None
        return True


def install(logger: logging.Logger | None = None) -> None:
    """Add the filter to every handler of ``logger`` (default: the root logger)."""
    target = logger or logging.getLogger()
    for handler in target.handlers:
        if not any(isinstance(f, RedactCardNumbers) for f in handler.filters):
            handler.addFilter(RedactCardNumbers())
