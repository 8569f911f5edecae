"""The VIP desk's pages for the shell (``ui.shell.pages`` contract): the desk, and the
walk-in form (for every role that may register walk-ins, reached from the banner)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from app.domain import Role
from ui.shell.pages import Page, PageEnv, PageSpec

WALK_IN_ROLES = frozenset({Role.VIP_DESK, Role.HOST})


def pages(env: PageEnv) -> list[PageSpec]:
    def desk() -> Page:
        from ui.desk.page import DeskPage

        return DeskPage(env)

    def walk_in() -> Page:
        from ui.desk.walk_in import WalkInForm

        return WalkInForm(env)

    return [
        PageSpec(
            key="desk.guests",
            title=QCoreApplication.translate("pages", "VIP desk"),
            roles=frozenset({Role.VIP_DESK}),
            build=desk,
            order=20,
            shortcut="Ctrl+2",
        ),
        PageSpec(
            key="desk.walk_in",
            title=QCoreApplication.translate("pages", "Register walk-in"),
            roles=WALK_IN_ROLES,
            build=walk_in,
            order=90,
            in_rail=False,
        ),
    ]
