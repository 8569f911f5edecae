"""The live feed's shared tail (helpdesk/feed_tail.py ``RecentChanges``): a commit woken in a
thousand streams is read from the database once, no stream is served the tail from
before a read under way, and a stream behind the tail reads on its own."""

import asyncio
import threading

from helpdesk import feed_tail
from helpdesk.changes import ChangeRow
from helpdesk.feed_tail import RecentChanges


class ChangeLog:
    """The change log as the route's reader sees it; each read takes a while."""

    def __init__(self) -> None:
        self.rows: list[ChangeRow] = []
        self.reads = 0
        self.gate = threading.Event()
        self.gate.set()

    def append(self, count: int) -> None:
        start = self.rows[-1].seq if self.rows else 0
        self.rows += [ChangeRow(start + n + 1, "incident", "upsert", "{}") for n in range(count)]

    def read(self, after: int, limit: int) -> list[ChangeRow]:
        self.reads += 1
        self.gate.wait(5)
        return [row for row in self.rows if row.seq > after][:limit]


def test_one_read_serves_every_stream_woken_by_the_same_commit() -> None:
    async def scenario() -> None:
        log, recent = ChangeLog(), RecentChanges()
        assert await recent.after(0, 100, log.read) == []
        log.append(3)
        recent.mark_stale()
        answers = await asyncio.gather(*(recent.after(0, 100, log.read) for _ in range(1000)))
        assert all([r.seq for r in rows] == [1, 2, 3] for rows in answers)
        assert log.reads == 2  # the first look, then one for the thousand

    asyncio.run(scenario())


def test_a_stream_at_the_head_waits_for_a_read_under_way() -> None:
    async def scenario() -> None:
        log, recent = ChangeLog(), RecentChanges()
        await recent.after(0, 100, log.read)
        log.append(2)
        recent.mark_stale()
        log.gate.clear()  # the read that follows hangs until the gate opens
        first = asyncio.create_task(recent.after(0, 100, log.read))
        await asyncio.sleep(0.05)
        second = asyncio.create_task(recent.after(0, 100, log.read))  # not stale any more
        await asyncio.sleep(0.05)
        assert not second.done()  # it must not answer "nothing new" from the old tail
        log.gate.set()
        assert [r.seq for r in await first] == [1, 2]
        assert [r.seq for r in await second] == [1, 2]

    asyncio.run(scenario())


def test_without_a_wake_the_tail_is_not_read_again_and_a_stream_behind_it_reads_alone() -> None:
    async def scenario() -> None:
        log = ChangeLog()
        log.append(10)
        recent = RecentChanges(keep=4)
        assert [r.seq for r in await recent.after(10, 100, log.read)] == []
        log.append(6)  # committed, but no wake reached this worker yet
        assert await recent.after(10, 100, log.read) == []
        reads = log.reads
        recent.mark_stale()
        assert [r.seq for r in await recent.after(10, 100, log.read)] == [11, 12, 13, 14, 15, 16]
        log.append(2)
        recent.mark_stale()
        assert [r.seq for r in await recent.after(16, 100, log.read)] == [17, 18]
        # Four kept (and this read's rows): a stream at 9 is behind the tail, reads alone.
        assert [r.seq for r in await recent.after(9, 3, log.read)] == [10, 11, 12]
        assert [r.seq for r in await recent.after(14, 100, log.read)] == [15, 16, 17, 18]
        assert log.reads == reads + 3

    asyncio.run(scenario())


def test_a_stream_behind_the_head_of_a_stale_tail_gets_the_new_rows_too() -> None:
    """A stream reconnecting (Last-Event-ID) behind the head just after a commit whose
    wake-up came before it subscribed: it is served the rows past the old head as well,
    or the last change of a burst waits for the next commit or heartbeat (found by
    tests/integration/test_helpdesk_workers.py, 1 run in 7)."""

    async def scenario() -> None:
        log, recent = ChangeLog(), RecentChanges()
        await recent.after(0, 100, log.read)
        log.append(3)
        recent.mark_stale()
        assert [r.seq for r in await recent.after(0, 100, log.read)] == [1, 2, 3]
        log.append(1)  # seq 4 committed; its wake-up marks the tail stale
        recent.mark_stale()
        # A stream that last saw seq 2 subscribes now: no wake-up will come for seq 4.
        assert [r.seq for r in await recent.after(2, 100, log.read)] == [3, 4]

    asyncio.run(scenario())


def test_streams_of_one_view_share_the_text_and_views_do_not() -> None:
    """``events``: one text per view and position, made once, whatever the streams."""

    def shown_as(view: str):  # a view's render: "amount" blanked for the "desk" view
        def render(row: ChangeRow) -> ChangeRow | None:
            if view == "desk":
                return row._replace(data='{"amount":null}')
            return row

        return render

    async def scenario() -> None:
        log, recent = ChangeLog(), RecentChanges()
        await recent.after(0, 100, log.read)
        log.rows += [ChangeRow(n, "incident", "upsert", '{"amount":"9.00"}') for n in (1, 2, 3)]
        recent.mark_stale()
        views = ["boss", "desk"] * 50
        answers = await asyncio.gather(
            *(recent.events(0, 100, log.read, shown_as(view), view) for view in views)
        )
        assert recent.renders == 2  # once per view, for a hundred streams
        by_view = {view: answer for view, answer in zip(views, answers, strict=True)}
        assert by_view["boss"][0].count(b'"amount":"9.00"') == 3
        assert by_view["desk"][0].count(b'"amount":null') == 3
        assert all(answer[1:] == (3, False) for answer in answers)
        assert [a[0] is by_view[v][0] for v, a in zip(views, answers, strict=True)] == [True] * 100
        # A stream of no shared view renders its own; one further on, only what follows.
        assert (await recent.events(0, 100, log.read, shown_as("desk"), None))[0] == (
            by_view["desk"][0]
        )
        text, after, more = await recent.events(2, 1, log.read, shown_as("boss"), "boss")
        assert (text.count(b"id: "), after, more) == (1, 3, True)
        assert recent.renders == 4

    asyncio.run(scenario())


def test_the_texts_kept_are_bounded_in_bytes(monkeypatch) -> None:
    monkeypatch.setattr(feed_tail, "TEXT_BYTES_KEPT", 300)

    async def scenario() -> None:
        log, recent = ChangeLog(), RecentChanges()
        await recent.after(0, 100, log.read)
        log.append(20)
        recent.mark_stale()
        for after in range(20):  # twenty positions of one view: each text made once
            await recent.events(after, 100, log.read, lambda row: row, "boss")
        assert 0 < recent._text_bytes <= 300
        assert recent._text_bytes == sum(map(len, recent._texts.values()))
        renders = recent.renders
        await recent.events(19, 100, log.read, lambda row: row, "boss")  # the last: kept
        assert recent.renders == renders
        await recent.events(0, 100, log.read, lambda row: row, "boss")  # the first: gone
        assert recent.renders == renders + 1

    asyncio.run(scenario())
