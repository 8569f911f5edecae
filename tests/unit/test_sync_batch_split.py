"""A batch's answer split per operation, each success's body prepared off the loop."""

import json
from typing import Any

import httpx
import msgspec
import pytest

from app.sync.batching import _split
from app.sync.transport import Answer
from app.wire import fast_json
from app.wire.contract import MalformedResponse, decode_event


def _batch_answer(*results: dict) -> Answer:
    body = json.dumps({"results": list(results)}).encode()
    return Answer(200, httpx.Headers({"content-type": "application/json"}), body)


def _strict(body: dict) -> str:
    if "id" not in body:
        raise MalformedResponse("no id")
    return f"prepared {body['id']}"


def test_a_success_is_prepared_once_and_a_refusal_is_not() -> None:
    calls: list[dict] = []

    def prepare(body: dict) -> str:
        calls.append(body)
        return _strict(body)

    answers = _split(
        _batch_answer({"status": 201, "body": {"id": "a"}}, {"status": 409, "body": {"id": "b"}}),
        [prepare, prepare],
    )
    assert answers[0].prepared_or(prepare) == "prepared a"
    assert calls == [{"id": "a"}]  # taken as made, not made again
    assert answers[1].prepared_or(lambda body: "by the task") == "by the task"


def test_a_body_the_prepare_refuses_is_refused_again_where_the_task_reads_it() -> None:
    [answer] = _split(_batch_answer({"status": 200, "body": {"no": "id"}}), [_strict])
    with pytest.raises(MalformedResponse, match="no id"):
        answer.prepared_or(_strict)
    [event] = _split(_batch_answer({"status": 201, "body": {"kind": "?"}}), [decode_event])
    with pytest.raises(MalformedResponse):
        event.prepared_or(decode_event)


def test_the_results_are_parsed_each_in_a_call_of_its_own(monkeypatch) -> None:
    """One json.loads of a hundred results held the GIL a millisecond; the GUI's thread,
    woken meanwhile, waited for it."""
    parsed: list[int] = []
    decode = msgspec.json.decode

    def watched(text: Any, *args: Any, **kwargs: Any) -> Any:
        parsed.append(len(text))
        return decode(text, *args, **kwargs)

    monkeypatch.setattr(fast_json.msgspec.json, "decode", watched)
    results = [{"status": 201, "body": {"id": f"i-{n}", "summary": "x" * 200}} for n in range(50)]
    answer = _batch_answer(*results)
    answers = _split(answer, [None] * 50)
    assert [each.parsed["id"] for each in answers] == [f"i-{n}" for n in range(50)]
    assert len(parsed) >= 50 and max(parsed) < len(answer.body) // 10


def test_a_batch_answer_that_is_not_json_is_malformed() -> None:
    answer = Answer(200, httpx.Headers({"content-type": "application/json"}), b'{"results": [')
    with pytest.raises(MalformedResponse, match="not JSON"):
        _split(answer, [None])
