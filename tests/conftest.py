"""Suite-wide set-up: offscreen Qt, no real user directories, ever, and no ERROR logged."""

import gc
import logging
import os
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

# Set before anything imports Qt or platformdirs resolves a path.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
_SANDBOX = Path(tempfile.mkdtemp(prefix="vip-console-tests-"))
for var in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME"):
    os.environ[var] = str(_SANDBOX / var.lower())
os.environ["VIP_CONSOLE_DATA_DIR"] = str(_SANDBOX / "data")
os.environ["HOME"] = str(_SANDBOX / "home")
# Never the real OS keystore: the fail backend, and a store key from the environment.
os.environ["PYTHON_KEYRING_BACKEND"] = "keyring.backends.fail.Keyring"
# Never the user's D-Bus session bus: an address where no bus listens (a test that needs
# one starts its own: tests/ui/session_bus.py).
os.environ["DBUS_SESSION_BUS_ADDRESS"] = f"unix:path={_SANDBOX / 'no-session-bus'}"
os.environ["VIP_CONSOLE_STORE_KEY"] = "5e" * 32


@pytest.fixture(autouse=True)
def _switch_interval_kept() -> Iterator[None]:
    """A console attached to a sync hands the GIL over every 0.5 ms (ui/sync/wiring.py):
    interpreter-wide, so it is put back after each test rather than slowing every later
    threaded test of the same worker (a fifth slower: thousands of forced switches)."""
    interval = sys.getswitchinterval()
    yield
    sys.setswitchinterval(interval)


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    """A fresh data directory for one test."""
    path = tmp_path / "data"
    path.mkdir()
    return path


class _ErrorRecords(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


@pytest.fixture(autouse=True)
def _no_error_logged(request: pytest.FixtureRequest) -> Iterator[None]:
    """A test that logs at ERROR fails: a bug the console would show in its crash dialog,
    or a task whose exception nobody retrieved (asyncio logs it when the task is collected,
    hence the collection here, kept to what the test made: what outlives it is frozen).
    A test that provokes one on purpose says so with ``@pytest.mark.allow_error_log``."""
    handler = _ErrorRecords()
    root = logging.getLogger()
    root.addHandler(handler)
    try:
        yield
        gc.collect()
        gc.freeze()  # what outlives a test is not traversed again by the next one's collection
    finally:
        root.removeHandler(handler)
    if handler.records and request.node.get_closest_marker("allow_error_log") is None:
        logged = "\n".join(f"{r.name}: {r.getMessage()}" for r in handler.records)
        pytest.fail(f"logged at ERROR (mark allow_error_log if on purpose):\n{logged}")
