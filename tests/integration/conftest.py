"""A real helpdesk service on 127.0.0.1 for integration tests, shared by every suite.

Fixtures
--------
``helpdesk``
    A running service (demo property seeded with a few guests, SQLite in
    ``tmp_path``) and a device enrolled as a real tablet is: with a single-use code
    issued for its id (``helpdesk.issue_code(device_id)``, as ``vip-console helpdesk
    device add`` does) and its checkpoint key bound. Use ``helpdesk.url`` and
    ``helpdesk.headers()`` (device token + the ``X-Staff-Token`` of a demo staff
    member signed in on that device with the demo PIN, P001 unless ``staff=`` says
    otherwise; pass ``key=`` for an ``Idempotency-Key``)::

        def test_something(helpdesk):
            with httpx.Client(base_url=helpdesk.url) as client:
                client.get("/v1/changes", headers=helpdesk.headers())

Helpers: ``incident_body(**overrides)`` and ``event_body(**overrides)`` build valid
bodies with fresh UUIDs; ``new_key()`` an ``Idempotency-Key``.

``client`` is an ``httpx.Client`` on the ``helpdesk`` service; ``incident_id`` the id of
an incident created there.

``helpdesk_factory``
    Starts services with other settings: ``helpdesk_factory(guests=0,
    heartbeat_seconds=0.1, seed=False)``; any ``helpdesk.config.Settings`` field
    may be overridden. Every service started is stopped at the end of the test.

Each service is the real thing (``helpdesk.server.start_in_thread``): uvicorn on
an ephemeral loopback port, nothing mocked. It stops with the test.

PostgreSQL: with ``VIP_HELPDESK_TEST_BACKEND=postgresql`` (``make test``'s second
pass) the suite starts its own PostgreSQL server on loopback, and every helpdesk gets a
database there instead of a SQLite file (``database_url_for``). Or point
``VIP_HELPDESK_TEST_PG_URL`` at a server's admin URL on loopback
(``postgresql+psycopg://postgres@127.0.0.1:5432/postgres``).
"""

import hashlib
import os
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import pytest

from app.demo.generator import DEMO_PIN
from app.security.audit_chain import CheckpointSigner
from app.security.secrets import DEMO_PIN_COST
from helpdesk.config import Settings
from helpdesk.db import Database
from helpdesk.enrolment import issue_code
from helpdesk.seed import seed_demo
from helpdesk.server import RunningServer, start_in_thread

TEST_DEVICE_ID = "TAB-TEST01"
TEST_CHECKPOINT_KEY = b"k" * 32  # the store key the test device's checkpoint key comes from
TEST_STAFF_ID = "P001"  # a demo pit boss, active
TEST_GUESTS = 12
TEST_HEARTBEAT_SECONDS = 0.2


def incident_body(**overrides: Any) -> dict[str, Any]:
    """A valid ``POST /v1/incidents`` body with a fresh UUID (fields as in the contract)."""
    body: dict[str, Any] = {
        "id": str(uuid.uuid4()),
        "provisional_number": "TAB-TEST01-0001",
        "device_id": TEST_DEVICE_ID,
        "opened_at": "2026-11-27T04:18:00.123Z",
        "opened_by": TEST_STAFF_ID,
        "priority": "P1",
        "category": "game_unavailable",
        "channel": "onsite",
        "summary": "Shoe jammed",
        "status": "new",
        "guest_id": None,
        "owner_id": "H001",
        "location": "Pit 3, BJ-301",
        "table_id": "BJ-301",
        "game": "Blackjack",
        "machine": "",
        "amount": "12000.00",
        "currency": "AUD",
        "transaction_ref": "",
        "desired_outcome": "",
        "manual_escalation_level": 0,
    }
    body.update(overrides)
    return body


def event_body(**overrides: Any) -> dict[str, Any]:
    """A valid ``POST /v1/incidents/{id}/events`` body (a note) with a fresh UUID."""
    body: dict[str, Any] = {
        "id": str(uuid.uuid4()),
        "at": "2026-11-27T04:19:00Z",
        "kind": "note",
        "actor_id": TEST_STAFF_ID,
        "detail": "Shoe replaced",
        "from_value": "",
        "to_value": "",
    }
    body.update(overrides)
    return body


def new_key() -> str:
    return str(uuid.uuid4())


