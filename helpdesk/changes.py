"""The change log (the cursor and the pages each device sees: helpdesk.views).

Every upsert of a guest, staff member, table, incident, incident event or attachment
link appends one row here in the same transaction as the write, tagged with the
writing transaction's property (helpdesk.db ``Database.write``). A device reads its
property's rows only: a page is one range scan of ``ix_changes_property_seq``,
``property_id = p AND seq > after ORDER BY seq LIMIT n``, O(limit) however long the
log. Seqs come from one identity shared by every property, so a property's seqs have
gaps (another property's rows): a cursor is a position in its property's log only.
A row keeps the record's JSON as it was at that seq and pages are assembled from that
text without re-parsing it.
"""

from collections.abc import Callable, Iterable
from datetime import datetime
from typing import Any, NamedTuple, cast

from sqlalchemy import Table, bindparam, func, insert, select, update
from sqlalchemy.orm import Session

from app.wire import fast_json
from helpdesk import batch_writes
from helpdesk.models import DEFAULT_PROPERTY, Change

TYPES = ("guest", "staff", "table", "incident", "incident_event", "attachment")
DEFAULT_LIMIT = 500
MAX_LIMIT = 1000


class CursorError(ValueError):
    """A cursor this service did not issue."""


class ChangeRow(NamedTuple):
    seq: int
    type: str
    op: str
    data: str


def dumps(value: Any) -> str:
    """Compact JSON on one line (SSE ``data:`` needs it), non-ASCII kept as is: the
    standard library's text, written by msgspec (a replayed write makes three)."""
    return fast_json.dumps(value)


def append(
    session: Session, type_: str, entity_id: str, data: dict[str, Any], now: datetime
) -> int:
    """Append one upsert; returns its seq. Marks the session so the feed is woken."""
    return append_json(session, type_, entity_id, dumps(data), now)


def append_json(session: Session, type_: str, entity_id: str, text: str, now: datetime) -> int:
    """``append`` of the record's JSON text, made already."""
    if not batch_writes.waiting(session):
        return _insert(session, _values(session, type_, entity_id, now, text))
    seq = batch_writes.next_seq(session)
    _wait(session, _values(session, type_, entity_id, now, text, seq))
    return seq


def append_with_seq(
    session: Session,
    type_: str,
    entity_id: str,
    data_of: Callable[[int], dict[str, Any]],
    now: datetime,
) -> tuple[int, str]:
    """Append a row whose data holds its own seq (an event's), ``data_of(seq)``; returns
    the seq and the data's JSON text.

    In a batch the seq is given first and the row written at the batch's end
    (helpdesk.batch_writes); alone, the insert gives the seq and an update the data."""
    if not batch_writes.waiting(session):
        seq = _insert(session, _values(session, type_, entity_id, now, "{}"))
        text = dumps(data_of(seq))
        session.execute(_FILL, {"at_seq": seq, "text": text})
        return seq, text
    seq = batch_writes.next_seq(session)
    text = dumps(data_of(seq))
    _wait(session, _values(session, type_, entity_id, now, text, seq))
    return seq, text


def _values(
    session: Session, type_: str, entity_id: str, now: datetime, text: str, seq: int | None = None
) -> dict[str, Any]:
    if type_ not in TYPES:
        raise ValueError(f"unknown change type {type_!r}")
    values: dict[str, Any] = {"type": type_, "entity_id": entity_id, "op": "upsert", "data": text}
    values["property_id"] = session.info.get("property_id", DEFAULT_PROPERTY)
    values["created_at"] = now
    if seq is not None:
        values["seq"] = seq
    return values


def _wait(session: Session, values: dict[str, Any]) -> None:
    """The row, its seq given, written at the batch's end (helpdesk.batch_writes)."""
    batch_writes.later(session, _INSERT_AT, values)
    session.info["changed"] = True


def _insert(session: Session, values: dict[str, Any]) -> int:
    seq = int(session.execute(_INSERT, values).scalar_one())
    session.info["changed"] = True
    return seq


# Plain Core statements built once: a write appends several rows per request, and the
# ORM's unit of work costs several times the insert itself.
_TABLE = cast(Table, Change.__table__)
_INSERT = insert(_TABLE).returning(_TABLE.c.seq)
_INSERT_AT = insert(_TABLE)  # with its seq given (a batch's)
_FILL = update(_TABLE).where(_TABLE.c.seq == bindparam("at_seq")).values(data=bindparam("text"))


def append_many(
    session: Session, type_: str, items: Iterable[tuple[str, str]], now: datetime
) -> None:
    """Bulk append of ``(entity_id, json_text)`` pairs (seeding), in the given order."""
    property_id = session.info.get("property_id", DEFAULT_PROPERTY)
    rows = [
        {
            "property_id": property_id,
            "type": type_,
            "entity_id": entity_id,
            "op": "upsert",
            "data": text,
            "created_at": now,
        }
        for entity_id, text in items
    ]
    if rows:
        session.execute(insert(Change), rows)
        session.info["changed"] = True


def read_after(
    session: Session, after: int, limit: int, property_id: int
) -> tuple[list[ChangeRow], bool]:
    """Up to ``limit`` rows of ``property_id`` after ``after`` and whether they reach
    the head of its log."""
    query = (
        select(Change.seq, Change.type, Change.op, Change.data)
        .where(Change.property_id == property_id, Change.seq > after)
        .order_by(Change.seq)
        .limit(limit + 1)
    )
    rows = [ChangeRow(*row) for row in session.execute(query)]
    return rows[:limit], len(rows) <= limit


def check_not_ahead(session: Session, after: int, what: str, property_id: int) -> None:
    """A position past the head was issued by another database (replaced or restored)."""
    if after > 0 and after > head(session, property_id):
        raise CursorError(f"{what}: ahead of this service's change log; read from the start")


def head(session: Session, property_id: int) -> int:
    """The highest seq of ``property_id`` committed so far (0 for an empty log)."""
    query = select(func.coalesce(func.max(Change.seq), 0)).where(Change.property_id == property_id)
    return int(session.execute(query).scalar_one())


def item_json(row: ChangeRow) -> str:
    # type and op come from our own closed vocabularies; data is JSON we wrote.
    return f'{{"seq":{row.seq},"type":"{row.type}","op":"{row.op}","data":{row.data}}}'
