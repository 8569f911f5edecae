"""The load benchmark's stream reader keeps every byte of an event split across reads
(it once dropped the first byte of a read without a whole event, and with it a change),
and a probe notes every incident's arrival, wherever the reads split the stream."""

import asyncio
import json

from bench.load_subscriber import Subscriber, _Counting


def change(seq: int, type_: str, data: dict[str, object]) -> bytes:
    item = {"seq": seq, "type": type_, "op": "upsert", "data": data}
    return f"id: {seq}\nevent: change\ndata: {json.dumps(item, separators=(',', ':'))}\n\n".encode()


def chunked(*events: bytes) -> bytes:
    body = b"".join(events)
    return b"%x\r\n" % len(body) + body + b"\r\n"


def test_an_event_split_anywhere_is_read_whole_once_and_timed_on_a_probe() -> None:
    head = b"HTTP/1.1 200 OK\r\ncontent-type: text/event-stream\r\n\r\n"
    connected = chunked(b": connected\nretry: 3000\n\n")
    incidents = [change(n, "incident", {"id": f"inc-{n}", "number": "VIP-1"}) for n in (1, 2, 4)]
    event = change(3, "incident_event", {"id": "ev-3", "incident_id": "inc-1"})
    # Another key order than the feed's: the probe parses that event's JSON instead.
    reordered = change(5, "incident", {"number": "VIP-2", "id": "inc-5"})
    stream = head + connected + chunked(*incidents[:2], event) + chunked(incidents[2], reordered)
    for size in (1, 3, 7, 50, 1 << 16):
        loop = asyncio.new_event_loop()
        try:
            subscriber = Subscriber(probe=True)
            reader = _Counting(subscriber, loop.create_future())
            for start in range(0, len(stream), size):
                reader.data_received(stream[start : start + size])
        finally:
            loop.close()
        assert subscriber.seqs == [1, 2, 3, 4, 5]
        assert sorted(subscriber.arrivals) == ["inc-1", "inc-2", "inc-4", "inc-5"]
        assert subscriber.connected.is_set()
