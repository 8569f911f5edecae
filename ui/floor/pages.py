"""The floor map page, for pit bosses and hosts."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication

from app.domain import Role
from app.permissions import Action, allowed
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
    from ui.kpis.strip import KpiStrip

    services = env.services
    layout = services.floor.layout()  # small file, validated; a broken one names its key
    # The KPI strip on this board too, for the roles that may see it (docs/kpis.md).
    strip = KpiStrip(env) if allowed(env.actor, Action.KPI_STRIP) else None

    def load_rows(done: Callable[[Any], None]) -> None:
        if strip is not None:
            strip.feed.poke()  # the board reloaded: the sync brought changes, or its poll
        env.ops.run(services.incidents.board, env.actor, on_success=done)

    extras = {
        "open_incident": env.nav.open_incident,
        "new_incident": env.nav.new_incident,
        "load_rows": load_rows,
        "tables": env.actor.tables,  # their pits lead when the floor is in columns
        "kpi_strip": strip,
    }
    page = FloorPage(layout, {}, env.clock, extras)
    env.ops.run(services.floor.table_games, env.actor, on_success=page.set_games, busy=page.map)
    return page
