"""Staff tokens asked for ahead of the rows that need them (``StaffTokens.ask_ahead``):
the first row of a session takes that request's outcome as its own, nothing is asked
twice, and what no row took is dropped without an error."""

import asyncio
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx
import pytest

from app.clock import FakeClock
from app.sync.sessions import open_session
from app.sync.staff_tokens import SessionRefused, StaffTokens
from app.sync.storeio import StoreWorker
from app.sync.transport import Answer
from offline_cache import SqliteStore, open_store

T = datetime(2026, 12, 6, 6, 0, tzinfo=UTC)
JSON = httpx.Headers({"content-type": "application/json"})


class Helpdesk:
    """Answers each assertion with ``answers`` in turn, counting the requests."""

    def __init__(self, *answers: tuple[int, dict[str, Any]]) -> None:
        self.answers = list(answers)
        self.asked: list[str] = []
        self.called = asyncio.Event()

    async def request(self, method: str, path: str, **kwargs: Any) -> Answer:
        self.asked.append(kwargs["json_body"]["session_id"])
        self.called.set()
        await asyncio.sleep(0.01)
        status, body = self.answers.pop(0)
        return Answer(status, JSON, b"", parsed=body)


@pytest.fixture
def store(tmp_path: Path) -> Iterator[SqliteStore]:
    opened = open_store(tmp_path / "data", key=bytes.fromhex("a1" * 32))  # it vouches
    yield opened
    opened.close()


def session_of(store: SqliteStore) -> str:
    with store.unit_of_work() as uow:
        return open_session(uow, "P001", "TAB-1", T).session_id


def test_the_first_row_takes_the_token_asked_ahead(store: SqliteStore) -> None:
    session = session_of(store)
    helpdesk = Helpdesk((200, {"staff_token": "tok-1"}))

    async def run() -> list[str]:
        worker = StoreWorker(store)
        tokens = StaffTokens(worker, helpdesk, FakeClock(T))  # type: ignore[arg-type]
        tokens.ask_ahead([session, session])
        await asyncio.wait_for(helpdesk.called.wait(), 10)  # before any row asks
        got = await asyncio.gather(*(tokens.for_session(session) for _ in range(3)))
        tokens.drop_ahead()
        await worker.aclose()
        return got

    assert asyncio.run(run()) == ["tok-1"] * 3
    assert helpdesk.asked == [session]  # once, for the three rows


def test_a_refusal_asked_ahead_is_the_first_rows_and_an_unclaimed_one_no_error(
    store: SqliteStore,
) -> None:
    refused, unclaimed = session_of(store), session_of(store)
    helpdesk = Helpdesk((403, {"detail": "revoked"}), (403, {"detail": "revoked"}))

    async def run() -> None:
        worker = StoreWorker(store)
        tokens = StaffTokens(worker, helpdesk, FakeClock(T))  # type: ignore[arg-type]
        tokens.ask_ahead([refused, unclaimed])
        await asyncio.wait_for(helpdesk.called.wait(), 10)  # before any row asks
        with pytest.raises(SessionRefused) as first:
            await tokens.for_session(refused)
        assert first.value.status == 403  # the answer's, as if the row had asked
        await asyncio.sleep(0.05)  # the unclaimed one is refused meanwhile
        tokens.drop_ahead()
        await worker.aclose()

    asyncio.run(run())
    assert sorted(helpdesk.asked) == sorted([refused, unclaimed])
