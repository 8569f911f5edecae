"""The launcher of a versioned install directory (packaging/linux/vip-console-launch),
run by a real shell: it starts the current version, and starts the new current version
at once when the console exits with ``RESTART_FOR_UPDATE`` after installing it."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from app.updates.installed import RESTART_FOR_UPDATE

LAUNCHER = Path(__file__).parents[2] / "packaging" / "linux" / "vip-console-launch"


def _fake_console(root: Path, folder: str, body: str) -> None:
    """A bundle whose console writes its version and arguments to ``runs``."""
    console = root / folder / "vip-console"
    console.parent.mkdir(parents=True, exist_ok=True)
    console.write_text(f'#!/bin/sh\necho "{folder} $*" >> "{root}/runs"\n{body}\n')
    console.chmod(0o755)


def _launch(root: Path) -> subprocess.CompletedProcess[str]:
    launcher = root / "vip-console-launch"
    shutil.copy(LAUNCHER, launcher)
    return subprocess.run(
        [str(launcher), "run", "--kiosk"], capture_output=True, text=True, timeout=30
    )


def test_an_installed_update_starts_at_once_on_the_new_version(tmp_path: Path) -> None:
    # 0.1.0 installs 0.2.0 at the idle lock (the pointer moves), then asks to start again
    _fake_console(
        tmp_path,
        "versions/0.1.0",
        f'echo 0.2.0 > "{tmp_path}/current"\nexit {RESTART_FOR_UPDATE}',
    )
    _fake_console(tmp_path, "versions/0.2.0", "exit 3")  # dies: the launcher says so
    (tmp_path / "current").write_text("0.1.0\n")
    done = _launch(tmp_path)
    runs = (tmp_path / "runs").read_text().splitlines()
    assert runs == ["versions/0.1.0 run --kiosk", "versions/0.2.0 run --kiosk"]
    assert done.returncode == 3  # the unit's Restart=on-failure sees the death


def test_a_clean_exit_ends_the_launcher_and_no_version_file_starts_the_plain_bundle(
    tmp_path: Path,
) -> None:
    _fake_console(tmp_path, ".", "exit 0")  # IT's PIN closed the kiosk
    done = _launch(tmp_path)
    assert (tmp_path / "runs").read_text().splitlines() == [". run --kiosk"]
    assert done.returncode == 0
