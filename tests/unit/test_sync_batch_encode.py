"""A batch's operations are encoded when it is sent, off the event loop's thread."""

import asyncio
import json
import threading
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import httpx

from app.sync import batching
from app.sync.batching import WriteBatcher
from app.sync.transport import Answer


class _Helpdesk:
    """Answers each operation of a ``/v1/batch`` with its body, 201; keeps the batches."""

    def __init__(self) -> None:
        self.batches: list[list[str]] = []

    async def request(self, method: str, path: str, **kwargs: Any) -> Answer:
        operations = json.loads(kwargs["content"])["operations"]
        self.batches.append([op["idempotency_key"] for op in operations])
        results = [{"status": 201, "body": op["body"]} for op in operations]
        body = json.dumps({"results": results}).encode()
        return Answer(200, httpx.Headers({"content-type": "application/json"}), body)


def _write(batcher: WriteBatcher, name: str, body: Any = None) -> "asyncio.Future[Answer]":
    return asyncio.ensure_future(
        batcher.request(
            "POST",
            "/incidents",
            json_body={"name": name} if body is None else body,
            staff_token=None,
            idempotency_key=name,
        )
    )


def _run(names: list[str], bodies: dict[str, Any] | None = None) -> tuple[_Helpdesk, list[Any]]:
    """``names`` written at once; the helpdesk and each write's answer (or error)."""
    decoder = ThreadPoolExecutor(1)

    async def offload(work: Any) -> Any:
        return await asyncio.get_running_loop().run_in_executor(decoder, work)

    async def scenario() -> tuple[_Helpdesk, list[Any]]:
        helpdesk = _Helpdesk()
        batcher = WriteBatcher(helpdesk, offload=offload)  # type: ignore[arg-type]
        writes = [_write(batcher, name, (bodies or {}).get(name)) for name in names]
        return helpdesk, await asyncio.gather(*writes, return_exceptions=True)

    try:
        return asyncio.run(scenario())
    finally:
        decoder.shutdown()


def test_the_operations_are_encoded_off_the_loop_s_thread(monkeypatch) -> None:
    encoded_on: set[str] = set()
    encode = batching._ENCODE

    def watched(operation: Any) -> str:
        encoded_on.add(threading.current_thread().name)
        return encode(operation)

    monkeypatch.setattr(batching, "_ENCODE", watched)
    helpdesk, answers = _run(["a", "b", "c"])
    assert helpdesk.batches == [["a", "b", "c"]]
    assert [answer.status for answer in answers] == [201] * 3
    # Each write's encoding took a third of the GUI loop's turn in which a batch woke.
    assert encoded_on and threading.main_thread().name not in encoded_on


def test_operations_over_the_byte_limit_go_in_the_next_batch_in_order(monkeypatch) -> None:
    one = len(batching._ENCODE({"method": "POST"}))  # about a fifth of an operation
    monkeypatch.setattr(batching, "MAX_BATCH_BYTES", one * 12)  # two operations fit
    names = [f"w{n}" for n in range(5)]
    helpdesk, answers = _run(names)
    assert [answer.parsed["name"] for answer in answers] == names
    assert [key for batch in helpdesk.batches for key in batch] == names
    assert max(len(batch) for batch in helpdesk.batches) < len(names)


def test_an_operation_that_cannot_be_encoded_fails_only_its_writer() -> None:
    helpdesk, answers = _run(["a", "nan", "b"], {"nan": {"amount": float("nan")}})
    assert helpdesk.batches == [["a", "b"]]
    assert isinstance(answers[1], ValueError)
    assert [answers[0].status, answers[2].status] == [201, 201]


def test_an_operation_alone_over_the_limit_still_goes(monkeypatch) -> None:
    monkeypatch.setattr(batching, "MAX_BATCH_BYTES", 10)
    helpdesk, answers = _run(["a", "b"])
    assert helpdesk.batches == [["a"], ["b"]]
    assert [answer.status for answer in answers] == [201, 201]
