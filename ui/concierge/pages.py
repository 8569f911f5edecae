"""The concierge's pages for the shell (``ui.shell.pages`` contract)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from app.domain import Role
from ui.host.pages import host_names
from ui.shell.pages import PageEnv, PageSpec


def pages(env: PageEnv) -> list[PageSpec]:
    def build() -> QWidget:
        from ui.concierge.page import ConciergePage

        return ConciergePage(env.context, env.ops, env.actor, host_names=host_names(env.context))

    return [
        PageSpec(
            key="concierge.preferences",
            title=QCoreApplication.translate("pages", "Guest preferences"),
            roles=frozenset({Role.CONCIERGE}),
            build=build,
            order=20,
        )
    ]
