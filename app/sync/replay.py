"""Replaying the outbox to the helpdesk: exactly once, in order per incident.

- Bounded concurrency across incidents; within one incident, rows go strictly in
  ``seq`` order and the next is sent only after the previous one's answer is
  committed locally, so a patch or an event never overtakes its create.
- Every request carries the row's idempotency key, fixed when the row was
  written. A lost answer (crash, cut connection) is recovered by sending the same
  key again (the helpdesk replays its first answer) or, for a create already
  tried, by looking the incident up by its id first.
- The answer is applied in the transaction that deletes the row.
- Transient failures wait (full-jitter backoff, never less than ``Retry-After``);
  permanent refusals become dead letters with the helpdesk's message.
"""

from __future__ import annotations

import asyncio
import logging
from collections import deque
from collections.abc import Awaitable, Callable
from functools import partial
from pathlib import Path
from typing import Any

from app.clock import Clock
from app.domain import Incident
from app.ports import UnitOfWork
from app.sync import refetch
from app.sync.backoff import Backoff
from app.sync.batching import WriteBatcher
from app.sync.echoes import OwnEchoes
from app.sync.outbox import OutboxEntry, OutboxKind
from app.sync.replay_audit import checkpoints_together, send_audit_rows
from app.sync.replay_conflicts import settle_version_conflict
from app.sync.replay_guests import send_guest_row
from app.sync.replay_settle import (
    READ_AT_ONCE,
    Answered,
    Settled,
    answered_incident,
    read_more,
    read_pending,
)
from app.sync.replay_steps import RowOutcomes, Step
from app.sync.replay_upload import send_upload_row
from app.sync.sessions import SESSION_REFUSED
from app.sync.staff_tokens import (
    NobodySignedIn,
    SessionRefused,
    SessionUnavailable,
    StaffTokens,
)
from app.sync.storeio import StoreWorker
from app.sync.transport import Answer, HelpdeskTooOld, HelpdeskTransport, Unreachable
from app.wire.contract import (
    MalformedResponse,
    decode_event,
    decode_incident,
)

log = logging.getLogger(__name__)

UNKNOWN_VERSION_ATTEMPTS = 20  # a patch with no known helpdesk version waits this long


