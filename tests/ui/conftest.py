"""UI test fixtures: a qasync loop on pytest-qt's QApplication, the async helper, fonts."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from pathlib import Path

import pytest
import qasync
from PySide6.QtWidgets import QApplication

from app.actor import Actor
from app.clock import FakeClock
from app.domain import Role, Staff
from app.gc_rest import settle_young
from app.messages import KeyedError
from app.security.secrets import DEMO_PIN_COST, hash_demo_pin
from app.services.auth import AuthService
from app.services.guests import GuestService
from offline_cache import SqliteStore, open_store
from tests.ui.demo_objects import NOW, demo_guests
from tests.ui.waits import WAIT_MS
from ui.async_ops import AsyncOps, log_error
from ui.event_loop import ConsoleEventLoop
from ui.fonts import install_fonts
from ui.i18n import use_language
from ui.theme import apply_theme


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    # The offscreen platform plugin warns that it cannot propagate size hints or raise a
    # window; that is the test platform talking, not the app.
    for item in items:
        if "tests/ui/" in str(item.path).replace("\\", "/"):
            item.add_marker(pytest.mark.qt_log_ignore("propagateSizeHints", "support raise"))


@pytest.fixture
def themed_app(qapp: QApplication) -> QApplication:
    """pytest-qt's QApplication with our fonts and theme, as ``run_console`` sets up."""
    install_fonts(qapp)
    apply_theme(qapp)
    return qapp


@pytest.fixture
def french(qapp: QApplication) -> Iterator[None]:
    """The French catalogue installed for one test (list it before ``console``: the
    window takes the language it starts in as the tablet's)."""
    assert use_language(qapp, "fr")
    yield
    use_language(qapp, "en")


@pytest.fixture(autouse=True)
def _settle_only_what_the_test_made(request: pytest.FixtureRequest, monkeypatch) -> None:
    """At a sign-in and a lock the console unfreezes and walks its whole heap
    (``settle_all``, app/gc_rest.py): a console's is ~140,000 objects, a test worker's is
    every earlier test's too (all frozen by tests/conftest.py), so each sign-in paid a
    full collection of the worker's history (late in tests/ui, 38% of the worker's time).
    Here the window settles what this test made (``settle_young``); the tests of the full
    settle itself are marked ``full_gc_settle`` and get the real one."""
    if request.node.get_closest_marker("full_gc_settle") is None:
        monkeypatch.setattr("ui.main_window.settle_all", settle_young)


@pytest.fixture(autouse=True)
def _english_after_each_test() -> Iterator[None]:
    """A language chosen in a test (on the sign-in screen, say) never leaks into the next."""
    yield
    app = QApplication.instance()
    if isinstance(app, QApplication):
        use_language(app, "en")


@pytest.fixture
def qasync_loop(themed_app: QApplication, qtbot) -> Iterator[qasync.QEventLoop]:
    """A qasync loop riding on the Qt event loop that ``qtbot.wait*`` spins.

    Modelled on qasync's own test fixture, with ``already_running=True`` because
    pytest-qt, not ``loop.run_forever``, drives the Qt loop here.
    """
    loop = ConsoleEventLoop(themed_app, already_running=True)
    asyncio.set_event_loop(loop)
    try:
        yield loop
    finally:
        tasks = asyncio.all_tasks(loop)
        for task in tasks:
            task.cancel()
        qtbot.waitUntil(lambda: all(t.done() for t in tasks), timeout=WAIT_MS)
        themed_app.aboutToQuit.disconnect(loop._after_run_forever)
        # Not loop.stop(): it calls QApplication.exit(), which in Qt 6 emits aboutToQuit
        # and makes every later QEventLoop.exec() (qtbot.waitSignal) return at once.
        loop._QEventLoop__is_running = False  # type: ignore[attr-defined]
        loop._after_run_forever()
        asyncio.events._set_running_loop(None)
        loop.close()
        asyncio.set_event_loop(None)


@pytest.fixture
def ops(qasync_loop: qasync.QEventLoop) -> Iterator[AsyncOps]:
    """The helper with its presenters kept for the test to read: ``errors`` (bugs, logged
    at ERROR as the console's crash hook does, so an unexpected one fails the test) and
    ``refusals`` (the core's, which the console shows translated)."""
    errors: list[BaseException] = []
    refusals: list[KeyedError] = []

    def crash(exc: BaseException) -> None:
        errors.append(exc)
        log_error(exc)

    helper = AsyncOps(present_error=crash, present_refusal=refusals.append)
    helper.errors = errors  # type: ignore[attr-defined]
    helper.refusals = refusals  # type: ignore[attr-defined]
    yield helper
    helper.shutdown()


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(NOW)


@pytest.fixture
def store(tmp_path: Path) -> Iterator[SqliteStore]:
    """A real offline store in ``tmp_path`` with two staff and the demo guests."""
    opened = open_store(tmp_path / "data")
    pin = hash_demo_pin("1234", cost=DEMO_PIN_COST)
    with opened.unit_of_work() as uow:
        uow.staff.save(Staff(id="H001", name="Amelia Chen", role=Role.HOST, pin_hash=pin))
        uow.staff.save(Staff(id="P001", name="Маркус Ли", role=Role.PIT_BOSS, pin_hash=pin))
        for guest in demo_guests():
            uow.guests.save(guest)
    yield opened
    opened.close()


@pytest.fixture
def auth(store: SqliteStore, clock: FakeClock) -> AuthService:
    return AuthService(store, clock, device_id="TAB-TEST-01")


@pytest.fixture
def guest_service(store: SqliteStore, clock: FakeClock) -> GuestService:
    return GuestService(store, clock)


HOST = Actor(staff_id="H001", role=Role.HOST, device_id="TAB-TEST-01", name="Amelia Chen")
PIT_BOSS = Actor(staff_id="P001", role=Role.PIT_BOSS, device_id="TAB-TEST-01", name="Маркус Ли")


# The real console on a demo property (journey tests): see tests/ui/demo_console.py.
from tests.ui.demo_console import console, demo_property  # noqa: E402, F401


@pytest.fixture(scope="module")
def small_demo_data(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A demo data directory of 60 guests for the tests that start a console in a child
    process (each copies it: the console writes to its store)."""
    from app.cli import parse_args, run_command

    directory = tmp_path_factory.mktemp("demo") / "data"
    assert run_command(parse_args(["demo-data", "--guests", "60", "--out", str(directory)])) == 0
    return directory


@pytest.fixture
def kiosk(qtbot, store, clock, ops, tmp_path: Path):  # noqa: ANN001, ANN201
    """A kiosk window (ui/kiosk) over the test store, IT's PIN the demo one."""
    from PySide6.QtWidgets import QMainWindow

    from app.kiosk import KioskExit, it_pin_verifier
    from app.settings import load_settings
    from ui.kiosk.guard import KioskGuard

    window = QMainWindow()
    qtbot.addWidget(window)
    (tmp_path / "device").mkdir()
    verifier = it_pin_verifier(load_settings(tmp_path / "device"), demo=True)
    guard = KioskGuard(window, KioskExit(store, clock, "TAB-K1", verifier), ops)
    guard.show()
    qtbot.waitExposed(window)
    yield guard
    guard.exit_allowed = True  # let the fixture's teardown close it
    guard.awake.release()
