"""What the console's start leaves for later: modules that only a signed-in user, the
helpdesk's link or an update use are not imported before the sign-in screen is up.

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
)

STARTED = """
import builtins, sys
import main

shown = builtins.print

def at_ready(*args, **kwargs):
    if args and args[0] == "console-ready":
        later = {later!r}
        loaded = sorted(name for name in later if name in sys.modules)
        shown("loaded-before-sign-in:" + ",".join(loaded), flush=True)
    shown(*args, **kwargs)

builtins.print = at_ready
sys.exit(main.main(["--data-dir", {data!r}, "run", "--exit-when-ready"]))
"""


def test_the_start_leaves_the_sync_link_pins_and_updates_for_later(tmp_path: Path) -> None:
    data = tmp_path / "demo"
    made = [sys.executable, "-m", "app.cli", "demo-data", "--guests", "3", "--out", str(data)]
    subprocess.run(made, cwd=ROOT, capture_output=True, check=True)
    env = {k: v for k, v in os.environ.items() if k != "VIP_CONSOLE_STORE_KEY"}  # demo key
    env["QT_QPA_PLATFORM"] = "offscreen"
    script = STARTED.format(later=LATER, data=str(data))
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