class OutboxReplayer:
    def __init__(
        self,
        worker: StoreWorker,
        transport: HelpdeskTransport,
        clock: Clock,
        *,
        backoff: Backoff | None = None,
        concurrency: int = 8,
        data_dir: Path | None = None,
        on_change: Callable[[], None] = lambda: None,
        reenrol: Callable[[str | None], Awaitable[bool]] | None = None,
        batch_writes: bool = True,
        tokens: StaffTokens | None = None,
    ) -> None:
        self._worker = worker
        self._transport = transport
        self._clock = clock
        self._concurrency = max(1, concurrency)
        self.reachable = True  # kept by the engine from the transport's contacts
        self._refetch_due = True  # marks may be left from an earlier run
        self.echoes = OwnEchoes()  # what the feed brings back need not be decoded
        self.outcomes = RowOutcomes(
            worker,
            transport,
            clock,
            backoff or Backoff(),
            data_dir=data_dir,
            on_change=on_change,
            reenrol=reenrol,
            tokens=tokens,
            echoes=self.echoes,
        )
        self.stats = self.outcomes.stats
        # Made once: each row's send looked its sender up in a dict of lambdas it built.
        self._senders: dict[OutboxKind, Callable[[list[OutboxEntry]], Awaitable[Step]]] = {
            OutboxKind.INCIDENT_CREATE: lambda rows: self._create(rows[0]),
            OutboxKind.INCIDENT_PATCH: lambda rows: self._patch(rows[0]),
            OutboxKind.INCIDENT_EVENT: lambda rows: self._event(rows[0]),
            OutboxKind.GUEST_CREATE: lambda rows: send_guest_row(self.outcomes, rows[0]),
            OutboxKind.GUEST_PATCH: lambda rows: send_guest_row(self.outcomes, rows[0]),
            OutboxKind.AUDIT_CHECKPOINT: lambda rows: send_audit_rows(self.outcomes, rows),
            OutboxKind.ATTACHMENT_UPLOAD: lambda rows: send_upload_row(self.outcomes, rows[0]),
        }
        # Incident writes share requests (/v1/batch) when several are ready at once; the
        # rows a batch's answer applied are settled together before their drains wake.
        self.writes = WriteBatcher(
            transport, offload=worker.decode, settle_many=self.outcomes.settle_batch
        )
        self.writes.supported = batch_writes
        self._halted = False
        self._reloaded: dict[str, list[OutboxEntry]] = {}  # rows read with an answer

    async def run_pass(self) -> None:
        """Send everything that is due, until nothing is or the helpdesk is unreachable."""
        self._halted = False
        if self._refetch_due:
            await self._refetch()
        await self._tokens_ahead()
        in_flight: dict[str, asyncio.Task[None]] = {}
        queue: deque[str] = deque()
        look_again = True
        try:
            while True:
                # Unreachable: one incident probes; the rest wait for the reconnect.
                limit = self._concurrency if self.reachable else 1
                while len(in_flight) < limit and not self._halted:
                    if not queue and look_again:
                        queue.extend(await self._due(list(in_flight)))
                        look_again = False
                    if not queue:
                        break
                    entity = queue.popleft()
                    if entity not in in_flight:
                        in_flight[entity] = asyncio.create_task(self._drain(entity))
                if not in_flight:
                    return
                done, _ = await asyncio.wait(
                    in_flight.values(), return_when=asyncio.FIRST_COMPLETED
                )
                for entity, task in list(in_flight.items()):
                    if task in done:
                        del in_flight[entity]
                        if task.exception() is not None:
                            log.error("replay of %s failed", entity, exc_info=task.exception())
                look_again = True
        finally:
            for task in in_flight.values():
                task.cancel()
            if in_flight:
                await asyncio.gather(*in_flight.values(), return_exceptions=True)
            if self.outcomes.tokens is not None:
                self.outcomes.tokens.drop_ahead()

    async def _tokens_ahead(self) -> None:
        """The staff tokens the due rows are sent with, asked for while their rows are
        read (a token exchanged at the first row held every row of the start back)."""
        tokens = self.outcomes.tokens
        if tokens is not None and self.reachable:
            now = self._clock.now()
            tokens.ask_ahead(await self._worker.run(lambda uow: uow.outbox.due_sessions(now)))

    async def aclose(self) -> None:
        """Cancel the batches still travelling (their rows stay in the outbox)."""
        await self.writes.aclose()

    async def _due(self, in_flight: list[str]) -> list[str]:
        now = self._clock.now()
        batch = max(64, self._concurrency * 16)
        return await self._worker.run(lambda uow: uow.outbox.due_entities(now, batch, in_flight))

    async def _drain(self, entity_id: str) -> None:
        # Drains starting together read their rows in one query.
        rows = await self._worker.gathered(read_pending, entity_id)
        index = 0
        while not self._halted:
            if index == len(rows):  # all sent: those read were the first of more?
                if len(rows) < READ_AT_ONCE:
                    return
                # Every row up to the last read is settled or a dead letter.
                more = partial(read_more, entity_id=entity_id, after=rows[-1].seq)
                rows, index = await self._worker.run(more), 0
                continue
            row = rows[index]
            if row.is_dead:
                if row.kind is OutboxKind.INCIDENT_CREATE:
                    return  # nothing of an incident the helpdesk refused can follow
                index += 1
                continue
            if row.next_attempt_at is not None and row.next_attempt_at > self._clock.now():
                return
            together = 1
            if row.kind is OutboxKind.AUDIT_CHECKPOINT:
                together = checkpoints_together(rows, index, self._clock.now())
            step = await self._send(rows[index : index + together])
            if step is Step.NEXT:
                index += 1
            elif step is Step.RELOAD:
                reloaded = self._reloaded.pop(entity_id, None)
                if reloaded is None:
                    reloaded = await self._worker.run(lambda uow: read_more(uow, entity_id))
                rows, index = reloaded, 0
            else:
                return

    async def _send(self, rows: list[OutboxEntry]) -> Step:
        """Send ``rows[0]``, and the rows after it that go in the same request (only
        audit checkpoints do: ``checkpoints_together``)."""
        row = rows[0]
        self.stats.sent += len(rows)
        sender = self._senders.get(row.kind)
        if sender is None:  # written by a newer console: never guess how to send it
            name = row.payload.get("kind", row.kind.value)
            await self.outcomes.dead(row, None, f"this console cannot send a {name!r} change")
            return Step.NEXT
        try:
            return await sender(rows)
        except Unreachable as error:
            # One cut connection is retried like any blip; when the engine has
            # concluded the helpdesk is unreachable, this pass ends here.
            self._halted = not self.reachable
            await self.outcomes.retry(row, None, f"helpdesk unreachable ({error})", None)
            return Step.STOP
        except SessionRefused as error:
            # Never sent under anyone else's session: a dead letter until its author
            # signs in again (``Outbox.adopt``).
            await self.outcomes.dead(row, error.status, f"{SESSION_REFUSED}: {error}")
            return Step.STOP if row.kind is OutboxKind.INCIDENT_CREATE else Step.NEXT
        except SessionUnavailable as error:
            if error.status == 401:
                await self.outcomes.reenrol(error.challenge)
            await self.outcomes.retry(row, None, f"no staff token yet: {error}", None)
            return Step.STOP
        except HelpdeskTooOld as error:
            self._halted = True  # nothing goes until the helpdesk is updated
            log.warning("%s", error)
            await self.outcomes.retry(row, None, str(error), None)
            return Step.STOP
        except MalformedResponse as error:
            log.error("malformed answer to %s %s: %s", row.kind, row.entity_id, error)
            await self.outcomes.retry(row, None, f"malformed answer: {error}", None)
            return Step.STOP

    # One method per kind ---------------------------------------------------------------

    async def _create(self, row: OutboxEntry) -> Step:
        incident_id = row.entity_id
        if row.attempts > 0:  # an earlier try may have landed: ask before sending again
            token = await self.outcomes.staff_token(row)
            found = await self._transport.request(
                "GET", f"/incidents/{incident_id}", staff_token=token
            )
            if found.status == 200:  # it landed: learn its number, take it as it is now
                return await self._done_incident(row, _incident_of(found), None, None)
            if found.status != 404:
                return await self.outcomes.refused(row, found)
        answer = await self.writes.request(
            "POST",
            "/incidents",
            json_body=row.payload,
            staff_token=await self.outcomes.staff_token(row),
            idempotency_key=row.idempotency_key,
            prepare=_incident_in,
            settle=partial(_applied_incident, row, None, (200, 201)),
        )
        if answer.status in (200, 201):
            return await self._done_incident(row, _incident_of(answer), None, answer.settled)
        return await self.outcomes.refused(row, answer)

    async def _patch(self, row: OutboxEntry) -> Step:
        version = row.base_version
        if version is None:  # made before the create was answered: pin what we know now
            version = await self._worker.run(lambda uow: _pin_base_version(uow, row))
        if version is None:
            # An incident we did not create here (demo data, another console's) whose
            # copy the change feed has not brought yet: wait for it, then give up.
            if row.attempts + 1 >= UNKNOWN_VERSION_ATTEMPTS:
                await self.outcomes.dead(row, None, "the helpdesk does not have this incident")
                return Step.NEXT
            await self.outcomes.retry(
                row, None, "waiting for the helpdesk's copy of the incident", None
            )
            return Step.STOP
        answer = await self.writes.request(
            "PATCH",
            f"/incidents/{row.entity_id}",
            json_body=row.payload.get("changes", {}),
            staff_token=await self.outcomes.staff_token(row),
            idempotency_key=row.idempotency_key,
            if_match=version,
            prepare=_incident_in,
            settle=partial(_applied_incident, row, version, (200,)),
        )
        if answer.status == 200:
            return await self._done_incident(row, _incident_of(answer), version, answer.settled)
        if answer.status == 412:
            return await settle_version_conflict(self.outcomes, row, answer)
        return await self.outcomes.refused(row, answer)

    async def _event(self, row: OutboxEntry) -> Step:
        answer = await self.writes.request(
            "POST",
            f"/incidents/{row.entity_id}/events",
            json_body=row.payload,
            staff_token=await self.outcomes.staff_token(row),
            idempotency_key=row.idempotency_key,
            prepare=partial(decode_event, incident_id=row.entity_id),
            settle=partial(_applied_event, row),
        )
        if answer.status in (200, 201):  # checked before the row goes
            answer.prepared_or(partial(decode_event, incident_id=row.entity_id))
            return await self.outcomes.done(row, answer.settled)  # and noted its echo
        return await self.outcomes.refused(row, answer)

    # Outcomes ---------------------------------------------------------------------------

    async def _done_incident(
        self, row: OutboxEntry, incident: Incident, sent: int | None, settled: Settled | None
    ) -> Step:
        """Applied: the row goes; the incident learns its number and version (or had,
        ``settled`` with its batch: ``_applied_incident``).

        ``sent`` is the patch's If-Match (None for a create). Later patches of this
        incident were made on top of the version our own write produced: a create
        produces version 1, a patch the version its answer carries. The answer may be
        newer than that (a create found by a lookup, or sent again, after someone
        else changed it): the later patches still carry ours, so the helpdesk refuses
        them (412) and the clash is put to the user instead of overwriting the other
        edit; and the whole incident is taken, not only its number and version.
        """
        if settled is None:  # else settled with its batch, before the answer came back
            settled = await self.outcomes.settle(answered_incident(row, incident, sent))
        # The incident's rows as they now are, read in the transaction that settled it.
        self._reloaded[row.entity_id] = settled.rows or []
        stale = settled.stale
        if stale:
            self._refetch_due = True
            await self._refetch()
        return Step.RELOAD  # later rows of this incident now carry the new base version

    async def _refetch(self) -> None:
        """Read again the incidents marked stale (a failed read waits for the next pass)."""
        try:
            left = await refetch.refetch_marked(self._worker, self._transport, self._view_token)
            self._refetch_due = left > 0
        except (NobodySignedIn, SessionRefused, SessionUnavailable) as error:
            log.info("stale incidents read again at a later sign-in: %s", error)
        except (Unreachable, MalformedResponse) as error:
            log.info("stale incidents read again later: %s", error)

    async def _view_token(self) -> str | None:
        """The signed-in staff's token: the store holds their view (app/sync/feed.py)."""
        tokens = self.outcomes.tokens
        return None if tokens is None else await tokens.current_token()


def _pin_base_version(uow: UnitOfWork, row: OutboxEntry) -> int | None:
    """The incident's version now, written into the row before it is first sent: a
    resend after a lost answer must carry the same If-Match as the first try."""
    version = uow.incidents.versions([row.entity_id]).get(row.entity_id)
    if version is not None:
        uow.outbox.rebase(row.entity_id, None, version)
    return version


def _applied_incident(
    row: OutboxEntry, sent: int | None, applied: tuple[int, ...], answer: Answer
) -> Answered | None:
    """For the batch's settling (decoding thread): an answer the drain would settle."""
    return answered_incident(row, _incident_of(answer), sent) if answer.status in applied else None


def _applied_event(row: OutboxEntry, answer: Answer) -> Answered | None:
    """For the batch's settling: an event answer the drain would take (it decodes)."""
    if answer.status not in (200, 201):
        return None
    answer.prepared_or(partial(decode_event, incident_id=row.entity_id))
    return Answered(row)


def _incident_in(body: Any) -> Incident:
    return decode_incident(body).incident


def _incident_of(answer: Answer) -> Incident:
    return answer.prepared_or(_incident_in)
