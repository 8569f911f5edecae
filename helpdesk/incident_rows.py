"""An incident's row written with plain Core statements instead of the ORM's flush.

A write changes a few columns of one incident (a patch's fields, its version, the
deadlines the SLA refresh moved); the unit of work's flush of that one object cost
more CPU than the rest of the write's statements (issue 15). The ORM object stays the
one the session holds: the values written are set on it as its committed state, so
what it shows and what the database holds never differ, and no flush writes them
twice.
"""

from collections.abc import Mapping
from typing import Any, cast

from sqlalchemy import Table, bindparam, insert, update
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import set_committed_value

from helpdesk.models import IncidentRow

_INCIDENTS = cast(Table, IncidentRow.__table__)
_COLUMNS = tuple(column.name for column in _INCIDENTS.columns)
_INSERT = insert(_INCIDENTS)
_UPDATES: dict[tuple[str, ...], Any] = {}  # one statement per set of columns, built once


def assume(row: IncidentRow, values: Mapping[str, Any]) -> None:
    """``values`` on ``row`` as written (the caller writes them: ``insert``, ``update``)."""
    for name, value in values.items():
        set_committed_value(row, name, value)


def insert_row(session: Session, row: IncidentRow) -> None:
    """A new incident, every column as ``row`` (never added to the session) holds it."""
    session.execute(_INSERT, {name: getattr(row, name) for name in _COLUMNS})


def update_row(session: Session, row: IncidentRow, values: Mapping[str, Any]) -> None:
    """Write ``values`` (already ``assume``d on ``row``) to the incident's row."""
    names = tuple(sorted(values))
    statement = _UPDATES.get(names)
    if statement is None:
        statement = (
            update(_INCIDENTS)
            .where(_INCIDENTS.c.id == bindparam("row_id"))
            .values({name: bindparam(name) for name in names})
        )
        _UPDATES[names] = statement
    session.execute(statement, {"row_id": row.id, **values})
