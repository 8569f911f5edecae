"""The concierge's pages for the shell (``ui.shell.pages`` contract)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from app.domain import Role
from ui.shell.pages import Page, PageEnv, PageSpec


def pages(env: PageEnv) -> list[PageSpec]:
    def build() -> Page:
        from ui.concierge.page import ConciergePage

        return ConciergePage(env)

    return [
        PageSpec(
            key="concierge.preferences",
            title=QCoreApplication.translate("pages", "Guest preferences"),
            roles=frozenset({Role.CONCIERGE}),
            build=build,
            order=20,
        )
    ]