@dataclass
class HelpdeskService:
    url: str
    device_id: str
    device_token: str
    staff_id: str
    server: RunningServer = field(repr=False)
    db_path: Path  # what names its database (database_url_for)
    seeded_guests: int = 0
    _staff_tokens: dict[tuple[str, str], str] = field(default_factory=dict, repr=False)

    def headers(
        self, *, staff: str | None = "", key: str | None = None, **extra: str
    ) -> dict[str, str]:
        """Device token, the ``X-Staff-Token`` of ``staff`` signed in on this device
        (default the test staff; ``None`` leaves it out) and an optional
        ``Idempotency-Key``."""
        headers = {"Authorization": f"Bearer {self.device_token}"}
        if staff is not None:
            headers["X-Staff-Token"] = self.staff_token(staff or self.staff_id)
        if key is not None:
            headers["Idempotency-Key"] = key
        headers.update({name.replace("_", "-"): value for name, value in extra.items()})
        return headers

    def staff_token(
        self, staff_id: str, *, device_token: str | None = None, pin: str = DEMO_PIN
    ) -> str:
        """A staff token of ``staff_id`` on this device (or the device of
        ``device_token``), signed in once with the demo PIN and kept."""
        device = device_token or self.device_token
        if (staff_id, device) not in self._staff_tokens:
            reply = httpx.post(
                f"{self.url}/v1/staff/sessions",
                json={"staff_id": staff_id, "pin": pin},
                headers={"Authorization": f"Bearer {device}"},
            )
            reply.raise_for_status()
            self._staff_tokens[(staff_id, device)] = reply.json()["staff_token"]
        return self._staff_tokens[(staff_id, device)]

    def issue_code(self, device_id: str, **options: Any) -> str:
        """A single-use code for ``device_id``, as ``vip-console helpdesk device add``."""
        return issue_code(self.server.context.db, device_id, **options).code

    def enrol(self, device_id: str, *, key: bytes | None = None) -> str:
        """Provision another device (a code, then its enrolment); returns its token."""
        return enrol_device(self.url, device_id, self.issue_code(device_id), key)


def issue_code_in(db_path: Path, device_id: str, **options: Any) -> str:
    """A code written straight into a helpdesk's database (one in another process)."""
    database = Database(database_url_for(db_path))
    try:
        return issue_code(database, device_id, **options).code
    finally:
        database.dispose()


def enrol_body(
    device_id: str, code: str, key: bytes | None = None, nonce: str | None = None
) -> dict[str, Any]:
    """An enrolment as a console sends it (``nonce``: the same on a retry)."""
    return {
        "device_id": device_id,
        "enrolment_code": code,
        "checkpoint_public_key": CheckpointSigner(key).public_key if key is not None else None,
        "enrolment_nonce": nonce or uuid.uuid4().hex,
    }


def enrol_device(url: str, device_id: str, code: str, key: bytes | None = None) -> str:
    reply = httpx.post(f"{url}/v1/devices/enrol", json=enrol_body(device_id, code, key))
    reply.raise_for_status()
    token: str = reply.json()["device_token"]
    return token


PG_URL_ENV = "VIP_HELPDESK_TEST_PG_URL"


def database_url_for(db_path: Path) -> str:
    """The helpdesk database a test names by ``db_path``: that SQLite file or, with
    ``VIP_HELPDESK_TEST_PG_URL``, the PostgreSQL database named after the path. The same
    one on every call and from every process: a restarted helpdesk, a helpdesk in a
    child process and the test's own reads all find the same rows."""
    admin = os.environ.get(PG_URL_ENV)
    if not admin:
        return f"sqlite:///{db_path}"
    digest = hashlib.sha256(str(db_path.resolve()).encode()).hexdigest()[:24]
    return postgres_database(admin, f"helpdesk_test_{digest}")


_READERS: dict[str, Any] = {}  # one engine per database: a test polls it many times


def query_helpdesk(db_url: str, sql: str, **params: Any) -> list[tuple[Any, ...]]:
    """Rows of ``sql`` read straight from a helpdesk's database (SQLite or PostgreSQL)."""
    from sqlalchemy import create_engine, text
    from sqlalchemy.pool import NullPool

    if db_url not in _READERS:  # NullPool: no connection held between two reads
        _READERS[db_url] = create_engine(db_url, poolclass=NullPool)
    with _READERS[db_url].connect() as connection:
        return [tuple(row) for row in connection.execute(text(sql), params)]


