"""The helpdesk's copy of every console's audit chain: the hash of each row, and an alert
when a console's chain does not continue what it sent before (issue 13).

A checkpoint arrives with ``rows``: ``{id, prev_hash, hash}`` of every audit row since
the checkpoint before (``offline_cache.repositories.audit``). They must link to each
other and end at the checkpoint; against the rows held for the device (under the key
bound to it now: a replacement tablet starts a chain of its own) they must:

* start right after the last row held, linking to its hash — else a **gap** (rows the
  helpdesk never got: deleted on the tablet, or lost);
* where they overlap what is held, be exactly what is held — else a **rollback** when
  the chain now ends at or before what was held (an older store restored, or the tail
  cut and written again), a **fork** when it ends beyond (rows rewritten).

A checkpoint without rows (an older console) is only checked against the row held at
its entry. Each finding is an ``AuditAlert`` (``GET /v1/audit/alerts``, logged as a
warning) and the checkpoint is refused (409): nothing of it is kept.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import cast

from sqlalchemy import Integer, String, Table, Text, insert, select
from sqlalchemy.orm import Mapped, Session, mapped_column

from helpdesk.bulk_rows import executemany
from helpdesk.models import Base, UtcDateTime

GENESIS = "0" * 64


class AuditRowHash(Base):
    __tablename__ = "audit_row_hashes"
    device_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    public_key: Mapped[str] = mapped_column(String(64), primary_key=True)
    entry_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    prev_hash: Mapped[str] = mapped_column(String(64), nullable=False)
    hash: Mapped[str] = mapped_column(String(64), nullable=False)


_INSERT_LINK = insert(cast(Table, AuditRowHash.__table__))


class AuditAlert(Base):
    __tablename__ = "audit_alerts"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    device_id: Mapped[str] = mapped_column(String(64), nullable=False, index=True)
    kind: Mapped[str] = mapped_column(String(20), nullable=False)  # gap, fork, rollback
    entry_id: Mapped[int] = mapped_column(Integer, nullable=False)
    detail: Mapped[str] = mapped_column(Text, nullable=False)
    raised_at: Mapped[datetime] = mapped_column(UtcDateTime, nullable=False)


@dataclass(frozen=True, slots=True)
class Link:
    id: int
    prev_hash: str
    hash: str


@dataclass(frozen=True, slots=True)
class Finding:
    kind: str  # gap, fork, rollback, malformed
    entry_id: int
    detail: str


def judge(
    session: Session, device_id: str, key: str, links: list[Link], head: tuple[int, str]
) -> Finding | None:
    """What is wrong with ``links`` (ending at checkpoint ``head``) for this device."""
    if links:
        problem = _malformed(links, head)
        if problem is not None:
            return problem
    last = session.execute(
        select(AuditRowHash.entry_id, AuditRowHash.hash)
        .where(AuditRowHash.device_id == device_id, AuditRowHash.public_key == key)
        .order_by(AuditRowHash.entry_id.desc())
        .limit(1)
    ).first()
    if last is None:
        return None  # the first rows this device sends under this key
    held_id, held_hash = int(last.entry_id), str(last.hash)
    checks = links or [Link(head[0], "", head[1])]
    overlap = [link for link in checks if link.id <= held_id]
    held = _held(session, device_id, key, [link.id for link in overlap])
    for link in overlap:
        kept = held.get(link.id)
        if kept is not None and (
            kept.hash != link.hash or (link.prev_hash and kept.prev_hash != link.prev_hash)
        ):
            # Back at or behind where it was, with another history: a rollback.
            kind = "rollback" if head[0] <= held_id else "fork"
            return Finding(kind, link.id, f"row {link.id} differs from the hash held since")
    if not links:
        return None
    first_new = next((link for link in links if link.id > held_id), None)
    if first_new is None:
        return None  # nothing new: a resend
    if first_new.id > held_id + 1:
        missing = f"{held_id + 1}..{first_new.id - 1}"
        return Finding("gap", held_id + 1, f"rows {missing} never reached the helpdesk")
    if first_new.prev_hash != held_hash:
        return Finding("fork", first_new.id, f"row {first_new.id} does not follow row {held_id}")
    return None


def keep(session: Session, device_id: str, key: str, links: list[Link]) -> None:
    """Store the links not held yet: one insert of plain rows (a replay's checkpoints
    carry a thousand links a request; as ORM objects they cost more than the rest)."""
    held = _held(session, device_id, key, [link.id for link in links])
    rows = [
        {
            "device_id": device_id,
            "public_key": key,
            "entry_id": link.id,
            "prev_hash": link.prev_hash,
            "hash": link.hash,
        }
        for link in links
        if link.id not in held
    ]
    if rows:
        executemany(session, _INSERT_LINK, rows)


def held_links(session: Session, device_id: str, key: str, after: int, limit: int) -> list[Link]:
    rows = session.scalars(
        select(AuditRowHash)
        .where(
            AuditRowHash.device_id == device_id,
            AuditRowHash.public_key == key,
            AuditRowHash.entry_id > after,
        )
        .order_by(AuditRowHash.entry_id)
        .limit(limit)
    )
    return [Link(row.entry_id, row.prev_hash, row.hash) for row in rows]


def _held(session: Session, device_id: str, key: str, ids: list[int]) -> dict[int, Link]:
    if not ids:
        return {}
    rows = session.scalars(
        select(AuditRowHash).where(
            AuditRowHash.device_id == device_id,
            AuditRowHash.public_key == key,
            AuditRowHash.entry_id.in_(ids),
        )
    )
    return {row.entry_id: Link(row.entry_id, row.prev_hash, row.hash) for row in rows}


def _malformed(links: list[Link], head: tuple[int, str]) -> Finding | None:
    for before, after in zip(links, links[1:], strict=False):
        if after.id != before.id + 1:
            return Finding("gap", before.id + 1, f"rows after {before.id} are missing")
        if after.prev_hash != before.hash:
            return Finding("fork", after.id, f"row {after.id} does not follow row {before.id}")
    if links[0].id == 1 and links[0].prev_hash != GENESIS:
        return Finding("fork", 1, "the first row does not start the chain")
    if (links[-1].id, links[-1].hash) != head:
        return Finding("malformed", head[0], "the rows do not end at the checkpoint")
    return None
