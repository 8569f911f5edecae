"""Sign-ins open sessions the device vouches for; the helpdesk's word, when it answers,
is the console's (app/services/auth.py, app/sync/sessions.py), on a real store."""

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from app.actor import Actor
from app.clock import FakeClock
from app.domain import Role, Staff
from app.security.secrets import DEMO_PIN_COST, hash_demo_pin
from app.security.session_assertion import assertion_valid
from app.services.auth import AuthService, Online, OnlineVerdict
from app.services.errors import AccountLocked, PermissionDenied, SignInFailed
from app.sync.outbox import OutboxKind
from offline_cache import SqliteStore, open_store

T0 = datetime(2026, 3, 14, 22, 0, tzinfo=UTC)
PIN = "4821"
KEY = bytes.fromhex("5e" * 32)


@pytest.fixture
def store(tmp_path: Path) -> Iterator[SqliteStore]:
    store = open_store(tmp_path, key=KEY)
    pin = hash_demo_pin(PIN, cost=DEMO_PIN_COST)
    with store.unit_of_work() as uow:
        uow.staff.save(Staff("H001", "Ana Host", Role.HOST, pin))
        uow.staff.save(Staff("C001", "Cleo Concierge", Role.CONCIERGE, pin))
        uow.staff.save(Staff("P009", "Elsewhere", Role.PIT_BOSS, ""))  # not assigned here
    yield store
    store.close()


@pytest.fixture
def auth(store: SqliteStore) -> AuthService:
    return AuthService(store, FakeClock(T0), device_id="tab-7")


def test_a_sign_in_opens_a_session_signed_by_the_device(auth, store) -> None:
    heard: list[Actor | None] = []
    auth.add_session_listener(heard.append)
    actor = auth.sign_in("H001", PIN)
    with store.unit_of_work() as uow:
        session = uow.staff_sessions.get(actor.session_id)
    assert session is not None and session.staff_id == "H001" and session.token is None
    assert assertion_valid(session.assertion(), session.public_key)
    assert heard == [actor]


@pytest.mark.parametrize(
    ("verdict", "error"),
    [
        (OnlineVerdict(Online.REFUSED), SignInFailed),
        (OnlineVerdict(Online.LOCKED, locked_until=T0 + timedelta(minutes=5)), AccountLocked),
    ],
)
def test_the_helpdesks_refusal_is_the_consoles(auth, store, verdict, error) -> None:
    auth.online = lambda staff_id, pin, code, session_id: verdict
    with pytest.raises(error):
        auth.sign_in("H001", PIN)
    with store.unit_of_work() as uow:
        assert uow.audit.recent(1)[0].action == "auth.sign_in_refused"
        assert uow.staff_sessions.latest_for("H001") is None


def test_an_online_sign_in_keeps_the_helpdesks_token(auth, store) -> None:
    asked: list[tuple[str, str]] = []

    def online(staff_id: str, pin: str, code: str | None, session_id: str) -> OnlineVerdict:
        asked.append((staff_id, session_id))
        return OnlineVerdict(Online.GRANTED, "tok-1", T0 + timedelta(hours=2))

    auth.online = online
    actor = auth.sign_in("H001", PIN)
    assert asked == [("H001", actor.session_id)]
    with store.unit_of_work() as uow:
        session = uow.staff_sessions.get(actor.session_id)
    assert session is not None and session.token == "tok-1"


@pytest.mark.allow_error_log  # the helpdesk's failure is logged at ERROR while the sign-in goes on
def test_a_broken_helpdesk_check_never_stops_an_offline_sign_in(auth, caplog) -> None:
    def online(*_: object) -> OnlineVerdict:
        raise RuntimeError("boom")

    auth.online = online
    assert auth.sign_in("H001", PIN).staff_id == "H001"


def test_no_verifier_on_this_device_is_a_wrong_pin_not_an_error(auth, caplog) -> None:
    with pytest.raises(SignInFailed):
        auth.sign_in("P009", PIN)
    assert not [r for r in caplog.records if r.levelname == "ERROR"]


def test_rows_without_a_session_go_under_their_authors_next_sign_in(auth, store) -> None:
    with store.unit_of_work() as uow:
        mine = uow.outbox.enqueue(OutboxKind.INCIDENT_EVENT, "i-1", {}, actor_id="H001")
        theirs = uow.outbox.enqueue(OutboxKind.INCIDENT_EVENT, "i-2", {}, actor_id="C001")
    actor = auth.sign_in("H001", PIN)
    with store.unit_of_work() as uow:
        assert uow.outbox.get(mine.seq).session_id == actor.session_id  # type: ignore[union-attr]
        assert uow.outbox.get(theirs.seq).session_id == ""  # type: ignore[union-attr]


def test_only_the_current_sessions_end_stops_the_feed(auth) -> None:
    heard: list[Actor | None] = []
    host = auth.sign_in("H001", PIN)
    concierge = auth.sign_in("C001", PIN)  # a switch of user
    auth.add_session_listener(heard.append)
    auth.sign_out(host)  # the one before: the concierge is still signed in
    assert heard == []
    with pytest.raises(PermissionDenied):
        auth.sign_out_locked(host, "C001", PIN)  # refused: nothing ends
    auth.sign_out(concierge)
    assert heard == [None]
