"""Reads the screens need that hold no guest data: staff names and the floor's tables.

Every signed-in role may read them (a host's name on a guest card, a table's game on
the floor map); they take the actor like every other call so that a future rule has
one place to go. Nothing here is audited: no guest, incident or money is read.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from app.actor import Actor
from app.ports import Store

if TYPE_CHECKING:
    from app.floor_layout import FloorLayout


class StaffDirectory:
    def __init__(self, store: Store) -> None:
        self._store = store

    def names(self, actor: Actor) -> dict[str, str]:
        """Every staff member's name by staff id (hosts named on guest cards and rows)."""
        with self._store.unit_of_work() as uow:
            return {staff.id: staff.name for staff in uow.staff.all()}


class FloorQueries:
    def __init__(self, store: Store, data_dir: Path) -> None:
        self._store = store
        self._data_dir = data_dir

    def layout(self) -> FloorLayout:
        """The property's floor (``<data dir>/floor_layout.toml``), else the demo floor."""
        from app.floor_layout import property_layout

        return property_layout(self._data_dir)

    def table_games(self, actor: Actor) -> dict[str, str]:
        """Each table's game by table id."""
        with self._store.unit_of_work() as uow:
            return {table.id: table.game for table in uow.tables.all()}
