"""An incident's row written with plain Core statements instead of the ORM's flush.

A write changes a few columns of one incident (a patch's fields, its version, the
deadlines the SLA refresh moved); the unit of work's flush of that one object cost
more CPU than the rest of the write's statements (issue 15). The ORM object stays the
one the session holds: the values written are set on it as its committed state, so
what it shows and what the database holds never differ, and no flush writes them
twice. In a batch they are written at its end (helpdesk.batch_writes), once per row.
"""

from collections.abc import Mapping
from typing import Any

from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import set_committed_value

from helpdesk import batch_writes
from helpdesk.models import IncidentRow


def assume(row: IncidentRow, values: Mapping[str, Any]) -> None:
    """``values`` on ``row`` as written (the caller writes them: ``insert``, ``update``)."""
    for name, value in values.items():
        set_committed_value(row, name, value)


def insert_row(session: Session, row: IncidentRow) -> None:
    """A new incident, every column as ``row`` (never added to the session) holds it."""
    if not batch_writes.incident(session, row):
        session.execute(batch_writes.INSERT_INCIDENT, batch_writes.incident_values(row))


def update_row(session: Session, row: IncidentRow, values: Mapping[str, Any]) -> None:
    """Write ``values`` (already ``assume``d on ``row``) to the incident's row."""
    if not batch_writes.changed(session, row, set(values)):
        statement = batch_writes.update_statement(tuple(sorted(values)))
        session.execute(statement, {"row_id": row.id, **values})
