"""The replay's incident writes, many per request (``POST /v1/batch``).

Each drain of the replayer still sends one row and waits for its own answer; the
batcher only carries the rows that are waiting at the same moment in one request.
Each operation keeps its own ``Idempotency-Key``, staff token and ``If-Match``, and its
answer is what the write alone would have answered, so exactly-once, per-incident
order, conflicts and dead letters work the same, batched or not.

- At most ``in_flight`` batches travel at once; while one is out, the next fills
  (up to ``max_operations``), so a long replay goes in full batches and a single
  write from the floor goes at once.
- A batch lost on the way (cut connection, malformed answer) fails each of its
  operations the same way, and each row is retried under its own key.
- A helpdesk without ``/v1/batch`` (404/405) is sent each write alone, at most
  ``alone_concurrency`` at a time; so is a batch it refuses as a whole (413/422).
- Other whole-batch refusals (401, 429, 5xx) are each operation's answer.

A batch's operations are encoded when it is sent, by ``offload`` (the engine's decoding
thread), which also parses and splits the answer: encoded as each write queued, a
hundred of them took a third of the loop's turn in which a batch's writers woke (the
GUI's thread, in the console). Operations that would take a batch over
``MAX_BATCH_BYTES`` go back to the front of the queue, for the next one.

A write may also say what of its success is to be ``settle``d (also off the loop);
those of one answer are handed to ``settle_many`` in one call, before any of their
writers wakes, and each answer carries its result (``Answer.settled``). Woken to settle
each its own, a hundred writers took twice the loop's turns (the replay: the answer
applied and the row deleted in one store transaction for the whole batch). If that
call fails, no answer carries a result and each writer settles its own, as unbatched.
"""

from __future__ import annotations

import asyncio
import json
import logging
import re
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from functools import partial
from typing import Any, TypeVar

import httpx

from app.sync.transport import MAX_PAGE_BYTES, UNPARSED, Answer, HelpdeskTransport, Unreachable
from app.wire.contract import MalformedResponse

log = logging.getLogger(__name__)

MAX_OPERATIONS = 100  # the contract's limit per batch
MAX_BATCH_BYTES = 1 << 20  # well under the helpdesk's 4 MiB
# "METHOD path": one match per write (a table of three took a tenth of a write's send)
_BATCHABLE = re.compile(r"POST /incidents(?:/[^/]+/events)?|PATCH /incidents/[^/]+")
_JSON = httpx.Headers({"content-type": "application/json"})
# Made once: ``json.dumps`` with options builds an encoder for every write it encodes.
_ENCODE = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"), allow_nan=False).encode
T = TypeVar("T")
Offload = Callable[[Callable[[], T]], Awaitable[T]]
SettleMany = Callable[[list[Any]], Awaitable[list[Any]]]  # one result per item, in order


async def _inline(work: Callable[[], T]) -> T:
    return work()


def batchable(method: str, path: str) -> bool:
    return _BATCHABLE.fullmatch(f"{method} {path}") is not None


@dataclass(slots=True)
class _Waiting:
    operation: dict[str, Any]
    future: asyncio.Future[Answer]
    prepare: Callable[[Any], Any] | None = None  # for a success's body, off the loop
    settle: Callable[[Answer], Any] | None = None  # what of the answer settle_many takes