def start_service(
    db_path: Path,
    *,
    guests: int = TEST_GUESTS,
    seed: bool = True,
    device_id: str = TEST_DEVICE_ID,
    **overrides: Any,
) -> HelpdeskService:
    settings = Settings(
        db_url=database_url_for(db_path),
        heartbeat_seconds=overrides.pop("heartbeat_seconds", TEST_HEARTBEAT_SECONDS),
        **overrides,
    )
    running = start_in_thread(settings)
    try:
        if seed:
            # Cheap PIN hashes: a test starts a service in well under a second.
            seed_demo(running.context, guest_count=guests, pin_cost=DEMO_PIN_COST)
        code = issue_code(running.context.db, device_id, ttl=settings.enrolment_code_ttl).code
        token = enrol_device(running.url, device_id, code, TEST_CHECKPOINT_KEY)
    except BaseException:
        running.stop()
        raise
    return HelpdeskService(
        url=running.url,
        device_id=device_id,
        device_token=token,
        staff_id=TEST_STAFF_ID,
        server=running,
        db_path=db_path,
        seeded_guests=guests if seed else 0,
    )


@pytest.fixture
def helpdesk_factory(tmp_path: Path) -> Iterator[Callable[..., HelpdeskService]]:
    started: list[HelpdeskService] = []

    def start(**options: Any) -> HelpdeskService:
        service = start_service(tmp_path / f"helpdesk-{len(started)}.db", **options)
        started.append(service)
        return service

    yield start
    for service in started:
        service.server.stop()


@pytest.fixture
def helpdesk(helpdesk_factory: Callable[..., HelpdeskService]) -> HelpdeskService:
    return helpdesk_factory()


@pytest.fixture
def client(helpdesk: HelpdeskService) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=helpdesk.url, timeout=10) as client:
        yield client


ROGUE = "TAB-ROGUE"  # a second device enrolled on the floor network: the attacker's


@pytest.fixture
def rogue(helpdesk: HelpdeskService) -> str:
    """The second enrolled device's token."""
    return helpdesk.enrol(ROGUE)


@pytest.fixture
def incident_id(client: httpx.Client, helpdesk: HelpdeskService) -> str:
    body = incident_body()
    reply = client.post("/v1/incidents", json=body, headers=helpdesk.headers(key=new_key()))
    assert reply.status_code == 201
    return str(body["id"])


BACKEND_ENV = "VIP_HELPDESK_TEST_BACKEND"  # "postgresql": the whole suite on PostgreSQL


def _start_postgres() -> Any:
    """A throwaway PostgreSQL server on loopback (tests/pg_server.py); skipped where
    PostgreSQL is not installed, unless ``VIP_TEST_POSTGRES=required``."""
    from tests.pg_server import NoPostgres, PostgresServer, postgres_required

    try:
        return PostgresServer.start()
    except NoPostgres as missing:
        if postgres_required():
            raise
        pytest.skip(str(missing))


@pytest.fixture(scope="session", autouse=True)
def _helpdesk_backend() -> Iterator[None]:
    """With ``VIP_HELPDESK_TEST_BACKEND=postgresql`` (``make test``'s second pass), every
    helpdesk the suite starts, in this process or a child, uses a server started here."""
    if os.environ.get(BACKEND_ENV) != "postgresql" or os.environ.get(PG_URL_ENV):
        yield
        return
    server = _start_postgres()
    os.environ[PG_URL_ENV] = server.url
    try:
        yield
    finally:
        del os.environ[PG_URL_ENV]
        server.stop()


@pytest.fixture(scope="session")
def postgres_admin_url(_helpdesk_backend: None) -> Iterator[str]:
    """The admin URL of a PostgreSQL server on loopback: the suite's own when it runs on
    PostgreSQL, else a throwaway one for the tests that need one."""
    if shared := os.environ.get(PG_URL_ENV):
        yield shared
        return
    server = _start_postgres()
    try:
        yield server.url
    finally:
        server.stop()


def fresh_postgres_database(admin_url: str) -> str:
    """A new, empty database on the server of ``admin_url``; its URL."""
    return postgres_database(admin_url, f"helpdesk_test_{uuid.uuid4().hex[:12]}")


def postgres_database(admin_url: str, name: str) -> str:
    """The URL of database ``name`` on the server of ``admin_url``, created if missing."""
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import ProgrammingError

    engine = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as connection:
            exists = connection.execute(
                text("SELECT 1 FROM pg_database WHERE datname = :name"), {"name": name}
            ).first()
            if exists is None:
                try:
                    connection.execute(text(f'CREATE DATABASE "{name}"'))
                except ProgrammingError:  # another process created it in between
                    pass
    finally:
        engine.dispose()
    return make_url(admin_url).set(database=name).render_as_string(hide_password=False)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """The integration tests drive faults the product logs at ERROR by design (a
    malformed answer, a refused feed page, the fault proxy cutting its own tasks):
    they assert on those paths themselves, so the ERROR-log check of tests/conftest.py
    does not apply to them yet."""
    here = Path(__file__).parent
    for item in items:
        if here in Path(str(item.fspath)).parents:
            item.add_marker(pytest.mark.allow_error_log)
