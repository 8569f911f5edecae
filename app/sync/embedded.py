"""The embedded demo helpdesk, as the sync sees it: a URL and a way to stop it.

The helpdesk package starts it (``helpdesk.embedded.start_embedded_helpdesk``); the
composition root (``app.bootstrap``) hands that starter to ``ConsoleSync``, so the
core never imports the helpdesk.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

EMBEDDED = "embedded"  # the --helpdesk value that asks for it
DB_NAME = "helpdesk.db"
DEMO_ENROLMENT_CODE = "demo-enrolment"  # published: only a demo data directory sends it


@dataclass(frozen=True)
class EmbeddedHelpdesk:
    url: str
    stop: Callable[[], None]


# (data directory, guest count) -> the running helpdesk; blocking, called off the loop.
StartEmbedded = Callable[[Path, int], EmbeddedHelpdesk]
