"""``Idempotency-Key``: the first answer to a key is stored with the work and replayed.

- The key is looked up before any work; a hit with the same request and body is
  replayed (same status, same body, ``Idempotent-Replayed: true``); a hit with a
  different body is refused (422).
- The answer is stored in the transaction that does the work, so either both
  happen or neither. Only answers of work done (2xx) are stored: an error did
  nothing, and a retry is evaluated afresh (a 404 for an event whose incident has
  not arrived yet becomes a 201 once it has).
- Two concurrent requests with one key cannot both do the work: the key is the
  primary key, the second writer re-checks inside its own transaction, and on
  backends without our write lock its insert fails and the stored answer is replayed.
- A key belongs to the device that first sent it: another device sending it is
  refused (422) and never sees the first device's answer.
- Rows older than the retention are purged lazily by writes, at most once a minute.
"""

import hashlib
import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, cast

from fastapi import HTTPException, status
from fastapi.responses import Response
from sqlalchemy import Table, delete, insert
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from app.wire import fast_json
from helpdesk.bulk_rows import executemany
from helpdesk.context import Context
from helpdesk.db import utcnow
from helpdesk.edge import text_problem
from helpdesk.models import IdempotencyRecord

log = logging.getLogger(__name__)

REPLAYED_HEADER = "Idempotent-Replayed"
MAX_KEY_LENGTH = 200
PURGE_EVERY_SECONDS = 60.0

Work = Callable[[Session, datetime], tuple[int, str]]
"""Does the write in the given session; returns (status, JSON body text)."""


def fingerprint(plain: Any) -> str:
    text = fast_json.dumps_sorted(plain)  # the standard library's text, as keys stored
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def json_response(status_code: int, body: str, *, replayed: bool = False) -> Response:
    headers = {REPLAYED_HEADER: "true"} if replayed else None
    return Response(body, status_code, headers=headers, media_type="application/json")


def check_key(key: str | None) -> str:
    if key is None or not key.strip():
        raise HTTPException(
            status.HTTP_422_UNPROCESSABLE_CONTENT, "Idempotency-Key: header required on writes"
        )
    if len(key) > MAX_KEY_LENGTH or not key.isprintable():
        raise HTTPException(
            status.HTTP_422_UNPROCESSABLE_CONTENT,
            f"Idempotency-Key: at most {MAX_KEY_LENGTH} printable characters",
        )
    problem = text_problem(key)  # it is stored: the rules of every text that comes in
    if problem is not None:
        raise HTTPException(status.HTTP_422_UNPROCESSABLE_CONTENT, f"Idempotency-Key: {problem}")
    return key.strip()


def purge(session: Session, now: datetime, retention: timedelta) -> int:
    result = session.execute(
        delete(IdempotencyRecord).where(IdempotencyRecord.created_at < now - retention)
    )
    return int(getattr(result, "rowcount", 0) or 0)


def lookup(
    session: Session,
    key: str,
    request: str,
    body_sha: str,
    now: datetime,
    retention: timedelta,
    device: str,
) -> Response | None:
    """The stored answer to ``key``, or None; 422 if the key came with another body."""
    record = session.get(IdempotencyRecord, key)
    return replay_of(record, request, body_sha, now, retention, device)


@dataclass(frozen=True, slots=True)
class StoredAnswer:
    """An answer stored in this transaction, read as ``replay_of`` reads a record."""

    key: str
    request: str
    body_sha256: str
    status: int
    response_body: str
    device_id: str
    created_at: datetime


def replay_of(
    record: IdempotencyRecord | StoredAnswer | None,
    request: str,
    body_sha: str,
    now: datetime,
    retention: timedelta,
    device: str,
) -> Response | None:
    if record is None or record.created_at < now - retention:
        return None  # an expired row is purged by the next write that purges
    if record.device_id != device:
        raise HTTPException(
            status.HTTP_422_UNPROCESSABLE_CONTENT,
            "Idempotency-Key: already used by another device",
        )
    if record.request != request or record.body_sha256 != body_sha:
        raise HTTPException(
            status.HTTP_422_UNPROCESSABLE_CONTENT,
            "Idempotency-Key reused with a different body",
        )
    return json_response(record.status, record.response_body, replayed=True)


def remember(
    session: Session,
    key: str,
    request: str,
    body_sha: str,
    answer: tuple[int, str],
    device: str,
    now: datetime,
    expired: IdempotencyRecord | None,
    *,
    later: list[StoredAnswer] | None = None,
) -> StoredAnswer:
    """Store the answer of work done under ``key``, replacing its ``expired`` record.

    Returns the record as stored (written by a plain insert, cheaper than the ORM's
    flush); with ``later``, added to it instead, for ``store_later`` (a batch's
    answers in one statement)."""
    if expired is not None:
        session.delete(expired)
        session.flush()
    stored = StoredAnswer(key, request, body_sha, answer[0], answer[1], device, now)
    if later is None:
        store_later(session, [stored])
    else:
        later.append(stored)
    return stored


def store_later(session: Session, answers: list[StoredAnswer]) -> None:
    """Insert the answers ``remember`` kept for later (one executemany)."""
    if answers:
        names = StoredAnswer.__slots__
        rows = [{name: getattr(answer, name) for name in names} for answer in answers]
        executemany(session, _INSERT_RECORD, rows)


_INSERT_RECORD = insert(cast(Table, IdempotencyRecord.__table__))


def run(
    context: Context,
    key: str | None,
    request: str,
    body: Any,
    device: str,
    staff: str,
    work: Work,
    *,
    property_id: int,
) -> Response:
    """Replay the stored answer to ``key`` or do ``work`` and store its answer with it,
    in a writing transaction of the device's ``property_id``.

    Each write done is logged: what, by which staff member, from which device."""
    key = check_key(key)
    body_sha = fingerprint(body)
    retention = context.settings.idempotency_retention
    with context.db.read() as session:
        replay = lookup(session, key, request, body_sha, utcnow(), retention, device)
    if replay is not None:
        return replay
    for attempt in range(2):
        try:
            with context.db.write(property_id) as session:
                now = utcnow()
                # Re-check under the write lock: a concurrent twin may just have committed.
                record = session.get(IdempotencyRecord, key)
                replay = replay_of(record, request, body_sha, now, retention, device)
                if replay is not None:
                    return replay
                if context.db.due("idempotency-purge", PURGE_EVERY_SECONDS):
                    purge(session, now, retention)
                status_code, text = work(session, now)
                if 200 <= status_code < 300:
                    answer = (status_code, text)
                    remember(session, key, request, body_sha, answer, device, now, record)
            log.info("%s -> %d by staff %s on device %s", request, status_code, staff, device)
            return json_response(status_code, text)
        except IntegrityError:
            # A concurrent request won the key or the record's id: replay its answer,
            # or evaluate once more (the work then sees the stored record).
            with context.db.read() as session:
                replay = lookup(session, key, request, body_sha, utcnow(), retention, device)
            if replay is not None:
                return replay
            if attempt:
                raise
    raise AssertionError("unreachable")
