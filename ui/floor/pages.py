"""The floor map page, for pit bosses and hosts."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication

from app.domain import Role
from ui.shell.pages import PageEnv, PageSpec

if TYPE_CHECKING:
    from ui.floor.view import FloorPage

FLOOR_ROLES = frozenset({Role.PIT_BOSS, Role.HOST})


def pages(env: PageEnv) -> list[PageSpec]:
    title = QCoreApplication.translate("pages", "Floor map")
    return [PageSpec("floor", title, FLOOR_ROLES, lambda: build_floor(env), order=20)]


def build_floor(env: PageEnv) -> FloorPage:
    """The page at once, its tables waiting; the tables' games read in the executor."""
    from ui.floor.view import FloorPage

    services = env.services
    layout = services.floor.layout()  # small file, validated; a broken one names its key
    extras = {
        "open_incident": env.nav.open_incident,
        "new_incident": env.nav.new_incident,
        "load_rows": lambda done: env.ops.run(services.incidents.board, env.actor, on_success=done),
        "tables": env.actor.tables,  # their pits lead when the floor is in columns
    }
    page = FloorPage(layout, {}, env.clock, extras)
    env.ops.run(services.floor.table_games, env.actor, on_success=page.set_games, busy=page.map)
    return page