class WriteBatcher:
    def __init__(
        self,
        transport: HelpdeskTransport,
        *,
        max_operations: int = MAX_OPERATIONS,
        in_flight: int = 2,
        alone_concurrency: int = 8,
        offload: Offload[Any] = _inline,
        settle_many: SettleMany | None = None,
    ) -> None:
        self._transport = transport
        self._offload = offload
        self._settle_many = settle_many
        self._max_operations = max(1, min(max_operations, MAX_OPERATIONS))
        self._in_flight = max(1, in_flight)
        self._alone = asyncio.Semaphore(max(1, alone_concurrency))
        self._queue: list[_Waiting] = []
        self._sending: set[asyncio.Task[None]] = set()
        self._settling: set[asyncio.Task[None]] = set()  # answers being settled, slot freed
        self._dispatcher: asyncio.Task[None] | None = None
        self._filled = asyncio.Event()  # a full batch waits: send it if a slot is free
        self.supported = True  # False once the helpdesk answered that it has no /v1/batch
        self.batches_sent = 0

    async def request(
        self,
        method: str,
        path: str,
        *,
        json_body: Any,
        staff_token: str | None,
        idempotency_key: str,
        if_match: int | None = None,
        prepare: Callable[[Any], Any] | None = None,
        settle: Callable[[Answer], Any] | None = None,
    ) -> Answer:
        """The write's own answer, whether it travelled alone or in a batch. In a batch,
        ``prepare`` (pure: any thread) is applied to a success's body with the answer's
        parsing, off the event loop; see ``Answer.prepared_or``. Then ``settle`` (pure)
        makes of the answer an item for ``settle_many`` (None, or raising: nothing),
        whose result the answer carries in ``settled``; alone, it carries none."""
        if not self.supported or not batchable(method, path):
            key = idempotency_key
            return await self._send_alone(method, path, json_body, staff_token, key, if_match)
        operation: dict[str, Any] = {
            "method": method,
            "path": path,
            "idempotency_key": idempotency_key,
            "staff_token": staff_token or "",
            "body": json_body,
        }
        if if_match is not None:
            operation["if_match"] = str(if_match)
        future: asyncio.Future[Answer] = asyncio.get_running_loop().create_future()
        self._queue.append(_Waiting(operation, future, prepare, settle))
        if len(self._queue) >= self._max_operations:
            self._filled.set()
        if self._dispatcher is None or self._dispatcher.done():
            self._dispatcher = asyncio.create_task(self._dispatch())
        return await future

    async def aclose(self) -> None:
        tasks = [*self._sending, *self._settling, *([self._dispatcher] if self._dispatcher else [])]
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
        for waiting in self._queue:
            waiting.future.cancel()
        self._queue.clear()

    # Dispatch -----------------------------------------------------------------------------

    async def _dispatch(self) -> None:
        await asyncio.sleep(0)  # rows made ready in this same turn of the loop come along
        while self._queue:
            if len(self._sending) >= self._in_flight or (
                self._sending and len(self._queue) < self._max_operations
            ):
                # A batch is out: the next one fills until it is full or a slot frees.
                self._filled.clear()
                filled = asyncio.create_task(self._filled.wait())
                await asyncio.wait({*self._sending, filled}, return_when=asyncio.FIRST_COMPLETED)
                filled.cancel()
                await asyncio.sleep(0)
                continue
            batch = self._take()
            task = asyncio.create_task(self._send(batch))
            self._sending.add(task)
            task.add_done_callback(self._sending.discard)

    def _take(self) -> list[_Waiting]:
        taken = self._max_operations  # by count: the size is known once encoded (_encode)
        batch, self._queue = self._queue[:taken], self._queue[taken:]
        return batch

    def _put_back(self, waitings: list[_Waiting]) -> None:
        """Operations a batch had no room for: first in the queue, for the next batch."""
        self._queue[:0] = waitings
        if len(self._queue) >= self._max_operations:
            self._filled.set()
        if self._dispatcher is None or self._dispatcher.done():
            self._dispatcher = asyncio.create_task(self._dispatch())

    async def _send(self, batch: list[_Waiting]) -> None:
        batch = [waiting for waiting in batch if not waiting.future.done()]
        if not batch:
            return
        if not self.supported:  # learnt while this batch waited
            await asyncio.gather(*(self._alone_for(waiting) for waiting in batch))
            return
        try:
            body, batch, unfit, later = await self._offload(partial(_encode, batch))
            for waiting, error in unfit:  # its writer meets the error, as if it encoded it
                _fail(waiting.future, error)
            if later:
                self._put_back(later)
            if not batch:
                return
            answer = await self._transport.request(
                "POST",
                "/batch",
                content=body,
                content_type="application/json",
                max_bytes=MAX_PAGE_BYTES,
            )
            self.batches_sent += 1
            if answer.status in (404, 405):
                log.info("the helpdesk has no /v1/batch: writes are sent one by one")
                self.supported = False
            if answer.status in (404, 405, 413, 422):
                await asyncio.gather(*(self._alone_for(waiting) for waiting in batch))
                return
            prepares = [waiting.prepare for waiting in batch]
            settles = [waiting.settle for waiting in batch]
            answers, items = await self._offload(
                lambda: _to_settle(_split(answer, prepares), settles)
            )
        except (Unreachable, MalformedResponse) as error:
            for waiting in batch:
                _fail(waiting.future, type(error)(str(error)))
            return
        except BaseException as error:
            for waiting in batch:
                _fail(waiting.future, error)
            raise
        if self._settle_many is None or all(item is None for item in items):
            _answer(batch, answers)
            return
        # Settled apart from this send: the next batch need not wait for the store.
        settling = asyncio.create_task(self._settle_then_answer(batch, answers, items))
        self._settling.add(settling)
        settling.add_done_callback(self._settling.discard)

    async def _settle_then_answer(
        self, batch: list[_Waiting], answers: list[Answer], items: list[Any]
    ) -> None:
        try:
            await self._settle(batch, answers, items)
        except BaseException as error:  # cancelled: aclose
            for waiting in batch:
                _fail(waiting.future, error)
            raise
        _answer(batch, answers)

    async def _settle(self, batch: list[_Waiting], answers: list[Answer], items: list[Any]) -> None:
        """Settle the items of the writes still waiting, in one call; their answers then
        carry the results (in place in ``answers``)."""
        todo = [
            i for i, item in enumerate(items) if item is not None and not batch[i].future.done()
        ]
        if not todo:
            return
        assert self._settle_many is not None
        try:
            results = await self._settle_many([items[i] for i in todo])
        except Exception:  # noqa: BLE001 - each writer settles its own, as unbatched
            log.warning("settling a batch's %d answers failed", len(todo), exc_info=True)
            return
        for i, result in zip(todo, results, strict=True):
            a = answers[i]
            answers[i] = Answer(a.status, a.headers, a.body, a.parsed, a.prepared, result)

    async def _alone_for(self, waiting: _Waiting) -> None:
        op = waiting.operation
        if_match = op.get("if_match")
        try:
            answer = await self._send_alone(
                op["method"],
                op["path"],
                op["body"],
                op["staff_token"] or None,
                op["idempotency_key"],
                None if if_match is None else int(if_match),
            )
        except Exception as error:  # noqa: BLE001 - handed to the row's own drain
            _fail(waiting.future, error)
            return
        if not waiting.future.done():
            waiting.future.set_result(answer)

    async def _send_alone(
        self,
        method: str,
        path: str,
        body: Any,
        staff_token: str | None,
        key: str,
        if_match: int | None,
    ) -> Answer:
        async with self._alone:
            return await self._transport.request(
                method,
                path,
                json_body=body,
                staff_token=staff_token,
                idempotency_key=key,
                if_match=if_match,
            )


