"""Suite-wide set-up: offscreen Qt and no real user directories, ever."""

import os
import tempfile
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
os.environ["VIP_CONSOLE_STORE_KEY"] = "5e" * 32


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    """A fresh data directory for one test."""
    path = tmp_path / "data"
    path.mkdir()
    return path
