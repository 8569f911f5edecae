"""The alert inbox page, for every role: the core tells each only what they may see."""

from __future__ import annotations

from app.domain import Role
from ui.shell.pages import PageEnv, PageSpec

ALERTS = "alerts"


def pages(env: PageEnv) -> list[PageSpec]:
    from ui.alerts.inbox import AlertsPage, title

    return [PageSpec(ALERTS, title(), frozenset(Role), lambda: AlertsPage(env), order=90)]
