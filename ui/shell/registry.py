"""Where the shell finds its pages: the feature packages' ``pages(env)`` functions.

The packages of the host / VIP desk / concierge workflows are optional: the shell works
without them and shows their pages once they are installed (a missing package is not
an error; a broken one is logged and skipped, the console still starts).
"""

from __future__ import annotations

import importlib
import logging

from ui.shell.pages import PageEnv, PageSpec

log = logging.getLogger(__name__)

# Without the core context (demo widgets, some tests) only the board can be shown.
WITHOUT_CONTEXT = ("ui.shell.board_page",)

PROVIDERS = (
    "ui.shell.board_page",
    "ui.incident.pages",
    "ui.floor.pages",
    "ui.host.pages",
    "ui.desk.pages",
    "ui.concierge.pages",
)


def collect_pages(env: PageEnv, providers: tuple[str, ...] = PROVIDERS) -> list[PageSpec]:
    specs: list[PageSpec] = []
    for name in providers:
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as error:
            if error.name is not None and name.startswith(error.name):
                log.debug("no page provider %s", name)
                continue
            log.exception("page provider %s could not be imported", name)
            continue
        except Exception:
            log.exception("page provider %s could not be imported", name)
            continue
        try:
            specs.extend(module.pages(env))
        except Exception:
            log.exception("page provider %s failed", name)
    return specs
