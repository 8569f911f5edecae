"""The console's loop: call_soon in rounds, in order, Qt's events between rounds."""

import asyncio

import pytest
from PySide6.QtCore import QTimer

from ui.event_loop import ConsoleEventLoop


@pytest.fixture
def loop(themed_app):
    loop = ConsoleEventLoop(themed_app)
    asyncio.set_event_loop(loop)
    yield loop
    loop.close()
    asyncio.set_event_loop(None)


def test_callbacks_run_in_order_and_a_cancelled_one_not(loop) -> None:
    ran: list[int] = []
    handles = [loop.call_soon(ran.append, n) for n in range(5)]
    handles[2].cancel()
    loop.call_soon(loop.stop)
    loop.run_forever()
    assert ran == [0, 1, 3, 4]


def test_what_a_round_schedules_waits_for_the_next_after_qts_events(loop) -> None:
    seen: list[str] = []

    def first() -> None:
        seen.append("first")
        QTimer.singleShot(0, lambda: seen.append("qt"))  # a Qt event, due at once
        loop.call_soon(lambda: seen.append("scheduled by first"))

    loop.call_soon(first)
    loop.call_soon(lambda: seen.append("same round"))
    loop.call_later(0.05, loop.stop)
    loop.run_forever()
    assert seen.index("same round") < seen.index("scheduled by first")
    assert seen.index("qt") < seen.index("scheduled by first")  # not starved by a chain


def test_a_failing_callback_goes_to_the_handler_and_the_round_goes_on(loop) -> None:
    errors: list[str] = []
    ran: list[str] = []
    loop.set_exception_handler(lambda _loop, context: errors.append(str(context["exception"])))
    loop.call_soon(lambda: 1 / 0)
    loop.call_soon(lambda: ran.append("after"))
    loop.call_soon(loop.stop)
    loop.run_forever()
    assert errors == ["division by zero"] and ran == ["after"]


def test_tasks_and_threads_wake_through_it(loop) -> None:
    async def scenario() -> int:
        value = await loop.run_in_executor(None, lambda: 41)
        await asyncio.sleep(0)
        return value + 1

    assert loop.run_until_complete(scenario()) == 42


def test_a_threads_callback_runs_after_what_the_loop_scheduled_before_it(loop) -> None:
    """asyncio's order: a cancelled task's step (scheduled first) runs before a worker's
    answer, else that answer finds the task not yet cancelled (a late bug went unlogged)."""
    import threading

    ran: list[str] = []
    loop.call_soon(ran.append, "scheduled on the loop")
    worker = threading.Thread(target=lambda: loop.call_soon_threadsafe(ran.append, "thread"))
    worker.start()
    worker.join()  # queued before the loop runs again
    loop.call_later(0.05, loop.stop)
    loop.run_forever()
    assert ran == ["scheduled on the loop", "thread"]
