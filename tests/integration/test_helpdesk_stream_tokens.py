"""The feed streams' staff tokens are checked together (``helpdesk.stream_tokens``):
a stream ends when its token stops holding, for the same reasons ``staff.resolve``
refuses it, and a worker's thousand streams make one query per check, not a thousand."""

import asyncio
import threading
from collections.abc import Callable
from datetime import timedelta

import httpx
import pytest
from sqlalchemy import delete, update
from sqlalchemy.orm import Session

from helpdesk import staff
from helpdesk.db import utcnow
from helpdesk.models import PropertyRow, StaffDevice, StaffRow, StaffSession
from helpdesk.stream_tokens import StreamTokens, holding
from helpdesk.tokens import token_hash
from tests.integration.conftest import HelpdeskService


def _revoked(session: Session, staff_id: str) -> None:
    session.execute(
        update(StaffSession).where(StaffSession.staff_id == staff_id).values(revoked_at=utcnow())
    )


def _expired(session: Session, staff_id: str) -> None:
    past = utcnow() - timedelta(seconds=1)
    session.execute(
        update(StaffSession).where(StaffSession.staff_id == staff_id).values(expires_at=past)
    )


def _deactivated(session: Session, staff_id: str) -> None:
    session.execute(update(StaffRow).where(StaffRow.id == staff_id).values(active=False))


def _unassigned(session: Session, staff_id: str) -> None:
    session.execute(delete(StaffDevice).where(StaffDevice.staff_id == staff_id))


def _moved_to_another_property(session: Session, staff_id: str) -> None:
    session.add(PropertyRow(id=2, code="RIVER", name="River", timezone="UTC", created_at=utcnow()))
    session.flush()
    session.execute(update(StaffRow).where(StaffRow.id == staff_id).values(property_id=2))


CHANGES: dict[str, Callable[[Session, str], None]] = {
    "signed out": _revoked,
    "expired": _expired,
    "deactivated": _deactivated,
    "moved off the device": _unassigned,
    "moved to another property": _moved_to_another_property,
}


@pytest.mark.parametrize("change", list(CHANGES))
def test_the_shared_check_refuses_what_resolve_refuses(
    helpdesk: HelpdeskService, change: str
) -> None:
    context = helpdesk.server.context
    token, other = helpdesk.staff_token("H002"), helpdesk.staff_token("H003")
    device = helpdesk.device_id
    keys = {(device, token_hash(token)), (device, token_hash(other))}
    with context.db.read() as session:
        assert holding(session, keys, utcnow()) == keys  # both hold before
    staff.resolve(context, device, token)
    with context.db.write(lock_changes=False) as session:
        CHANGES[change](session, "H002")
    with pytest.raises(staff.StaffTokenRefused):
        staff.resolve(context, device, token)
    staff.resolve(context, device, other)  # the other staff member's still holds
    with context.db.read() as session:
        assert holding(session, keys, utcnow()) == {(device, token_hash(other))}
        # Nor does a token hold on a device it was not issued to.
        assert holding(session, {("TAB-ELSEWHERE", token_hash(other))}, utcnow()) == set()


def _stream_until_it_ends(helpdesk: HelpdeskService, token: str, ended: threading.Event) -> None:
    headers = {"Authorization": f"Bearer {helpdesk.device_token}", "X-Staff-Token": token}
    with httpx.stream("GET", f"{helpdesk.url}/v1/feed", headers=headers, timeout=30) as reply:
        for _line in reply.iter_lines():
            pass
    ended.set()


def test_streams_end_with_their_sign_in_and_share_one_check(helpdesk: HelpdeskService) -> None:
    context = helpdesk.server.context
    tokens = context.stream_tokens
    tokens.max_age = 0.2  # the check every 5 s, sped up for the test
    leaving, staying = helpdesk.staff_token("H002"), helpdesk.staff_token("H003")
    streams = [(leaving, threading.Event()) for _ in range(3)]
    streams += [(staying, threading.Event()) for _ in range(3)]
    for token, ended in streams:
        threading.Thread(
            target=_stream_until_it_ends, args=(helpdesk, token, ended), daemon=True
        ).start()
    while context.feed.subscriber_count < len(streams):
        threading.Event().wait(0.02)
    checks = tokens.checks
    threading.Event().wait(1.0)  # five checks' time, six streams each woken
    # One query per check for all six streams (a heartbeat may wake them apart).
    assert 1 <= tokens.checks - checks <= 12
    reply = httpx.delete(
        f"{helpdesk.url}/v1/staff/sessions/current",
        headers={"Authorization": f"Bearer {helpdesk.device_token}", "X-Staff-Token": leaving},
    )
    assert reply.status_code == 204
    for _token, ended in streams[:3]:
        assert ended.wait(10), "a signed-out staff member's stream went on"
    threading.Event().wait(1.0)
    assert not any(ended.is_set() for _token, ended in streams[3:])


def test_a_token_watched_during_a_check_is_held_and_unwatched_ones_are_dropped() -> None:
    """The bookkeeping alone: a check's verdict covers only what it asked about."""

    class Db:
        def __init__(self) -> None:
            self.answer: set[tuple[str, str]] = set()

        def read(self):  # type: ignore[no-untyped-def]
            raise AssertionError("replaced below")

    clock = [0.0]
    tokens = StreamTokens(Db(), max_age=5.0, clock=lambda: clock[0])  # type: ignore[arg-type]
    verdicts: list[set[tuple[str, str]]] = [set()]
    tokens._query = lambda keys: verdicts[0] & keys  # type: ignore[method-assign]

    async def scenario() -> None:
        with tokens.watch("TAB-1", "a") as first:
            assert await first()  # watched just now: held, no query
            assert tokens.checks == 0
            clock[0] = 6.0
            with tokens.watch("TAB-1", "b") as second:
                verdicts[0] = {("TAB-1", token_hash("b"))}
                both = await asyncio.gather(first(), second())
                assert both == [False, True] and tokens.checks == 1
        assert tokens._held == set() and not tokens._watched

    asyncio.run(scenario())
