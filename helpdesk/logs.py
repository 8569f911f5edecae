"""Log hygiene: no line ever carries a full payment card number.

The project's one filter (``app.security.log_redaction``) on the root logger and its
handlers; ``helpdesk.server.log_config`` puts it on uvicorn's own handlers.
"""

import logging

from app.security.log_redaction import CardNumberRedactionFilter, install_card_redaction

FILTER_FACTORY = "app.security.log_redaction.CardNumberRedactionFilter"


def install(logger: logging.Logger | None = None) -> CardNumberRedactionFilter:
    """Put the redaction filter on ``logger`` (default: root) and each of its handlers."""
    return install_card_redaction(logger)
