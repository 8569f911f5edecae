"""app.wire.fast_json gives the standard library's answers, msgspec or not."""

import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.wire import fast_json

_plain = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(), inner, max_size=4),
    max_leaves=20,
)


@given(st.dictionaries(st.text(), _plain, max_size=6))
def test_dumps_writes_what_json_writes(value: dict[str, object]) -> None:
    assert fast_json.dumps(value) == json.dumps(value, ensure_ascii=False, separators=(",", ":"))


@given(_plain)
def test_dumps_of_any_value_writes_what_json_writes(value: object) -> None:
    assert fast_json.dumps(value) == json.dumps(value, ensure_ascii=False, separators=(",", ":"))


@given(_plain)
def test_dumps_sorted_writes_what_json_writes_with_sorted_keys(value: object) -> None:
    expected = json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    assert fast_json.dumps_sorted(value) == expected


@given(_plain)
def test_loads_reads_what_json_reads(value: object) -> None:
    text = json.dumps(value, ensure_ascii=False)
    assert fast_json.loads(text.encode("utf-8", "surrogatepass")) == json.loads(text)


@pytest.mark.parametrize(
    "text", ['{"a": NaN}', '{"a": 123456789012345678901234567890}', '["\\ud800"]', "[1e400]"]
)
def test_what_msgspec_refuses_json_reads(text: str) -> None:
    loaded, expected = fast_json.loads(text), json.loads(text)
    assert repr(loaded) == repr(expected)


def test_not_json_raises_as_json_does() -> None:
    with pytest.raises(ValueError):
        fast_json.loads(b"{not json")


def test_a_lone_surrogate_is_written_as_json_writes_it() -> None:
    value = {"a": "\ud800"}
    assert fast_json.dumps(value) == json.dumps(value, ensure_ascii=False, separators=(",", ":"))


@pytest.mark.parametrize(
    "text",
    [
        b'{"items":[{"seq":1,"data":{"a":[1,"\\u00e9"]}},2,null],"next_cursor":"c","end":true}',
        b'{"items":{"not":"a list"},"next_cursor":"c"}',
        b'{"next_cursor":"c"}',
        b'{"items":[1],"items":[2]}',
        b'{"items":[NaN]}',
        b"[1, 2]",
        b'"text"',
    ],
)
def test_a_page_read_item_by_item_is_what_json_reads(text: bytes) -> None:
    assert fast_json.loads_items_apart(text) == json.loads(text) or repr(
        fast_json.loads_items_apart(text)
    ) == repr(json.loads(text))


def test_a_page_that_is_not_json_raises_as_json_does() -> None:
    with pytest.raises(ValueError):
        fast_json.loads_items_apart(b'{"items":[1,')
