"""Where the board's rows come from: a small Protocol the main window polls off-thread."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Protocol

from app.actor import Actor
from ui.board.rows import BoardRow


class BoardSource(Protocol):
    def rows(self, actor: Actor, now: datetime) -> Sequence[BoardRow]:
        """Open incidents the actor may see, with their SLA deadlines at ``now``."""
        ...


class StaticBoardSource:
    """A fixed set of rows: for screenshots, demos and tests."""

    def __init__(self, rows: Sequence[BoardRow]) -> None:
        self._rows = list(rows)

    def rows(self, actor: Actor, now: datetime) -> Sequence[BoardRow]:
        return list(self._rows)
