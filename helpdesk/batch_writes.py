"""What a batch's writes write, written together at its end (``POST /v1/batch``).

A write alone runs each statement as it goes. In a batch run without savepoints
(helpdesk.batch) nothing of the batch reads back the rows it writes from the database
(they are kept in helpdesk.batch_reads), so the writes can wait and go as one
executemany per statement at the end (``finish``), before the commit:

- incident rows: one insert of each new incident as it stands at the end, and one
  update per incident changed, of the columns that changed (``incident``, ``changed``);
- change-log rows and events with their ``seq`` given here (``next_seq``): on SQLite
  the next rowid after the log's (the transaction holds the database's one write lock);
  on PostgreSQL a block drawn from the log's sequence once the property's changes row
  is locked, so commit order stays seq order (helpdesk.db); a seq drawn and not used
  is a gap, as another property's seqs already are;
- ticket numbers: the counter read once and written once (``next_ticket``), the
  numbers given in the order the creates run, none skipped.

Incidents go first: events and KPI facts refer to them. A statement failing here
fails the whole attempt, which the batch then runs again with a savepoint per write.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, cast

from sqlalchemy import Table, bindparam, insert, select, text, update
from sqlalchemy.orm import Session

from helpdesk import orm_state
from helpdesk.bulk_rows import executemany
from helpdesk.models import Counter, IncidentRow

_INFO_KEY = "batch_writes"
_INCIDENTS = cast(Table, IncidentRow.__table__)
_COLUMNS = tuple(column.name for column in _INCIDENTS.columns)
INSERT_INCIDENT = insert(_INCIDENTS)
_COUNTERS = cast(Table, Counter.__table__)
_READ_COUNTER = select(_COUNTERS.c.value).where(_COUNTERS.c.name == bindparam("counter"))
_SET_COUNTER = (
    update(_COUNTERS).where(_COUNTERS.c.name == bindparam("counter")).values(value=bindparam("to"))
)
_LAST_SEQ_SQLITE = text(
    "SELECT max(coalesce((SELECT seq FROM sqlite_sequence WHERE name = 'changes'), 0),"
    " coalesce((SELECT max(seq) FROM changes), 0))"
)
_DRAW_SEQS_POSTGRESQL = text(
    "SELECT nextval(pg_get_serial_sequence('changes', 'seq')) FROM generate_series(1, :n)"
)
_UPDATES: dict[tuple[str, ...], Any] = {}  # one statement per set of columns, built once


@dataclass(slots=True)
class _Pending:
    seqs_hint: int  # how many change rows the batch may append (a PostgreSQL block)
    statements: dict[Any, list[Mapping[str, Any]]] = field(default_factory=dict)
    new: dict[str, IncidentRow] = field(default_factory=dict)
    changed: dict[str, tuple[IncidentRow, set[str]]] = field(default_factory=dict)
    seqs: list[int] = field(default_factory=list)  # drawn, not yet given (PostgreSQL)
    last_seq: int | None = None  # the last seq given (SQLite)
    tickets: dict[str, tuple[int, int]] = field(default_factory=dict)  # name: (read, last)


def begin(session: Session, change_rows: int) -> None:
    """From now on, this transaction's writes wait for ``finish``; ``change_rows``: how
    many its writes may append at most (the block of seqs drawn on PostgreSQL)."""
    session.info[_INFO_KEY] = _Pending(seqs_hint=max(1, change_rows))


def _pending(session: Session) -> _Pending | None:
    return cast(_Pending | None, session.info.get(_INFO_KEY))


def waiting(session: Session) -> bool:
    """Whether writes wait for ``finish`` (a batch without savepoints)."""
    return _pending(session) is not None


def later(session: Session, statement: Any, params: Mapping[str, Any]) -> None:
    """Run ``statement`` now, or with the batch's others like it at its end."""
    pending = _pending(session)
    if pending is None:
        session.execute(statement, params)
    else:
        pending.statements.setdefault(statement, []).append(params)


def incident(session: Session, row: IncidentRow) -> bool:
    """A new incident (``row`` never added to the session) to insert as it stands at
    the end; False: not waiting, the caller inserts it now."""
    pending = _pending(session)
    if pending is None:
        return False
    pending.new[row.id] = row
    return True


def changed(session: Session, row: IncidentRow, names: set[str]) -> bool:
    """Columns of ``row`` (already set on it) to write at the end; False: not waiting."""
    pending = _pending(session)
    if pending is None:
        return False
    if row.id not in pending.new:  # a new one is inserted as it stands
        _row, before = pending.changed.setdefault(row.id, (row, set()))
        before.update(names)
    return True


def next_seq(session: Session) -> int:
    """The seq of the next change row this transaction appends (waiting only)."""
    pending = _pending(session)
    assert pending is not None
    if session.get_bind().dialect.name == "sqlite":
        if pending.last_seq is None:
            pending.last_seq = int(session.execute(_LAST_SEQ_SQLITE).scalar_one())
        pending.last_seq += 1
        return pending.last_seq
    if not pending.seqs:
        drawn = session.execute(_DRAW_SEQS_POSTGRESQL, {"n": pending.seqs_hint}).scalars()
        pending.seqs = sorted((int(seq) for seq in drawn), reverse=True)
    return pending.seqs.pop()


def next_ticket(session: Session, counter: str) -> int | None:
    """The next value of ``counter``, written once at the end; None: not waiting."""
    pending = _pending(session)
    if pending is None:
        return None
    if counter not in pending.tickets:
        query = _READ_COUNTER
        if session.get_bind().dialect.name != "sqlite":
            query = query.with_for_update()
        value = int(session.execute(query, {"counter": counter}).scalar_one())
        pending.tickets[counter] = (value, value)
    read, last = pending.tickets[counter]
    pending.tickets[counter] = (read, last + 1)
    return last + 1


def finish(session: Session) -> None:
    """Everything that waited, one statement per kind, incidents first."""
    pending = _pending(session)
    if pending is None:
        return
    session.info.pop(_INFO_KEY)
    for counter, (read, last) in pending.tickets.items():
        if last != read:
            session.execute(_SET_COUNTER, {"counter": counter, "to": last})
    if pending.new:
        rows = [incident_values(row) for row in pending.new.values()]
        executemany(session, INSERT_INCIDENT, rows)
    by_columns: dict[tuple[str, ...], list[dict[str, Any]]] = {}
    for row, names in pending.changed.values():
        columns = tuple(sorted(names))
        values = {name: getattr(row, name) for name in columns}
        by_columns.setdefault(columns, []).append({"row_id": row.id, **values})
    for columns, params in by_columns.items():
        executemany(session, update_statement(columns), params)
    for statement, many in pending.statements.items():
        executemany(session, statement, many)


def incident_values(row: IncidentRow) -> dict[str, Any]:
    """Every column of the incident as ``row`` holds it (an insert's parameters)."""
    held = orm_state.columns(row)
    return {name: held[name] for name in _COLUMNS}


def update_statement(names: tuple[str, ...]) -> Any:
    """``UPDATE incidents SET <names> WHERE id = :row_id``, built once per set of names."""
    statement = _UPDATES.get(names)
    if statement is None:
        statement = (
            update(_INCIDENTS)
            .where(_INCIDENTS.c.id == bindparam("row_id"))
            .values({name: bindparam(name) for name in names})
        )
        _UPDATES[names] = statement
    return statement
