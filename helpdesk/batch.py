"""Many incident writes in one request and one transaction (``POST /v1/batch``).

Each operation is exactly the write it would be if sent alone: the same checks
(staff token and role, body, ``If-Match``), the same ``Write`` and so the same idempotency record
under its own key, the same answer. Only the cost is shared: one request, one
authentication, one transaction with one commit and one wake-up of the feed.

- Operations run in the order given: a client puts an incident's rows in order.
- A write that raises (404, a constraint) is undone alone and answers its error;
  the others stand (the batch is run again with a savepoint around each write).
- Keys are looked up in one query; a key seen twice in a batch replays the first.
"""

import logging
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TypeVar

from fastapi import HTTPException, status
from pydantic import BaseModel, ValidationError
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from app.actor import Actor
from helpdesk import batch_reads, batch_writes, writes
from helpdesk.changes import dumps
from helpdesk.context import Context
from helpdesk.db import utcnow
from helpdesk.errors import describe_errors
from helpdesk.idempotency import (
    PURGE_EVERY_SECONDS,
    StoredAnswer,
    check_key,
    purge,
    remember,
    replay_of,
    store_later,
)
from helpdesk.models import DEFAULT_PROPERTY, IdempotencyRecord
from helpdesk.schemas import (
    BatchOperation,
    EventCreate,
    IncidentCreate,
    IncidentPatch,
    canonical_uuid,
)
from helpdesk.staff import StaffTokenRefused, resolve
from helpdesk.writes import Write

log = logging.getLogger(__name__)

Result = tuple[int, str, bool]  # status, JSON body text, replayed
_UUID = r"([^/]{1,40})"
M = TypeVar("M", bound=BaseModel)
_Builder = Callable[[Context, list[str], BatchOperation, Actor], Write]
SignedIn = Callable[[str], Actor | StaffTokenRefused]


def _parse(model: type[M], operation: BatchOperation) -> M:
    return model.model_validate(operation.body)


def _create(context: Context, _ids: list[str], op: BatchOperation, actor: Actor) -> Write:
    return writes.create_incident(context, _parse(IncidentCreate, op), actor)


def _patch(context: Context, ids: list[str], op: BatchOperation, actor: Actor) -> Write:
    body = _parse(IncidentPatch, op)
    return writes.patch_incident(context, ids[0], body, op.if_match, actor)


def _event(context: Context, ids: list[str], op: BatchOperation, actor: Actor) -> Write:
    return writes.add_event(context, ids[0], _parse(EventCreate, op), actor)


ROUTES: tuple[tuple[str, re.Pattern[str], _Builder], ...] = (
    ("POST", re.compile(r"/incidents"), _create),
    ("PATCH", re.compile(rf"/incidents/{_UUID}"), _patch),
    ("POST", re.compile(rf"/incidents/{_UUID}/events"), _event),
)
"""What may go in a batch: the incident writes a console's outbox replays."""


@dataclass(frozen=True, slots=True)
class Prepared:
    key: str
    staff: str
    write: Write


def _error(status_code: int, detail: str) -> Result:
    return status_code, dumps({"detail": detail}), False


def prepare(context: Context, operation: BatchOperation, signed_in: SignedIn) -> Prepared | Result:
    """The operation's write, or the error it would have answered alone."""
    actor = signed_in(operation.staff_token)
    if isinstance(actor, StaffTokenRefused):
        return status.HTTP_401_UNAUTHORIZED, dumps(actor.body()), False
    for method, pattern, build in ROUTES:
        match = pattern.fullmatch(operation.path)
        if match is None or method != operation.method:
            continue
        try:
            ids = [canonical_uuid(value) for value in match.groups()]
            write = build(context, ids, operation, actor)
            key = check_key(operation.idempotency_key)
        except ValueError as error:
            if isinstance(error, ValidationError):
                return _error(422, describe_errors(error.errors())[0])
            return _error(422, f"path: {error}")
        except HTTPException as error:
            return _error(error.status_code, str(error.detail))
        return Prepared(key, actor.staff_id, write)
    return _error(status.HTTP_404_NOT_FOUND, f"{operation.method} {operation.path}: not batchable")


def staff_lookup(context: Context, device: str) -> SignedIn:
    """Who each staff token is on ``device`` (or why not), resolved once per batch."""
    seen: dict[str, Actor | StaffTokenRefused] = {}

    def signed_in(token: str) -> Actor | StaffTokenRefused:
        if token not in seen:
            try:
                seen[token] = resolve(context, device, token)
            except StaffTokenRefused as refused:
                seen[token] = refused
        return seen[token]

    return signed_in


