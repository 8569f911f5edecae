"""A batch's answers settled in one call before their writers wake (``settle_many``)."""

import asyncio
import json
from collections.abc import Coroutine
from typing import Any

import httpx

from app.sync.batching import WriteBatcher
from app.sync.transport import Answer


class _Helpdesk:
    """Answers each operation of a ``/v1/batch`` with its body, 201 (or 409 for "no")."""

    def __init__(self) -> None:
        self.batches = 0

    async def request(self, method: str, path: str, **kwargs: Any) -> Answer:
        assert (method, path) == ("POST", "/batch")
        self.batches += 1
        operations = json.loads(kwargs["content"])["operations"]
        results = [
            {"status": 409 if op["body"]["name"] == "no" else 201, "body": op["body"]}
            for op in operations
        ]
        body = json.dumps({"results": results}).encode()
        return Answer(200, httpx.Headers({"content-type": "application/json"}), body)


def _create(
    batcher: WriteBatcher, name: str, settle: Any, prepare: Any = None
) -> Coroutine[Any, Any, Answer]:
    """The create of an incident ``name`` (its idempotency key too)."""
    return batcher.request(
        "POST",
        "/incidents",
        json_body={"name": name},
        staff_token=None,
        idempotency_key=name,
        prepare=prepare,
        settle=settle,
    )


def _writes(names: list[str], settle_many: Any) -> list[Answer]:
    """``names`` written at once (one batch), each success's name settled."""

    async def scenario() -> list[Answer]:
        helpdesk = _Helpdesk()
        batcher = WriteBatcher(helpdesk, settle_many=settle_many)  # type: ignore[arg-type]
        answers = await asyncio.gather(
            *(
                _create(
                    batcher,
                    name,
                    settle=lambda answer: answer.prepared if answer.status == 201 else None,
                    prepare=lambda body: body["name"],
                )
                for name in names
            )
        )
        assert helpdesk.batches == 1
        return answers

    return asyncio.run(scenario())


def test_the_answers_of_one_batch_are_settled_in_one_call() -> None:
    calls: list[list[str]] = []

    async def settle_many(items: list[str]) -> list[str]:
        calls.append(items)
        return [f"settled {item}" for item in items]

    answers = _writes(["a", "no", "b"], settle_many)
    assert calls == [["a", "b"]]  # the refusal is its writer's to settle
    assert [answer.settled for answer in answers] == ["settled a", None, "settled b"]
    assert [answer.status for answer in answers] == [201, 409, 201]


def test_when_settling_the_batch_fails_each_writer_settles_its_own() -> None:
    async def settle_many(items: list[str]) -> list[str]:
        raise RuntimeError("the store said no")

    answers = _writes(["a", "b"], settle_many)
    assert [(answer.status, answer.settled) for answer in answers] == [(201, None), (201, None)]


def test_a_settle_that_raises_leaves_that_answer_to_its_writer() -> None:
    calls: list[list[str]] = []

    async def settle_many(items: list[str]) -> list[str]:
        calls.append(items)
        return items

    async def scenario() -> list[Answer]:
        batcher = WriteBatcher(_Helpdesk(), settle_many=settle_many)  # type: ignore[arg-type]

        def settle(answer: Answer) -> str:
            if answer.parsed["name"] == "bad":
                raise ValueError("not this one")
            return str(answer.parsed["name"])

        return await asyncio.gather(*(_create(batcher, name, settle) for name in ("bad", "good")))

    answers = asyncio.run(scenario())
    assert calls == [["good"]]
    assert [answer.settled for answer in answers] == [None, "good"]


def test_the_next_batch_goes_while_one_is_being_settled() -> None:
    async def scenario() -> None:
        helpdesk = _Helpdesk()
        release = asyncio.Event()

        async def settle_many(items: list[str]) -> list[str]:
            await release.wait()  # the store busy with the first batch's rows
            return items

        batcher = WriteBatcher(
            helpdesk,  # type: ignore[arg-type]
            in_flight=1,
            max_operations=2,
            settle_many=settle_many,
        )

        def write(name: str) -> asyncio.Future[Answer]:
            return asyncio.ensure_future(
                _create(batcher, name, settle=lambda answer: answer.parsed["name"])
            )

        first = [write("a"), write("b")]
        for _ in range(20):
            await asyncio.sleep(0)
        second = [write("c"), write("d")]
        for _ in range(20):
            await asyncio.sleep(0)
        # The only slot is not held while the first batch's answers wait for the store.
        assert helpdesk.batches == 2 and not any(future.done() for future in first)
        release.set()
        answers = await asyncio.gather(*first, *second)
        assert [answer.settled for answer in answers] == ["a", "b", "c", "d"]

    asyncio.run(scenario())
