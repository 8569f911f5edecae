"""The live feed cut into events off the loop: the change events httpx-sse would give,
whatever the cuts between reads; a frame too long refused, what came before kept."""

from httpx_sse._decoders import SSEDecoder, SSELineDecoder
from hypothesis import given, settings
from hypothesis import strategies as st

from app.sync.sse_frames import ChangeFrames

LIMIT = 1000


def reference(text: str) -> list[str]:
    """httpx-sse's reading of ``text`` (as EventSource.aiter_sse does): its change
    events' data."""
    lines, decoder, found = SSELineDecoder(), SSEDecoder(), []
    for line in lines.decode(text) + lines.flush():
        event = decoder.decode(line.rstrip("\n"))
        if event is not None and event.event == "change":
            found.append(event.data)
    return found


def ours(chunks: list[str]) -> list[str]:
    frames, found = ChangeFrames(LIMIT), []
    for chunk in chunks:
        events, refused = frames.feed(chunk)
        assert refused is None
        found.extend(events)
    return found


def cut(text: str, positions: list[int]) -> list[str]:
    edges = sorted({0, len(text), *(p % (len(text) + 1) for p in positions)})
    return [text[a:b] for a, b in zip(edges, edges[1:], strict=False)]


line_ends = st.sampled_from(["\n", "\r\n", "\r"])
values = st.text(alphabet=st.sampled_from(list('ab{}:" é中')), max_size=12)
fields = st.one_of(
    st.builds(lambda v: f"data: {v}", values),
    st.builds(lambda v: f"data:{v}", values),
    st.just("data"),
    st.sampled_from(["event: change", "event:change", "event: ping", "id: 7", "retry: 9"]),
    st.builds(lambda v: f": {v}", values),  # a comment
    st.builds(lambda v: f"other: {v}", values),  # an unknown field
    st.just(""),  # a blank line: dispatch
)
streams = st.lists(st.tuples(fields, line_ends), max_size=40).map(
    lambda parts: "".join(field + end for field, end in parts) + "\n\n"
)


@settings(max_examples=300, deadline=None)
@given(streams, st.lists(st.integers(min_value=0, max_value=10_000), max_size=8))
def test_the_same_change_events_as_httpx_sse_wherever_the_reads_cut(
    text: str, positions: list[int]
) -> None:
    # Empty data aside: httpx-sse also dispatches an event that had no data line, which
    # the standard does not (the next test).
    assert [d for d in ours(cut(text, positions)) if d] == [d for d in reference(text) if d]


def test_an_event_without_a_data_line_is_not_dispatched_one_with_an_empty_one_is() -> None:
    assert ours(["event: change\n\nevent: change\ndata\n\n"]) == [""]


def test_a_crlf_cut_between_two_reads_ends_one_line() -> None:
    text = "event: change\r\ndata: {}\r\n\r\nevent: change\r\ndata: [1]\r\n\r\n"
    at_cr = text.index("\r\n") + 1
    assert ours([text[:at_cr], text[at_cr:]]) == ["{}", "[1]"]
    assert ours(list(text)) == ["{}", "[1]"]  # one character per read


def test_multi_line_data_joins_with_line_feeds_and_other_events_are_skipped() -> None:
    text = "event: ping\ndata: x\n\n: keep-alive\n\nevent: change\ndata: a\ndata: b\n\n"
    assert ours([text]) == ["a\nb"]


def test_a_too_long_item_is_refused_and_what_came_before_it_kept() -> None:
    frames = ChangeFrames(LIMIT)
    first = "event: change\ndata: {}\n\n"
    huge = "event: change\ndata: " + "x" * (LIMIT + 1) + "\n\n"
    events, refused = frames.feed(first + huge + first)
    assert events == ["{}"]
    assert refused is not None and "over 1000" in str(refused)
    assert frames.feed(first) == ([], refused)  # nothing after it, ever


def test_an_endless_line_is_refused_before_it_fills_the_memory() -> None:
    frames = ChangeFrames(LIMIT)
    refused = None
    for _ in range(5):
        _events, refused = frames.feed("data: " + "y" * 300)  # no line end, ever
    assert refused is not None
