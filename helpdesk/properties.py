"""The group's properties: every device, staff member, guest, table, incident and
change belongs to one (``property_id``, models.py).

A request's property is its device's, set at enrolment (helpdesk/enrolment.py) and
read from the enrolled device the token proves (helpdesk.auth): no header or body
field names it. A record of another property is, to that device, a record that does
not exist (404); the attempt is logged as a refusal with the device and both
properties, never the record's content. What a group duty manager may read beyond
their device's property: helpdesk/property_scope.py.
"""

import logging
import re
from dataclasses import dataclass
from datetime import datetime
from typing import Any, TypeVar
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from helpdesk import batch_reads
from helpdesk.db import Database, add_property_counters, utcnow
from helpdesk.models import DEFAULT_PROPERTY, PropertyRow

log = logging.getLogger("helpdesk.properties")

CODE = re.compile(r"^[A-Z][A-Z0-9]{1,15}$")
PREFIX = re.compile(r"^[A-Z0-9]{1,10}-?$")
GROUP_SCOPE = "group"  # StaffRow.scope of a group duty manager: reads every property
ALL = "ALL"  # ``?property=ALL``: the whole group

Row = TypeVar("Row")


class PropertyError(ValueError):
    """Refused, with a message for the operator."""


@dataclass(frozen=True, slots=True)
class Property:
    id: int
    code: str
    name: str
    timezone: str
    ticket_prefix: str | None  # None: the helpdesk's configured prefix (the default property)
    created_at: datetime


def _of(row: PropertyRow) -> Property:
    return Property(row.id, row.code, row.name, row.timezone, row.ticket_prefix, row.created_at)


def create_property(
    db: Database,
    code: str,
    name: str,
    timezone: str,
    *,
    ticket_prefix: str | None = None,
    configured_prefix: str,
    first_ticket_number: int,
) -> Property:
    """A new property, its ticket counter and change-lock row; its tickets are numbered
    ``<prefix><n>`` (default prefix ``<CODE>-``), from ``first_ticket_number``."""
    code = code.strip().upper()
    if not CODE.match(code):
        raise PropertyError("a property code is 2 to 16 capital letters or digits, a letter first")
    if not name.strip() or len(name) > 120:
        raise PropertyError("a property needs a name (up to 120 characters)")
    try:
        ZoneInfo(timezone)
    except (ZoneInfoNotFoundError, ValueError):
        raise PropertyError(f"unknown time zone {timezone!r} (e.g. Europe/London)") from None
    prefix = ticket_prefix if ticket_prefix is not None else f"{code[:10]}-"
    if not PREFIX.match(prefix) or prefix == configured_prefix:
        raise PropertyError(
            f"ticket prefix {prefix!r}: 1 to 10 capitals or digits and a dash, "
            f"not the default property's {configured_prefix!r}"
        )
    with db.write(lock_changes=False) as session:
        taken = session.scalar(
            select(PropertyRow.code).where(
                (PropertyRow.code == code) | (PropertyRow.ticket_prefix == prefix)
            )
        )
        if taken is not None:
            raise PropertyError(f"property {taken} has that code or ticket prefix already")
        # The id chosen here: the default property was inserted with id 1 by the
        # migration, which a PostgreSQL sequence does not know of.
        last = session.scalar(select(func.max(PropertyRow.id))) or 0
        row = PropertyRow(
            id=last + 1,
            code=code,
            name=name.strip(),
            timezone=timezone,
            ticket_prefix=prefix,
            created_at=utcnow(),
        )
        session.add(row)
        session.flush()
        add_property_counters(session, row.id, first_ticket_number)
        return _of(row)


def list_properties(db: Database) -> list[Property]:
    with db.read() as session:
        return [_of(row) for row in session.scalars(select(PropertyRow).order_by(PropertyRow.id))]


def by_code(session: Session, code: str) -> Property | None:
    row = session.scalar(select(PropertyRow).where(PropertyRow.code == code.strip().upper()))
    return None if row is None else _of(row)


def ticket_prefix(session: Session, property_id: int, configured: str) -> str:
    """The prefix of ``property_id``'s ticket numbers: its own, or the configured one."""
    if property_id == DEFAULT_PROPERTY:
        return configured
    kept: dict[int, str | None] = session.info.setdefault("ticket_prefixes", {})  # a batch's
    if property_id not in kept:
        query = select(PropertyRow.ticket_prefix).where(PropertyRow.id == property_id)
        kept[property_id] = session.scalar(query)
    return kept[property_id] or configured


def owned(
    session: Session, model: type[Row], key: Any, property_id: int, device: str = "?"
) -> Row | None:
    """The row of ``model`` at ``key`` if it belongs to ``property_id``; a row of another
    property is None to the caller, and the attempt is logged (the audit of refusals)."""
    row: Row | None = batch_reads.get(session, model, key)
    if row is None:
        return None
    found = int(getattr(row, "property_id"))  # noqa: B009  (every owned model has it)
    if found != property_id:
        refused(model.__name__, key, property_id, found, device)
        return None
    return row


def refused(what: str, key: Any, property_id: int, other: int | None, device: str) -> None:
    """Log a request that named another property's record (None: of other properties)."""
    log.warning(
        "property scope: device %s of property %d named %s %s of property %s: refused",
        device,
        property_id,
        what,
        key,
        "another" if other is None else other,
    )