def _answer(batch: list[_Waiting], answers: list[Answer]) -> None:
    for waiting, each in zip(batch, answers, strict=True):
        if not waiting.future.done():
            waiting.future.set_result(each)


def _encode(
    batch: list[_Waiting],
) -> tuple[bytes, list[_Waiting], list[tuple[_Waiting, Exception]], list[_Waiting]]:
    """Off the loop: the body ``{"operations": [...]}``; the operations it holds, those
    that cannot be encoded (with why), and those left for a later batch: over
    ``MAX_BATCH_BYTES`` (a batch holds at least one). One operation at a time, so the
    GUI's thread can take the GIL between them."""
    texts: list[bytes] = []
    held: list[_Waiting] = []
    unfit: list[tuple[_Waiting, Exception]] = []
    size = 0
    for i, waiting in enumerate(batch):
        try:
            text = _ENCODE(waiting.operation).encode()
        except Exception as error:  # noqa: BLE001 - its writer's, not the batch's
            unfit.append((waiting, error))
            continue
        if texts and size + len(text) + 1 > MAX_BATCH_BYTES:
            return _joined(texts), held, unfit, batch[i:]
        texts.append(text)
        held.append(waiting)
        size += len(text) + 1
    return _joined(texts), held, unfit, []


def _joined(texts: list[bytes]) -> bytes:
    return b'{"operations":[' + b",".join(texts) + b"]}"


def _split(answer: Answer, prepares: list[Callable[[Any], Any] | None]) -> list[Answer]:
    """One answer per operation; a whole-batch refusal is every operation's answer.
    A success's body is also prepared here: a hundred answers decoded by their
    hundred tasks at once held the event loop's thread (the GUI's) for ~10 ms."""
    expected = len(prepares)
    if answer.status != 200:
        return [answer] * expected
    # A hundred results in one json.loads held the GIL for a millisecond: the GUI's
    # thread, woken meanwhile, waited that long for it.
    data = answer.json(apart="results")
    results = data.get("results") if isinstance(data, dict) else None
    if not isinstance(results, list) or len(results) != expected:
        raise MalformedResponse(f"batch answer: expected {expected} results")
    answers = []
    for result, prepare in zip(results, prepares, strict=True):
        if not isinstance(result, dict):
            raise MalformedResponse("batch answer: a result is not an object")
        code, body = result.get("status"), result.get("body")
        if not isinstance(code, int) or not 100 <= code <= 599 or not isinstance(body, dict):
            raise MalformedResponse("batch answer: a result without status or body")
        answers.append(
            Answer(code, _JSON, b"", parsed=body, prepared=_prepared(body, code, prepare))
        )
    return answers


def _to_settle(
    answers: list[Answer], settles: list[Callable[[Answer], Any] | None]
) -> tuple[list[Answer], list[Any]]:
    """The answers, and what of each is to be settled (None: nothing, left to its writer)."""
    items: list[Any] = []
    for answer, settle in zip(answers, settles, strict=True):
        item = None
        if settle is not None:
            try:
                item = settle(answer)
            except Exception:  # noqa: BLE001 - the writer meets it again on its own
                item = None
        items.append(item)
    return answers, items


def _prepared(body: Any, code: int, prepare: Callable[[Any], Any] | None) -> Any:
    """``prepare(body)`` for a success; else (or if it fails) left to the task, which
    then meets the same error where it always did."""
    if prepare is None or not 200 <= code < 300:
        return UNPARSED
    try:
        return prepare(body)
    except Exception:  # noqa: BLE001 - raised again by the task's own decoding
        return UNPARSED


def _fail(future: asyncio.Future[Answer], error: BaseException) -> None:
    if not future.done():
        future.set_exception(error)
