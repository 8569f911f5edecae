"""Backoff with full jitter, Retry-After, clock skew and the skew-corrected clock."""

import asyncio
import random
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from app.clock import FakeClock
from app.sync.backoff import Backoff, cancel_and_wait, parse_retry_after, wait_for
from app.sync.skew import SKEW_KEY, ClockSkew, SkewCorrectedClock, stored_skew
from offline_cache import open_store

NOW = datetime(2026, 11, 27, 4, 18, tzinfo=UTC)


@pytest.mark.parametrize(
    ("attempt", "ceiling"), [(0, 0.5), (1, 1.0), (2, 2.0), (5, 16.0), (6, 30.0), (60, 30.0)]
)
def test_full_jitter_stays_between_zero_and_the_capped_exponential(
    attempt: int, ceiling: float
) -> None:
    backoff = Backoff(base_s=0.5, cap_s=30.0, rng=random.Random(attempt))
    waits = [backoff.delay(attempt) for _ in range(500)]
    assert all(0.0 <= wait <= ceiling for wait in waits)
    assert max(waits) > ceiling * 0.8  # spread over the whole range, not bunched
    assert min(waits) < ceiling * 0.2


def test_retry_after_is_a_floor_never_shortened_by_jitter() -> None:
    backoff = Backoff(base_s=0.5, cap_s=30.0, rng=random.Random(1))
    assert all(backoff.wait(0, 7.0) >= 7.0 for _ in range(200))
    assert backoff.wait(0, 10_000.0) == 300.0  # a silly Retry-After is capped


@pytest.mark.parametrize(
    ("header", "seconds"),
    [
        (None, None),
        ("3", 3.0),
        (" 120 ", 120.0),
        ("-5", 0.0),
        ("Fri, 27 Nov 2026 04:18:30 GMT", 30.0),
        ("Fri, 27 Nov 2026 04:17:00 GMT", 0.0),
        ("soon", None),
    ],
)
def test_retry_after_as_seconds_or_an_http_date(header: str | None, seconds: float | None) -> None:
    assert parse_retry_after(header, NOW) == seconds


def test_skew_is_the_server_time_minus_the_midpoint_of_the_round_trip() -> None:
    skew = ClockSkew()
    sent, received = NOW, NOW + timedelta(milliseconds=40)
    assert skew.observe(sent, received, NOW + timedelta(seconds=90, milliseconds=20))
    assert skew.value == timedelta(seconds=90)


def test_a_slow_round_trip_says_nothing_about_the_clock() -> None:
    skew = ClockSkew(timedelta(seconds=5))
    assert not skew.observe(NOW, NOW + timedelta(seconds=3), NOW + timedelta(hours=1))
    assert skew.value == timedelta(seconds=5)


def test_the_corrected_clock_adds_the_last_known_skew(tmp_path: Path) -> None:
    base = FakeClock(NOW)
    skew = ClockSkew()
    clock = SkewCorrectedClock(base, skew)
    assert clock.now() == NOW
    skew.reset_to(timedelta(seconds=-42))
    base.advance(timedelta(minutes=10))  # offline, the local clock keeps running
    assert clock.now() == NOW + timedelta(minutes=10) - timedelta(seconds=42)


def test_the_last_skew_survives_a_restart_through_the_store(tmp_path: Path) -> None:
    store = open_store(tmp_path)
    try:
        assert stored_skew(store) == timedelta(0)
        with store.unit_of_work() as uow:
            uow.sync_state.set(SKEW_KEY, "-1500.0")
        assert stored_skew(store) == timedelta(seconds=-1.5)
    finally:
        store.close()


@pytest.mark.parametrize("timeout", [60.0, None])
def test_a_wait_cancelled_as_its_event_is_set_is_still_cancelled(timeout: float | None) -> None:
    # The engine's loops wait on events this way; a lost cancellation made stop() hang.
    async def scenario() -> None:
        event = asyncio.Event()
        waiting = asyncio.ensure_future(wait_for(event, timeout))
        await asyncio.sleep(0)  # it waits now
        event.set()
        waiting.cancel()  # in the same turn of the loop
        with pytest.raises(asyncio.CancelledError):
            await waiting

    asyncio.run(scenario())


def test_a_wait_ends_when_its_event_is_set_or_its_time_is_up() -> None:
    async def scenario() -> None:
        event = asyncio.Event()
        asyncio.get_running_loop().call_later(0.01, event.set)
        await wait_for(event, 30.0)
        assert event.is_set()
        started = time.monotonic()
        await wait_for(asyncio.Event(), 0.05)
        assert time.monotonic() - started >= 0.04

    asyncio.run(scenario())


@pytest.mark.allow_error_log
def test_a_task_that_swallows_its_cancellation_is_cancelled_again_and_named(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    monkeypatch.setattr("app.sync.backoff.STOP_ROUND_S", 0.05)

    async def stubborn() -> None:
        try:
            await asyncio.sleep(60)
        except asyncio.CancelledError:
            pass  # the bug being guarded against
        await asyncio.sleep(60)

    async def scenario() -> list[asyncio.Task[None]]:
        tasks = [asyncio.ensure_future(stubborn()), asyncio.ensure_future(asyncio.sleep(60))]
        await asyncio.sleep(0)
        await asyncio.wait_for(cancel_and_wait(tasks), 10)
        return tasks

    tasks = asyncio.run(scenario())
    assert all(task.done() for task in tasks)
    assert "did not end when cancelled" in caplog.text and "stubborn" in caplog.text
