"""Where the shell finds its pages: each feature package's ``pages(env)``.

Imported, not probed: a provider that fails to import is a bug and stops the start.
"""

from __future__ import annotations

from collections.abc import Callable

from ui.alerts import pages as alert_pages
from ui.concierge import pages as concierge_pages
from ui.desk import pages as desk_pages
from ui.floor import pages as floor_pages
from ui.host import pages as host_pages
from ui.incident import pages as incident_pages
from ui.kpis import pages as kpi_pages
from ui.shell import board_page
from ui.shell.pages import PageEnv, PageSpec

Provider = Callable[[PageEnv], list[PageSpec]]

PROVIDERS: tuple[Provider, ...] = (
    board_page.pages,
    incident_pages.pages,
    floor_pages.pages,
    host_pages.pages,
    desk_pages.pages,
    concierge_pages.pages,
    kpi_pages.pages,
    alert_pages.pages,
)


def collect_pages(env: PageEnv, providers: tuple[Provider, ...] = PROVIDERS) -> list[PageSpec]:
    return [spec for provider in providers for spec in provider(env)]
