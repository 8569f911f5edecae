"""What the console's start leaves for later: modules that only a signed-in user, the
helpdesk's link or an update use are not imported before the sign-in screen is up, and
the store's data layer (SQLAlchemy) loads on its own thread once the window is up.

The console starts as ``make run`` starts it (a demo directory, the embedded helpdesk),
and the modules loaded when it says "console-ready" (the cold-start benchmark's finish
line) are checked in that same process.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

# Each one was on the start's path once: its import cost the start milliseconds.
LATER = (
    "httpx",  # the helpdesk's client: built when the embedded helpdesk has its address
    "app.sync.transport",
    "app.sync.replay",
    "app.sync.feed",
    "argon2",  # PINs hashed and verified: at a sign-in
    "pyotp",  # TOTP codes: at a sign-in
    "tarfile",  # an update's archive
    "pyhanko",  # acts and reports: in their worker
    "reportlab",
    "email",  # a Retry-After given as an HTTP date (app/sync/backoff.py)
)
# The store's data layer: loaded on its own thread once the sign-in screen is up and the
# sync attached (offline_cache/pending.py), a third of the start before.
DATA_LAYER = ("sqlalchemy", "offline_cache.store", "offline_cache.repositories")

STARTED = """
import builtins, sys
import main
from offline_cache.pending import PendingStore

shown = builtins.print
start_loading = PendingStore.start

def loading(store):
    loaded = sorted(name for name in {data_layer!r} if name in sys.modules)
    shown("data-layer-before-its-thread:" + ",".join(loaded), flush=True)
    start_loading(store)

PendingStore.start = loading

def at_ready(*args, **kwargs):
    if args and args[0] == "console-ready":
        later = {later!r}
        loaded = sorted(name for name in later if name in sys.modules)
        shown("loaded-before-sign-in:" + ",".join(loaded), flush=True)
    shown(*args, **kwargs)

builtins.print = at_ready
sys.exit(main.main(["--data-dir", {data!r}, "run", "--exit-when-ready"]))
"""


def test_the_start_leaves_the_link_pins_updates_and_data_layer_for_later(tmp_path: Path) -> None:
    data = tmp_path / "demo"
    made = [sys.executable, "-m", "app.cli", "demo-data", "--guests", "3", "--out", str(data)]
    subprocess.run(made, cwd=ROOT, capture_output=True, check=True)
    env = {k: v for k, v in os.environ.items() if k != "VIP_CONSOLE_STORE_KEY"}  # demo key
    env["QT_QPA_PLATFORM"] = "offscreen"
    script = STARTED.format(later=LATER, data=str(data), data_layer=DATA_LAYER)
    result = subprocess.run(
        [sys.executable, "-c", script],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    lines = result.stdout.splitlines()
    assert "console-ready" in lines, result.stdout
    loaded = next(line for line in lines if line.startswith("loaded-before-sign-in:"))
    assert loaded == "loaded-before-sign-in:", f"imported by the start: {loaded}"
    # Then the data layer's own line: loaded, and the loop's longest wait meanwhile (ms).
    after = lines[lines.index("console-ready") + 1 :]
    layer = next(line for line in after if line.startswith("data-layer-ready "))
    assert float(layer.split()[1]) >= 0.0
    # The first start is the hand-off; later ones (a wait) find it loading or loaded.
    handed_off = next(line for line in lines if line.startswith("data-layer-before-its-thread:"))
    assert handed_off == "data-layer-before-its-thread:", result.stdout
