"""The VIP desk's pages for the shell (``ui.shell.pages`` contract)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from app.domain import Role
from ui.host.pages import host_names
from ui.shell.pages import PageEnv, PageSpec


def pages(env: PageEnv) -> list[PageSpec]:
    def build() -> QWidget:
        from ui.desk.page import DeskPage

        return DeskPage(env.context, env.ops, env.actor, host_names=host_names(env.context))

    return [
        PageSpec(
            key="desk.guests",
            title=QCoreApplication.translate("pages", "VIP desk"),
            roles=frozenset({Role.VIP_DESK}),
            build=build,
            order=20,
            shortcut="Ctrl+2",
        )
    ]
