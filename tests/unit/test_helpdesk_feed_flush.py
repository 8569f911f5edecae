"""The live feed's flushes (helpdesk/feed.py ``ChangeFeed``): commits heard within a
window wake each stream once, every change still reaches every stream exactly once and
in order, a flush reads each property's tail once for all of its streams, and wakes
only the streams of a property whose tail moved."""

import asyncio
import re
import threading

from helpdesk import feed
from helpdesk.changes import ChangeRow
from helpdesk.feed import ChangeFeed

COALESCE = 0.2
SEQS = re.compile(rb"^id: (\d+)$", re.MULTILINE)


class PropertyLog:
    """One property's change log as the route's reader sees it."""

    def __init__(self) -> None:
        self.rows: list[ChangeRow] = []
        self.reads = 0
        self.lock = threading.Lock()

    def append(self, seq: int) -> None:
        with self.lock:
            self.rows.append(ChangeRow(seq, "incident", "upsert", "{}"))

    def read(self, after: int, limit: int) -> list[ChangeRow]:
        with self.lock:
            self.reads += 1
            return [row for row in self.rows if row.seq > after][:limit]


class Listener:
    """A stream of ``feed.stream`` read to its end: the seqs it was sent, its chunks."""

    def __init__(self, changes: ChangeFeed, log: PropertyLog, property_id: int) -> None:
        self.seqs: list[int] = []
        self.chunks = 0
        self.connected = asyncio.Event()
        self._body = feed.stream(changes, log.read, 0, 60.0, 500, property_id=property_id)

    async def run(self) -> None:
        async for chunk in self._body:
            if chunk.startswith(b": connected"):
                await asyncio.sleep(0)
                self.connected.set()
                continue
            self.chunks += 1
            self.seqs += [int(seq) for seq in SEQS.findall(chunk)]


async def wait_until(condition, seconds: float = 10.0) -> None:
    deadline = asyncio.get_running_loop().time() + seconds
    while not condition():
        assert asyncio.get_running_loop().time() < deadline, "never happened"
        await asyncio.sleep(0.01)


def test_a_burst_of_commits_wakes_each_stream_once_a_window_and_loses_nothing() -> None:
    async def scenario() -> None:
        changes = ChangeFeed(coalesce=COALESCE)
        changes.bind(asyncio.get_running_loop())
        log = PropertyLog()
        listeners = [Listener(changes, log, 1) for _ in range(50)]
        tasks = [asyncio.create_task(listener.run()) for listener in listeners]
        await asyncio.gather(*(listener.connected.wait() for listener in listeners))
        reads = log.reads
        for seq in range(1, 101):  # a hundred commits, each heard twice, in 50 ms
            log.append(seq)
            changes.notify()
            changes.notify()
            if seq % 10 == 0:
                await asyncio.sleep(0.005)
        await wait_until(lambda: all(listener.seqs[-1:] == [100] for listener in listeners))
        for listener in listeners:
            assert listener.seqs == list(range(1, 101))  # each once, in order
            assert listener.chunks <= 3  # the first flush, then one a window
        assert changes.flushes <= 3
        assert log.reads - reads <= changes.flushes  # one read a flush, for all 50
        changes.close()
        await asyncio.gather(*tasks)

    asyncio.run(scenario())


def test_a_commit_heard_after_a_quiet_spell_is_flushed_at_once() -> None:
    async def scenario() -> None:
        changes = ChangeFeed(coalesce=30.0)  # a window no test waits out
        changes.bind(asyncio.get_running_loop())
        log = PropertyLog()
        listener = Listener(changes, log, 1)
        task = asyncio.create_task(listener.run())
        await listener.connected.wait()
        log.append(1)
        changes.notify()
        await wait_until(lambda: listener.seqs == [1])
        log.append(2)
        changes.notify()  # within the window: waits for its end (or the close)
        await asyncio.sleep(0.2)
        assert listener.seqs == [1]
        changes.close()
        await task

    asyncio.run(scenario())


def test_a_flush_wakes_only_the_streams_of_a_property_whose_log_moved() -> None:
    async def scenario() -> None:
        changes = ChangeFeed(coalesce=0.01)
        changes.bind(asyncio.get_running_loop())
        main, riverside = PropertyLog(), PropertyLog()
        on_main = [Listener(changes, main, 1) for _ in range(5)]
        on_riverside = [Listener(changes, riverside, 2) for _ in range(5)]
        tasks = [asyncio.create_task(each.run()) for each in on_main + on_riverside]
        await asyncio.gather(*(each.connected.wait() for each in on_main + on_riverside))
        woken: list[int] = []
        original = feed.Wake.set

        def counted(self: feed.Wake) -> None:
            woken.append(id(self))
            original(self)

        feed.Wake.set = counted  # type: ignore[method-assign]
        try:
            for seq in (1, 3, 5):  # seqs are shared by the group: gaps in each log
                main.append(seq)
                changes.notify()
                await wait_until(lambda seq=seq: all(e.seqs[-1:] == [seq] for e in on_main))
        finally:
            feed.Wake.set = original  # type: ignore[method-assign]
        assert len(woken) == 3 * len(on_main)  # the riverside streams slept throughout
        assert all(each.seqs == [] for each in on_riverside)
        riverside.append(6)
        changes.notify()
        await wait_until(lambda: all(each.seqs == [6] for each in on_riverside))
        assert all(each.seqs == [1, 3, 5] for each in on_main)
        changes.close()
        await asyncio.gather(*tasks)

    asyncio.run(scenario())


def test_a_wait_ends_at_its_own_timeout_though_its_timer_was_armed_earlier() -> None:
    """One timer serves a stream's waits: when it fires before the end of the wait under
    way (armed by an earlier one), it arms itself again for that end; at the end, the
    wait returns False; a wait set returns True."""

    async def scenario() -> None:
        loop = asyncio.get_running_loop()
        wake = feed.Wake()
        waiting = asyncio.create_task(wake.wait(60.0))
        await asyncio.sleep(0)  # waiting now, its timer armed
        armed = wake._timer
        assert armed is not None
        armed.cancel()
        wake._expire(loop)  # as if an earlier wait's timer fired: a minute before the end
        await asyncio.sleep(0)
        assert not waiting.done()
        assert wake._timer is not None and wake._timer is not armed  # armed for its end
        wake._timer.cancel()
        wake._deadline = loop.time()  # the end reached
        wake._expire(loop)
        assert await waiting is False
        longer = asyncio.create_task(wake.wait(60.0))  # its timer armed a minute on
        await asyncio.sleep(0)
        wake.set()
        assert await longer is True
        wake.clear()
        # A shorter wait than the one its timer was armed for is not held to that one.
        assert await asyncio.wait_for(wake.wait(0.01), 30.0) is False
        wake.close()

    asyncio.run(scenario())
