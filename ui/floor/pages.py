"""The floor map page, for pit bosses and hosts."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from app.domain import Role
from ui.shell.pages import PageEnv, PageSpec

FLOOR_ROLES = frozenset({Role.PIT_BOSS, Role.HOST})


def pages(env: PageEnv) -> list[PageSpec]:
    if env.context is None:
        return []
    title = QCoreApplication.translate("pages", "Floor map")
    return [PageSpec("floor", title, FLOOR_ROLES, lambda: build_floor(env), order=20)]


def build_floor(env: PageEnv) -> QWidget:
    """The page at once, its tables waiting; the tables' games read in the executor."""
    from ui.floor.view import FloorPage

    context = env.context
    layout = context.floor_layout()  # small file, validated; a broken one names its key
    extras = dict(env.extras)
    extras["tables"] = env.actor.tables  # their pits lead when the floor is in columns
    extras["load_rows"] = lambda done: env.ops.run(
        context.incidents.board, env.actor, on_success=done
    )
    page = FloorPage(layout, {}, env.extras.get("clock") or context.clock, extras)
    env.ops.run(context.incidents.table_games, env.actor, on_success=page.set_games, busy=page.map)
    return page
