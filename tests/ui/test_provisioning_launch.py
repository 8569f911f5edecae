"""A new tablet's first start, end to end in its own process against the real helpdesk:
the console shows the provisioning screen (no built-in code), IT's code enrols it, the
console is then built for the device id IT typed and starts; the helpdesk holds the
device live with its checkpoint key bound."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from app.settings import load_settings
from helpdesk.enrolment import list_devices
from tests.integration.conftest import start_service

ROOT = Path(__file__).resolve().parents[2]
DEVICE = "TAB-FIRST1"


def test_a_new_tablet_is_provisioned_at_first_start_then_starts(tmp_path: Path) -> None:
    service = start_service(tmp_path / "helpdesk.db", seed=False)
    try:
        code = service.issue_code(DEVICE, role_scope=("host",))
        env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "VIP_CONSOLE_STORE_KEY": "cd" * 32}
        data = tmp_path / "tablet"
        done = subprocess.run(
            [sys.executable, "-m", "tests.ui.provisioning_launch", str(data), service.url]
            + [DEVICE, code],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert done.returncode == 0, done.stderr[-2000:]
        assert "console-ready" in done.stdout
        assert load_settings(data).get("device_id") == DEVICE
        [row] = [r for r in list_devices(service.server.context.db) if r.device_id == DEVICE]
        assert (row.state, row.role_scope, row.checkpoint_key) == ("live", ["host"], True)
    finally:
        service.server.stop()


def test_a_fresh_tablet_shows_the_provisioning_screen_and_quits_cleanly(tmp_path: Path) -> None:
    """What the packaged build's smoke test (tools/check_bundle.py) asks of the bundle,
    asked of the console from source: no helpdesk answers, nothing enrolled."""
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "VIP_CONSOLE_STORE_KEY": "ef" * 32,
        "HOME": str(tmp_path / "home"),
        "XDG_STATE_HOME": str(tmp_path / "home" / "state"),
    }
    data = tmp_path / "tablet"
    done = subprocess.run(
        [sys.executable, "main.py", "--data-dir", str(data), "--helpdesk"]
        + ["https://127.0.0.1:9", "run", "--exit-at-provisioning"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert "provisioning-ready" in done.stdout
