"""The host's pages for the shell (``ui.shell.pages`` contract)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from app.domain import Role
from ui.shell.pages import Page, PageEnv, PageSpec


def pages(env: PageEnv) -> list[PageSpec]:
    def build() -> Page:
        from ui.host.page import HostPage

        return HostPage(env)

    return [
        PageSpec(
            key="host.my_guests",
            title=QCoreApplication.translate("pages", "My guests"),
            roles=frozenset({Role.HOST}),
            build=build,
            order=20,
            shortcut="Ctrl+2",
        )
    ]
