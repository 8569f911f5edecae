"""The load benchmark's stream reader keeps every byte of an event split across reads
(it once dropped the first byte of a read without a whole event, and with it a change)."""

from bench.load_subscriber import SEQ, whole_events


def test_an_event_split_anywhere_is_read_whole_once() -> None:
    stream = b"".join(f"id: {n}\nevent: change\ndata: {{}}\n\n".encode() for n in range(1, 40))
    for size in (1, 3, 7, 50, 1 << 16):
        seqs, tail = [], b""
        for start in range(0, len(stream), size):
            whole, tail = whole_events(tail + stream[start : start + size])
            seqs += [int(m) for m in SEQ.findall(whole)]
        assert seqs == list(range(1, 40)) and tail == b""
