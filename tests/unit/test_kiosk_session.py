"""The Linux kiosk session's files (packaging/linux): the system unit, its PAM file and
``vip-console-session``, which runs cage and exits with the console's own code.

The session is checked here with a stand-in ``cage`` first on PATH (it records its
arguments and runs the program after ``--``, or not at all); the real cage runs the real
console in tests/ui/test_kiosk_cage.py where cage is installed.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

LINUX = Path(__file__).parents[2] / "packaging" / "linux"
UNIT = LINUX / "vip-console-kiosk.service"
PAM = LINUX / "vip-console-kiosk.pam"
FAKE_CAGE = """#!/bin/sh
echo "$@" > "{record}"
[ "{run}" = yes ] || exit 0
while [ "$1" != "--" ]; do shift; done
shift
"$@"
exit 0  # as cage 0.1.4 does, whatever its client did
"""


def _service() -> dict[str, list[str]]:
    keys: dict[str, list[str]] = {}
    section = ""
    for line in UNIT.read_text().splitlines():
        if line.startswith("["):
            section = line.strip("[]")
        elif "=" in line and not line.startswith("#"):
            key, value = line.split("=", 1)
            keys.setdefault(f"{section}.{key}", []).append(value)
    return keys


def test_the_unit_runs_cage_on_tty1_as_the_kiosk_user_in_a_logind_session() -> None:
    unit = _service()
    assert unit["Service.User"] == ["vipkiosk"]  # never root: cage refuses it anyway
    assert unit["Service.PAMName"] == [PAM.stem]  # /etc/pam.d/vip-console-kiosk
    assert unit["Service.TTYPath"] == ["/dev/tty1"]
    assert unit["Unit.Conflicts"] == ["getty@tty1.service"]  # no login prompt under it
    assert unit["Service.ExecStart"] == ["/opt/vip-console/vip-console-session run --kiosk"]
    assert unit["Service.Restart"] == ["on-failure"]  # IT's exit 0 stays down
    assert "QT_QPA_PLATFORM=xcb" in unit["Service.Environment"]  # the bundle's plugin
    assert unit["Install.WantedBy"] == ["graphical.target"]
    pam = PAM.read_text()
    assert "pam_systemd.so" in pam and "pam_loginuid.so" in pam


@pytest.mark.skipif(shutil.which("systemd-analyze") is None, reason="no systemd-analyze here")
def test_systemd_analyze_verifies_the_unit(tmp_path: Path) -> None:
    install = tmp_path / "opt" / "vip-console"
    install.mkdir(parents=True)
    (install / "vip-console-session").write_text("#!/bin/sh\n")
    (install / "vip-console-session").chmod(0o755)
    unit = tmp_path / UNIT.name  # the unit as shipped but for where it is installed
    unit.write_text(UNIT.read_text().replace("/opt/vip-console/", f"{install}/"))
    done = subprocess.run(["systemd-analyze", "verify", str(unit)], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert UNIT.name not in done.stderr, done.stderr


def _session(
    tmp_path: Path, console_exit: int | None, *, cage_runs: bool = True
) -> tuple[int, str]:
    """``vip-console-session run --kiosk`` with a stand-in cage and console; returns the
    session's exit code and cage's arguments."""
    install, bin_dir, runtime = tmp_path / "opt", tmp_path / "bin", tmp_path / "run"
    for directory in (install, bin_dir, runtime):
        directory.mkdir()
    for script in ("vip-console-session", "vip-console-launch"):
        shutil.copy2(LINUX / script, install / script)
    console = install / "vip-console"
    console.write_text(f"#!/bin/sh\nexit {console_exit}\n" if console_exit is not None else "")
    console.chmod(0o755)
    record = tmp_path / "cage-args"
    cage = bin_dir / "cage"
    cage.write_text(FAKE_CAGE.format(record=record, run="yes" if cage_runs else "no"))
    cage.chmod(0o755)
    env = {"PATH": f"{bin_dir}:{os.environ['PATH']}", "XDG_RUNTIME_DIR": str(runtime)}
    done = subprocess.run(
        [str(install / "vip-console-session"), "run", "--kiosk"],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert not list(runtime.iterdir())  # the exit file does not outlive the session
    return done.returncode, record.read_text().strip()


def test_its_pin_exit_ends_the_session_with_0(tmp_path: Path) -> None:
    code, cage_args = _session(tmp_path, 0)
    assert code == 0
    assert cage_args.split(" -- ")[0].split() == ["-d"]  # no -s: no VT switch
    assert cage_args.endswith("/vip-console-launch run --kiosk")


@pytest.mark.parametrize("console_exit", [1, 134, 137])
def test_a_console_that_fails_fails_the_session_though_cage_exits_0(
    tmp_path: Path, console_exit: int
) -> None:
    assert _session(tmp_path, console_exit)[0] == console_exit


def test_cage_ending_before_the_console_is_a_failure(tmp_path: Path) -> None:
    assert _session(tmp_path, 0, cage_runs=False)[0] == 70


def test_the_session_needs_a_runtime_directory(tmp_path: Path) -> None:
    session = LINUX / "vip-console-session"
    done = subprocess.run([str(session)], env={"PATH": os.environ["PATH"]}, capture_output=True)
    assert done.returncode != 0 and b"runtime directory" in done.stderr
