"""Settling the rows the helpdesk applied, many at a time (``StoreWorker.gathered``).

The answers of one ``/v1/batch`` arrive together, up to a hundred; each row's drain
hands its ``Answered`` here and the rows answered meanwhile are settled in one store
transaction, one statement per kind of change for all of them. What happens to each
row is what ``OutboxReplayer`` did row by row: the row leaves the outbox (to the sent
journal), the incident learns its number and version (or, for a newer answer, is
taken whole), its later patches build on the version our write produced, and its
rows as they now are go back to the drain, read in the same transaction.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from app.domain import Incident
from app.ports import UnitOfWork
from app.sync import refetch
from app.sync.apply import merge_incidents
from app.sync.outbox import OutboxEntry
from app.wire.contract import CREATED_VERSION, MalformedResponse


@dataclass(frozen=True, slots=True)
class IncidentAnswer:
    """What the answer to a create or a patch teaches about its incident."""

    number: str | None
    version: int  # the version the answer carries
    sent: int | None  # the patch's If-Match (None for a create)
    produced: int  # the version our own write produced: later patches build on it
    newest: Incident | None  # taken whole: the answer is newer than our write


@dataclass(frozen=True, slots=True)
class Answered:
    """A row the helpdesk applied; ``incident`` for a create's or a patch's answer."""

    row: OutboxEntry
    incident: IncidentAnswer | None = None


@dataclass(frozen=True, slots=True)
class Settled:
    stale: bool = False  # the feed brought a later version meanwhile: read it again
    rows: list[OutboxEntry] | None = None  # the incident's rows now (creates, patches)


READ_AT_ONCE = 250
"""Rows of one entity a drain reads at a time: an incident has a handful, but a shift's
audit checkpoints are thousands (decoding them all held up every drain starting with
theirs, and after each request they were read again)."""


def answered_incident(row: OutboxEntry, incident: Incident, sent: int | None) -> Answered:
    """What the answer to a create or a patch (If-Match ``sent``) teaches: see
    ``OutboxReplayer._done_incident``."""
    if incident.id != row.entity_id:
        raise MalformedResponse(f"answer is about incident {incident.id}, not {row.entity_id}")
    version = incident.version or CREATED_VERSION
    produced = CREATED_VERSION if sent is None else version
    newest: Incident | None = incident if version != produced else None
    return Answered(row, IncidentAnswer(incident.number, version, sent, produced, newest))


def read_pending(uow: UnitOfWork, entity_ids: list[str]) -> list[list[OutboxEntry]]:
    """Each entity's first rows in send order, for drains starting together: one query."""
    found = uow.outbox.pending_for_many(entity_ids, READ_AT_ONCE)
    return [found[entity_id] for entity_id in entity_ids]


def read_more(uow: UnitOfWork, entity_id: str, after: int = 0) -> list[OutboxEntry]:
    """The entity's next rows in send order, after ``seq`` ``after``."""
    return list(uow.outbox.pending_for(entity_id, after=after, limit=READ_AT_ONCE))


def settle_answers(uow: UnitOfWork, answers: list[Answered]) -> list[Settled]:
    """Settle ``answers`` in order; an entity twice starts a new pass, since each pass
    reads the incidents' versions before it writes anything."""
    settled: list[Settled] = []
    start = 0
    while start < len(answers):
        seen: set[str] = set()
        end = start
        while end < len(answers) and answers[end].row.entity_id not in seen:
            seen.add(answers[end].row.entity_id)
            end += 1
        settled.extend(_settle_distinct(uow, answers[start:end]))
        start = end
    return settled


def _settle_distinct(uow: UnitOfWork, answers: Sequence[Answered]) -> list[Settled]:
    incidents = {a.row.entity_id: a.incident for a in answers if a.incident is not None}
    held = uow.incidents.versions(list(incidents)) if incidents else {}
    uow.outbox.complete_many([a.row.seq for a in answers])
    if not incidents:
        return [Settled() for _ in answers]
    uow.outbox.rebase_many([(id_, a.sent, a.produced) for id_, a in incidents.items()])
    newest = [a.newest for a in incidents.values() if a.newest is not None]
    if newest:
        merge_incidents(uow, newest, refresh=True)
    # Our own write's answer: what we hold, plus the number and version.
    uow.incidents.set_server_identities(
        [(id_, a.number, a.version) for id_, a in incidents.items() if a.newest is None]
    )
    stale = {
        id_
        for id_, a in incidents.items()
        if a.sent is not None and (held.get(id_) or 0) > a.version
    }
    for incident_id in stale:
        # The feed brought a later version while this row waited, keeping our value
        # of its fields: read the incident again (app/sync/refetch.py).
        refetch.mark(uow, incident_id)
    rows = uow.outbox.pending_for_many(list(incidents))
    return [
        Settled()
        if a.incident is None
        else Settled(a.row.entity_id in stale, rows[a.row.entity_id])
        for a in answers
    ]