def execute(
    context: Context,
    device: str,
    prepared: list[Prepared | Result],
    property_id: int = DEFAULT_PROPERTY,
) -> list[Result]:
    """Run the prepared writes in one transaction; errors pass through in place.

    First without savepoints (each costs two statements per write); if any write
    fails by raising, that whole attempt is rolled back and the batch runs again
    with a savepoint around each write, so the failure is undone alone."""
    try:
        results = _execute(context, device, prepared, property_id, careful=False)
    except _Raised:
        results = _execute(context, device, prepared, property_id, careful=True)
    for item, result in zip(prepared, results, strict=True):
        if isinstance(item, Prepared):
            log.info(
                "%s -> %d by staff %s on device %s (batch%s)",
                item.write.request,
                result[0],
                item.staff,
                device,
                ", replayed" if result[2] else "",
            )
    return results


class _Raised(Exception):
    """A write raised in a batch run without savepoints."""


def _execute(
    context: Context,
    device: str,
    prepared: list[Prepared | Result],
    property_id: int,
    *,
    careful: bool,
) -> list[Result]:
    retention = context.settings.idempotency_retention
    writes_ = [item for item in prepared if isinstance(item, Prepared)]
    results: list[Result] = []
    with context.db.write(property_id) as session:  # the device's property's writes
        records = _records(session, [item.key for item in writes_])
        batch_reads.read_ahead(session, (item.write.named for item in writes_))
        if not careful:
            # At most one change row per write, two for an event (its incident's deadlines).
            rows = sum(1 + (item.write.named.event_id is not None) for item in writes_)
            batch_writes.begin(session, rows)
        if context.db.due("idempotency-purge", PURGE_EVERY_SECONDS):
            purge(session, utcnow(), retention)
        # Without savepoints the answers are stored together at the end: a failure
        # there undoes the whole attempt like any other.
        later: list[StoredAnswer] | None = None if careful else []
        for item in prepared:
            if isinstance(item, Prepared):
                results.append(_run_one(session, item, records, device, retention, later))
            else:
                results.append(item)
        try:
            batch_writes.finish(session)
            store_later(session, later or [])
        except IntegrityError as error:
            raise _Raised from error
    return results


Records = dict[str, IdempotencyRecord | StoredAnswer | None]


def _records(session: Session, keys: list[str]) -> Records:
    query = select(IdempotencyRecord).where(IdempotencyRecord.key.in_(keys))
    found: Records = {row.key: row for row in session.scalars(query)}
    return found


def _run_one(
    session: Session,
    item: Prepared,
    records: Records,
    device: str,
    retention: timedelta,
    later: list[StoredAnswer] | None,
) -> Result:
    """One write; ``later``: None to run it in a savepoint of its own (careful), else
    where its stored answer waits for the batch's one insert."""
    now: datetime = utcnow()
    body_sha = item.write.body_sha256
    record = records.get(item.key)
    try:
        replay = replay_of(record, item.write.request, body_sha, now, retention, device)
    except HTTPException as error:
        return _error(error.status_code, str(error.detail))
    if replay is not None:
        return replay.status_code, bytes(replay.body).decode("utf-8"), True
    savepoint = session.begin_nested() if later is None else None
    expired = record if isinstance(record, IdempotencyRecord) else None
    try:
        status_code, text = item.write.work(session, now)
        if 200 <= status_code < 300:
            answer = (status_code, text)
            records[item.key] = remember(
                session,
                item.key,
                item.write.request,
                body_sha,
                answer,
                device,
                now,
                expired,
                later=later,
            )
        if savepoint is not None:
            savepoint.commit()
    except (HTTPException, IntegrityError) as error:
        if savepoint is None:
            raise _Raised from error
        savepoint.rollback()
        batch_reads.forget(session)  # what was read ahead may have been undone
        if isinstance(error, HTTPException):
            return _error(error.status_code, str(error.detail))
        # A concurrent writer (PostgreSQL) took an id first: this one is sent again.
        return _error(status.HTTP_503_SERVICE_UNAVAILABLE, "conflicted with a concurrent write")
    return status_code, text, False


def answer_json(results: list[Result]) -> str:
    """``{"results": [...]}`` around the answers' JSON texts, without parsing them again."""
    items = (
        f'{{"status":{code},"replayed":{"true" if replayed else "false"},"body":{text}}}'
        for code, text, replayed in results
    )
    return '{"results":[' + ",".join(items) + "]}"
